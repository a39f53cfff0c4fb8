"""Admin bases shared by every app."""

from django.contrib import admin

from .models import DataVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    """For logs and histories written by the application only (audit events, emails sent,
    indicator snapshots, job runs): the team reads them, nobody adds, edits or deletes one here."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields] + [f.name for f in self.model._meta.many_to_many]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DataVersion)
class DataVersionAdmin(ReadOnlyAdmin):
    """A version moves with the data it counts, never by hand."""

    list_display = ("name", "version", "changed_at")
