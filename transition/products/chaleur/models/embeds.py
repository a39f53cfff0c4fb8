"""Partners who embed the eligibility form or the map of their networks in their own site: their
origins are the only ones allowed in the embed's `frame-ancestors`."""

from django.core.exceptions import ValidationError
from django.db import models

from ..domain.embeds import EmbedOriginError, origins_normalised
from .networks import Network

__all__ = ["EmbedPartner"]


class EmbedPartner(models.Model):
    name = models.CharField("nom", max_length=255)
    slug = models.SlugField("identifiant dans l’adresse", max_length=50, unique=True)
    # ["https://www.ville.fr", "https://ville.fr"]: scheme, host and port, nothing else.
    origins = models.JSONField("origines autorisées à intégrer", default=list)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="organisation (ses réseaux sur la carte)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaleur_embeds",
    )
    networks = models.ManyToManyField(
        Network, verbose_name="réseaux montrés sur la carte", blank=True, related_name="+"
    )
    active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "intégration d’un partenaire"
        verbose_name_plural = "intégrations des partenaires"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        try:
            self.origins = origins_normalised(self.origins)
        except EmbedOriginError as exc:
            raise ValidationError({"origins": str(exc)}) from None
