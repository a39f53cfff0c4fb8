"""What a network's published properties become in our open-data export. Pure Python.

The export writes back the properties as the national file published them (`source_properties`),
so that re-importing our own archive changes nothing. Only where our value differs from what the
published property reads as (a correction validated by staff, a network entered by hand) is the
property rewritten, with our value, in the file's own spelling.
"""

from .network_data import NETWORK_FIELDS, PropertyError, mapped_construction_properties, mapped_network_properties

__all__ = ["exported_construction_properties", "exported_network_properties"]

_BY_TARGET = {field.target: field for field in NETWORK_FIELDS}


def _read_or_none(reader, properties: dict) -> dict:
    try:
        return reader(properties)
    except PropertyError:
        return {}


def exported_network_properties(source: dict, current: dict) -> dict:
    """`source`: the properties as published; `current`: our field values (NETWORK_FIELDS targets,
    `national_id`, `production_mwh_by_energy`, `deliveries_mwh_by_sector`)."""
    properties = dict(source or {})
    read = _read_or_none(mapped_network_properties, properties)
    for target, value in current.items():
        if read.get(target) == value:
            continue
        if target == "national_id":
            properties["Identifiant reseau"] = value or None
        elif target == "production_mwh_by_energy":
            for key in [k for k in properties if k.startswith("prod_MWh_")]:
                del properties[key]
            properties.update({f"prod_MWh_{energy}": mwh for energy, mwh in (value or {}).items()})
        elif target == "deliveries_mwh_by_sector":
            for key in [k for k in properties if k.startswith("livraisons_") and k.endswith("_MWh")]:
                del properties[key]
            properties.update({f"livraisons_{sector}_MWh": mwh for sector, mwh in (value or {}).items()})
        elif target in _BY_TARGET:
            field = _BY_TARGET[target]
            properties[field.source] = value if value != "" else None
    return properties


def exported_construction_properties(source: dict, current: dict) -> dict:
    """The same for a network under construction (`national_id`, `name`, `gestionnaire`,
    `mise_en_service`, `communes`)."""
    properties = dict(source or {})
    read = _read_or_none(mapped_construction_properties, properties)
    names = {
        "national_id": "Identifiant reseau",
        "name": "nom_reseau",
        "gestionnaire": "gestionnaire",
        "mise_en_service": "mise_en_service",
        "communes": "communes",
    }
    for target, value in current.items():
        if target in names and read.get(target) != value:
            properties[names[target]] = value or None
    return properties
