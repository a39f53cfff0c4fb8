"""The test doubles of every outside service and of time, in one place (one of each).

    from tests.fakes import FakeClock, FakeGeocoder, OIDCProvider

Each double behaves like the real thing at its boundary: the geocoder answers GeocodeResults
from a table, the OIDC provider is a real HTTP server on loopback, the clock moves
`django.utils.timezone.now`; the router is an OSRM stand-in on loopback.
"""

from .clock import FakeClock
from .geocoder import FakeGeocoder, geocode_result
from .oidc import FRANCECONNECT_CITIZEN, PROCONNECT_AGENT, OIDCProvider
from .router import RouterStandIn

__all__ = [
    "FRANCECONNECT_CITIZEN",
    "PROCONNECT_AGENT",
    "FakeClock",
    "FakeGeocoder",
    "OIDCProvider",
    "RouterStandIn",
    "geocode_result",
]
