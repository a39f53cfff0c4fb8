"""Counters of addresses tested, for the impact indicators (no address is kept)."""

from django.db import models

__all__ = ["EligibilityTestCommune", "EligibilityTestDay"]


class EligibilityTestDay(models.Model):
    """Addresses tested per day and how many were eligible, for the impact indicators.
    A counter, not a log: no address is kept."""

    day = models.DateField("jour")
    source = models.CharField("origine", max_length=20)  # EligibilitySource
    tested = models.PositiveIntegerField("adresses testées", default=0)
    eligible = models.PositiveIntegerField("adresses éligibles", default=0)

    class Meta:
        verbose_name = "tests d’éligibilité du jour"
        verbose_name_plural = "tests d’éligibilité par jour"
        constraints = [models.UniqueConstraint(fields=["day", "source"], name="chaleur_eligibility_day_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.source} : {self.eligible}/{self.tested}"


class EligibilityTestCommune(models.Model):
    """Addresses tested on the page, per commune (INSEE code), for the city pages. A counter, not
    a log: no address is kept."""

    citycode = models.CharField("code INSEE", max_length=5, unique=True)
    tested = models.PositiveIntegerField("adresses testées", default=0)
    eligible = models.PositiveIntegerField("adresses éligibles", default=0)
    since = models.DateField("compté depuis le", auto_now_add=True)

    class Meta:
        verbose_name = "tests d’éligibilité d’une commune"
        verbose_name_plural = "tests d’éligibilité par commune"

    def __str__(self) -> str:
        return f"{self.citycode} : {self.eligible}/{self.tested}"
