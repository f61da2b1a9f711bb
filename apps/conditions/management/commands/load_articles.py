from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.conditions.article_file import ArticleFileError
from apps.conditions.services import load_articles


class Command(BaseCommand):
    help = "Load the condition articles from content/conditions/<language>/*.md into the database."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dir",
            type=Path,
            default=settings.LUMPGUIDE_CONTENT_DIR / "conditions",
            help="Folder holding one sub-folder per language.",
        )

    def handle(self, *args, dir: Path, **options) -> None:
        if not dir.is_dir():  # one line naming the folder, not a traceback or 0 articles
            raise CommandError(f"No articles folder at {dir} (LUMPGUIDE_CONTENT_DIR).")
        try:
            report = load_articles(content_dir=dir)
        except ArticleFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Articles: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged."
        )
