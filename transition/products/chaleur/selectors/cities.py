"""A commune's page: its networks, those being built, its PDP, its potential (condominiums of the
registry near a network), the addresses tested there and the demands sent from there (counts
only: no person is shown)."""

from dataclasses import dataclass, field

import numpy as np
import shapely
from django.contrib.gis.geos import Polygon
from django.db.models import Count, Q

from transition.platform.core.db_router import replica_reads
from transition.platform.geo.models import Commune
from transition.platform.geo.projection import to_wgs84_many
from transition.platform.geo.selectors import commune_search_key

from ..domain.cities import city_slug, names_match, share_pct
from ..domain.demand_status import CLOSED_STATUSES, STATUS_LABELS, DemandStatus
from ..domain.prospects import PROSPECT_DISTANCE_M
from ..models import Copropriete, Demand, EligibilityTestCommune, Network, NetworkUnderConstruction, Pdp

__all__ = ["CityOverview", "cities_with_networks", "city_find", "city_overview", "city_url_key"]


def city_url_key(commune: Commune) -> str:
    """What names the commune in /chaleur/villes/<…>: its name's slug, or its INSEE code when
    another commune has the same slug."""
    slug = city_slug(commune.name)
    homonyms = Commune.objects.filter(search_name=commune.search_name).exclude(pk=commune.pk)
    return commune.code if any(city_slug(c.name) == slug for c in homonyms) else slug


def city_find(key: str) -> tuple[Commune | None, list[Commune]]:
    """(the commune, []) or (None, the homonyms to choose from); (None, []) when unknown."""
    key = key.strip()[:100]
    if len(key) == 5 and key[:2].isalnum() and key[2:].isdigit():
        return Commune.objects.filter(code=key.upper()).select_related("departement").first(), []
    # "saint-barthelemy-d-anjou", "St-Étienne", "SAINT ETIENNE": the platform's folded name.
    candidates = list(
        Commune.objects.filter(search_name=commune_search_key(key.replace("-", " "))).select_related("departement")
    )
    if len(candidates) == 1:
        return candidates[0], []
    return None, sorted(candidates, key=lambda c: c.code)


@dataclass
class CityOverview:
    networks: list[Network]
    cold_networks: list[Network]
    under_construction: list[NetworkUnderConstruction]
    pdps: list[Pdp]
    coproprietes: int
    coproprietes_near: int
    dwellings_near: int
    near_share_pct: int | None
    tests: EligibilityTestCommune | None
    tests_eligible_pct: int | None
    demands_total: int
    demands_open: int
    demands_by_status: list[tuple[str, int]] = field(default_factory=list)
    center: tuple[float, float] | None = None  # lon, lat


def _serves(network, commune: Commune) -> bool:
    codes = network.commune_insee_codes if isinstance(network, Network) else []
    return commune.code in (codes or []) or names_match(commune.name, network.communes)


@replica_reads()
def city_overview(commune: Commune) -> CityOverview:
    folded_first_word = commune.name.split("-")[0].split(" ")[0][:30]
    candidates = Network.objects.filter(
        Q(commune_insee_codes__icontains=f'"{commune.code}"') | Q(communes__icontains=folded_first_word)
    ).defer("source_properties")
    networks = [n for n in candidates if _serves(n, commune)]
    futures = [
        f
        for f in NetworkUnderConstruction.objects.filter(communes__icontains=folded_first_word).defer(
            "source_properties"
        )
        if _serves(f, commune)
    ]
    pdps = list(
        Pdp.objects.filter(
            Q(network__in=networks) | Q(national_id__in=[n.national_id for n in networks if n.national_id])
        )
        .exclude(national_id="", network__isnull=True)
        .distinct()
    )

    copros = list(Copropriete.objects.filter(citycode=commune.code).only("x_l93", "y_l93", "dwellings_count"))
    near, dwellings_near = 0, 0
    if copros:
        xs = np.array([c.x_l93 for c in copros])
        ys = np.array([c.y_l93 for c in copros])
        d = PROSPECT_DISTANCE_M
        box = Polygon.from_bbox((xs.min() - d, ys.min() - d, xs.max() + d, ys.max() + d))
        box.srid = 2154
        traces = [
            shapely.from_wkb(bytes(n.trace.wkb))
            for n in Network.objects.filter(kind="chaleur", has_trace=True, trace__intersects=box).only("trace")
        ]
        if traces:
            tree = shapely.STRtree(traces)
            indices, distances = tree.query_nearest(shapely.points(xs, ys), return_distance=True, all_matches=False)
            nearest = np.full(len(copros), np.inf)
            nearest[indices[0]] = distances
            close = nearest < d + 0.5  # rounded to the metre, as the prospects are
            near = int(close.sum())
            dwellings_near = int(
                sum(c.dwellings_count or 0 for c, ok in zip(copros, close.tolist(), strict=True) if ok)
            )

    tests = EligibilityTestCommune.objects.filter(citycode=commune.code).first()
    demands = Demand.objects.filter(citycode=commune.code)
    counts = dict(demands.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_status = [(STATUS_LABELS[s], counts[s.value]) for s in DemandStatus if counts.get(s.value)]
    total = sum(counts.values())
    open_count = sum(n for status, n in counts.items() if DemandStatus(status) not in CLOSED_STATUSES)

    center = None
    boxes = [n.trace.extent for n in networks if n.trace] + [n.location.extent for n in networks if n.location]
    if boxes:
        x = (min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2
        y = (min(b[1] for b in boxes) + max(b[3] for b in boxes)) / 2
        lons, lats = to_wgs84_many([x], [y])
        center = (float(lons[0]), float(lats[0]))
    elif copros:
        lons, lats = to_wgs84_many(
            [float(np.mean([c.x_l93 for c in copros]))], [float(np.mean([c.y_l93 for c in copros]))]
        )
        center = (float(lons[0]), float(lats[0]))

    heat = [n for n in networks if n.kind == "chaleur"]
    return CityOverview(
        networks=sorted(heat, key=lambda n: (n.name or "").lower()),
        cold_networks=[n for n in networks if n.kind == "froid"],
        under_construction=futures,
        pdps=pdps,
        coproprietes=len(copros),
        coproprietes_near=near,
        dwellings_near=dwellings_near,
        near_share_pct=share_pct(near, len(copros)),
        tests=tests,
        tests_eligible_pct=share_pct(tests.eligible, tests.tested) if tests else None,
        demands_total=total,
        demands_open=open_count,
        demands_by_status=by_status,
        center=center,
    )


@replica_reads()
def cities_with_networks() -> list[tuple[Commune, str, int]]:
    """(commune, key of its page, number of heat networks) for every commune a heat network
    names, by INSEE code or by name, sorted as French readers expect."""
    codes: dict[str, int] = {}
    keys: dict[str, int] = {}
    for listed, insee in Network.objects.filter(kind="chaleur").values_list("communes", "commune_insee_codes"):
        for code in set(insee or []):
            codes[code] = codes.get(code, 0) + 1
        for name in {commune_search_key(part) for part in (listed or "").replace(";", ",").split(",") if part.strip()}:
            keys[name] = keys.get(name, 0) + 1
    communes = Commune.objects.filter(Q(code__in=list(codes)) | Q(search_name__in=list(keys))).select_related(
        "departement"
    )
    slugs: dict[str, int] = {}
    for commune in communes:
        slugs[city_slug(commune.name)] = slugs.get(city_slug(commune.name), 0) + 1
    rows = []
    for commune in communes:
        count = max(codes.get(commune.code, 0), keys.get(commune.search_name, 0))
        key = city_slug(commune.name) if slugs[city_slug(commune.name)] == 1 else commune.code
        rows.append((commune, key, count))
    return sorted(rows, key=lambda row: (city_slug(row[0].name), row[0].code))
