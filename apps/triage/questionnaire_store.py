"""The questionnaire triage runs: the active document in the database, parsed once per change."""

import hashlib
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from apps.triage.engine import Questionnaire, load_questionnaire
from apps.triage.models import QuestionnaireDocument


def questionnaire_file() -> Path:
    return settings.LUMPGUIDE_CONTENT_DIR / "triage" / "questionnaire.yaml"


def parse_yaml(text: str) -> Questionnaire:
    """Validate YAML text as a questionnaire; raises yaml.YAMLError or QuestionnaireError."""
    return load_questionnaire(yaml.safe_load(text))


@lru_cache(maxsize=4)
def _parsed(key: tuple) -> Questionnaire:
    """Parse once per active document (its id and last change) or per file version."""
    if key[0] == "db":
        text = QuestionnaireDocument.objects.values_list("yaml_text", flat=True).get(pk=key[1])
    else:
        text = questionnaire_file().read_text(encoding="utf-8")
    return parse_yaml(text)


def current_questionnaire() -> Questionnaire:
    """The active questionnaire; the reviewed file until one has been loaded."""
    active = QuestionnaireDocument.objects.filter(is_active=True).values_list("pk", "updated_at")
    row = active.first()
    if row is not None:
        return _parsed(("db", *row))
    path = questionnaire_file()
    return _parsed(("file", str(path), path.stat().st_mtime_ns))


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
