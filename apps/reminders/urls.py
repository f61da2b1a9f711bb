from django.urls import path

from apps.reminders import views

app_name = "reminders"
urlpatterns = [
    path("reminders/", views.reminder_list, name="list"),
    path("reminders/new/", views.reminder_new, name="new"),
    path("reminders/<int:reminder_id>/", views.reminder_edit, name="edit"),
    path("reminders/<int:reminder_id>/snooze/", views.reminder_snooze, name="snooze"),
    path("reminders/<int:reminder_id>/cancel/", views.reminder_cancel, name="cancel"),
    path("reminders/<int:reminder_id>/calendar.ics", views.reminder_calendar, name="calendar"),
    path("reminders/push/subscribe/", views.push_subscribe, name="push_subscribe"),
    path("reminders/push/off/", views.push_off, name="push_off"),
]
