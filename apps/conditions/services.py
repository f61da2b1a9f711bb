"""Load article files into the database, idempotently."""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from apps.conditions.article_file import ArticleData, read_article_file
from apps.conditions.models import Article


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def read_article_directory(*, content_dir: Path) -> list[ArticleData]:
    """Every article file under content_dir/<language>/*.md, validated."""
    articles = []
    for language_dir in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        for path in sorted(language_dir.glob("*.md")):
            articles.append(read_article_file(path, language=language_dir.name))
    return articles


@transaction.atomic
def load_articles(*, content_dir: Path) -> LoadReport:
    """Create or update one Article per file. A file that has not changed since it was last
    loaded is left alone, so edits made in the admin survive until the file itself changes."""
    report = LoadReport()
    for data in read_article_directory(content_dir=content_dir):
        label = f"{data.language}/{data.slug}"
        article = Article.objects.filter(slug=data.slug, language=data.language).first()
        if article is not None and article.source_hash == data.source_hash:
            report.unchanged.append(label)
            continue
        is_new = article is None
        article = article or Article(slug=data.slug, language=data.language)
        _copy_into(article, data)
        article.save()
        (report.created if is_new else report.updated).append(label)
    return report


def _copy_into(article: Article, data: ArticleData) -> None:
    article.title = data.title
    article.summary = data.summary
    article.keywords = "\n".join(data.keywords)
    article.body = data.body
    article.care_see_a_doctor = "\n".join(data.care["see_a_doctor"])
    article.care_urgent = "\n".join(data.care["urgent"])
    article.care_emergency = "\n".join(data.care["emergency"])
    article.sources = [dict(source) for source in data.sources]
    article.status = data.status
    article.reviewed_by = data.reviewed_by
    article.last_reviewed = data.last_reviewed
    article.next_review_due = data.next_review_due
    article.source_file = data.source_file
    article.source_hash = data.source_hash
