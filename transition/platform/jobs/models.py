from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .enums import ACTIVE_STATES, FINISHED_STATES, JobState


class Job(models.Model):
    """One long piece of work (a bulk test, an import, the notification of a period), its state and
    progress kept in the database so that it survives the consumer running it. A consumer holds it
    by a lease it renews at each committed batch; when the lease runs out (the consumer died), the
    watchdog hands the job to another consumer, which resumes from the last committed batch."""

    kind = models.CharField("type", max_length=80, db_index=True)
    payload = models.JSONField("paramètres", default=dict, blank=True)
    state = models.CharField("état", max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandé par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Two identical starts (a double click, eight tabs) share one active job.
    dedupe_key = models.CharField("clé d’unicité", max_length=200, blank=True)
    total = models.PositiveIntegerField("à traiter", null=True, blank=True)
    done_count = models.PositiveIntegerField("traités", default=0)
    checkpoint = models.JSONField("point de reprise", default=dict, blank=True)
    result = models.JSONField("résultat", default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField("démarrages", default=0)
    resumed_count = models.PositiveSmallIntegerField("reprises après incident", default=0)
    lease_token = models.CharField(max_length=32, blank=True)
    lease_until = models.DateTimeField("bail jusqu’à", null=True, blank=True)
    worker = models.CharField("consommateur", max_length=120, blank=True)
    message = models.CharField("message", max_length=500, blank=True, help_text="Ce que voit la personne.")
    error = models.TextField("erreur technique", blank=True, help_text="Pour l’équipe : jamais montrée.")
    created_at = models.DateTimeField("créé le", default=timezone.now)
    started_at = models.DateTimeField("démarré le", null=True, blank=True)
    updated_at = models.DateTimeField("mis à jour le", default=timezone.now)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "traitement"
        verbose_name_plural = "traitements"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "lease_until"])]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "dedupe_key"],
                condition=Q(state__in=[s.value for s in ACTIVE_STATES]) & ~Q(dedupe_key=""),
                name="job_one_active_per_dedupe_key",
            )
        ]

    def __str__(self):
        return f"{self.kind} n° {self.pk} — {self.get_state_display()}"

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def is_done(self) -> bool:
        return self.state == JobState.DONE

    @property
    def is_failed(self) -> bool:
        return self.state == JobState.FAILED

    @property
    def is_cancelled(self) -> bool:
        return self.state == JobState.CANCELLED

    @property
    def was_resumed(self) -> bool:
        return self.resumed_count > 0

    @property
    def percent(self) -> int | None:
        if not self.total:
            return 100 if self.state == JobState.DONE else None
        return min(100, round(100 * self.done_count / self.total))

    @property
    def status_label(self) -> str:
        """What a person reads: never an eternal "En cours" without a word after an incident."""
        if self.state in ACTIVE_STATES and self.was_resumed:
            return "En cours (reprise après incident)"
        return self.get_state_display()
