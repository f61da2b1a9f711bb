import re

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from apps.conditions import search, selectors
from lumpguide.rendering import render_page

MAX_QUERY_LENGTH = 100
# NUL and other control characters mean nothing in a search (and PostgreSQL refuses NUL).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@require_safe
def article_list(request: HttpRequest) -> HttpResponse:
    query = _CONTROL.sub(" ", request.GET.get("q", "")).strip()[:MAX_QUERY_LENGTH]
    articles = selectors.search_articles(query)
    context = {
        "articles": articles,
        "matches": sum(article.matches for article in articles),
        "query": query,
        "search_words": search.load_words(),
    }
    return render_page(request, "conditions/article_list.html", context, partial="results")


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = selectors.get_published_article(slug)
    if article is None:
        raise Http404("No such article")
    return render_page(request, "conditions/article_detail.html", {"article": article})
