"""A territory: the communes it serves, its local place names, its texts and contacts.

Its mediators and administrators hold CoMobi roles in the territory's organisation (decision
0100): the platform's memberships say who may do what."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from transition.platform.accounts.models import Organisation

from ..domain.matching import Point
from ..enums import TerritoryKind

LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


class Territory(models.Model):
    organisation = models.OneToOneField(
        Organisation, verbose_name="organisation", on_delete=models.PROTECT, related_name="comobi_territory"
    )
    slug = models.SlugField("adresse", max_length=50, unique=True)
    name = models.CharField("nom", max_length=120)
    kind = models.CharField("type", max_length=20, choices=TerritoryKind.choices, default=TerritoryKind.AUTRE)
    phone = models.CharField("téléphone public", max_length=20, blank=True)
    email = models.EmailField("adresse électronique publique", blank=True)
    welcome_text = models.TextField("texte d’accueil", blank=True)
    terms_text = models.TextField("conditions d’utilisation", blank=True)
    jdma_url = models.URLField("lien « Je donne mon avis »", blank=True)
    router_url = models.URLField("calculateur d’itinéraires (compatible OSRM)", blank=True)
    is_open = models.BooleanField("ouvert au public", default=False)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "territoire"
        verbose_name_plural = "territoires"
        ordering = ["name"]

    def __str__(self):
        return self.name


class TerritoryCommune(models.Model):
    """A commune the territory serves, with the point its name stands for (its centre)."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="communes")
    insee_code = models.CharField("code INSEE", max_length=5)
    name = models.CharField("nom", max_length=100)
    lat = models.FloatField("latitude", validators=LATITUDE)
    lon = models.FloatField("longitude", validators=LONGITUDE)

    class Meta:
        verbose_name = "commune desservie"
        verbose_name_plural = "communes desservies"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["territory", "insee_code"], name="comobi_commune_unique")]

    def __str__(self):
        return f"{self.name} ({self.insee_code})"

    @property
    def point(self) -> Point:
        return Point(self.lat, self.lon)


class Place(models.Model):
    """A local place name people say ("la pharmacie de Gramat", a hamlet), with other spellings."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="places")
    name = models.CharField("nom", max_length=120)
    aliases = models.CharField("autres noms (séparés par des virgules)", max_length=500, blank=True)
    lat = models.FloatField("latitude", validators=LATITUDE)
    lon = models.FloatField("longitude", validators=LONGITUDE)
    created_at = models.DateTimeField("créé le", default=timezone.now)

    class Meta:
        verbose_name = "lieu-dit ou repère"
        verbose_name_plural = "lieux-dits et repères"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["territory", "name"], name="comobi_place_unique")]

    def __str__(self):
        return self.name

    @property
    def point(self) -> Point:
        return Point(self.lat, self.lon)

    def names(self) -> list[str]:
        return [self.name, *(a.strip() for a in self.aliases.split(",") if a.strip())]
