"""What the comparator needs from our data: the network compared, with its published price and
CO₂ content."""

from ..domain.comparator import RESIDENTIAL, NetworkOffer
from ..models import Network

__all__ = ["network_offer"]


def network_offer(*, national_id: str, building_kind: str) -> tuple[Network | None, NetworkOffer]:
    """The network of this identifier and its offer: the price for dwellings or for the tertiary
    sector when published, else its average price."""
    network = (
        Network.objects.filter(national_id=national_id.strip().upper()[:20], kind="chaleur").order_by("pk").first()
        if national_id.strip()
        else None
    )
    if network is None:
        return None, NetworkOffer()
    specific = (
        network.average_price_housing_eur_per_mwh
        if building_kind == RESIDENTIAL
        else network.average_price_tertiary_eur_per_mwh
    )
    price = specific if specific is not None else network.average_price_eur_per_mwh
    return network, NetworkOffer(network.name or network.national_id, price, network.co2_kg_per_kwh)
