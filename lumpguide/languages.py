"""The languages LumpGuide speaks: which one a request is in, and where an edition's files
are (content files beside the English one: sizes.yaml, sizes.es.yaml)."""

from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language


def active(language: str | None = None) -> str:
    """A language LumpGuide has (settings.LANGUAGES): `language`, by default the request's,
    itself ("pt-br"), else its base ("pt"), else the default language."""
    code = (language or get_language() or settings.LANGUAGE_CODE).lower()
    known = dict(settings.LANGUAGES)
    for candidate in (code, code.split("-")[0]):
        if candidate in known:
            return candidate
    return settings.LANGUAGE_CODE


def edition_file(path: Path, language: str) -> Path:
    """The file of `language`'s edition beside `path`: questionnaire.yaml ->
    questionnaire.es.yaml."""
    return path.with_name(f"{path.stem}.{language}{path.suffix}")
