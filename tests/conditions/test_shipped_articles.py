"""The articles in content/conditions: one per contract slug, complete and region-neutral."""

import re

import pytest

from apps.conditions.services import read_article_directory
from tests.conftest import CONTENT_DIR

CONTRACT_SLUGS = {
    "epidermoid-cyst", "skin-abscess", "lipoma", "episacroiliac-lipoma", "pilonidal-sinus",
    "haematoma", "muscle-knot", "cellulitis", "herniated-disc", "spinal-tumour",
    "soft-tissue-sarcoma", "skin-cancer", "cauda-equina-syndrome", "spinal-infection",
    # Added 2026-12-06 (look-alikes)
    "kidney-infection", "shingles", "hidradenitis-suppurativa", "spinal-fracture",
    "aortic-aneurysm", "lumbar-hernia", "pressure-ulcer", "spinal-dysraphism",
}  # fmt: skip
REGIONAL_WORDS = re.compile(r"\b(999|111|911|112|000)\b|A&E")


@pytest.fixture(scope="module")
def articles():
    return read_article_directory(content_dir=CONTENT_DIR / "conditions")


def test_every_contract_slug_has_a_published_english_article(articles):
    english = {a.slug: a for a in articles if a.language == "en"}
    assert set(english) == CONTRACT_SLUGS
    assert all(a.status == "published" for a in english.values())


def test_articles_name_no_regional_phone_numbers(articles):
    """The page adds the reader's own numbers; an article must not hard-code one region's."""
    for article in articles:
        texts = [article.body, *[item for items in article.care.values() for item in items]]
        for text in texts:
            assert not REGIONAL_WORDS.search(text), f"{article.slug}: {text[:80]}"


def test_articles_cite_sources_and_review_dates(articles):
    for article in articles:
        assert article.sources, article.slug
        assert article.next_review_due > article.last_reviewed


def test_articles_load_and_render(real_articles, client):
    for article in real_articles:
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.slug
        assert "LumpGuide does not diagnose" in response.content.decode()
