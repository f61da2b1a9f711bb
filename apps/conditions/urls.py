from django.urls import path

from apps.conditions import views

app_name = "conditions"
urlpatterns = [
    path("", views.article_list, name="list"),
    path("<slug:slug>/", views.article_detail, name="detail"),
]
