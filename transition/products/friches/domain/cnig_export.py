"""A registry site as one row of the CNIG standard: the fields the registry keeps as columns, the
buildings summed up as the standard wants them (count, floor area, the worst known state, the
most notable heritage), and every other field as it was received."""

from dataclasses import dataclass

from .cnig_schema import FIELD_NAMES
from .geometry import point_wkt

STATE_ORDER = (
    "dégradation inexistante ou faible",
    "dégradation moyenne",
    "dégradation hétérogène",
    "dégradation très importante",
)
HERITAGE_ORDER = ("aucun", "présence d'un bâtiment d'intérêt", "présence d'un bâtiment classé")


@dataclass(frozen=True)
class ExportBuilding:
    use: str
    floor_area_m2: int | None
    state: str
    heritage: str
    vacancy: str
    built_year: int | None


def _buildings(buildings: list[ExportBuilding]) -> dict[str, str]:
    if not buildings:
        return {}
    out = {"bati_nombre": str(len(buildings))}
    areas = [b.floor_area_m2 for b in buildings if b.floor_area_m2 is not None]
    if areas:
        out["bati_surface"] = str(sum(areas))
    uses = sorted({b.use for b in buildings if b.use})
    if uses:
        out["bati_type"] = "|".join(uses)
    states = {b.state for b in buildings}
    known = [s for s in STATE_ORDER if s in states]
    if len(known) > 1:
        out["bati_etat"] = "dégradation hétérogène"
    elif known:
        out["bati_etat"] = known[0]
    heritage = [h for h in HERITAGE_ORDER if h in {b.heritage for b in buildings}]
    if heritage:
        out["bati_patrimoine"] = heritage[-1]
    vacancies = {b.vacancy for b in buildings}
    if vacancies <= {"vacant"}:
        out["bati_vacance"] = "vacant"
    elif vacancies <= {"occupé"}:
        out["bati_vacance"] = "occupé"
    else:
        out["bati_vacance"] = "partiellement occupé"
    years = [b.built_year for b in buildings if b.built_year]
    if years:
        out["local_ancien_annee"] = str(min(years))
        out["local_recent_annee"] = str(max(years))
    return out


def cnig_row(
    *,
    columns: dict[str, str],
    received: dict[str, str],
    lon: float,
    lat: float,
    outline_wkt: str | None,
    buildings: list[ExportBuilding],
) -> dict[str, str]:
    """`columns`: the standard's fields the registry holds (site_id, site_nom…); `received`: the
    others as imported. The registry's own values win over what was received."""
    row = dict.fromkeys(FIELD_NAMES, "")
    row.update({k: v for k, v in received.items() if k in row and v is not None})
    row.update(_buildings(buildings))
    row.update({k: ("" if v is None else str(v)) for k, v in columns.items()})
    row["geompoint"] = point_wkt(lon, lat)
    row["geomsurf"] = outline_wkt or ""
    return row
