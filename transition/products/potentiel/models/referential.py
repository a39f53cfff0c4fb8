"""The referential in the database: appels d'offres and their periods, each with its data as the
referential file writes it (`data/referentiel.json`, loaded by migrations). Rules are computed
from that data by `domain/referential.py`."""

from django.db import models

__all__ = ["AppelOffres", "Periode"]


class AppelOffres(models.Model):
    id = models.CharField("identifiant", max_length=100, primary_key=True)
    cycle = models.CharField("cycle", max_length=20)
    titre = models.CharField("titre", max_length=200)
    technologie = models.CharField("technologie", max_length=20)
    data = models.JSONField("règles", default=dict)  # the referential's entry, periods excluded
    referential_version = models.CharField("version du référentiel", max_length=40)

    class Meta:
        verbose_name = "appel d’offres"
        verbose_name_plural = "appels d’offres"
        ordering = ["id"]

    def __str__(self):
        return self.titre


class Periode(models.Model):
    appel_offres = models.ForeignKey(AppelOffres, on_delete=models.PROTECT, related_name="periodes")
    identifiant = models.CharField("période", max_length=20)
    titre = models.CharField("titre", max_length=100)
    legacy = models.BooleanField("ancienne période (hors Potentiel)", default=False)
    rank = models.PositiveIntegerField("ordre", default=0)
    data = models.JSONField("règles", default=dict)  # the referential's entry: familles, cahiers des charges...

    class Meta:
        verbose_name = "période"
        verbose_name_plural = "périodes"
        ordering = ["appel_offres_id", "rank"]
        constraints = [models.UniqueConstraint(fields=["appel_offres", "identifiant"], name="potentiel_periode_unique")]

    def __str__(self):
        return f"{self.appel_offres_id} — période {self.identifiant}"

    @property
    def label(self) -> str:
        return f"{self.appel_offres_id}, période {self.identifiant} ({self.titre})"

    def famille_ids(self) -> list[str]:
        return [f["id"] for f in self.data.get("familles", [])]
