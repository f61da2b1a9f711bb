"""Shared fixtures: plain static storage (no collectstatic needed) and article factories."""

import datetime as dt
from pathlib import Path

import pytest

from apps.conditions.models import Article

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def make_article(db):
    def make(slug: str = "lipoma", **fields) -> Article:
        values = {
            "title": slug.replace("-", " ").capitalize(),
            "summary": f"A one-line summary of {slug}.",
            "keywords": "soft lump\nfatty lump",
            "body": (
                f"Intro about {slug}.\n\n## Check if it's {slug}\n\n- it is soft\n\n"
                "## Things you can do\n\n### Do\n\n- wait\n\n### Don't\n\n- squeeze it\n\n"
                "## Treatment\n\nUsually none.\n\n## Causes and who gets it\n\nAnyone.\n"
            ),
            "care_see_a_doctor": "the lump is getting bigger",
            "care_urgent": "the lump is red and hot",
            "care_emergency": "you feel very unwell",
            "sources": [
                {
                    "key": "NHS-LIPOMA",
                    "publisher": "NHS",
                    "title": "Lipoma",
                    "url": "https://www.nhs.uk/conditions/lipoma/",
                }
            ],
            "status": Article.Status.PUBLISHED,
            "reviewed_by": "Test reviewer",
            "last_reviewed": dt.date(2026, 11, 24),
            "next_review_due": dt.date(2029, 11, 24),
        }
        values.update(fields)
        return Article.objects.create(slug=slug, **values)

    return make


@pytest.fixture
def real_articles(db):
    """The articles shipped in content/conditions, loaded as `make run` loads them."""
    from apps.conditions.services import load_articles

    load_articles(content_dir=CONTENT_DIR / "conditions")
    return Article.objects.all()
