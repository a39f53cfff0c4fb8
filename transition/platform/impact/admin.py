from django.contrib import admin

from .models import Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Read-only: snapshots come from the daily job or `manage.py impact_snapshot`."""

    list_display = ["product", "key", "date", "value", "computed_at"]
    list_filter = ["product", "key"]
    date_hierarchy = "date"
    ordering = ["-date", "product", "key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
