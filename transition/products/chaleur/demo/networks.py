"""Demo networks around Angers (Maine-et-Loire): invented networks on the city's real geography.

Loaded by `manage.py demo` ("chaleur-1-reseaux"), idempotently: every row has a fixed import key
and is updated in place. Every layer of the product is there: two traced heat networks (one
classified, with a PDP), a heat network known only by its commune (Trélazé), a cold network, a
network under construction (trace and zone), and a heat network closed to new connections.

Positions that show each answer (WGS84 lon, lat): DEMO_ADDRESSES (addresses.py), where the local
geocoder's demo holds addresses.
"""

from django.contrib.gis.geos import LineString, MultiLineString, MultiPolygon, Point, Polygon
from django.db import transaction

from transition.platform.core.models import data_version_batch

from ..enums import NETWORKS_DATA, NetworkKind
from ..models import Network, NetworkUnderConstruction, Pdp
from .addresses import load_demo_addresses

SRID = 2154

# Geometries are built when the loader runs, never at import: a GEOS geometry alive at interpreter
# exit may outlive the GEOS context that frees it.


def _line(*points) -> LineString:
    return LineString([(float(x), float(y)) for x, y in points], srid=SRID)


def _lines(*lines) -> MultiLineString:
    return MultiLineString(*lines, srid=SRID)


def _zone(*points) -> MultiPolygon:
    ring = [(float(x), float(y)) for x, y in points]
    return MultiPolygon(Polygon(ring + [ring[0]], srid=SRID), srid=SRID)


def _streets(origin, *legs) -> LineString:
    """A street-like path: from `origin`, successive (dx, dy) legs in metres."""
    x, y = origin
    points = [(x, y)]
    for dx, dy in legs:
        x, y = x + dx, y + dy
        points.append((x, y))
    return _line(*points)


BELLE_BEILLE = (429269, 6714903)
ROSERAIE = (433092, 6711061)
MONPLAISIR = (434289, 6715900)
SAINT_SERGE = (432896, 6715073)


def _networks() -> list[dict]:
    return [
        {
            "import_key": "demo:4901C",
            "national_id": "4901C",
            "kind": NetworkKind.HEAT,
            "name": "Réseau de chaleur de Belle-Beille",
            "communes": "Angers",
            "commune_insee_codes": ["49007"],
            "departement": "Maine-et-Loire",
            "region": "Pays de la Loire",
            "maitre_ouvrage": "Angers Loire Métropole",
            "gestionnaire": "Énergies Angevines",
            "classified": True,
            "creation_year": 1968,
            "length_km": 14.2,
            "delivery_points": 212,
            "renewable_rate_pct": 71.5,
            "co2_kg_per_kwh": 0.064,
            "co2_lca_kg_per_kwh": 0.089,
            "average_price_eur_per_mwh": 88.4,
            "variable_part_pct": 64,
            "fixed_part_pct": 36,
            "average_price_housing_eur_per_mwh": 90.1,
            "average_price_tertiary_eur_per_mwh": 84.7,
            "efficiency_pct": 88.0,
            "development_pct": 4.2,
            "production_total_mwh": 98_000,
            "power_total_mw": 62,
            "production_mwh_by_energy": {
                "biomasse": 62_000,
                "gaz_naturel": 24_000,
                "dechets_internes": 9_000,
                "fioul": 3_000,
            },
            "deliveries_mwh_by_sector": {"residentiel": 61_000, "tertiaire": 24_000, "industrie": 2_500},
            "hot_water": True,
            "superheated_water": False,
            "steam": False,
            "trace": _lines(
                _streets(BELLE_BEILLE, (250, 40), (300, 10), (280, -60), (260, 20), (240, 90)),
                _streets((BELLE_BEILLE[0] + 550, BELLE_BEILLE[1] + 50), (20, 260), (-40, 240), (-10, 220)),
                _streets((BELLE_BEILLE[0] + 830, BELLE_BEILLE[1] - 10), (30, -240), (70, -200), (180, -30)),
                _streets(BELLE_BEILLE, (-60, -230), (-220, -80), (-200, 40)),
            ),
        },
        {
            "import_key": "demo:4902C",
            "national_id": "4902C",
            "kind": NetworkKind.HEAT,
            "name": "Réseau de chaleur de la Roseraie",
            "communes": "Angers",
            "commune_insee_codes": ["49007"],
            "departement": "Maine-et-Loire",
            "region": "Pays de la Loire",
            "maitre_ouvrage": "Angers Loire Métropole",
            "gestionnaire": "Réseaux de Chaleur de l’Ouest",
            "classified": False,
            "creation_year": 1974,
            "length_km": 9.6,
            "delivery_points": 148,
            "renewable_rate_pct": 58.0,
            "co2_kg_per_kwh": 0.098,
            "co2_lca_kg_per_kwh": 0.121,
            "average_price_eur_per_mwh": 93.7,
            "variable_part_pct": 58,
            "fixed_part_pct": 42,
            "efficiency_pct": 86.5,
            "production_total_mwh": 61_000,
            "power_total_mw": 41,
            "production_mwh_by_energy": {"biomasse": 35_000, "gaz_naturel": 24_500, "solaire_thermique": 1_500},
            "deliveries_mwh_by_sector": {"residentiel": 44_000, "tertiaire": 9_000},
            "hot_water": True,
            "trace": _lines(
                _streets(ROSERAIE, (-200, 150), (-260, 20), (-220, -130), (-180, -200)),
                _streets((ROSERAIE[0] - 460, ROSERAIE[1] + 170), (30, 300), (-50, 260)),
                _streets(ROSERAIE, (190, -160), (230, -60), (160, 120)),
            ),
        },
        {
            "import_key": "demo:4903C",
            "national_id": "4903C",
            "kind": NetworkKind.HEAT,
            "name": "Réseau de chaleur de Trélazé",
            "communes": "Trélazé",
            "commune_insee_codes": ["49353"],
            "departement": "Maine-et-Loire",
            "region": "Pays de la Loire",
            "gestionnaire": "Régie des énergies de Trélazé",
            "classified": False,
            "renewable_rate_pct": 45.0,
            "co2_kg_per_kwh": 0.142,
            "production_mwh_by_energy": {"biomasse": 5_200, "gaz_naturel": 6_300},
            "has_trace": False,
            "location": Point(438588.0, 6710817.0, srid=SRID),
        },
        {
            "import_key": "demo:4901F",
            "national_id": "4901F",
            "kind": NetworkKind.COLD,
            "name": "Réseau de froid de Saint-Serge",
            "communes": "Angers",
            "commune_insee_codes": ["49007"],
            "departement": "Maine-et-Loire",
            "region": "Pays de la Loire",
            "gestionnaire": "Énergies Angevines",
            "creation_year": 2019,
            "length_km": 2.1,
            "renewable_rate_pct": 0.0,
            "co2_kg_per_kwh": 0.012,
            "production_mwh_by_energy": {"froid_eau_de_riviere": 8_400},
            "trace": _lines(
                _streets(SAINT_SERGE, (180, 60), (200, 10), (150, -90)),
                _streets((SAINT_SERGE[0] + 380, SAINT_SERGE[1] + 70), (30, 220)),
            ),
        },
        {
            "import_key": "demo:4904C",
            "national_id": "4904C",
            "kind": NetworkKind.HEAT,
            "name": "Réseau de chaleur du centre hospitalier",
            "communes": "Angers",
            "commune_insee_codes": ["49007"],
            "departement": "Maine-et-Loire",
            "region": "Pays de la Loire",
            "gestionnaire": "Centre hospitalier universitaire",
            "classified": False,
            "renewable_rate_pct": 12.0,
            "co2_kg_per_kwh": 0.201,
            "production_mwh_by_energy": {"gaz_naturel": 21_000, "biomasse": 3_000},
            "trace": _lines(_streets((431700, 6715650), (120, 40), (90, -60))),
            "open_to_connections": False,
        },
    ]


def _construction() -> list[dict]:
    return [
        {
            "import_key": "demo:construction:monplaisir-trace",
            "name": "Extension Monplaisir",
            "gestionnaire": "Énergies Angevines",
            "mise_en_service": "2027",
            "communes": "Angers",
            "is_zone": False,
            "trace": _lines(
                _streets((MONPLAISIR[0] - 1000, MONPLAISIR[1] + 150), (220, 30), (260, -40), (300, 10), (200, -80))
            ),
        },
        {
            "import_key": "demo:construction:capucins-zone",
            "name": "Réseau des Capucins",
            "gestionnaire": "Énergies Angevines",
            "mise_en_service": "2028",
            "communes": "Angers",
            "is_zone": True,
            "zone": _zone(
                (MONPLAISIR[0] + 100, MONPLAISIR[1] - 400),
                (MONPLAISIR[0] + 700, MONPLAISIR[1] - 350),
                (MONPLAISIR[0] + 750, MONPLAISIR[1] + 250),
                (MONPLAISIR[0] + 150, MONPLAISIR[1] + 300),
            ),
        },
    ]


def _pdp() -> dict:
    return {
        "import_key": "demo:pdp:4901C",
        "national_id": "4901C",
        "geometry": _zone(
            (BELLE_BEILLE[0] - 600, BELLE_BEILLE[1] - 500),
            (BELLE_BEILLE[0] + 1700, BELLE_BEILLE[1] - 550),
            (BELLE_BEILLE[0] + 1750, BELLE_BEILLE[1] + 900),
            (BELLE_BEILLE[0] - 550, BELLE_BEILLE[1] + 850),
        ),
    }


def _differs(current, value) -> bool:
    if hasattr(value, "equals_exact"):
        return current is None or not current.equals_exact(value, 0.001)
    return current != value


def _save(model, values: dict, changed: list):
    values = dict(values)
    key = values.pop("import_key")
    instance = model.objects.filter(import_key=key).first()
    if instance is not None and not any(_differs(getattr(instance, k), v) for k, v in values.items()):
        return instance
    instance = instance or model(import_key=key)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()
    changed.append(key)
    return instance


def load_networks() -> None:
    """Creates or refreshes the demo networks and the demo area's addresses; running it twice
    changes nothing (the data version moves only when a row did: each save bumps it, the batch
    makes it one bump)."""
    load_demo_addresses()
    changed: list[str] = []
    with transaction.atomic(), data_version_batch(NETWORKS_DATA):
        networks = {
            values["national_id"]: _save(Network, {"has_trace": True, **values}, changed) for values in _networks()
        }
        for values in _construction():
            _save(NetworkUnderConstruction, values, changed)
        _save(Pdp, {**_pdp(), "network": networks["4901C"]}, changed)
