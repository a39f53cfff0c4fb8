"""Départements and régions of France (INSEE codes of the régions since 2016): facts of the official
geography, shared by the products (Potentiel's DREAL queues, Friches' advisors' areas). Pure Python."""

from collections.abc import Iterable

from .referential import REGIONS

_REGION_DEPARTEMENTS: dict[str, tuple[str, ...]] = {
    "01": ("971",),
    "02": ("972",),
    "03": ("973",),
    "04": ("974",),
    "06": ("976",),
    "11": ("75", "77", "78", "91", "92", "93", "94", "95"),
    "24": ("18", "28", "36", "37", "41", "45"),
    "27": ("21", "25", "39", "58", "70", "71", "89", "90"),
    "28": ("14", "27", "50", "61", "76"),
    "32": ("02", "59", "60", "62", "80"),
    "44": ("08", "10", "51", "52", "54", "55", "57", "67", "68", "88"),
    "52": ("44", "49", "53", "72", "85"),
    "53": ("22", "29", "35", "56"),
    "75": ("16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"),
    "76": ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"),
    "84": ("01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"),
    "93": ("04", "05", "06", "13", "83", "84"),
    "94": ("2A", "2B"),
}

# The régions' names as pages show them (typographic apostrophe), from the one table of names.
REGION_NAMES: dict[str, str] = {code: name.replace("'", "’") for code, name in REGIONS.items()}

REGION_OF_DEPARTEMENT: dict[str, str] = {d: r for r, ds in _REGION_DEPARTEMENTS.items() for d in ds}


def normalise_postal_code(raw: str) -> str:
    """Spreadsheets drop a leading zero: '1000' -> '01000'."""
    return raw.strip().zfill(5)


def departement_of_postal_code(code: str) -> str | None:
    """'13001' -> '13', '20000' -> '2A', '20200' -> '2B', '97411' -> '974'; None if unknown."""
    if len(code) != 5 or not code.isdigit():
        return None
    if code.startswith("20"):
        departement = "2A" if code < "20200" else "2B"
    elif code.startswith("97"):
        departement = code[:3]
        if departement in ("977", "978"):
            departement = "971"  # Saint-Barthélemy and Saint-Martin use Guadeloupe's codes for the State
    else:
        departement = code[:2]
    return departement if departement in REGION_OF_DEPARTEMENT else None


def region_of_departement(departement: str | None) -> str | None:
    return REGION_OF_DEPARTEMENT.get(departement or "")


def region_name(code: str | None) -> str:
    return REGION_NAMES.get(code or "", "")


def departement_of_insee(code: str) -> str | None:
    """'08105' -> '08', '97411' -> '974', '2A004' -> '2A'; None when it is not a commune code."""
    code = (code or "").strip().upper()
    if len(code) != 5 or not (code.isdigit() or (code[:2] in ("2A", "2B") and code[2:].isdigit())):
        return None
    departement = code[:3] if code.startswith("97") else code[:2]
    return departement if departement in REGION_OF_DEPARTEMENT else None


def normalise_codes(codes: Iterable[str]) -> list[str]:
    """Département or région codes as typed by staff ('8', ' 2a ') in their official form."""
    out = []
    for raw in codes:
        value = raw.strip().upper()
        if value.isdigit() and len(value) == 1:
            value = value.zfill(2)
        if value:
            out.append(value)
    return sorted(set(out))
