from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.conditions.article_file import CARE_SECTION, sections_for
from apps.conditions.markdown_html import split_before_section, to_safe_html


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(max_length=64)
    language = models.CharField(max_length=10, default="en")
    title = models.CharField(max_length=120)
    summary = models.CharField(max_length=160)
    keywords = models.TextField(
        blank=True, help_text=_("Other words people search with, one per line.")
    )
    body = models.TextField(
        help_text=_(
            "Markdown. Level-2 headings: Check if…, Things you can do, Treatment, "
            "Causes and who gets it."
        )
    )
    care_see_a_doctor = models.TextField(help_text=_("Non-urgent care card, one bullet per line."))
    care_urgent = models.TextField(help_text=_("Urgent care card, one bullet per line."))
    care_emergency = models.TextField(help_text=_("Emergency care card, one bullet per line."))
    sources = models.JSONField(default=list, help_text=_("List of {key, publisher, title, url}."))
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    reviewed_by = models.CharField(max_length=200)
    last_reviewed = models.DateField()
    next_review_due = models.DateField()
    source_file = models.CharField(max_length=300, blank=True, editable=False)
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    html_before_care = models.TextField(blank=True, editable=False)
    html_after_care = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "language"], name="unique_article_language"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs) -> None:
        self.html_before_care, self.html_after_care = split_before_section(
            to_safe_html(self.body), sections_for(self.language)[CARE_SECTION]
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("conditions:detail", args=[self.slug])

    @property
    def care(self) -> dict[str, list[str]]:
        return {
            "see_a_doctor": _lines(self.care_see_a_doctor),
            "urgent": _lines(self.care_urgent),
            "emergency": _lines(self.care_emergency),
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
