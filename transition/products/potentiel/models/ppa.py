"""The PPA signal of a project (see domain/ppa.py): present while the project is signalled as gone
under a private purchase contract; withdrawing it deletes the row (the audit log keeps the story)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["SignalementPPA"]


class SignalementPPA(models.Model):
    projet = models.OneToOneField("potentiel.Projet", on_delete=models.CASCADE, related_name="signalement_ppa")
    signale_le = models.DateTimeField("signalé le", default=timezone.now)
    signale_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    role = models.CharField("signalé par un", max_length=20)  # enums.Role
    demande = models.ForeignKey("potentiel.Demande", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = "signalement PPA"
        verbose_name_plural = "signalements PPA"

    def __str__(self):
        return f"PPA signalé pour {self.projet_id}"
