from django.db import models


class JobState(models.TextChoices):
    QUEUED = "queued", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Terminé"
    FAILED = "failed", "Échec"
    CANCELLED = "cancelled", "Annulé"


ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)
FINISHED_STATES = (JobState.DONE, JobState.FAILED, JobState.CANCELLED)
