from django.contrib import admin

from apps.reminders.models import PushAttempt, PushSubscription, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["pk", "device", "due_at", "timezone", "channel", "state", "attempts"]
    list_filter = ["state", "channel"]
    readonly_fields = ["attempt_id", "lease_until", "claimed_by", "sent_at", "version"]


@admin.register(PushAttempt)
class PushAttemptAdmin(admin.ModelAdmin):
    list_display = ["reminder", "attempt_id", "version", "status_code", "outcome", "created_at"]
    list_filter = ["outcome"]


admin.site.register(PushSubscription)
