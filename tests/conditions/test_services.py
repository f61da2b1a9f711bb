"""Loading article files into the database: idempotent, sanitised, file wins over stale rows."""

from pathlib import Path

import pytest

from apps.conditions.article_file import REQUIRED_SECTIONS
from apps.conditions.models import Article
from apps.conditions.services import load_articles
from tests.conditions.test_article_file import VALID

pytestmark = pytest.mark.django_db


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "lipoma.md").write_text(VALID)
    return tmp_path


def test_load_creates_then_changes_nothing(content_dir):
    first = load_articles(content_dir=content_dir)
    assert first.created == ["en/lipoma"]
    stamp = Article.objects.get().updated_at
    second = load_articles(content_dir=content_dir)
    assert second.created == [] and second.updated == [] and second.unchanged == ["en/lipoma"]
    assert Article.objects.get().updated_at == stamp
    assert Article.objects.count() == 1


def test_changed_file_updates_the_article(content_dir):
    load_articles(content_dir=content_dir)
    path = content_dir / "en" / "lipoma.md"
    path.write_text(path.read_text().replace("None needed.", "Usually none needed."))
    report = load_articles(content_dir=content_dir)
    assert report.updated == ["en/lipoma"]
    assert "Usually none needed." in Article.objects.get().html_after_care


def test_admin_edit_survives_reload_of_unchanged_file(content_dir):
    load_articles(content_dir=content_dir)
    article = Article.objects.get()
    article.summary = "Edited in the admin."
    article.save()
    load_articles(content_dir=content_dir)
    assert Article.objects.get().summary == "Edited in the admin."


def test_html_is_sanitised_and_split_at_treatment(content_dir):
    path = content_dir / "en" / "lipoma.md"
    path.write_text(
        path.read_text().replace(
            "A lipoma is a soft lump.",
            "A lipoma <script>alert(1)</script> is [soft](javascript:alert(1))"
            " <img src=x onerror=alert(1)>.",
        )
    )
    load_articles(content_dir=content_dir)
    article = Article.objects.get()
    html = article.html_before_care + article.html_after_care
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html
    assert "<img" not in html
    assert "Check if it" in article.html_before_care
    assert article.html_after_care.startswith("<h2")
    assert "Treatment" in article.html_after_care.split("</h2>")[0]


def test_language_folders_are_loaded_separately(content_dir):
    (content_dir / "es").mkdir()
    spanish = VALID
    for english, heading in zip(REQUIRED_SECTIONS["en"], REQUIRED_SECTIONS["es"], strict=True):
        spanish = spanish.replace(f"## {english}", f"## {heading}")
    (content_dir / "es" / "lipoma.md").write_text(spanish)
    report = load_articles(content_dir=content_dir)
    assert sorted(report.created) == ["en/lipoma", "es/lipoma"]
    assert set(Article.objects.values_list("language", flat=True)) == {"en", "es"}
