"""Connected condominiums that share their experience, and the messages relayed to them."""

from django.db import models
from django.utils import timezone

from .demands import Demand

__all__ = ["Ambassador", "AmbassadorMessage"]


class Ambassador(models.Model):
    """A connected condominium that agreed to share its experience."""

    demand = models.OneToOneField(Demand, on_delete=models.CASCADE, related_name="ambassador")
    display_name = models.CharField("nom affiché", max_length=150)
    testimony = models.TextField("témoignage", blank=True)
    active = models.BooleanField("actif", default=True)
    created_at = models.DateTimeField("depuis le", default=timezone.now)

    class Meta:
        verbose_name = "ambassadeur"
        verbose_name_plural = "ambassadeurs"
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name


class AmbassadorMessage(models.Model):
    """A message from someone interested to an ambassador, relayed by the platform: neither
    email address is shown to the other side until the ambassador answers."""

    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="messages")
    sender_name = models.CharField("nom", max_length=150)
    sender_email = models.EmailField("adresse électronique")
    body = models.TextField("message")
    created_at = models.DateTimeField("envoyé le", default=timezone.now)
    # The ambassador answers through a link carrying this token (only its hash is stored).
    reply_token_hash = models.CharField(max_length=64, unique=True)
    reply_body = models.TextField("réponse", blank=True)
    replied_at = models.DateTimeField("répondu le", null=True, blank=True)

    class Meta:
        verbose_name = "message à un ambassadeur"
        verbose_name_plural = "messages aux ambassadeurs"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Message à {self.ambassador} du {self.created_at:%d/%m/%Y}"
