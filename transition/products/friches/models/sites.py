"""The registry: brownfield sites in the terms of the CNIG standard, and their buildings.

Fields the product reads (name, type, commune, point and outline, surface, status, owner,
pollution, planning zone, intended uses) are columns; the standard's other fields keep the value
they were given in `cnig`, so that an export gives back what an import received.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.utils import timezone

from ..domain.cnig_schema import FIELDS_BY_NAME
from ..enums import OwnerKind, SiteStatus

__all__ = ["Building", "Site"]


def _choices(field: str) -> list[tuple[str, str]]:
    return [(v, v[:1].upper() + v[1:]) for v in FIELDS_BY_NAME[field].enum]


SITE_TYPE_CHOICES = _choices("site_type")
SOIL_POLLUTION_CHOICES = _choices("sol_pollution_existe")
BUILDING_POLLUTION_CHOICES = _choices("bati_pollution")
ZONE_TYPE_CHOICES = [(v, v) for v in FIELDS_BY_NAME["urba_zone_type"].enum]
DOC_TYPE_CHOICES = [(v, v) for v in FIELDS_BY_NAME["urba_doc_type"].enum]
ZAER_CHOICES = _choices("urba_zaer")
BUILDING_STATE_CHOICES = _choices("bati_etat")
HERITAGE_CHOICES = _choices("bati_patrimoine")
BUILDING_USE_CHOICES = [
    (v, v[:1].upper() + v[1:])
    for v in ("industriel", "commercial", "résidentiel", "secteur tertiaire", "inconnu", "autre", "sans objet")
]
VACANCY_CHOICES = _choices("bati_vacance")


class Site(models.Model):
    site_id = models.CharField("identifiant CNIG", max_length=64, unique=True)
    name = models.CharField("nom", max_length=255)
    site_type = models.CharField("ancienne activité", max_length=60, choices=SITE_TYPE_CHOICES, default="inconnu")
    address = models.CharField("adresse", max_length=255, blank=True)
    commune_insee = models.CharField("code INSEE de la commune", max_length=5, db_index=True)
    commune_name = models.CharField("commune", max_length=100)
    departement = models.CharField("département", max_length=3, db_index=True)
    region = models.CharField("région", max_length=2, blank=True, db_index=True)
    point = models.PointField("point", srid=4326, spatial_index=True)
    outline = models.MultiPolygonField("contour", srid=4326, null=True, blank=True)
    surface_m2 = models.PositiveIntegerField("surface (m²)", null=True, blank=True)
    status = models.CharField(
        "statut", max_length=30, choices=SiteStatus.choices, default=SiteStatus.SANS_PROJET, db_index=True
    )
    owner_kind = models.CharField(
        "type de propriétaire", max_length=20, choices=OwnerKind.choices, default=OwnerKind.INCONNU
    )
    owner_name = models.CharField("propriétaire (personne morale)", max_length=255, blank=True)
    soil_pollution = models.CharField(
        "pollution des sols", max_length=40, choices=SOIL_POLLUTION_CHOICES, blank=True, default=""
    )
    building_pollution = models.CharField(
        "pollution des bâtiments", max_length=20, choices=BUILDING_POLLUTION_CHOICES, blank=True, default=""
    )
    zone_type = models.CharField("zone d’urbanisme", max_length=10, choices=ZONE_TYPE_CHOICES, blank=True)
    zone_label = models.CharField("libellé de la zone", max_length=50, blank=True)
    planning_document = models.CharField("document d’urbanisme", max_length=12, choices=DOC_TYPE_CHOICES, blank=True)
    zaer = models.CharField(
        "zone d’accélération des énergies renouvelables", max_length=10, choices=ZAER_CHOICES, default="inconnu"
    )
    intended_uses = models.JSONField("usages envisagés", default=list, blank=True)
    identified_on = models.DateField("identifié le", default=timezone.localdate)
    updated_on = models.DateField("actualisé le", default=timezone.localdate)
    source_name = models.CharField("source", max_length=255, default="Transition")
    cnig = models.JSONField("autres champs du standard CNIG", default=dict, blank=True)
    mutability_inputs = models.JSONField("réponses sur la mutabilité", default=dict, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name="collectivité ou porteur",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="friches_sites",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    modified_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "site"
        ordering = ["commune_name", "name"]
        indexes = [models.Index(fields=["departement", "status"])]

    def __str__(self):
        return f"{self.name} ({self.commune_name})"

    @property
    def surface_ha(self):
        return None if self.surface_m2 is None else self.surface_m2 / 10000


class Building(models.Model):
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="buildings", verbose_name="site")
    label = models.CharField("nom ou repère", max_length=120)
    use = models.CharField("type", max_length=20, choices=BUILDING_USE_CHOICES, default="inconnu")
    floor_area_m2 = models.PositiveIntegerField("surface de plancher (m²)", null=True, blank=True)
    footprint_m2 = models.PositiveIntegerField("emprise au sol (m²)", null=True, blank=True)
    state = models.CharField("état", max_length=40, choices=BUILDING_STATE_CHOICES, default="inconnu")
    heritage = models.CharField("patrimoine", max_length=40, choices=HERITAGE_CHOICES, default="aucun")
    vacancy = models.CharField("occupation", max_length=30, choices=VACANCY_CHOICES, default="vacant")
    built_year = models.PositiveSmallIntegerField("année de construction", null=True, blank=True)

    class Meta:
        verbose_name = "bâtiment"
        ordering = ["site", "label"]

    def __str__(self):
        return f"{self.label} — {self.site.name}"
