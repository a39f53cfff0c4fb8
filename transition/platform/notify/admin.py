from django.contrib import admin

from transition.platform.core.admin import ReadOnlyAdmin

from .models import EmailLog


@admin.register(EmailLog)
class EmailLogAdmin(ReadOnlyAdmin):
    """Read-only: the log is written by `email_send` and the sending job only."""

    list_display = ["created_at", "to", "subject", "product", "template", "status", "attempts", "sent_at"]
    list_filter = ["status", "product", "template"]
    search_fields = ["to", "subject", "message_id"]
    date_hierarchy = "created_at"
