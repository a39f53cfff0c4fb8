"""A template file an entity imports: kept until its job has read it, with the job's report."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from transition.platform.jobs.models import Job

from .entities import Entity

__all__ = ["LotImport"]


class LotImport(models.Model):
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="imports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField("fichier", upload_to="carbure/imports/", blank=True)
    filename = models.CharField("nom du fichier", max_length=255)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rows = models.PositiveIntegerField("lignes lues", default=0)
    lots_created = models.PositiveIntegerField("lots créés", default=0)
    lots_flagged = models.PositiveIntegerField("lots avec erreurs bloquantes", default=0)
    report = models.JSONField("compte rendu", default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "import de lots"
        verbose_name_plural = "imports de lots"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%d/%m/%Y})"

    @property
    def refused(self) -> bool:
        return bool(self.report.get("errors"))
