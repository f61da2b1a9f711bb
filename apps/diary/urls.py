from django.urls import path

from apps.diary import views

app_name = "diary"
urlpatterns = [
    path("diary/", views.diary_view, name="diary"),
    path("diary/check-in/", views.check_in, name="check_in"),
    path("diary/photos/", views.photos, name="photos"),
    path("diary/check-again/", views.check_again, name="check_again"),
    path(
        "diary/check-ins/<int:check_in_id>/delete/", views.check_in_delete, name="check_in_delete"
    ),
]
