"""Secrets of the partner API, one per organisation (only their hash is stored)."""

from django.db import models
from django.utils import timezone

__all__ = ["PartnerToken"]


class PartnerToken(models.Model):
    """A secret for the partner API, one per organisation; only its SHA-256 is stored."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="chaleur_partner_token"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField("début du jeton", max_length=8)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)

    class Meta:
        verbose_name = "jeton d’API partenaire"
        verbose_name_plural = "jetons d’API partenaire"

    def __str__(self) -> str:
        return f"{self.organisation} ({self.prefix}…)"
