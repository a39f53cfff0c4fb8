from django.contrib import admin

from .models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read only: the log is written by the application, never edited."""

    list_display = ("created_at", "action", "product", "actor", "object_type", "object_id")
    list_filter = ("product", "action")
    search_fields = ("action", "object_type", "object_id")
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Event._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
