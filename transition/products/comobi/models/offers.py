"""A driver's trip offer: regular (weekdays) or one-off (a date), with an optional return."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from ..domain.matching import Schedule
from ..enums import OfferKind, OfferStatus, Source
from .journeys import Journey
from .people import Person
from .territories import Territory


def offers_version_name(territory_id: int) -> str:
    """The platform's data version (platform/core DataVersion) that a territory's offers bump:
    the matching index of each process rebuilds when it moves."""
    return f"comobi.offers.{territory_id}"


class Offer(Journey):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="offers")
    driver = models.ForeignKey(Person, verbose_name="conducteur", on_delete=models.CASCADE, related_name="offers")
    kind = models.CharField("type", max_length=10, choices=OfferKind.choices)
    precise_place = models.CharField("lieu de rendez-vous précis", max_length=200, blank=True)
    valid_from = models.DateField("à partir du", null=True, blank=True)
    valid_until = models.DateField("jusqu’au", null=True, blank=True)
    departure_time = models.TimeField("heure de départ")
    return_time = models.TimeField("heure de retour", null=True, blank=True)
    seats = models.PositiveSmallIntegerField(
        "places", default=1, validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    max_extra_minutes = models.PositiveSmallIntegerField(
        "détour accepté (minutes)", null=True, blank=True, validators=[MaxValueValidator(45)]
    )
    status = models.CharField("état", max_length=10, choices=OfferStatus.choices, default=OfferStatus.ACTIVE)
    withdrawn_at = models.DateTimeField("retiré le", null=True, blank=True)
    remarks = models.TextField("remarques", blank=True)
    source = models.CharField("origine", max_length=10, choices=Source.choices, default=Source.WEB)
    import_key = models.CharField("empreinte d’import", max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "trajet proposé"
        verbose_name_plural = "trajets proposés"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["territory", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind=OfferKind.REGULAR, day__isnull=True) & models.Q(weekdays__gt=0))
                | models.Q(kind=OfferKind.ONE_OFF, day__isnull=False, weekdays=0),
                name="comobi_offer_schedule",
            )
        ]

    @property
    def schedule(self) -> Schedule:
        if self.kind == OfferKind.ONE_OFF:
            return Schedule(day=self.day)
        return Schedule(weekdays=self.weekday_set, valid_from=self.valid_from, valid_until=self.valid_until)

    @property
    def is_regular(self) -> bool:
        return self.kind == OfferKind.REGULAR

    @property
    def is_active(self) -> bool:
        return self.status == OfferStatus.ACTIVE
