from django.contrib import admin

from transition.platform.core.admin import ReadOnlyAdmin

from .models import Job


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ("pk", "kind", "state", "done_count", "total", "resumed_count", "owner", "created_at")
    list_filter = ("state", "kind")
    search_fields = ("kind", "dedupe_key")
    date_hierarchy = "created_at"
