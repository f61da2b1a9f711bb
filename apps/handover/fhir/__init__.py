"""The hand-over in FHIR R4, built and validated with fhir.resources' R4B models (R4B has R4's
resources; the package's default models are R5). docs/adr/0007-handover-summary-and-fhir.md
says why this shape.

- terms.py: canonical URLs (settings.LUMPGUIDE_CANONICAL_BASE), the codes and their English
  displays, codings, translations and narratives.
- definitions.py: the published Questionnaire and CodeSystems, in English with the other
  languages' words as translations.
- document.py: the download, always a document Bundle (Composition first; the advice, the
  answers and one Observation per check-in).
"""

from apps.handover.fhir.definitions import code_system, questionnaire_resource
from apps.handover.fhir.document import document
from apps.handover.fhir.terms import (
    CODE_SYSTEMS,
    DOCUMENT_CODES,
    OBSERVATION_CODES,
    QUESTIONNAIRE_ID,
    SNOMED,
    SNOMED_FINDINGS,
)

__all__ = [
    "CODE_SYSTEMS",
    "DOCUMENT_CODES",
    "OBSERVATION_CODES",
    "QUESTIONNAIRE_ID",
    "SNOMED",
    "SNOMED_FINDINGS",
    "code_system",
    "document",
    "questionnaire_resource",
]
