"""Départements and régions by name, as people read them, not by their INSEE code alone."""

from transition.platform.geo.domain.referential import DEPARTEMENTS
from transition.platform.geo.domain.territory import region_name


def departement_label(code: str) -> str:
    """'Ardennes (08)'; the code alone when it is unknown."""
    name = DEPARTEMENTS.get(code)
    return f"{name} ({code})" if name else code


def region_label(code: str) -> str:
    """'Grand Est'; 'région 99' when the code is unknown."""
    return region_name(code) or f"région {code}"


def territory_label(departements: list[str], regions: list[str]) -> str:
    """An advisor's territory in one phrase: 'Ardennes (08), Marne (51) ; Grand Est'; empty if none."""
    parts = []
    if departements:
        parts.append(", ".join(departement_label(c) for c in departements))
    if regions:
        parts.append(", ".join(region_label(c) for c in regions))
    return " ; ".join(parts)
