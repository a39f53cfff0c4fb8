"""What a network's page shows beyond the open data: its own map (trace, position, PDP), the
operator's contacts, the published documents, and whether the person may propose a correction."""

import json

from ..domain.cities import city_slug
from ..domain.network_corrections import BY_NAME, CORRECTABLE
from ..domain.network_data import split_communes
from ..enums import CorrectionStatus
from ..models import Network, NetworkContact, NetworkCorrection, NetworkFile, Pdp
from ..permissions import operates_network

__all__ = ["correction_rows", "network_map_geojson", "network_page_extras"]


def _feature(geometry, layer: str) -> dict | None:
    if geometry is None:
        return None
    shape = geometry.simplify(1.0, preserve_topology=True) if geometry.geom_type != "Point" else geometry
    return {
        "type": "Feature",
        "geometry": json.loads(shape.transform(4326, clone=True).json),
        "properties": {"layer": layer},
    }


def network_map_geojson(network: Network) -> dict:
    features = [_feature(network.trace if network.has_trace else network.location, network.kind)]
    pdps = Pdp.objects.filter(network=network) if network.pk else Pdp.objects.none()
    if network.national_id:
        pdps = pdps | Pdp.objects.filter(national_id=network.national_id)
    features += [_feature(pdp.geometry, "pdp") for pdp in pdps.distinct()]
    return {"type": "FeatureCollection", "features": [f for f in features if f]}


def network_page_extras(*, user, network: Network) -> dict:
    return {
        "contact": NetworkContact.objects.filter(network=network).first(),
        "files": list(NetworkFile.objects.filter(network=network, published=True)),
        "can_propose": operates_network(user, network),
        "pending_corrections": NetworkCorrection.objects.filter(
            network=network, status=CorrectionStatus.PENDING
        ).count()
        if operates_network(user, network)
        else 0,
        "map_geojson": network_map_geojson(network),
        "correctable": CORRECTABLE,
        "city_links": [(name, city_slug(name)) for name in split_communes(network.communes) if city_slug(name)],
    }


def correction_rows(correction: NetworkCorrection) -> list[dict]:
    """Each change with its label, for the staff's review and the operator."""
    rows = []
    for name, change in correction.changes.items():
        field = BY_NAME.get(name)
        rows.append(
            {
                "label": field.label if field else name,
                "from": change["from"],
                "to": change["to"],
                "unit": field.unit if field else "",
            }
        )
    return rows
