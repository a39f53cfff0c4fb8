"""A territory with its own router: the same rule on road times; the originals' model when the
router is down."""

from datetime import date, time

import pytest

from tests.fakes import RouterStandIn
from transition.products.comobi.domain.matching import Need, Point
from transition.products.comobi.selectors.matching import matches_for
from transition.products.comobi.selectors.travel import shared_road_m

from ..factories import POINT, PersonFactory, offer_make

pytestmark = pytest.mark.django_db
MONDAY = date(2030, 3, 4)


def need(**kwargs):
    return Need(origin=Point(*POINT["Gramat"]), destination=Point(*POINT["Hôpital de Figeac"]), day=MONDAY, **kwargs)


def test_road_times_from_the_router(territory):
    driver = PersonFactory(territory=territory)
    offer = offer_make(driver, "Rocamadour", "Figeac", departure=time(7, 30))
    crow = matches_for(territory, need()).matches[0]
    with RouterStandIn(detour=1.25, speed_kmh=50) as router:
        territory.router_url = router.url
        territory.save()
        searched = matches_for(territory, need())
        assert searched.routed
        (routed,) = searched.matches
        assert routed.key == crow.key == (offer.pk, "aller")
        # 1.25 / 50 km/h against 1.4 / 60 km/h: the same detour weighs 1.25×60/(1.4×50) ≈ 1.07 times more
        assert routed.extra_minutes == pytest.approx(crow.extra_minutes * 1.25 * 60 / (1.4 * 50), abs=0.11)
        assert any(path.startswith("/table/v1/driving/") for path in router.paths)
        assert shared_road_m(territory, Point(*POINT["Gramat"]), Point(*POINT["Figeac"])) > 0
        router.down = True
        fallback = matches_for(territory, need())
        assert not fallback.routed and fallback.matches[0].extra_minutes == crow.extra_minutes
