from django.contrib import admin

from .models import DataVersion


@admin.register(DataVersion)
class DataVersionAdmin(admin.ModelAdmin):
    """Read only: a version moves with the data it counts, never by hand."""

    list_display = ("name", "version", "changed_at")
    readonly_fields = ("name", "version", "changed_at")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
