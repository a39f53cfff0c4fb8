"""The people of a territory: passengers and drivers, with an account or entered by a mediator.

Kept to the minimum (docs/rgpd.md): a first name and name, a phone and/or an email, how they
want to be contacted, and each consent with its date."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..domain.display import public_name
from ..enums import Contact
from .territories import Territory


class Person(models.Model):
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="people")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comobi_people",
    )
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100, blank=True)
    phone = models.CharField("téléphone", max_length=20, blank=True)  # E.164
    phone_verified_at = models.DateTimeField("téléphone vérifié le", null=True, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    contact_preference = models.CharField(
        "contact préféré", max_length=12, choices=Contact.choices, default=Contact.TELEPHONE
    )
    direct_contact_consent_at = models.DateTimeField(
        "accepte d’être contacté directement par les passagers depuis le", null=True, blank=True
    )
    sms_consent_at = models.DateTimeField("accepte les SMS depuis le", null=True, blank=True)
    data_consent_at = models.DateTimeField("accepte le traitement de ses données depuis le", null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="consentement recueilli par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="saisi par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "personne"
        verbose_name_plural = "personnes"
        ordering = ["first_name", "last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "user"], condition=models.Q(user__isnull=False), name="comobi_person_account"
            )
        ]
        indexes = [models.Index(fields=["territory", "phone"]), models.Index(fields=["territory", "email"])]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        return public_name(self.first_name, self.last_name)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class PhoneCheck(models.Model):
    """A code sent by SMS to prove a phone number: only its hash is kept; single use, expiring."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phone_checks")
    phone = models.CharField("téléphone", max_length=20)
    code_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField("essais", default=0)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "vérification de téléphone"
        verbose_name_plural = "vérifications de téléphone"

    def __str__(self):
        return f"vérification du {self.created_at:%Y-%m-%d %H:%M}"
