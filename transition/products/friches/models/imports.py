"""What each CNIG import did: who, which file, what it created, updated, refused and found
already registered (the report, line by line)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["SiteImport"]


class SiteImport(models.Model):
    created_at = models.DateTimeField("le", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    filename = models.CharField("fichier", max_length=255)
    source_name = models.CharField("source", max_length=255)
    skip_invalid = models.BooleanField("lignes valides seulement", default=False)
    accepted = models.BooleanField("importé", default=False)
    rows = models.PositiveIntegerField("lignes lues", default=0)
    created = models.PositiveIntegerField("sites créés", default=0)
    updated = models.PositiveIntegerField("sites mis à jour", default=0)
    refused = models.PositiveIntegerField("lignes refusées", default=0)
    duplicates = models.PositiveIntegerField("doublons signalés", default=0)
    report = models.JSONField("compte rendu", default=dict)

    class Meta:
        verbose_name = "import CNIG"
        verbose_name_plural = "imports CNIG"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%d/%m/%Y %H:%M})"
