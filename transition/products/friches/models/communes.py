"""What the socio-economic balance needs to know of a commune: population, surface, median price
of housing per m² (INSEE and DVF figures, loaded by `friches_import_communes`)."""

from django.db import models

__all__ = ["CommuneStats"]


class CommuneStats(models.Model):
    insee = models.CharField("code INSEE", max_length=5, unique=True)
    name = models.CharField("nom", max_length=100)
    population = models.PositiveIntegerField("population")
    surface_ha = models.DecimalField("surface (ha)", max_digits=10, decimal_places=2)
    price_eur_m2 = models.PositiveIntegerField("prix médian du logement (€/m²)", null=True, blank=True)

    class Meta:
        verbose_name = "chiffres d’une commune"
        verbose_name_plural = "chiffres des communes"
        ordering = ["insee"]

    def __str__(self):
        return f"{self.name} ({self.insee})"
