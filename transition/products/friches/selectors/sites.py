"""Reading the registry: filtered lists, the map's sites in a bounding box, and a site's
mutability (what the registry says, what the person answered, the ranking of the seven uses)."""

from dataclasses import dataclass

from django.contrib.gis.db.models import Extent
from django.contrib.gis.geos import Polygon
from django.db.models import Avg, Count, Exists, FloatField, Func, OuterRef, Q, QuerySet
from django.db.models.functions import Floor

from ..domain.mutability import UsageResult, mutability_ranking
from ..domain.mutability_criteria import CRITERIA
from ..domain.mutability_reliability import Reliability, mutability_reliability
from ..domain.site_criteria import BuildingFacts, SiteFacts, criteria_sources, derived_criteria, effective_criteria
from ..enums import SiteStatus
from ..models import Project, Site


@dataclass(frozen=True)
class SiteFilters:
    q: str = ""
    status: str = ""
    site_type: str = ""
    departement: str = ""
    commune: str = ""
    min_surface_m2: int | None = None
    max_surface_m2: int | None = None
    with_project: bool | None = None


def site_list(filters: SiteFilters | None = None) -> QuerySet[Site]:
    f = filters or SiteFilters()
    qs = Site.objects.all()
    if f.q:
        qs = qs.filter(Q(name__icontains=f.q) | Q(commune_name__icontains=f.q) | Q(site_id__iexact=f.q))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.site_type:
        qs = qs.filter(site_type=f.site_type)
    if f.departement:
        qs = qs.filter(departement=f.departement)
    if f.commune:
        qs = qs.filter(Q(commune_insee=f.commune) | Q(commune_name__iexact=f.commune))
    if f.min_surface_m2 is not None:
        qs = qs.filter(surface_m2__gte=f.min_surface_m2)
    if f.max_surface_m2 is not None:
        qs = qs.filter(surface_m2__lte=f.max_surface_m2)
    if f.with_project is not None:
        active = Project.objects.filter(site=OuterRef("pk"), archived_at__isnull=True)
        qs = qs.filter(Exists(active)) if f.with_project else qs.exclude(Exists(active))
    return qs


@dataclass(frozen=True)
class MapSite:
    pk: int
    name: str
    status: str
    site_type: str
    commune: str
    surface_m2: int | None
    lon: float
    lat: float


@dataclass(frozen=True)
class MapCluster:
    count: int
    lon: float
    lat: float


@dataclass(frozen=True)
class MapView:
    total: int
    sites: list[MapSite]
    clusters: list[MapCluster]  # when the view holds more sites than the map shows one by one


CLUSTER_GRID = 40  # cells across the view's width when sites are grouped


def _x(field="point"):
    return Func(field, function="ST_X", output_field=FloatField())


def _y(field="point"):
    return Func(field, function="ST_Y", output_field=FloatField())


def map_sites(*, bbox: tuple[float, float, float, float], filters: SiteFilters, limit: int) -> MapView:
    """Sites whose point lies in (west, south, east, north): one by one up to `limit`, beyond that
    grouped on a grid of the view (count and centre of each cell). Coordinates are read as numbers
    by the database (no geometry object per row)."""
    west, south, east, north = bbox
    box = Polygon.from_bbox(bbox)
    box.srid = 4326
    # A point's bounding box is the point: the index's own test (&&) is exact here, and ten times
    # cheaper on PostGIS than ST_Intersects on each row.
    qs = site_list(filters).filter(point__bboverlaps=box)
    rows = list(
        qs.order_by("pk")
        .values_list("pk", "name", "status", "site_type", "commune_name", "surface_m2")
        .annotate(lon=_x(), lat=_y())[: limit + 1]
    )
    if len(rows) <= limit:
        return MapView(len(rows), [MapSite(*row) for row in rows], [])
    cell = (east - west) / CLUSTER_GRID
    grouped = (
        qs.annotate(cx=Floor(_x() / cell), cy=Floor(_y() / cell))
        .values("cx", "cy")
        .annotate(n=Count("pk"), lon=Avg(_x()), lat=Avg(_y()))
        .order_by()
    )
    clusters = [MapCluster(g["n"], g["lon"], g["lat"]) for g in grouped]
    return MapView(sum(c.count for c in clusters), [], clusters)


def site_facts(site: Site) -> SiteFacts:
    buildings = tuple(BuildingFacts(b.footprint_m2, b.floor_area_m2, b.state, b.heritage) for b in site.buildings.all())
    cnig = site.cnig or {}
    surface = cnig.get("bati_surface", "")
    return SiteFacts(
        surface_m2=site.surface_m2,
        owner_kind=site.owner_kind,
        soil_pollution=site.soil_pollution,
        building_pollution=site.building_pollution,
        zone_type=site.zone_type,
        zaer=site.zaer,
        buildings=buildings,
        cnig_building_surface_m2=int(surface) if surface.isdigit() else None,
        cnig_building_state=cnig.get("bati_etat", ""),
    )


@dataclass(frozen=True)
class CriterionRow:
    key: str
    label: str
    section: str
    value: object
    value_label: str
    source: str  # "registre", "saisie" or ""
    weight: float
    entered_by_person: bool


@dataclass(frozen=True)
class SiteMutability:
    ranking: list[UsageResult]
    reliability: Reliability
    criteria: list[CriterionRow]
    values: dict


def site_mutability(site: Site) -> SiteMutability:
    derived = derived_criteria(site_facts(site))
    answers = site.mutability_inputs or {}
    values = effective_criteria(derived, answers)
    sources = criteria_sources(derived, answers, [c.key for c in CRITERIA])
    rows = [
        CriterionRow(
            c.key,
            c.label,
            c.section,
            values.get(c.key),
            c.value_label(values[c.key]) if c.key in values else "Non renseigné",
            sources[c.key],
            c.weight,
            c.entered_by_person,
        )
        for c in CRITERIA
    ]
    return SiteMutability(mutability_ranking(values), mutability_reliability(values), rows, values)


def status_counts() -> dict[str, int]:
    counts = dict.fromkeys(SiteStatus.values, 0)
    for status in Site.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def sites_extent() -> str:
    """ "west,south,east,north" of every site's point (the map's first view), "" when none."""
    extent = Site.objects.aggregate(e=Extent("point"))["e"]
    return ",".join(f"{v:.5f}" for v in extent) if extent else ""
