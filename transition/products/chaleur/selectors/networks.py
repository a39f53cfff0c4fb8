"""Reads of the networks: the list and its sorts, a network's page, the operators' names, the
extent of the map's first view."""

from django.contrib.gis.db.models import Extent
from django.db.models import F, Q, QuerySet

from transition.platform.core.db_router import on_replica
from transition.platform.geo.domain.text import fold
from transition.platform.geo.projection import to_wgs84_many

from ..domain.co2 import g_per_kwh
from ..enums import NetworkKind
from ..models import Network, NetworkUnderConstruction, Pdp

__all__ = [
    "SORTS",
    "network_details",
    "network_get",
    "network_list",
    "networks_extent_wgs84",
    "operator_names",
]

# name -> (label, ordering)
SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "nom": ("Nom", ("name", "national_id")),
    "identifiant": ("Identifiant", ("national_id",)),
    "enr": ("Taux EnR&R décroissant", ("-renewable_rate_pct", "name")),
    "co2": ("Contenu CO₂ croissant", ("co2_kg_per_kwh", "name")),
    "longueur": ("Longueur décroissante", ("-length_km", "name")),
}


def network_list(*, search: str = "", sort: str = "nom", kind: str = "") -> QuerySet[Network] | list[Network]:
    """The networks matching `search`, sorted; by name as French readers expect ("de la Roseraie"
    before "de Trélazé": case, accents and punctuation ignored), which the databases' collations
    do not do: that sort is made here."""
    networks = Network.objects.all()
    if kind in NetworkKind.values:
        networks = networks.filter(kind=kind)
    for word in search.split()[:6]:
        networks = networks.filter(
            Q(name__icontains=word)
            | Q(national_id__iexact=word)
            | Q(communes__icontains=word)
            | Q(gestionnaire__icontains=word)
            | Q(departement__icontains=word)
        )
    ordering = SORTS.get(sort, SORTS["nom"])[1]
    # Empty values last whatever the direction: a network without figures is not the best one.
    fields = [F(f[1:]).desc(nulls_last=True) if f.startswith("-") else F(f).asc(nulls_last=True) for f in ordering]
    networks = on_replica(networks.defer("trace", "location", "source_properties").order_by(*fields, "pk"))
    if sort not in SORTS or sort == "nom":
        return sorted(networks, key=lambda n: (fold(n.name or ""), n.national_id or "", n.pk))
    return networks


def network_get(national_id: str) -> Network | None:
    return Network.objects.filter(national_id=national_id.upper()).order_by("pk").first()


def operator_names() -> list[str]:
    return sorted(set(Network.objects.exclude(gestionnaire="").values_list("gestionnaire", flat=True)))


ENERGY_LABELS = {
    "biomasse": "Biomasse",
    "gaz_naturel": "Gaz naturel",
    "fioul": "Fioul",
    "charbon": "Charbon",
    "geothermie": "Géothermie",
    "solaire_thermique": "Solaire thermique",
    "dechets_internes": "Chaleur de récupération (déchets)",
    "UVE": "Unité de valorisation énergétique des déchets",
    "chaleur_industrielle": "Chaleur industrielle",
    "PAC": "Pompes à chaleur",
    "biogaz": "Biogaz",
    "electricite": "Électricité",
    "autres": "Autres",
}
SECTOR_LABELS = {
    "residentiel": "Résidentiel",
    "tertiaire": "Tertiaire",
    "industrie": "Industrie",
    "agriculture": "Agriculture",
    "autres": "Autres",
}


def _label(key: str, labels: dict[str, str]) -> str:
    return labels.get(key) or key.replace("_", " ").strip().capitalize()


def _shares(values: dict, labels: dict[str, str]) -> list[dict]:
    total = sum(v for v in values.values() if v and v > 0)
    rows = [
        {
            "key": key,
            "label": _label(key, labels),
            "mwh": value,
            "share_pct": round(100 * value / total, 1) if total else None,
        }
        for key, value in values.items()
        if value and value > 0
    ]
    return sorted(rows, key=lambda row: -row["mwh"])


def network_details(network: Network) -> dict:
    pdp = network.pdps.exists() or Pdp.objects.filter(national_id=network.national_id).exclude(national_id="").exists()
    return {
        "energy_mix": _shares(network.production_mwh_by_energy or {}, ENERGY_LABELS),
        "deliveries": _shares(network.deliveries_mwh_by_sector or {}, SECTOR_LABELS),
        "has_pdp": pdp,
        "co2_g_per_kwh": g_per_kwh(network.co2_kg_per_kwh),
        "co2_lca_g_per_kwh": g_per_kwh(network.co2_lca_kg_per_kwh),
    }


def networks_extent_wgs84() -> tuple[float, float, float, float] | None:
    """West, south, east, north of every network (traces, positions, works), for the map's first
    view: all of France with the national data, the demo's town with the demo. None when empty."""
    boxes = [
        Network.objects.aggregate(box=Extent("trace"))["box"],
        Network.objects.aggregate(box=Extent("location"))["box"],
        NetworkUnderConstruction.objects.aggregate(box=Extent("trace"))["box"],
        NetworkUnderConstruction.objects.aggregate(box=Extent("zone"))["box"],
    ]
    boxes = [box for box in boxes if box]
    if not boxes:
        return None
    xmin, ymin = min(b[0] for b in boxes), min(b[1] for b in boxes)
    xmax, ymax = max(b[2] for b in boxes), max(b[3] for b in boxes)
    lons, lats = to_wgs84_many([xmin, xmax, xmin, xmax], [ymin, ymin, ymax, ymax])
    return float(lons.min()), float(lats.min()), float(lons.max()), float(lats.max())
