from django.urls import path

from apps.phones import views

app_name = "phones"
urlpatterns = [
    path("your-data/", views.your_data, name="your_data"),
    path("your-data/lumpguide-my-data.json", views.your_data_download, name="your_data_download"),
    path("your-data/delete/", views.your_data_delete, name="your_data_delete"),
]
