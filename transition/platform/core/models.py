from django.db import models
from django.utils import timezone


class PeriodicClaim(models.Model):
    """The last period a periodic job was claimed for. Every consumer runs huey's scheduler; the
    first to claim a period enqueues the job, the others skip it (see core/queues.py)."""

    task = models.CharField("tâche", max_length=200, unique=True)
    period = models.DateTimeField("échéance")  # the minute the job fell due
    claimed_by = models.CharField("réservée par", max_length=200)  # host:pid of the consumer
    claimed_at = models.DateTimeField("réservée le", default=timezone.now)

    class Meta:
        verbose_name = "tâche périodique"
        verbose_name_plural = "tâches périodiques (dernière échéance)"
        ordering = ["task"]

    def __str__(self):
        return f"{self.task} @ {self.period:%Y-%m-%d %H:%M}"
