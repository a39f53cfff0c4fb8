"""From Mutafriches' evaluation body (`donneesEnrichies`, `donneesComplementaires`) to the values
the index reads, as the original builds its site: enriched data first, the person's answers over
them, enriched risk and zoning values that are empty treated as absent, and the water connection
derived from the built surface whatever the person said (more than 20 m² built: connected).

`evaluation_body_errors` says what in a body cannot be read, field by field, in plain French.
"""

import math

from .mutability_criteria import CRITERIA, CRITERIA_BY_KEY, NE_SAIT_PAS

WATER_CONNECTION_BUILT_THRESHOLD_M2 = 20

# Enriched enum fields the original turns into "absent" when empty (its Site.fromEnrichissement).
_ENRICHED_ENUMS_EMPTY_IS_ABSENT = (
    "risqueRetraitGonflementArgile",
    "risqueCavitesSouterraines",
    "risqueInondation",
    "zonageEnvironnemental",
    "zonagePatrimonial",
    "zonageReglementaire",
    "zoneAccelerationEnr",
)

_ABSENT = object()


def derived_water_connection(built_surface_m2) -> str:
    """'oui' beyond 20 m² built, 'non' otherwise (None included: searched, nothing built),
    'ne-sait-pas' when the built surface is not given at all."""
    if built_surface_m2 is _ABSENT:
        return "ne-sait-pas"
    if built_surface_m2 is None:
        return "non"
    return "oui" if built_surface_m2 > WATER_CONNECTION_BUILT_THRESHOLD_M2 else "non"


def site_from_evaluation_body(enriched: dict, complementary: dict | None) -> dict:
    site = dict(enriched)
    for key in _ENRICHED_ENUMS_EMPTY_IS_ABSENT:
        if key in site and not site[key]:
            del site[key]
    site.update(complementary or {})
    site["raccordementEau"] = derived_water_connection(site.get("surfaceBati", _ABSENT))
    return site


def _value_error(criterion, value) -> str | None:
    if value is None or value == NE_SAIT_PAS:  # "not known" is an answer for every criterion
        return None
    if criterion.kind == "numeric":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"un nombre est attendu ({criterion.unit})" if criterion.unit else "un nombre est attendu"
        if not math.isfinite(value) or value < 0:
            return "un nombre positif ou nul est attendu"
        return None
    if criterion.kind == "boolean":
        return None if isinstance(value, bool) else "true ou false est attendu"
    return None if isinstance(value, str) else "une valeur textuelle est attendue"


def evaluation_body_errors(body) -> list[tuple[str, str]]:
    """(field, message) for each part of the body that cannot be read; [] when it can."""
    if not isinstance(body, dict):
        return [("", "Le corps de la requête doit être un objet JSON.")]
    errors: list[tuple[str, str]] = []
    enriched = body.get("donneesEnrichies")
    if enriched is None:
        errors.append(("donneesEnrichies", "Champ obligatoire : les données du site (donneesEnrichies)."))
    elif not isinstance(enriched, dict):
        errors.append(("donneesEnrichies", "Un objet JSON est attendu."))
    complementary = body.get("donneesComplementaires")
    if complementary is not None and not isinstance(complementary, dict):
        errors.append(("donneesComplementaires", "Un objet JSON est attendu."))
    for part, data in (("donneesEnrichies", enriched), ("donneesComplementaires", complementary)):
        if not isinstance(data, dict):
            continue
        for key, value in data.items():
            criterion = CRITERIA_BY_KEY.get(key)
            if criterion is None:
                continue  # other fields (identifiers, sources) are carried, never scored
            problem = _value_error(criterion, value)
            if problem:
                errors.append((f"{part}.{key}", f"{criterion.label} : {problem}."))
    return errors


CRITERIA_KEYS = tuple(c.key for c in CRITERIA)
