from django.contrib import admin

from apps.diary.models import CheckIn

admin.site.register(CheckIn)
