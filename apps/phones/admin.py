from django.contrib import admin

from apps.phones.models import Device

admin.site.register(Device)
