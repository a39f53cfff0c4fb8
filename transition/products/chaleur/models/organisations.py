"""The organisations demands are routed to, and what each one sees.

How an operator organisation is tied to its networks: an explicit `NetworkOperator` row
(organisation × network, or network under construction), created by staff in the admin or by the
demo. The `Gestionnaire` text of the open data is not trusted for access: names vary between
files and a match on text would hand demands to the wrong company.
A collectivité sees the demands of its territory, the INSEE codes listed in `Territory`. An agency
(ALEC) receives the demands that asked for its advice; the members of its organisation read them.
"""

from django.db import models

from .networks import Network, NetworkUnderConstruction

__all__ = ["Agency", "NetworkOperator", "Territory"]


class Agency(models.Model):
    """A local energy agency (ALEC, Espace Conseil France Rénov’) and the territory it covers."""

    name = models.CharField("nom", max_length=255)
    email = models.EmailField("adresse électronique")
    phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site internet", blank=True)
    communes = models.JSONField("communes couvertes (codes INSEE)", default=list, blank=True)
    departements = models.JSONField("départements couverts", default=list, blank=True)
    active = models.BooleanField("active", default=True)
    # Members of this organisation with the role `alec` read the demands sent to the agency.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaleur_agencies",
    )

    class Meta:
        verbose_name = "agence locale de l’énergie"
        verbose_name_plural = "agences locales de l’énergie"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NetworkOperator(models.Model):
    """Which organisation operates which network: its members with the role `gestionnaire` see
    the demands assigned to that network."""

    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name="organisation", on_delete=models.CASCADE, related_name="chaleur_networks"
    )
    network = models.ForeignKey(
        Network, verbose_name="réseau", null=True, blank=True, on_delete=models.PROTECT, related_name="operators"
    )
    network_under_construction = models.ForeignKey(
        NetworkUnderConstruction,
        verbose_name="réseau en construction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operators",
    )

    class Meta:
        verbose_name = "gestionnaire de réseau"
        verbose_name_plural = "gestionnaires de réseaux"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(network__isnull=False) | models.Q(network_under_construction__isnull=False),
                name="chaleur_operator_has_network",
            ),
            models.UniqueConstraint(fields=["organisation", "network"], name="chaleur_operator_network_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.network or self.network_under_construction}"


class Territory(models.Model):
    """The communes a collectivité sees the demands of."""

    organisation = models.OneToOneField(
        "accounts.Organisation", verbose_name="collectivité", on_delete=models.CASCADE, related_name="chaleur_territory"
    )
    insee_codes = models.JSONField("communes (codes INSEE)", default=list)

    class Meta:
        verbose_name = "territoire d’une collectivité"
        verbose_name_plural = "territoires des collectivités"

    def __str__(self) -> str:
        return f"{self.organisation} ({len(self.insee_codes)} communes)"
