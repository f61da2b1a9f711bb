"""Read one article file (YAML front matter + Markdown body) into validated plain data."""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from lumpguide import fast_yaml

#: Each edition's level-2 headings, in order, by how they start (content/conditions/
#: sections.yaml). The care cards go just before the third ("Treatment").
SECTIONS_PATH = Path(__file__).resolve().parents[2] / "content" / "conditions" / "sections.yaml"
REQUIRED_SECTIONS: dict[str, tuple[str, ...]] = {
    language: tuple(headings)
    for language, headings in fast_yaml.safe_load(SECTIONS_PATH.read_text(encoding="utf-8")).items()
}
CARE_SECTION = 2


def sections_for(language: str) -> tuple[str, ...]:
    """The headings an article in `language` must have (English's for a language without its
    own list, so a new language can start from translated files alone)."""
    return REQUIRED_SECTIONS.get(language, REQUIRED_SECTIONS["en"])


CARE_KEYS = ("see_a_doctor", "urgent", "emergency")
SOURCE_KEYS = ("key", "publisher", "title", "url")
#: A source may say its language ("en") when it is not the article's, so the page marks it.
LANGUAGE_CODES = tuple(REQUIRED_SECTIONS)
STATUSES = ("draft", "published")
SUMMARY_MAX = 160


class ArticleFileError(ValueError):
    """An article file is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class ArticleData:
    slug: str
    language: str
    title: str
    summary: str
    status: str
    reviewed_by: str
    last_reviewed: dt.date
    next_review_due: dt.date
    keywords: tuple[str, ...]
    care: dict[str, tuple[str, ...]]
    sources: tuple[dict[str, str], ...]
    body: str
    source_file: str
    source_hash: str


def read_article_file(path: Path, *, language: str) -> ArticleData:
    text = path.read_text(encoding="utf-8")
    return parse_article(text, source_file=str(path), language=language)


def parse_article(text: str, *, source_file: str, language: str) -> ArticleData:
    def fail(message: str) -> ArticleFileError:
        return ArticleFileError(f"{source_file}: {message}")

    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", text, re.DOTALL)
    if not match:
        raise fail("must start with YAML front matter between two '---' lines")
    try:
        meta = fast_yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise fail(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise fail("front matter must be a mapping of fields")
    body = match.group(2).strip() + "\n"

    def text_field(name: str, *, max_length: int | None = None) -> str:
        value = meta.get(name)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"field '{name}' is missing or empty")
        if max_length and len(value) > max_length:
            raise fail(f"field '{name}' is longer than {max_length} characters")
        return value.strip()

    def date_field(name: str) -> dt.date:
        value = meta.get(name)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise fail(f"field '{name}' must be a date like 2026-11-24")

    def string_list(value: object, name: str, *, required: bool) -> tuple[str, ...]:
        if value is None and not required:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(f"field '{name}' must be a list of text items")
        if required and not value:
            raise fail(f"field '{name}' needs at least one item")
        return tuple(v.strip() for v in value)

    slug = text_field("slug")
    expected_slug = Path(source_file).stem
    if slug != expected_slug:
        raise fail(f"field 'slug' is '{slug}' but the file is named '{expected_slug}.md'")
    status = text_field("status")
    if status not in STATUSES:
        raise fail(f"field 'status' must be one of {', '.join(STATUSES)}, not '{status}'")

    care_meta = meta.get("care")
    if not isinstance(care_meta, dict):
        raise fail("field 'care' must have see_a_doctor, urgent and emergency lists")
    care = {key: string_list(care_meta.get(key), f"care.{key}", required=True) for key in CARE_KEYS}

    raw_sources = meta.get("sources")
    if not isinstance(raw_sources, list) or not raw_sources:
        raise fail("field 'sources' must list at least one source")
    sources = []
    for index, source in enumerate(raw_sources, start=1):
        if not isinstance(source, dict):
            raise fail(f"field 'sources' item {index} must have key, publisher, title and url")
        for key in SOURCE_KEYS:
            if not isinstance(source.get(key), str) or not source[key].strip():
                raise fail(f"field 'sources' item {index} is missing '{key}'")
        if not source["url"].startswith("https://") and not source["url"].startswith("http://"):
            raise fail(f"field 'sources' item {index} has a url that is not a web address")
        entry = {key: source[key].strip() for key in SOURCE_KEYS}
        if "language" in source:  # a source in another language than the article's
            if source["language"] not in LANGUAGE_CODES:
                raise fail(f"field 'sources' item {index} has an unknown language")
            entry["language"] = source["language"]
        sources.append(entry)

    headings = re.findall(r"^## (.+)$", body, re.MULTILINE)
    if re.search(r"^# ", body, re.MULTILINE):
        raise fail("body must not have a level-1 heading (the title comes from front matter)")
    sections = sections_for(language)
    if len(headings) != len(sections) or not all(
        heading.startswith(prefix) for heading, prefix in zip(headings, sections, strict=False)
    ):
        expected = ", ".join(f"'## {prefix}…'" for prefix in sections)
        raise fail(f"body must have exactly these level-2 headings in order: {expected}")

    last_reviewed = date_field("last_reviewed")
    next_review_due = date_field("next_review_due")
    if next_review_due <= last_reviewed:
        raise fail("field 'next_review_due' must be after 'last_reviewed'")

    return ArticleData(
        slug=slug,
        language=language,
        title=text_field("title", max_length=120),
        summary=text_field("summary", max_length=SUMMARY_MAX),
        status=status,
        reviewed_by=text_field("reviewed_by"),
        last_reviewed=last_reviewed,
        next_review_due=next_review_due,
        keywords=string_list(meta.get("keywords"), "keywords", required=False),
        care=care,
        sources=tuple(sources),
        body=body,
        source_file=source_file,
        source_hash=hashlib.sha256(body.encode() + match.group(1).encode()).hexdigest(),
    )
