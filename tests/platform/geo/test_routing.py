"""The OSRM client, against a router stand-in on loopback."""

import pytest

from tests.fakes import RouterStandIn
from transition.platform.geo.routing import OsrmClient, RoutingError

GRAMAT, FIGEAC, CAHORS = (1.7256, 44.7817), (2.0317, 44.6086), (1.4419, 44.4475)


@pytest.fixture
def router():
    with RouterStandIn() as running:
        yield running


def test_route(router):
    route = OsrmClient(router.url).route(GRAMAT, FIGEAC)
    assert 30_000 < route.distance_m < 40_000
    assert route.duration_s == pytest.approx(route.distance_m / (50 / 3.6))
    assert router.paths[0].startswith("/route/v1/driving/1.725600,44.781700;2.031700,44.608600?")


def test_table_is_cut_to_the_routers_limit(router):
    router.max_table_size = 4
    points = [GRAMAT, FIGEAC, CAHORS, GRAMAT, FIGEAC, CAHORS]
    table = OsrmClient(router.url, max_table_size=4).table(points, sources=[0, 1, 2], destinations=[3, 4, 5])
    assert len(router.requests) > 1
    assert table.distances_m[0][0] == pytest.approx(0, abs=1e-6)  # Gramat to Gramat
    assert table.distances_m[0][1] == pytest.approx(OsrmClient(router.url).route(GRAMAT, FIGEAC).distance_m)


def test_failures_are_said_in_french(router):
    router.down = True
    with pytest.raises(RoutingError, match="refusé"):
        OsrmClient(router.url).route(GRAMAT, FIGEAC)
    with pytest.raises(RoutingError, match="ne répond pas"):
        OsrmClient("http://127.0.0.1:9", timeout_s=1).route(GRAMAT, FIGEAC)
    with pytest.raises(ValueError):
        OsrmClient("ftp://router")
