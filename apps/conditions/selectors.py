"""Read published articles, in the reader's language where one exists."""

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils.translation import get_language

from apps.conditions.models import Article

FALLBACK_LANGUAGE = "en"


def _language() -> str:
    return (get_language() or FALLBACK_LANGUAGE).split("-")[0]


def published_articles() -> QuerySet[Article]:
    """One published article per slug: the reader's language, else English."""
    language = _language()
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    local = published.filter(language=language)
    fallback = published.filter(language=FALLBACK_LANGUAGE).exclude(slug__in=local.values("slug"))
    return (local | fallback).order_by("title")


def search_articles(query: str) -> QuerySet[Article]:
    """Published articles matching every word of the query, best matches first."""
    articles = published_articles()
    words = query.split()[:8]
    for word in words:
        articles = articles.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(keywords__icontains=word)
            | Q(body__icontains=word)
        )
    if not words:
        return articles
    first = words[0]
    return articles.annotate(
        rank=Case(
            When(title__icontains=first, then=Value(0)),
            When(Q(summary__icontains=first) | Q(keywords__icontains=first), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("rank", "title")


def get_published_article(slug: str) -> Article | None:
    return published_articles().filter(slug=slug).first()


def published_slugs() -> set[str]:
    return set(published_articles().values_list("slug", flat=True))


def article_cache_keys() -> list[tuple[str, str]]:
    """(URL, last change) for every published article: what the service worker stores."""
    return [
        (reverse("conditions:detail", args=[slug]), updated.isoformat())
        for slug, updated in published_articles().values_list("slug", "updated_at")
    ]
