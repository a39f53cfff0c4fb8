"""What the registry already says of a site, in Mutafriches' terms: the criteria the person need
not answer again. Only translations that hold without guessing are made (an "avérée" soil
pollution says nothing of the compounds, so it is left to the person)."""

from collections.abc import Iterable
from dataclasses import dataclass

from .mutability_criteria import CRITERIA_BY_KEY, NE_SAIT_PAS

BUILDING_STATE = {
    "dégradation inexistante ou faible": "degradation-faible",
    "dégradation moyenne": "degradation-moyenne",
    "dégradation très importante": "degradation-tres-importante",
    "dégradation hétérogène": "degradation-heterogene",
}
HERITAGE = {
    "présence d'un bâtiment d'intérêt": "interet-remarquable",
    "présence d'un bâtiment classé": "interet-remarquable",
}
SOIL_POLLUTION = {"pollution inexistante": "non", "pollution traitée": "deja-geree"}
ZONE_TYPE = {
    "U": "zone-urbaine-u",
    "AUc": "zone-a-urbaniser-au",
    "AUs": "zone-a-urbaniser-au",
    "A": "zone-agricole-a",
    "N": "zone-naturelle-n",
    "Zc": "secteur-ouvert-a-la-construction",
    "ZCa": "zone-vocation-activites",
    "ZnC": "secteur-non-ouvert-a-la-construction",
    "RNU": "secteur-reglement-urbanisme",
}
ZAER = {"oui": "oui", "non": "non"}


@dataclass(frozen=True)
class BuildingFacts:
    footprint_m2: int | None
    floor_area_m2: int | None
    state: str
    heritage: str


@dataclass(frozen=True)
class SiteFacts:
    surface_m2: int | None
    owner_kind: str
    soil_pollution: str
    building_pollution: str
    zone_type: str
    zaer: str
    buildings: tuple[BuildingFacts, ...]
    cnig_building_surface_m2: int | None = None  # bati_surface of an imported site without buildings
    cnig_building_state: str = ""


def _built_surface(facts: SiteFacts) -> int | None:
    if facts.buildings:
        sizes = [b.footprint_m2 if b.footprint_m2 is not None else b.floor_area_m2 for b in facts.buildings]
        return sum(s for s in sizes if s is not None) if any(s is not None for s in sizes) else None
    return facts.cnig_building_surface_m2


def _building_state(facts: SiteFacts) -> str | None:
    states = {BUILDING_STATE.get(b.state) for b in facts.buildings} if facts.buildings else set()
    if not facts.buildings:
        return BUILDING_STATE.get(facts.cnig_building_state)
    if None in states:
        return None
    return states.pop() if len(states) == 1 else "degradation-heterogene"


def derived_criteria(facts: SiteFacts) -> dict:
    """Criterion key -> value, for the criteria the registry answers."""
    out: dict = {}
    if facts.surface_m2:
        out["surfaceSite"] = facts.surface_m2
    built = _built_surface(facts)
    if built is not None:
        out["surfaceBati"] = built
    if facts.owner_kind and facts.owner_kind != NE_SAIT_PAS:
        out["typeProprietaire"] = facts.owner_kind
    if facts.building_pollution == "amiante":
        out["presencePollution"] = "oui-amiante"
    elif facts.soil_pollution in SOIL_POLLUTION:
        out["presencePollution"] = SOIL_POLLUTION[facts.soil_pollution]
    if facts.buildings:
        heritage = [HERITAGE.get(b.heritage) for b in facts.buildings]
        if any(heritage):
            out["valeurArchitecturaleHistorique"] = "interet-remarquable"
    elif built == 0:
        out["valeurArchitecturaleHistorique"] = "pas-de-bati"
        out["etatBatiInfrastructure"] = "pas-de-bati"
    state = _building_state(facts)
    if state and "etatBatiInfrastructure" not in out:
        out["etatBatiInfrastructure"] = state
    if facts.zone_type in ZONE_TYPE:
        out["zonageReglementaire"] = ZONE_TYPE[facts.zone_type]
    if facts.zaer in ZAER:
        out["zoneAccelerationEnr"] = ZAER[facts.zaer]
    return out


def effective_criteria(derived: dict, answers: dict) -> dict:
    """The person's answers over what the registry says; an answer of an unknown criterion or an
    unknown value is left out."""
    out = dict(derived)
    for key, value in answers.items():
        criterion = CRITERIA_BY_KEY.get(key)
        if criterion is None:
            continue
        out[key] = value
    return out


def criteria_sources(derived: dict, answers: dict, keys: Iterable[str]) -> dict[str, str]:
    """For each criterion: "registre" (derived), "saisie" (answered) or "" (unknown)."""
    return {k: "saisie" if k in answers else "registre" if k in derived else "" for k in keys}
