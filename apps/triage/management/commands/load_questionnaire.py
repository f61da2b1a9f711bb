from django.core.management.base import BaseCommand, CommandError

from apps.triage.engine import QuestionnaireError
from apps.triage.questionnaire_store import load_questionnaire_file


class Command(BaseCommand):
    help = "Make content/triage/questionnaire.yaml the active questionnaire (if it changed)."

    def handle(self, *args, **options) -> None:
        try:
            document, changed = load_questionnaire_file()
        except QuestionnaireError as exc:  # names the file: English, or a translation
            raise CommandError(f"LUMPGUIDE_CONTENT_DIR: {exc}") from exc
        state = "loaded" if changed else "unchanged"
        self.stdout.write(f"Questionnaire {document.version}: {state}.")
