from django.urls import path

from apps.reminders import views

app_name = "reminders"
urlpatterns = [
    path("diary/", views.diary_view, name="diary"),
    path("diary/check-in/", views.check_in, name="check_in"),
    path("diary/check-again/", views.check_again, name="check_again"),
    path(
        "diary/check-ins/<int:check_in_id>/delete/", views.check_in_delete, name="check_in_delete"
    ),
    path("reminders/", views.reminder_list, name="list"),
    path("reminders/new/", views.reminder_new, name="new"),
    path("reminders/<int:reminder_id>/", views.reminder_edit, name="edit"),
    path("reminders/<int:reminder_id>/snooze/", views.reminder_snooze, name="snooze"),
    path("reminders/<int:reminder_id>/cancel/", views.reminder_cancel, name="cancel"),
    path("reminders/<int:reminder_id>/calendar.ics", views.reminder_calendar, name="calendar"),
    path("reminders/push/subscribe/", views.push_subscribe, name="push_subscribe"),
    path("reminders/push/off/", views.push_off, name="push_off"),
    path("your-data/", views.your_data, name="your_data"),
    path("your-data/lumpguide-my-data.json", views.your_data_download, name="your_data_download"),
    path("your-data/delete/", views.your_data_delete, name="your_data_delete"),
]
