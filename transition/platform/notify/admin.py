from django.contrib import admin

from transition.platform.core.admin import ReadOnlyAdmin

from .models import EmailLog, SmsLog, SmsOutbox


@admin.register(EmailLog)
class EmailLogAdmin(ReadOnlyAdmin):
    """Read-only: the log is written by `email_send` and the sending job only."""

    list_display = ["created_at", "to", "subject", "product", "template", "status", "attempts", "sent_at"]
    list_filter = ["status", "product", "template"]
    search_fields = ["to", "subject", "message_id"]
    date_hierarchy = "created_at"


@admin.register(SmsLog)
class SmsLogAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "to", "template", "product", "status", "segments", "attempts", "sent_at"]
    list_filter = ["status", "product", "template"]
    search_fields = ["to", "provider_id"]
    date_hierarchy = "created_at"


@admin.register(SmsOutbox)
class SmsOutboxAdmin(ReadOnlyAdmin):
    """What the local gateway kept instead of sending: the team reads the texts here."""

    list_display = ["created_at", "to", "sender", "body"]
    search_fields = ["to", "body"]
    date_hierarchy = "created_at"
