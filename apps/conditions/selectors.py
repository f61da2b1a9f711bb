"""Read published articles, in the reader's language where one exists."""

from django.db.models import QuerySet
from django.urls import reverse

from apps.conditions import search
from apps.conditions.models import Article
from lumpguide import languages

FALLBACK_LANGUAGE = "en"


def published_articles() -> QuerySet[Article]:
    """One published article per slug: the reader's language, else English."""
    language = languages.active()
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    local = published.filter(language=language)
    fallback = published.filter(language=FALLBACK_LANGUAGE).exclude(slug__in=local.values("slug"))
    return (local | fallback).order_by("title")


def search_articles(query: str) -> list[Article]:
    """Published articles matching any searchable word of the query, best first; every one,
    by title, for an empty query or one of only stop words (apps/conditions/search.py).

    Each article carries `search_text` (its search index, for the page's offline search) and
    `search_order` (its place by title, the ranking's tie-break)."""
    words = search.load_words()
    articles = list(published_articles())
    indexes = [search.index_article(article_fields(article), words) for article in articles]
    for position, (article, index) in enumerate(zip(articles, indexes, strict=True)):
        article.search_text = search.to_search_text(index)
        article.search_order = position
    return [articles[position] for position in search.rank(query, indexes, words)]


def article_fields(article: Article) -> dict[str, str]:
    """An article's searchable text, as search.index_article takes it."""
    return {
        "title": article.title,
        "keywords": article.keywords,
        "summary": article.summary,
        "body": search.plain_text(article.body),
    }


def get_published_article(slug: str) -> Article | None:
    """The published article for `slug` in the reader's language, else in English: one plain
    query on the (slug, language) key."""
    language = languages.active()
    found = {
        article.language: article
        for article in Article.objects.filter(
            slug=slug, status=Article.Status.PUBLISHED, language__in={language, FALLBACK_LANGUAGE}
        )
    }
    return found.get(language) or found.get(FALLBACK_LANGUAGE)


def published_slugs() -> set[str]:
    return set(published_articles().values_list("slug", flat=True))


def article_cache_keys() -> list[tuple[str, str]]:
    """(URL, last change) for every published article: what the service worker stores."""
    return [
        (reverse("conditions:detail", args=[slug]), updated.isoformat())
        for slug, updated in published_articles().values_list("slug", "updated_at")
    ]
