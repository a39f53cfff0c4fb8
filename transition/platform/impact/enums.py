from django.db import models


class ValueSource(models.TextChoices):
    SNAPSHOT = "snapshot", "relevé quotidien"
    LIVE = "live", "calculé en direct"
    MISSING = "missing", "aucun relevé"
    UNAVAILABLE = "unavailable", "indisponible"
