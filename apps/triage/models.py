from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionnaireDocument(models.Model):
    """The questionnaire and its rules as reviewed YAML; the active one is what triage runs."""

    version = models.CharField(max_length=40)
    yaml_text = models.TextField(
        help_text=_("The whole questionnaire in YAML. It is validated before it is saved.")
    )
    is_active = models.BooleanField(default=True)
    source_file = models.CharField(max_length=300, blank=True, editable=False)
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="one_active_questionnaire",
            )
        ]

    def __str__(self) -> str:
        return f"Questionnaire {self.version}" + (" (active)" if self.is_active else "")


class QuestionnaireTranslation(models.Model):
    """One language's words for a questionnaire document (the rules and ids are the
    document's): YAML keyed by id, as content/triage/questionnaire.<language>.yaml."""

    document = models.ForeignKey(
        QuestionnaireDocument, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(max_length=10)
    yaml_text = models.TextField(
        help_text=_("This language's texts in YAML, by the questionnaire's ids. Validated.")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"], name="one_translation_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.language})"
