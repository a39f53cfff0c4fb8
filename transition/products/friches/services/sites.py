"""Writing the registry: a site registered or changed by its collectivité, its buildings, its
answers on mutability; and a person joining Friches as collectivité or project holder."""

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Point
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.accounts.services import membership_grant
from transition.platform.audit.services import event_record
from transition.platform.geo.domain.territory import departement_of_insee, region_of_departement

from ..domain.geometry import area_m2
from ..domain.mutability_criteria import CRITERIA_BY_KEY, NE_SAIT_PAS
from ..enums import Role
from ..models import Building, Site

PRODUCT = "friches"

SITE_FIELDS = (
    "name",
    "site_type",
    "address",
    "commune_insee",
    "commune_name",
    "surface_m2",
    "status",
    "owner_kind",
    "owner_name",
    "soil_pollution",
    "building_pollution",
    "zone_type",
    "zone_label",
    "planning_document",
    "zaer",
    "intended_uses",
)
BUILDING_FIELDS = ("label", "use", "floor_area_m2", "footprint_m2", "state", "heritage", "vacancy", "built_year")


class SiteError(ValueError):
    """A change the registry refuses, with the reason in French."""


def porteur_join(*, actor, organisation) -> None:
    """A signed-in person starts using Friches for its organisation (a commune, an EPCI…)."""
    membership_grant(actor=actor, user=actor, organisation=organisation, product=PRODUCT, role=Role.PORTEUR)


def geos_outline(shapely_geometry) -> MultiPolygon:
    geometry = GEOSGeometry(memoryview(shapely_geometry.wkb), srid=4326)
    return geometry if isinstance(geometry, MultiPolygon) else MultiPolygon(geometry, srid=4326)


def new_site_id(commune_insee: str) -> str:
    """`<INSEE>_T<n>`: the standard's form (commune, then a producer's serial)."""
    n = Site.objects.filter(commune_insee=commune_insee).count() + 1
    while Site.objects.filter(site_id=f"{commune_insee}_T{n}").exists():
        n += 1
    return f"{commune_insee}_T{n}"


def _place(site: Site) -> None:
    departement = departement_of_insee(site.commune_insee)
    if departement is None:
        raise SiteError(f"Code INSEE de commune inconnu : « {site.commune_insee} ».")
    site.departement = departement
    site.region = region_of_departement(departement) or ""


def _surface(site: Site, outline_shape) -> None:
    if outline_shape is not None and not site.surface_m2:
        site.surface_m2 = round(area_m2(outline_shape))


def site_create(*, actor, organisation, data: dict, lon: float, lat: float, outline_shape=None) -> Site:
    permissions.require(actor, "friches.site_create")
    site = Site(**{k: v for k, v in data.items() if k in SITE_FIELDS})
    site.organisation = organisation
    site.created_by = actor
    site.point = Point(lon, lat, srid=4326)
    if outline_shape is not None:
        site.outline = geos_outline(outline_shape)
    site.source_name = organisation.name if organisation else "Transition"
    _place(site)
    _surface(site, outline_shape)
    with transaction.atomic():
        site.site_id = new_site_id(site.commune_insee)
        site.save()
        event_record(
            actor=actor, action="friches.site_create", target=site, product=PRODUCT, payload={"site_id": site.site_id}
        )
    return site


def site_update(
    *, actor, site: Site, data: dict, lon: float | None = None, lat: float | None = None, outline_shape=None
) -> Site:
    permissions.require(actor, "friches.site_change", site)
    changed = sorted(k for k in SITE_FIELDS if k in data and getattr(site, k) != data[k])
    for key in changed:
        setattr(site, key, data[key])
    if lon is not None and lat is not None:
        site.point = Point(lon, lat, srid=4326)
        changed.append("point")
    if outline_shape is not None:
        site.outline = geos_outline(outline_shape)
        changed.append("outline")
        _surface(site, outline_shape)
    _place(site)
    site.updated_on = timezone.localdate()
    with transaction.atomic():
        site.save()
        event_record(
            actor=actor, action="friches.site_update", target=site, product=PRODUCT, payload={"fields": changed}
        )
    return site


def mutability_answers_clean(answers: dict) -> dict:
    """Keep what the criteria table can read; refuse the rest with the reason."""
    clean = {}
    for key, value in answers.items():
        criterion = CRITERIA_BY_KEY.get(key)
        if criterion is None:
            raise SiteError(f"Critère inconnu : {key}.")
        if value in (None, ""):
            continue
        if value == NE_SAIT_PAS:
            clean[key] = NE_SAIT_PAS
        elif criterion.kind == "numeric":
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise SiteError(f"{criterion.label} : un nombre positif est attendu.")
            clean[key] = value
        elif value not in [c.value for c in criterion.choices]:
            raise SiteError(f"{criterion.label} : valeur non prévue.")
        else:
            clean[key] = value
    return clean


def site_mutability_answer(*, actor, site: Site, answers: dict) -> Site:
    permissions.require(actor, "friches.site_change", site)
    site.mutability_inputs = mutability_answers_clean(answers)
    with transaction.atomic():
        site.save(update_fields=["mutability_inputs", "modified_at"])
        event_record(
            actor=actor,
            action="friches.site_mutability_answer",
            target=site,
            product=PRODUCT,
            payload={"criteria": sorted(site.mutability_inputs)},
        )
    return site


def building_save(*, actor, site: Site, data: dict, building: Building | None = None) -> Building:
    permissions.require(actor, "friches.site_change", site)
    if building is not None and building.site_id != site.pk:
        raise SiteError("Ce bâtiment n’appartient pas à ce site.")
    building = building or Building(site=site)
    for key in BUILDING_FIELDS:
        if key in data:
            setattr(building, key, data[key])
    with transaction.atomic():
        building.save()
        event_record(
            actor=actor, action="friches.building_save", target=building, product=PRODUCT, payload={"site_id": site.pk}
        )
    return building


def building_delete(*, actor, building: Building) -> None:
    permissions.require(actor, "friches.site_change", building.site)
    with transaction.atomic():
        target = ("friches.building", building.pk)
        site_id = building.site_id
        building.delete()
        event_record(
            actor=actor, action="friches.building_delete", target=target, product=PRODUCT, payload={"site_id": site_id}
        )
