"""Which local energy agency (ALEC) covers an address. Pure Python.

An agency covers communes (INSEE codes) and/or whole départements. A commune listed by an agency
wins over a département covered by another one; between equals, the lowest id wins so that the
answer never depends on the order of a query.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class AgencyArea:
    id: int
    communes: frozenset[str]
    departements: frozenset[str]


def departement_of(citycode: str) -> str:
    """Département of an INSEE commune code: 2 characters, 3 overseas (97x, 98x), Corsica 2A/2B."""
    code = (citycode or "").strip().upper()
    if len(code) != 5:
        return ""
    if code.startswith(("97", "98")):
        return code[:3]
    return code[:2]


def normalise_departement(value: str) -> str:
    value = value.strip().upper()
    if value.isdigit() and len(value) == 1:
        return "0" + value
    return value


def covering_agency(areas: Iterable[AgencyArea], citycode: str) -> int | None:
    code = (citycode or "").strip().upper()
    if not code:
        return None
    dep = departement_of(code)
    by_commune = sorted(a.id for a in areas_list if code in a.communes) if (areas_list := list(areas)) else []
    if by_commune:
        return by_commune[0]
    by_dep = sorted(a.id for a in areas_list if dep and dep in a.departements)
    return by_dep[0] if by_dep else None
