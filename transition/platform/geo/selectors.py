"""Reads of the geo platform: communes by code or name."""

from transition.platform.geo.domain.referential import departement_code
from transition.platform.geo.domain.text import fold
from transition.platform.geo.models import Commune, CommuneKind

# The local geocoder's addresses, as a data set of platform/core (DataVersion).
ADDRESSES = "geo-adresses"

_SAINT = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


class CommuneAmbiguous(Exception):
    """Several communes have this name: the message (in French) names their départements."""

    def __init__(self, name: str, communes: list[Commune]):
        self.communes = communes
        places = ", ".join(f"{c.name} ({c.departement.code})" for c in communes[:10])
        self.message = f"Plusieurs communes s'appellent « {name} » : {places}. Précisez le département."
        super().__init__(self.message)


def commune_search_key(name: str) -> str:
    """'Saint-Étienne' / 'st etienne' / 'ST-ETIENNE' -> 'saint etienne'; "L'Haÿ-les-Roses" -> 'l hay les roses'."""
    return " ".join(_SAINT.get(word, word) for word in fold(name).split())


def commune_get(code: str) -> Commune | None:
    """The commune of this INSEE code, or None."""
    return Commune.objects.select_related("departement__region", "epci").filter(code=str(code).strip().upper()).first()


def commune_find(name: str, departement: str | None = None) -> Commune | None:
    """The commune of this name (accents, case, hyphens and "St"/"Saint" do not matter), in this
    département when given. None when there is none; CommuneAmbiguous when several remain. Where a
    name is both a commune and its municipal arrondissements (Paris, Marseille, Lyon), the commune."""
    key = commune_search_key(name)
    if not key:
        return None
    communes = Commune.objects.select_related("departement__region", "epci").filter(search_name=key)
    if departement:
        code = departement_code(str(departement))
        if code is None:
            return None
        communes = communes.filter(departement__code=code)
    found = list(communes.order_by("code"))
    if len(found) > 1:
        proper = [c for c in found if c.kind == CommuneKind.COMMUNE]
        if len(proper) == 1:
            return proper[0]
        raise CommuneAmbiguous(name, proper or found)
    return found[0] if found else None
