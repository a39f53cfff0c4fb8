"""Who may act on a project as its holder: accesses (claimed, by the contact address, invited or
given by an administrator), the claim codes sent at notification, invitations; and which region
a DREAL covers."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..enums import AccessVia

__all__ = ["ClaimCode", "Dreal", "Invitation", "ProjetAccess"]


class ProjetAccess(models.Model):
    projet = models.ForeignKey("potentiel.Projet", on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="potentiel_accesses")
    via = models.CharField("obtenu par", max_length=20, choices=AccessVia.choices)
    granted_at = models.DateTimeField("depuis le", default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField("retiré le", null=True, blank=True)
    revoked_reason = models.CharField("motif du retrait", max_length=200, blank=True)

    class Meta:
        verbose_name = "accès à un projet"
        verbose_name_plural = "accès aux projets"
        constraints = [
            models.UniqueConstraint(
                fields=["projet", "user"], condition=models.Q(revoked_at__isnull=True), name="potentiel_access_active"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.projet_id}"


class ClaimCode(models.Model):
    """The code emailed to a candidature's contact at notification; only its hash is kept."""

    projet = models.OneToOneField("potentiel.Projet", on_delete=models.CASCADE, related_name="claim_code")
    code_hash = models.CharField(max_length=64)
    email = models.EmailField("envoyé à")
    created_at = models.DateTimeField("créé le", default=timezone.now)
    failed_attempts = models.PositiveIntegerField("essais manqués", default=0)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)

    class Meta:
        verbose_name = "code de réclamation"
        verbose_name_plural = "codes de réclamation"

    def __str__(self):
        return f"code de réclamation de {self.projet_id}"


class Invitation(models.Model):
    projet = models.ForeignKey("potentiel.Projet", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField("adresse invitée")
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("invité le", default=timezone.now)
    expires_at = models.DateTimeField("expire le")
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"
        ordering = ["-created_at"]

    def __str__(self):
        return f"invitation à {self.projet_id}"


class Dreal(models.Model):
    """The region a DREAL (an organisation whose agents hold the role `dreal`) instructs."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="potentiel_dreal"
    )
    region = models.CharField("région (code INSEE)", max_length=2)

    class Meta:
        verbose_name = "DREAL"
        verbose_name_plural = "DREAL"

    def __str__(self):
        return f"{self.organisation} ({self.region})"
