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


class SmsLog(models.Model):
    """One SMS: to which number, from which template, and whether it left. Its text only while it
    waits to leave (`pending`); the development outbox keeps texts apart, in SmsOutbox."""

    to = models.CharField("destinataire", max_length=20)  # E.164
    template = models.CharField("modèle", max_length=200)
    product = models.CharField("service", max_length=40, default="portail")
    status = models.CharField("état", max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    error = models.TextField("dernière erreur", blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    segments = models.PositiveSmallIntegerField("nombre de SMS", default=1)
    provider_id = models.CharField("identifiant chez le fournisseur", max_length=100, blank=True)
    # The message waits here until it leaves, as an email waits in EmailLog.outbox (a queue that
    # lost its job loses no SMS); erased once sent or given up.
    pending = models.JSONField("message en attente", default=dict, blank=True)
    queued_at = models.DateTimeField("mis en file le", default=timezone.now)
    claimed_at = models.DateTimeField("envoi commencé le", null=True, blank=True)  # one sender at a time
    created_at = models.DateTimeField("créé le", default=timezone.now, db_index=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "SMS envoyé"
        verbose_name_plural = "journal des SMS"
        ordering = ["-created_at"]

    def __str__(self):
        return f"SMS {self.template} → {self.to} ({self.get_status_display()})"


class SmsOutbox(models.Model):
    """The development gateway's outbox: the SMS as it would have left, text included."""

    log = models.OneToOneField(SmsLog, on_delete=models.CASCADE, related_name="outbox", null=True, blank=True)
    to = models.CharField("destinataire", max_length=20)
    sender = models.CharField("expéditeur", max_length=11)
    body = models.TextField("texte")
    created_at = models.DateTimeField("déposé le", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "SMS de la boîte d’envoi locale"
        verbose_name_plural = "boîte d’envoi locale des SMS"
        ordering = ["-created_at"]

    def __str__(self):
        return f"SMS → {self.to} du {self.created_at:%Y-%m-%d %H:%M}"
