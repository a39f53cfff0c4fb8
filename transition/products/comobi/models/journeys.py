"""What an offer and a request both are: a journey from a place to another, on a date or on
weekdays."""

from django.db import models

from ..domain.matching import Point, weekdays_of_mask
from .territories import LATITUDE, LONGITUDE


class Journey(models.Model):
    origin_label = models.CharField("départ", max_length=200)
    origin_lat = models.FloatField(validators=LATITUDE)
    origin_lon = models.FloatField(validators=LONGITUDE)
    destination_label = models.CharField("arrivée", max_length=200)
    destination_lat = models.FloatField(validators=LATITUDE)
    destination_lon = models.FloatField(validators=LONGITUDE)
    weekdays = models.PositiveSmallIntegerField("jours (masque)", default=0)  # bit 0 = Monday
    day = models.DateField("date", null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.origin_label} → {self.destination_label}"

    @property
    def origin(self) -> Point:
        return Point(self.origin_lat, self.origin_lon)

    @property
    def destination(self) -> Point:
        return Point(self.destination_lat, self.destination_lon)

    @property
    def weekday_set(self) -> frozenset[int]:
        return weekdays_of_mask(self.weekdays)
