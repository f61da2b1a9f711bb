"""Read published articles, in the reader's language where one exists."""

from django.conf import settings
from django.core.cache import caches
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
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
    """Every published article: those matching any searchable word of the query first, best
    first, each with `matches` True; then the others by title, `matches` False. For an empty
    query, or one of only stop words, all match, by title (apps/conditions/search.py).

    The others are listed too (the page hides them) so that the page's own search, which
    works offline, always has every article to rank, whatever the last search showed.
    Each article carries `search_text` (its search index, for that search) and
    `search_order` (its place by title, the ranking's tie-break)."""
    words = search.load_words()
    articles = list(published_articles())
    indexes = [search.index_article(article_fields(article), words) for article in articles]
    for position, (article, index) in enumerate(zip(articles, indexes, strict=True)):
        article.search_text = search.to_search_text(index)
        article.search_order = position
        article.matches = False
    shown = search.rank(query, indexes, words)
    for position in shown:
        articles[position].matches = True
    hidden = [article for article in articles if not article.matches]
    return [articles[position] for position in shown] + hidden


def article_fields(article: Article) -> dict[str, str]:
    """An article's searchable text, as search.index_article takes it."""
    return {
        "title": article.title,
        "keywords": article.keywords,
        "summary": article.summary,
        "body": search.plain_text(article.body),
    }


def get_published_article(slug: str) -> Article | None:
    """The published article for `slug` in the reader's language, else in English.

    An article found is trusted for LUMPGUIDE_CONTENT_RECHECK_SECONDS in this process
    (Django's "local" cache, as the active questionnaire is: ADR 0009); a process that
    saves or deletes an article forgets it at once."""
    if len(slug) > Article._meta.get_field("slug").max_length:
        return None  # no article has it; and a cache key must stay short (memcached: 250)
    language = languages.active()
    local = caches["local"]
    key = _article_key(slug, language)
    article = local.get(key)
    if article is None:
        article = _published_article_from_database(slug, language)
        if article is not None:
            local.set(key, article, settings.LUMPGUIDE_CONTENT_RECHECK_SECONDS)
    return article


def _article_key(slug: str, language: str) -> str:
    return f"conditions:article:{language}:{slug}"


def _published_article_from_database(slug: str, language: str) -> Article | None:
    """One plain query on the (slug, language) key."""
    found = {
        article.language: article
        for article in Article.objects.filter(
            slug=slug, status=Article.Status.PUBLISHED, language__in={language, FALLBACK_LANGUAGE}
        )
    }
    return found.get(language) or found.get(FALLBACK_LANGUAGE)


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
def _forget_article(instance: Article, **kwargs) -> None:
    """An article changed in this process: read it again on the next request, in every
    language (an English change shows wherever English stands in)."""
    caches["local"].delete_many(
        [_article_key(instance.slug, code) for code, _ in settings.LANGUAGES]
    )


def published_slugs() -> set[str]:
    return set(published_articles().values_list("slug", flat=True))


def article_cache_keys() -> list[tuple[str, str]]:
    """(URL, last change) for every published article: what the service worker stores."""
    return [
        (reverse("conditions:detail", args=[slug]), updated.isoformat())
        for slug, updated in published_articles().values_list("slug", "updated_at")
    ]
