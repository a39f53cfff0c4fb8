"""The answer to "is this address eligible?": one form (`EligibilityResult`, what the in-memory
index gives for a point), and what each audience keeps of it. Pure Python.

- a demand keeps `result_snapshot(result)` (JSON, as it stood when the demand was sent);
- a bulk test keeps `BulkOutcome.from_result(result)` (domain/bulk_results.py);
- the public API answers `eligibility_out(result)` (api/schemas.py);
- the result page reads the result itself, worded by domain/eligibility_messages.py.
"""

from dataclasses import dataclass

from .co2 import g_per_kwh
from .eligibility import EligibilityType, TypeReading

EXISTING_MODEL = "network"
FUTURE_MODEL = "network_under_construction"


@dataclass(frozen=True)
class NetworkInfo:
    """What a result shows of its network."""

    pk: int
    model: str  # EXISTING_MODEL or FUTURE_MODEL
    national_id: str
    name: str
    gestionnaire: str
    renewable_rate_pct: float | None = None
    co2_kg_per_kwh: float | None = None
    co2_lca_kg_per_kwh: float | None = None
    classified: bool | None = None
    has_pdp: bool = False
    has_trace: bool = True
    mise_en_service: str = ""

    @property
    def is_future(self) -> bool:
        return self.model == FUTURE_MODEL

    @property
    def co2_g_per_kwh(self) -> int | None:
        return g_per_kwh(self.co2_kg_per_kwh)


@dataclass(frozen=True)
class EligibilityResult(TypeReading):
    lon: float
    lat: float
    citycode: str | None
    type: EligibilityType
    distance_m: int | None
    in_pdp: bool
    network: NetworkInfo | None
    very_close_threshold_m: int | None
    # Whether a heat network without a trace serves the commune (None: commune unknown).
    commune_has_no_trace_network: bool | None
    data_version: int


def result_snapshot(result: EligibilityResult) -> dict:
    """What a demand keeps of its address's eligibility (JSON-ready; these keys are stored)."""
    network = result.network
    return {
        "type": str(result.type),
        "label": result.label,
        "eligible": bool(result.eligible),
        "distance_m": result.distance_m,
        "in_pdp": bool(result.in_pdp),
        "futur_network": bool(result.future_network),
        "network_id": network.pk if network else None,
        "network_is_future": bool(network and network.is_future),
        "network_national_id": network.national_id if network else "",
        "network_name": network.name if network else "",
        "network_operator": network.gestionnaire if network else "",
        "network_classified": network.classified if network else None,
        "renewable_share_pct": network.renewable_rate_pct if network else None,
        "co2_g_per_kwh": g_per_kwh(network.co2_kg_per_kwh) if network else None,
        "co2_acv_g_per_kwh": g_per_kwh(network.co2_lca_kg_per_kwh) if network else None,
        "untraced_network_in_commune": bool(result.commune_has_no_trace_network),
        "citycode": result.citycode or "",
        "data_version": result.data_version,
    }
