from django.contrib import admin

from apps.conditions.models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "language", "status", "reviewed_by", "next_review_due"]
    list_filter = ["status", "language"]
    search_fields = ["title", "slug", "summary", "keywords"]
    readonly_fields = ["source_file", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "language", "summary", "keywords", "status"]}),
        ("Review", {"fields": ["reviewed_by", "last_reviewed", "next_review_due"]}),
        ("Content", {"fields": ["body", "care_see_a_doctor", "care_urgent", "care_emergency"]}),
        ("Sources", {"fields": ["sources", "source_file", "updated_at"]}),
    ]
