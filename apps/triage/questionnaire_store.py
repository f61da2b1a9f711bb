"""The questionnaire triage runs: the active document in the database, parsed once per change.

Which document is active is asked of the database at most once every
LUMPGUIDE_CONTENT_RECHECK_SECONDS per process (Django's "local" cache); a process that
saves or deletes a document forgets at once. The parsed questionnaire and its spec are kept
per document, change and language (functools), so a request normally costs no query here.

Each language other than English has its words in a translation (QuestionnaireTranslation,
loaded from content/triage/questionnaire.<language>.yaml); the rules are the document's, so
every language gives the same codes for the same answers. A language without a translation
gets English.
"""

import hashlib
import json
import logging
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from apps.triage.engine import Questionnaire, QuestionnaireError, load_questionnaire
from apps.triage.engine.translate import apply_texts
from apps.triage.models import QuestionnaireDocument, QuestionnaireTranslation
from lumpguide import fast_yaml, languages

logger = logging.getLogger(__name__)


def questionnaire_file() -> Path:
    return settings.LUMPGUIDE_CONTENT_DIR / "triage" / "questionnaire.yaml"


def translation_files(path: Path | None = None) -> dict[str, Path]:
    """Each other language's texts, content/triage/questionnaire.<language>.yaml beside the
    questionnaire file, where there is one."""
    path = path or questionnaire_file()
    beside = {language: languages.edition_file(path, language) for language in other_languages()}
    return {language: file for language, file in beside.items() if file.exists()}


def parse_yaml(text: str, translation: str | None = None, *, language: str = "") -> Questionnaire:
    """Validate YAML text as a questionnaire, in the translation's words when one is given;
    raises yaml.YAMLError or QuestionnaireError."""
    data = fast_yaml.safe_load(text)
    if translation is not None:
        data = apply_texts(data, fast_yaml.safe_load(translation), language=language)
    return load_questionnaire(data)


@lru_cache(maxsize=8)
def _parsed(key: tuple, language: str = "en") -> Questionnaire:
    """Parse once per active document (its id and last change) or per file version, and
    language.

    A stored document that this version of the engine no longer accepts (saved before a
    deploy changed the format, and not yet replaced by `load_questionnaire`) is logged and
    the reviewed file is used instead, so triage never fails for the person.
    """
    if key[0] == "db":
        text = QuestionnaireDocument.objects.filter(pk=key[1]).values_list("yaml_text", flat=True)
        text = text.first()
        translation = (
            QuestionnaireTranslation.objects.filter(document_id=key[1], language=language)
            .values_list("yaml_text", flat=True)
            .first()
        )
        try:
            if text is not None:
                return parse_yaml(text, translation, language=language)
            logger.warning("Active questionnaire %s was deleted; using the file", key[1])
        except (yaml.YAMLError, QuestionnaireError):
            logger.exception("Active questionnaire %s does not load; using the file", key[1])
    path = questionnaire_file()
    translated = translation_files(path).get(language)
    return parse_yaml(
        path.read_text(encoding="utf-8"),
        translated.read_text(encoding="utf-8") if translated else None,
        language=language,
    )


ACTIVE_KEY = "triage:active-questionnaire"


def _current_key() -> tuple:
    return caches["local"].get_or_set(
        ACTIVE_KEY, _active_key_from_database, settings.LUMPGUIDE_CONTENT_RECHECK_SECONDS
    )


def _active_key_from_database() -> tuple:
    active = QuestionnaireDocument.objects.filter(is_active=True).values_list("pk", "updated_at")
    row = active.first()
    if row is not None:
        return ("db", *row)
    path = questionnaire_file()
    translations = tuple(file.stat().st_mtime_ns for file in translation_files(path).values())
    return ("file", str(path), path.stat().st_mtime_ns, translations)


@receiver(post_save, sender=QuestionnaireDocument)
@receiver(post_delete, sender=QuestionnaireDocument)
def _forget_active_key(**kwargs) -> None:
    """A document changed in this process: ask the database again on the next request."""
    caches["local"].delete(ACTIVE_KEY)


@receiver(post_save, sender=QuestionnaireTranslation)
@receiver(post_delete, sender=QuestionnaireTranslation)
def _translation_changed(instance: QuestionnaireTranslation, **kwargs) -> None:
    """A language's words changed: the document counts as changed (its key is its id and last
    change), so every process parses it afresh."""
    QuestionnaireDocument.objects.filter(pk=instance.document_id).update(updated_at=timezone.now())
    caches["local"].delete(ACTIVE_KEY)


def current_questionnaire(language: str | None = None) -> Questionnaire:
    """The active questionnaire in `language` (default: the request's); the reviewed file
    until one has been loaded."""
    return _parsed(_current_key(), languages.active(language))


def other_languages() -> list[str]:
    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@contextmanager
def _naming(path: Path):
    """A file that cannot be read or is not a questionnaire: an error that names it (the
    Spanish file's, not the English one's)."""
    try:
        yield
    except (OSError, UnicodeDecodeError, yaml.YAMLError, QuestionnaireError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise QuestionnaireError(f"{path}: {reason}") from exc


@transaction.atomic
def load_questionnaire_file(path: Path | None = None) -> tuple[QuestionnaireDocument, bool]:
    """Make the file, with each language's texts beside it, the active questionnaire unless it
    already is. Every language is validated first. Returns (document, changed)."""
    path = path or questionnaire_file()
    with _naming(path):
        text = path.read_text(encoding="utf-8")
        questionnaire = parse_yaml(text)
    translations = {}
    for language, translated in translation_files(path).items():
        with _naming(translated):
            translations[language] = translated.read_text(encoding="utf-8")
            parse_yaml(text, translations[language], language=language)
    text_hash = hashlib.sha256(
        json.dumps([text, sorted(translations.items())]).encode()
    ).hexdigest()
    active = QuestionnaireDocument.objects.select_for_update().filter(is_active=True).first()
    if active is not None and active.source_hash == text_hash:
        return active, False
    QuestionnaireDocument.objects.filter(is_active=True).update(is_active=False)
    document = QuestionnaireDocument.objects.create(
        version=questionnaire.version,
        yaml_text=text,
        is_active=True,
        source_file=str(path),
        source_hash=text_hash,
    )
    for language, translation in translations.items():
        QuestionnaireTranslation.objects.create(
            document=document, language=language, yaml_text=translation
        )
    return document, True


@dataclass(frozen=True)
class SpecJson:
    content: bytes
    etag: str


def current_with_spec(language: str | None = None) -> tuple[Questionnaire, SpecJson]:
    """The active questionnaire and its spec from one look at which is active, so that what a
    page shows and the version that names its cached parts can never differ."""
    key, language = _current_key(), languages.active(language)
    return _parsed(key, language), _spec_json(key, language)


def current_spec_json(language: str | None = None) -> SpecJson:
    """The active questionnaire's spec (in `language`, default the request's) as JSON bytes
    with a strong ETag, made once per active version and language, as the parsed
    questionnaire is."""
    return _spec_json(_current_key(), languages.active(language))


@lru_cache(maxsize=8)
def _spec_json(key: tuple, language: str) -> SpecJson:
    spec = _parsed(key, language).spec
    content = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).encode()
    return SpecJson(content, '"' + hashlib.sha256(content).hexdigest()[:32] + '"')
