"""What staff edit and the guidance suggests: actions for each step, resources (guides, model
documents), contacts (organisations and people by territory) and funding schemes.

Each carries the same rule fields: the signals it waits for (`conditions`, UrbanVitaliz's tag
syntax) and its area (départements and régions; both empty means everywhere).
"""

from django.db import models

from ..domain.guidance import Rule
from ..domain.signals import parse_tags
from ..enums import ContactKind, ResourceKind, Step

__all__ = ["ActionTemplate", "Contact", "FundingScheme", "Resource"]


class Suggestible(models.Model):
    step = models.CharField("étape", max_length=12, choices=Step.choices, blank=True)
    conditions = models.CharField(
        "signaux attendus",
        max_length=500,
        blank=True,
        help_text="Suggéré quand TOUS ces signaux sont émis par le projet. Séparés par des virgules ; "
        "entre guillemets s’ils comptent plusieurs mots. Vide : toujours suggéré.",
    )
    departements = models.JSONField(
        "départements", default=list, blank=True, help_text="Codes INSEE ; vide avec les régions vides : partout."
    )
    regions = models.JSONField("régions", default=list, blank=True, help_text="Codes INSEE des régions.")
    priority = models.PositiveSmallIntegerField("priorité", default=0, help_text="Le plus fort en premier.")
    active = models.BooleanField("en service", default=True)

    class Meta:
        abstract = True

    def as_rule(self) -> Rule:
        return Rule(
            key=self.pk,
            conditions=parse_tags(self.conditions),
            departements=frozenset(self.departements or ()),
            regions=frozenset(self.regions or ()),
        )


class Resource(Suggestible):
    title = models.CharField("titre", max_length=255)
    kind = models.CharField("type", max_length=10, choices=ResourceKind.choices, default=ResourceKind.GUIDE)
    summary = models.TextField("résumé", blank=True)
    url = models.URLField("adresse web", blank=True)
    publisher = models.CharField("éditeur", max_length=255, blank=True)

    class Meta:
        verbose_name = "ressource"
        ordering = ["-priority", "title"]

    def __str__(self):
        return self.title


class ActionTemplate(Suggestible):
    """An action the guidance proposes at a step (UrbanVitaliz's recommendation template)."""

    title = models.CharField("action", max_length=255)
    text = models.TextField("pourquoi et comment", blank=True)
    resource = models.ForeignKey(
        Resource, verbose_name="ressource", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "action type"
        verbose_name_plural = "actions types"
        ordering = ["step", "-priority", "title"]

    def __str__(self):
        return self.title


class Contact(Suggestible):
    organisation_name = models.CharField("organisme", max_length=255)
    kind = models.CharField("type d’organisme", max_length=12, choices=ContactKind.choices)
    person_name = models.CharField("interlocuteur", max_length=150, blank=True)
    person_role = models.CharField("fonction", max_length=150, blank=True)
    email = models.EmailField("adresse électronique", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    website = models.URLField("site web", blank=True)
    summary = models.TextField("ce qu’il peut apporter", blank=True)

    class Meta:
        verbose_name = "contact"
        ordering = ["-priority", "organisation_name"]

    def __str__(self):
        return f"{self.organisation_name}" + (f" — {self.person_name}" if self.person_name else "")


class FundingScheme(Suggestible):
    name = models.CharField("dispositif", max_length=255)
    funder = models.CharField("financeur", max_length=255)
    beneficiaries = models.JSONField("qui peut le demander", default=list, blank=True)
    covers = models.TextField("ce qu’il finance")
    rate_percent = models.DecimalField("taux d’aide (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    ceiling_eur = models.PositiveIntegerField("plafond (€)", null=True, blank=True)
    deadline = models.DateField("date limite de dépôt", null=True, blank=True)
    url = models.URLField("adresse web", blank=True)

    class Meta:
        verbose_name = "dispositif de financement"
        verbose_name_plural = "dispositifs de financement"
        ordering = ["-priority", "name"]

    def __str__(self):
        return f"{self.name} ({self.funder})"
