"""The questionnaire triage runs: the active document in the database, parsed once per change.

Which document is active is asked of the database at most once every
LUMPGUIDE_CONTENT_RECHECK_SECONDS per process (Django's "local" cache); a process that
saves or deletes a document forgets at once. The parsed questionnaire and its spec are kept
per document and change (functools), so a request normally costs no query here.
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from apps.triage.engine import Questionnaire, QuestionnaireError, load_questionnaire
from apps.triage.models import QuestionnaireDocument

logger = logging.getLogger(__name__)


def questionnaire_file() -> Path:
    return settings.LUMPGUIDE_CONTENT_DIR / "triage" / "questionnaire.yaml"


def parse_yaml(text: str) -> Questionnaire:
    """Validate YAML text as a questionnaire; raises yaml.YAMLError or QuestionnaireError."""
    return load_questionnaire(yaml.safe_load(text))


@lru_cache(maxsize=4)
def _parsed(key: tuple) -> Questionnaire:
    """Parse once per active document (its id and last change) or per file version.

    A stored document that this version of the engine no longer accepts (saved before a
    deploy changed the format, and not yet replaced by `load_questionnaire`) is logged and
    the reviewed file is used instead, so triage never fails for the person.
    """
    if key[0] == "db":
        text = QuestionnaireDocument.objects.filter(pk=key[1]).values_list("yaml_text", flat=True)
        text = text.first()
        try:
            if text is not None:
                return parse_yaml(text)
            logger.warning("Active questionnaire %s was deleted; using the file", key[1])
        except (yaml.YAMLError, QuestionnaireError):
            logger.exception("Active questionnaire %s does not load; using the file", key[1])
    return parse_yaml(questionnaire_file().read_text(encoding="utf-8"))


ACTIVE_KEY = "triage:active-questionnaire"


def _current_key() -> tuple:
    local = caches["local"]
    key = local.get(ACTIVE_KEY)
    if key is None:
        key = _active_key_from_database()
        local.set(ACTIVE_KEY, key, settings.LUMPGUIDE_CONTENT_RECHECK_SECONDS)
    return key


def _active_key_from_database() -> tuple:
    active = QuestionnaireDocument.objects.filter(is_active=True).values_list("pk", "updated_at")
    row = active.first()
    if row is not None:
        return ("db", *row)
    path = questionnaire_file()
    return ("file", str(path), path.stat().st_mtime_ns)


@receiver(post_save, sender=QuestionnaireDocument)
@receiver(post_delete, sender=QuestionnaireDocument)
def _forget_active_key(**kwargs) -> None:
    """A document changed in this process: ask the database again on the next request."""
    caches["local"].delete(ACTIVE_KEY)


def current_questionnaire() -> Questionnaire:
    """The active questionnaire; the reviewed file until one has been loaded."""
    return _parsed(_current_key())


@transaction.atomic
def load_questionnaire_file(path: Path | None = None) -> tuple[QuestionnaireDocument, bool]:
    """Make the file the active questionnaire unless it already is. Returns (document, changed)."""
    path = path or questionnaire_file()
    text = path.read_text(encoding="utf-8")
    questionnaire = parse_yaml(text)
    text_hash = hashlib.sha256(text.encode()).hexdigest()
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
    return document, True


@dataclass(frozen=True)
class SpecJson:
    content: bytes
    etag: str


def current_spec_json() -> SpecJson:
    """The active questionnaire's spec as JSON bytes with a strong ETag, made once per
    active version, as the parsed questionnaire is."""
    return _spec_json(_current_key())


@lru_cache(maxsize=4)
def _spec_json(key: tuple) -> SpecJson:
    content = json.dumps(_parsed(key).spec, ensure_ascii=False, separators=(",", ":")).encode()
    return SpecJson(content, '"' + hashlib.sha256(content).hexdigest()[:32] + '"')
