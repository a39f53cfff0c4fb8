"""Addresses of the local geocoder (BAN files loaded by `geo_import_addresses`) and the communes
referential (régions, départements, EPCI, communes, loaded by `geo_import_communes`)."""

from django.db import models


class PlaceKind(models.TextChoices):
    MUNICIPALITY = "municipality", "Commune"
    STREET = "street", "Voie"
    LOCALITY = "locality", "Lieu-dit"


class AddressPlace(models.Model):
    """A municipality, a street or a locality of the BAN; streets and localities hold house numbers."""

    ban_id = models.CharField("identifiant BAN", max_length=64, unique=True)
    kind = models.CharField("type", max_length=16, choices=PlaceKind.choices)
    name = models.CharField("nom", max_length=200)
    postcode = models.CharField("code postal", max_length=5, blank=True)
    citycode = models.CharField("code INSEE", max_length=5, db_index=True)
    city = models.CharField("commune", max_length=100)
    context = models.CharField("contexte", max_length=200, blank=True)
    lon = models.FloatField("longitude")
    lat = models.FloatField("latitude")
    importance = models.FloatField("importance", default=0.0)

    class Meta:
        verbose_name = "lieu adressé"
        verbose_name_plural = "lieux adressés"

    def __str__(self) -> str:
        return f"{self.name} ({self.city})" if self.kind != PlaceKind.MUNICIPALITY else self.name


class AddressNumber(models.Model):
    """A house number of a street or a locality."""

    ban_id = models.CharField("identifiant BAN", max_length=80, unique=True)
    place = models.ForeignKey(AddressPlace, on_delete=models.CASCADE, related_name="numbers", verbose_name="voie")
    housenumber = models.CharField("numéro", max_length=16)
    lon = models.FloatField("longitude")
    lat = models.FloatField("latitude")

    class Meta:
        verbose_name = "adresse"
        verbose_name_plural = "adresses"

    def __str__(self) -> str:
        return f"{self.housenumber} {self.place.name}"


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name or self.code


class Departement(models.Model):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements", verbose_name="région")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.name else self.code


class Epci(models.Model):
    """Établissement public de coopération intercommunale, identified by its SIREN."""

    siren = models.CharField("SIREN", max_length=9, unique=True)
    name = models.CharField("nom", max_length=200, blank=True)

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["siren"]

    def __str__(self) -> str:
        return self.name or self.siren


class CommuneKind(models.TextChoices):
    COMMUNE = "COM", "Commune"
    ARRONDISSEMENT = "ARM", "Arrondissement municipal"


class Commune(models.Model):
    code = models.CharField("code INSEE", max_length=5, unique=True)
    name = models.CharField("nom", max_length=100)
    # Folded name (lower case, no accents, "saint" spelled out, no hyphens): what lookups compare.
    search_name = models.CharField("nom normalisé", max_length=100, db_index=True)
    kind = models.CharField("type", max_length=3, choices=CommuneKind.choices, default=CommuneKind.COMMUNE)
    departement = models.ForeignKey(
        Departement, on_delete=models.PROTECT, related_name="communes", verbose_name="département"
    )
    epci = models.ForeignKey(
        Epci, on_delete=models.SET_NULL, null=True, blank=True, related_name="communes", verbose_name="EPCI"
    )

    class Meta:
        verbose_name = "commune"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
