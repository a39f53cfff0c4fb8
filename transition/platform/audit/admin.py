from django.contrib import admin

from transition.platform.core.admin import ReadOnlyAdmin

from .models import Event


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """Read only: the log is written by the application, never edited."""

    list_display = ("created_at", "action", "product", "actor", "object_type", "object_id")
    list_filter = ("product", "action")
    search_fields = ("action", "object_type", "object_id")
    date_hierarchy = "created_at"
