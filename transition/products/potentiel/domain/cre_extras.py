"""Optional columns of the CRE's file that come in families: the site's coordinates in degrees,
minutes and seconds, and the suppliers of each component."""

import re

_COORDINATE = re.compile(r"(latitude|longitude)\s?\((degrés|minutes|secondes|cardinal)\)", re.IGNORECASE)
CARDINALS = {"latitude": {"N": 1, "S": -1}, "longitude": {"E": 1, "O": -1, "W": -1}}
LIMITS = {"latitude": 90, "longitude": 180}


def parse_coordinates(cells: dict[str, str]) -> dict | None:
    """Decimal degrees from the optional « Latitude (degrés) », « (minutes) », « (secondes) »,
    « (cardinal) » columns and the same for the longitude; None when absent or invalid (the
    original ignores them then)."""
    parts: dict[tuple[str, str], str] = {}
    for header, value in cells.items():
        match = _COORDINATE.search(header)
        if match:
            parts[(match.group(1).lower(), match.group(2).lower())] = (value or "").strip()
    result = {}
    for axis in ("latitude", "longitude"):
        try:
            degrees, minutes, seconds = (
                float(parts[(axis, unit)].replace(",", ".")) for unit in ("degrés", "minutes", "secondes")
            )
            sign = CARDINALS[axis][parts[(axis, "cardinal")].upper()]
        except (KeyError, ValueError):
            return None
        if not (0 <= degrees <= LIMITS[axis] and 0 <= minutes < 60 and 0 <= seconds < 60):
            return None
        value = degrees + minutes / 60 + seconds / 3600
        if value > LIMITS[axis]:
            return None
        result[axis] = round(sign * value, 6)
    return result


SUPPLIER_TYPES = {
    "Modules ou films": "module-ou-films",
    "Cellules": "cellules",
    "Plaquettes de silicium (wafers)": "plaquettes-silicium",
    "Polysilicium": "polysilicium",
    "Postes de conversion": "postes-conversion",
    "Structure": "structure",
    "Dispositifs de stockage de l'énergie *": "dispositifs-stockage-energie",
    "Dispositifs de suivi de la course du soleil *": "dispositifs-suivi-course-soleil",
    "Autres technologies": "autres-technologies",
    "dispositif de production": "dispositif-de-production",
    "Dispositif de stockage": "dispositif-de-stockage",
    "Poste de conversion": "poste-conversion",
}
_SUPPLIER = re.compile(r"^(Nom du fabricant|Lieu\(x\) de fabrication) \((.+)\) (\d+)$")


def parse_suppliers(cells: dict[str, str]) -> list[dict]:
    """The optional supplier columns « Nom du fabricant (Cellules) 1 », « Lieu(x) de fabrication
    (Cellules) 1 »...: one entry per type and index with a manufacturer's name."""
    found: dict[tuple[str, str], dict] = {}
    for header, value in cells.items():
        match = _SUPPLIER.match(header)
        value = (value or "").strip()
        if not match or not value or match.group(2) not in SUPPLIER_TYPES:
            continue
        entry = found.setdefault((SUPPLIER_TYPES[match.group(2)], match.group(3)), {})
        entry["nom" if match.group(1) == "Nom du fabricant" else "lieu"] = value
    return [
        {"type": kind, "nomDuFabricant": entry["nom"], "lieuDeFabrication": entry.get("lieu", "")}
        for (kind, _), entry in sorted(found.items(), key=lambda item: (item[0][0], int(item[0][1])))
        if "nom" in entry
    ]
