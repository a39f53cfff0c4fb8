"""What a network's page shows beyond the open data: its operator's contacts and files, and the
corrections an operator proposes, which staff validates (second factor) before they apply."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..enums import CorrectionStatus
from .networks import Network

__all__ = ["NetworkContact", "NetworkCorrection", "NetworkFile"]


class NetworkContact(models.Model):
    """The operator's contacts shown on the network's page (set by a validated correction)."""

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="contact", verbose_name="réseau")
    service = models.CharField("service à contacter", max_length=255, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site internet", blank=True)
    updated_at = models.DateTimeField("mis à jour le", auto_now=True)

    class Meta:
        verbose_name = "contact d’un réseau"
        verbose_name_plural = "contacts des réseaux"

    def __str__(self) -> str:
        return f"Contact de {self.network}"


class NetworkFile(models.Model):
    """A document about the network (tariffs, connection guide…), published once staff accepted the
    correction that brought it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="files", verbose_name="réseau")
    title = models.CharField("titre", max_length=200)
    file = models.FileField("fichier", upload_to="chaleur/reseaux/")
    size_bytes = models.PositiveIntegerField("taille (octets)", default=0)
    published = models.BooleanField("publié", default=False)
    created_at = models.DateTimeField("déposé le", default=timezone.now)

    class Meta:
        verbose_name = "document d’un réseau"
        verbose_name_plural = "documents des réseaux"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class NetworkCorrection(models.Model):
    """A change of a network's information proposed by its operator: applied only when staff
    accepts it; every step is an event of the audit chain."""

    Status = CorrectionStatus

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="corrections", verbose_name="réseau")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="gestionnaire",
        null=True,
        on_delete=models.SET_NULL,
        related_name="chaleur_corrections",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="proposée par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("proposée le", default=timezone.now)
    # {"field": {"from": value, "to": value}}: only what changes.
    changes = models.JSONField("modifications", default=dict, blank=True)
    reason = models.TextField("justification")
    document = models.OneToOneField(
        NetworkFile,
        verbose_name="document joint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="correction",
    )
    status = models.CharField(
        "statut", max_length=20, choices=CorrectionStatus.choices, default=CorrectionStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="examinée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("examinée le", null=True, blank=True)
    review_comment = models.TextField("réponse de l’équipe", blank=True)

    class Meta:
        verbose_name = "correction proposée d’un réseau"
        verbose_name_plural = "corrections proposées des réseaux"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"Correction {self.pk} de {self.network}"
