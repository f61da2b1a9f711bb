"""The article file reader: clear errors that name the file and the field."""

import pytest

from apps.conditions.article_file import ArticleFileError, parse_article

VALID = """---
slug: lipoma
title: Lipoma
summary: A soft, fatty lump under the skin.
status: published
reviewed_by: Editorial team
last_reviewed: 2026-11-24
next_review_due: 2029-11-24
keywords: [fatty lump]
care:
  see_a_doctor: [the lump is getting bigger]
  urgent: [the lump is red and hot]
  emergency: [you feel very unwell]
sources:
  - key: NHS-LIPOMA
    publisher: NHS website
    title: Lipoma
    url: https://www.nhs.uk/conditions/lipoma/
---
A lipoma is a soft lump.

## Check if it's a lipoma
- soft

## Things you can do
### Do
- leave it
### Don't
- squeeze it

## Treatment
None needed.

## Causes and who gets it
Anyone.
"""


def parse(text: str):
    return parse_article(text, source_file="content/conditions/en/lipoma.md", language="en")


def test_valid_file_is_read():
    article = parse(VALID)
    assert article.slug == "lipoma"
    assert article.care["urgent"] == ("the lump is red and hot",)
    assert article.sources[0]["url"] == "https://www.nhs.uk/conditions/lipoma/"
    assert article.last_reviewed.isoformat() == "2026-11-24"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("summary: A soft, fatty lump under the skin.\n", ""), "field 'summary' is missing"),
        (("status: published", "status: live"), "field 'status' must be one of"),
        (("next_review_due: 2029-11-24", "next_review_due: soon"), "field 'next_review_due'"),
        (("  urgent: [the lump is red and hot]\n", ""), "field 'care.urgent'"),
        (
            ("    url: https://www.nhs.uk/conditions/lipoma/\n", ""),
            "'sources' item 1 is missing 'url'",
        ),
        (("slug: lipoma", "slug: cyst"), "field 'slug' is 'cyst'"),
        (("## Treatment", "## How it is treated"), "level-2 headings"),
        (("title: Lipoma", "title: [unclosed"), "not valid YAML"),
    ],
)
def test_malformed_file_names_file_and_field(change, message):
    old, new = change
    with pytest.raises(ArticleFileError) as error:
        parse(VALID.replace(old, new, 1))
    assert str(error.value).startswith("content/conditions/en/lipoma.md: ")
    assert message in str(error.value)


def test_missing_front_matter_is_an_error():
    with pytest.raises(ArticleFileError, match="front matter"):
        parse("# Lipoma\n\nNo front matter.")
