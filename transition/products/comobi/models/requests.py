"""A passenger's request for a trip, and the log of contacts made to answer it."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..enums import ContactAnswer, ContactChannel, Outcome, Reason, RequestStatus, Source
from .journeys import Journey
from .offers import Offer
from .people import Person
from .territories import Territory


class TripRequest(Journey):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="requests")
    passenger = models.ForeignKey(Person, verbose_name="passager", on_delete=models.CASCADE, related_name="requests")
    leave_after = models.TimeField("partir après", null=True, blank=True)
    arrive_before = models.TimeField("arriver avant", null=True, blank=True)
    return_wanted = models.BooleanField("retour souhaité", default=False)
    return_after = models.TimeField("retour après", null=True, blank=True)
    reason = models.CharField("motif", max_length=12, choices=Reason.choices, default=Reason.AUTRE)
    status = models.CharField("état", max_length=16, choices=RequestStatus.choices, default=RequestStatus.CREEE)
    outcome = models.CharField("issue", max_length=16, choices=Outcome.choices, blank=True)
    status_changed_at = models.DateTimeField("état changé le", default=timezone.now)
    handed_to_mediator_at = models.DateTimeField("confiée au médiateur le", null=True, blank=True)
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="médiateur qui suit la demande",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisie par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField("origine", max_length=10, choices=Source.choices, default=Source.WEB)
    import_key = models.CharField("empreinte d’import", max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField("reçue le", default=timezone.now)

    class Meta:
        verbose_name = "demande de trajet"
        verbose_name_plural = "demandes de trajet"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["territory", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(day__isnull=False, weekdays=0) | models.Q(day__isnull=True, weekdays__gt=0),
                name="comobi_request_schedule",
            )
        ]


class ContactLog(models.Model):
    """One contact made about a request: whom, how, and what they answered."""

    request = models.ForeignKey(TripRequest, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        Person, verbose_name="personne contactée", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    offer = models.ForeignKey(
        Offer, verbose_name="trajet", on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    channel = models.CharField("moyen", max_length=10, choices=ContactChannel.choices)
    answer = models.CharField("réponse", max_length=12, choices=ContactAnswer.choices, default=ContactAnswer.SANS_OBJET)
    note = models.TextField("note", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "contact"
        verbose_name_plural = "journal des contacts"
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_channel_display()} du {self.at:%d/%m/%Y %H:%M}"
