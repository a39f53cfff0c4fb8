from django.contrib import admin

from transition.platform.core.admin import ReadOnlyAdmin

from .models import Snapshot


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    """Read-only: snapshots come from the daily job or `manage.py impact_snapshot`."""

    list_display = ["product", "key", "date", "value", "computed_at"]
    list_filter = ["product", "key"]
    date_hierarchy = "date"
    ordering = ["-date", "product", "key"]
