"""A confirmed trip: a passenger travels with a driver on a date, at a pick-up time."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..enums import CarpoolStatus, Direction
from .offers import Offer
from .people import Person
from .requests import TripRequest
from .territories import Territory

PARIS = ZoneInfo("Europe/Paris")


class Carpool(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="carpools")
    request = models.ForeignKey(TripRequest, verbose_name="demande", on_delete=models.CASCADE, related_name="carpools")
    offer = models.ForeignKey(
        Offer, verbose_name="trajet proposé", on_delete=models.SET_NULL, null=True, blank=True, related_name="carpools"
    )
    driver = models.ForeignKey(Person, verbose_name="conducteur", on_delete=models.PROTECT, related_name="drives")
    passenger = models.ForeignKey(Person, verbose_name="passager", on_delete=models.PROTECT, related_name="rides")
    direction = models.CharField("sens", max_length=6, choices=Direction.choices, default=Direction.ALLER)
    day = models.DateField("date")
    pickup_time = models.TimeField("heure de prise en charge")
    pickup_label = models.CharField("prise en charge", max_length=200)
    dropoff_label = models.CharField("dépose", max_length=200)
    shared_distance_m = models.PositiveIntegerField("distance partagée (m)", default=0)
    status = models.CharField("état", max_length=10, choices=CarpoolStatus.choices, default=CarpoolStatus.CONFIRMEE)
    status_changed_at = models.DateTimeField("état changé le", default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="confirmé par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("confirmé le", default=timezone.now)
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "trajet confirmé"
        verbose_name_plural = "trajets confirmés"
        ordering = ["day", "pickup_time"]
        indexes = [models.Index(fields=["territory", "status", "day"])]

    def __str__(self):
        return f"{self.pickup_label} → {self.dropoff_label}, {self.day:%d/%m/%Y}"

    @property
    def departure(self) -> datetime:
        """The pick-up, aware, in Europe/Paris."""
        return datetime.combine(self.day, self.pickup_time, tzinfo=PARIS)
