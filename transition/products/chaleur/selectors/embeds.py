"""Partner embeds: the partner of an address, its origins, and the networks its map shows."""

import json

from django.db.models import Q

from ..domain.embeds import EmbedOriginError, origins_normalised
from ..models import EmbedPartner, Network, NetworkOperator

__all__ = ["embed_networks", "embed_networks_geojson", "embed_origins", "embed_partner_get"]


def embed_partner_get(slug: str) -> EmbedPartner | None:
    return EmbedPartner.objects.filter(slug=slug[:50], active=True).first()


def embed_origins(partner: EmbedPartner) -> list[str]:
    """The origins that may frame this partner's embeds, validated again on the way out (a row
    written around the admin's validation frames nothing)."""
    try:
        return origins_normalised(partner.origins)
    except EmbedOriginError:
        return []


def embed_networks(partner: EmbedPartner) -> list[Network]:
    """The networks chosen for the partner, and those its organisation operates."""
    operated = (
        NetworkOperator.objects.filter(organisation_id=partner.organisation_id, network__isnull=False).values(
            "network_id"
        )
        if partner.organisation_id
        else NetworkOperator.objects.none().values("network_id")
    )
    return list(
        Network.objects.filter(Q(pk__in=partner.networks.values("pk")) | Q(pk__in=operated))
        .defer("source_properties")
        .order_by("name", "pk")
    )


def embed_networks_geojson(networks: list[Network]) -> dict:
    """The networks in WGS84 (simplified to the metre), as the embed's map reads them."""
    features = []
    for network in networks:
        geometry = network.trace if network.has_trace and network.trace else network.location
        if geometry is None:
            continue
        shape = geometry.simplify(1.0, preserve_topology=True) if geometry.geom_type != "Point" else geometry
        shape = shape.transform(4326, clone=True)
        features.append(
            {
                "type": "Feature",
                "geometry": json.loads(shape.json),
                "properties": {
                    "name": network.name or network.national_id,
                    "id": network.national_id,
                    "kind": network.kind,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
