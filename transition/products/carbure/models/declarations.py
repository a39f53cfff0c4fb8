"""Monthly sustainability declarations of each entity, and the years the administration locks."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .entities import Entity

__all__ = ["Declaration", "YearLock"]


class Declaration(models.Model):
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="declarations")
    period = models.PositiveIntegerField("période (AAAAMM)")
    deadline = models.DateField("date limite")
    declared = models.BooleanField("déclarée", default=False)
    declared_at = models.DateTimeField("déclarée le", null=True, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminder_sent_at = models.DateTimeField("relance envoyée le", null=True, blank=True)

    class Meta:
        verbose_name = "déclaration mensuelle"
        verbose_name_plural = "déclarations mensuelles"
        ordering = ["-period"]
        constraints = [models.UniqueConstraint(fields=["entity", "period"], name="carbure_declaration_unique")]

    def __str__(self):
        return f"{self.entity} — {self.period}"


class YearLock(models.Model):
    year = models.PositiveSmallIntegerField("année", unique=True)
    locked_at = models.DateTimeField("verrouillée le", default=timezone.now)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "année verrouillée"
        verbose_name_plural = "années verrouillées"
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)
