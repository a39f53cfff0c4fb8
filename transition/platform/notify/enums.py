from django.db import models


class EmailStatus(models.TextChoices):
    QUEUED = "queued", "en attente"
    SENT = "sent", "envoyé"
    FAILED = "failed", "échec"
