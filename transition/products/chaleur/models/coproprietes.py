"""The condominium registry (registre national d’immatriculation des copropriétés): the source of
an operator's prospects."""

from django.db import models
from django.utils import timezone

from ..enums import ConstructionPeriod, HeatingEnergy, HeatingType

__all__ = ["Copropriete"]


class Copropriete(models.Model):
    """A condominium of the registry, the source of prospects."""

    registry_id = models.CharField("numéro d’immatriculation", max_length=30, unique=True)
    name = models.CharField("nom", max_length=255, blank=True)
    address = models.CharField("adresse", max_length=255)
    citycode = models.CharField("code INSEE", max_length=5, blank=True, db_index=True)
    lon = models.FloatField("longitude")
    lat = models.FloatField("latitude")
    # Lambert-93 kept beside lon/lat: the prospects query narrows by these indexed columns.
    x_l93 = models.FloatField("X Lambert-93", db_index=True)
    y_l93 = models.FloatField("Y Lambert-93", db_index=True)
    lots_count = models.PositiveIntegerField("nombre de lots", null=True, blank=True)
    dwellings_count = models.PositiveIntegerField("nombre de logements", null=True, blank=True)
    construction_period = models.CharField(
        "période de construction",
        max_length=20,
        choices=ConstructionPeriod.choices,
        default=ConstructionPeriod.INCONNUE,
    )
    heating_type = models.CharField(
        "chauffage", max_length=20, choices=HeatingType.choices, default=HeatingType.INCONNU
    )
    heating_energy = models.CharField(
        "énergie de chauffage", max_length=20, choices=HeatingEnergy.choices, default=HeatingEnergy.INCONNU
    )
    syndic = models.CharField("syndic", max_length=255, blank=True)
    imported_at = models.DateTimeField("importée le", default=timezone.now)

    class Meta:
        verbose_name = "copropriété"
        verbose_name_plural = "copropriétés (registre)"
        ordering = ["registry_id"]

    def __str__(self) -> str:
        return f"{self.registry_id} {self.name}".strip()
