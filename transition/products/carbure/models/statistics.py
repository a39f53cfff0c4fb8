"""Statistics of declared lots the emission checks compare a lot with: average eec by feedstock
and origin, average ep by feedstock and biofuel (recomputed by a job from accepted lots)."""

from django.db import models
from django.utils import timezone

from .referentials import Biofuel, Country, Feedstock

__all__ = ["GhgStatistic"]


class GhgStatistic(models.Model):
    term = models.CharField("terme", max_length=3, choices=[("eec", "eec"), ("ep", "ep")])
    feedstock = models.ForeignKey(Feedstock, on_delete=models.CASCADE, related_name="+")
    origin = models.ForeignKey(Country, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    biofuel = models.ForeignKey(Biofuel, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    nb_lots = models.PositiveIntegerField("lots")
    average = models.FloatField("moyenne")
    stddev = models.FloatField("écart type", default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "statistique d’émissions"
        verbose_name_plural = "statistiques d’émissions"

    def __str__(self):
        return f"{self.term} {self.feedstock_id} {self.origin_id or self.biofuel_id}"
