"""Every published English article reads at the NHS's reading age of about 9 (Flesch reading
ease >= 70 and Flesch-Kincaid grade <= 4.5, the clinical review of 2026-12-06)."""

from apps.conditions.article_file import read_article_file
from tests.conftest import CONTENT_DIR
from tests.reading_age import (
    MAX_GRADE,
    MIN_READING_EASE,
    PLACEHOLDER,
    grade,
    plain_text,
    reading_ease,
    replace_medical_terms,
)


def published_english_articles():
    paths = sorted((CONTENT_DIR / "conditions" / "en").glob("*.md"))
    articles = [read_article_file(path, language="en") for path in paths]
    return [article for article in articles if article.status == "published"]


def test_every_published_english_article_is_plain_english():
    articles = published_english_articles()
    assert articles
    scores = {a.slug: reading_ease(f"{a.summary}\n\n{a.body}") for a in articles}
    for slug, score in sorted(scores.items(), key=lambda item: item[1]):
        print(f"{score:5.1f}  {slug}")
    failures = [
        f"{slug}: Flesch reading ease {score:.1f}"
        for slug, score in sorted(scores.items(), key=lambda item: item[1])
        if score < MIN_READING_EASE
    ]
    assert not failures, f"articles below {MIN_READING_EASE}:\n" + "\n".join(failures)
    grades = {a.slug: grade(f"{a.summary}\n\n{a.body}") for a in articles}
    too_hard = [f"{slug}: grade {g:.2f}" for slug, g in sorted(grades.items()) if g > MAX_GRADE]
    assert not too_hard, f"articles above grade {MAX_GRADE}:\n" + "\n".join(too_hard)


def test_plain_text_strips_markdown_and_keeps_link_text():
    markdown = (
        "## Check if it's a cyst\n\n"
        "Read **this** and [the NHS page](https://www.nhs.uk/) *now*.\n\n"
        "- a lump\n"
        "- a sore:\n"
        "1. first step\n"
    )
    assert plain_text(markdown) == (
        "Check if it's a cyst.\nRead this and the NHS page now.\na lump.\na sore:\nfirst step."
    )


def test_medical_names_do_not_count_against_the_words_around_them():
    text = "A lipoma or cauda equina syndrome, like epidural\nabscesses, has a name."
    assert replace_medical_terms(text) == (
        f"A {PLACEHOLDER} or {PLACEHOLDER}, like {PLACEHOLDER}, has a name."
    )
    assert reading_ease("Doctors call it episacroiliac lipoma.") > reading_ease(
        "Doctors call it an unexplained intermittent swelling."
    )


def test_hard_clinical_prose_fails_the_check():
    """The check has teeth: textbook wording scores well below the bar, even with the
    medical names taken out."""
    hard = (
        "Spinal epidural abscess characteristically presents with nonspecific symptomatology, "
        "necessitating heightened clinical suspicion and expeditious magnetic resonance "
        "imaging. Neurological deterioration may be precipitous and irreversible."
    )
    assert reading_ease(hard) < MIN_READING_EASE
