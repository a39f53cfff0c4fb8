from django.db import models
from django.utils import timezone

from .enums import EmailStatus


class EmailLog(models.Model):
    """One email: to whom, what about, when, and whether it left. The log is the outbox: the
    message waits in `outbox` until it leaves (a queue that lost its job loses no email), then the
    body is erased (personal data kept to the minimum; see docs/rgpd.md)."""

    to = models.EmailField("destinataire")
    subject = models.CharField("objet", max_length=255)
    template = models.CharField("modèle", max_length=200)
    product = models.CharField("service", max_length=40, default="portail")
    status = models.CharField("état", max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    error = models.TextField("dernière erreur", blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    message_id = models.CharField("Message-ID", max_length=255, blank=True)
    outbox = models.JSONField("message en attente", default=dict, blank=True)  # erased once sent or given up
    queued_at = models.DateTimeField("mis en file le", default=timezone.now)
    claimed_at = models.DateTimeField("envoi commencé le", null=True, blank=True)  # one sender at a time
    created_at = models.DateTimeField("créé le", default=timezone.now, db_index=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "courriel envoyé"
        verbose_name_plural = "journal des courriels"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="notify_email_status_created")]

    def __str__(self):
        return f"{self.subject} → {self.to} ({self.get_status_display()})"
