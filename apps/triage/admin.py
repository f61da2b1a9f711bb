import yaml
from django import forms
from django.contrib import admin

from apps.triage.engine import QuestionnaireError
from apps.triage.models import QuestionnaireDocument
from apps.triage.questionnaire_store import parse_yaml


class QuestionnaireDocumentForm(forms.ModelForm):
    class Meta:
        model = QuestionnaireDocument
        fields = ["version", "yaml_text", "is_active"]
        widgets = {"yaml_text": forms.Textarea(attrs={"rows": 40, "cols": 100})}

    def clean_yaml_text(self) -> str:
        text = self.cleaned_data["yaml_text"]
        try:
            parse_yaml(text)
        except (yaml.YAMLError, QuestionnaireError) as exc:
            raise forms.ValidationError(str(exc)) from exc
        return text


@admin.register(QuestionnaireDocument)
class QuestionnaireDocumentAdmin(admin.ModelAdmin):
    form = QuestionnaireDocumentForm
    list_display = ["version", "is_active", "updated_at", "source_file"]
    readonly_fields = ["source_file", "updated_at"]
