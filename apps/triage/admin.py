import yaml
from django import forms
from django.contrib import admin, messages

from apps.triage import check_in_answers
from apps.triage.engine import QuestionnaireError
from apps.triage.models import QuestionnaireDocument, QuestionnaireTranslation
from apps.triage.questionnaire_store import other_languages, parse_yaml


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


class TranslationFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        """Each language's words must fit the document's questions, options and rules."""
        super().clean()
        languages = other_languages()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or "yaml_text" not in data:
                continue
            if data.get("language") not in languages:
                form.add_error("language", f"Choose one of: {', '.join(languages)}.")
                continue
            if not self.instance.yaml_text:
                continue  # the questionnaire itself is wrong: its own field says why
            try:
                parse_yaml(self.instance.yaml_text, data["yaml_text"], language=data["language"])
            except (yaml.YAMLError, QuestionnaireError, TypeError) as exc:
                form.add_error("yaml_text", str(exc))


class TranslationInline(admin.StackedInline):
    model = QuestionnaireTranslation
    formset = TranslationFormSet
    extra = 0
    fields = ["language", "yaml_text"]
    formfield_overrides = {
        QuestionnaireTranslation._meta.get_field("yaml_text").__class__: {
            "widget": forms.Textarea(attrs={"rows": 30, "cols": 100})
        }
    }


@admin.register(QuestionnaireDocument)
class QuestionnaireDocumentAdmin(admin.ModelAdmin):
    form = QuestionnaireDocumentForm
    inlines = [TranslationInline]
    list_display = ["version", "is_active", "updated_at", "source_file"]
    readonly_fields = ["source_file", "updated_at"]

    def save_model(self, request, obj, form, change) -> None:
        """Save; then say if the lump diary's mapping no longer fits (it is a file in the
        repository, so it cannot be mended here, and it must not stop a clinical edit)."""
        super().save_model(request, obj, form, change)
        if not obj.is_active:
            return
        problems = check_in_answers.mapping().problems(parse_yaml(obj.yaml_text))
        if problems:
            self.message_user(
                request,
                "Saved. The lump diary's check-in mapping (content/triage/"
                "check_in_answers.yaml) does not fit this questionnaire, so “Check your lump "
                "again” will not fill in what it names until the file is changed to match: "
                + "; ".join(problems),
                level=messages.WARNING,
            )
