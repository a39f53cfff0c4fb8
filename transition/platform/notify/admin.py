from django.contrib import admin

from .models import EmailLog


@admin.register(EmailLog)
class EmailLogAdmin(admin.ModelAdmin):
    """Read-only: the log is written by `email_send` and the sending job only."""

    list_display = ["created_at", "to", "subject", "product", "template", "status", "attempts", "sent_at"]
    list_filter = ["status", "product", "template"]
    search_fields = ["to", "subject", "message_id"]
    date_hierarchy = "created_at"
    exclude = ["outbox"]  # the body of a message waiting to leave: not for reading
    readonly_fields = [f.name for f in EmailLog._meta.fields if f.name != "outbox"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
