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
def _parsed(text_hash: str, text: str) -> Questionnaire:
    return parse_yaml(text)


def current_questionnaire() -> Questionnaire:
    """The active questionnaire; the reviewed file until one has been loaded."""
    document = QuestionnaireDocument.objects.filter(is_active=True).only("yaml_text").first()
    text = document.yaml_text if document else questionnaire_file().read_text(encoding="utf-8")
    return _parsed(hashlib.sha256(text.encode()).hexdigest(), text)


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
