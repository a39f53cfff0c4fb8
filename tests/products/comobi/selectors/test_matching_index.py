"""The in-process index answers exactly what the domain rule answers, and follows the offers."""

from datetime import date, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transition.platform.core.models import data_version_bump
from transition.products.comobi.domain.matching import Need, Point, search
from transition.products.comobi.enums import OfferStatus
from transition.products.comobi.models import Offer, offers_version_name
from transition.products.comobi.selectors.matching import index_forget, matches_for, matching_index, trips_of
from transition.products.comobi.services.offers import offer_status_set

from ..factories import POINT, PersonFactory, mediator_make, offer_make, request_make

pytestmark = pytest.mark.django_db
MONDAY = date(2030, 3, 4)


def need(origin="Gramat", destination="Hôpital de Figeac", day=MONDAY, **kwargs):
    return Need(origin=Point(*POINT[origin]), destination=Point(*POINT[destination]), day=day, **kwargs)


def test_index_finds_the_driver_going_the_way(territory):
    driver = PersonFactory(territory=territory)
    offer = offer_make(driver, "Gramat", "Figeac")
    offer_make(driver, "Cahors", "Rocamadour")  # elsewhere
    found = matches_for(territory, need()).matches
    assert [m.key for m in found] == [(offer.pk, "aller")]
    assert found[0].band == "0-5"


def test_the_return_trip_is_offered_too(territory):
    driver = PersonFactory(territory=territory)
    offer = offer_make(driver, "Gramat", "Figeac", return_time=time(17, 30))
    found = matches_for(territory, need("Hôpital de Figeac", "Gramat", leave_after_min=17 * 60)).matches
    assert [m.key for m in found] == [(offer.pk, "retour")]


def test_index_follows_pauses_and_new_offers(territory):
    driver = PersonFactory(territory=territory, user=None)
    offer = offer_make(driver, "Gramat", "Figeac")
    assert len(matches_for(territory, need()).matches) == 1
    offer.status = OfferStatus.PAUSED
    offer.save()
    # a direct write does not bump the version: the service does
    assert len(matches_for(territory, need()).matches) == 1
    offer.status = OfferStatus.ACTIVE
    offer.save()
    mediator = mediator_make(territory)
    offer_status_set(actor=mediator, offer=offer, status=OfferStatus.PAUSED)
    assert matches_for(territory, need()).matches == []


def test_the_index_is_rebuilt_once_per_version(territory, django_assert_num_queries):
    driver = PersonFactory(territory=territory)
    offer_make(driver)
    matching_index(territory)
    with django_assert_num_queries(1):  # the version only
        matching_index(territory)


PLACES = list(POINT)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])  # offers reset by hand
@given(
    st.lists(
        st.tuples(
            st.sampled_from(PLACES),
            st.sampled_from(PLACES),
            st.one_of(st.frozensets(st.integers(0, 6), min_size=1), st.integers(0, 13)),
            st.integers(6 * 60, 19 * 60),
            st.none() | st.integers(0, 45),
            st.booleans(),
        ),
        max_size=25,
    ),
    st.sampled_from(PLACES),
    st.sampled_from(PLACES),
    st.integers(0, 13),
    st.none() | st.integers(6 * 60, 19 * 60),
    st.none() | st.integers(6 * 60, 21 * 60),
)
def test_index_equals_the_domain_rule(territory, offers, origin, destination, offset, after, before):
    Offer.objects.filter(territory=territory).delete()
    index_forget()
    driver = PersonFactory(territory=territory)
    made = []
    for o, d, when, minutes, limit, back in offers:
        if o == d:
            continue
        day = MONDAY + timedelta(days=when) if isinstance(when, int) else None
        made.append(
            offer_make(
                driver,
                o,
                d,
                weekdays=() if day else tuple(when),
                day=day,
                departure=time(minutes // 60, minutes % 60),
                max_extra_minutes=limit,
                return_time=time(20, 0) if back else None,
            )
        )
    data_version_bump(offers_version_name(territory.pk))
    asked = need(origin, destination, MONDAY + timedelta(days=offset), leave_after_min=after, arrive_before_min=before)
    trips = [trip for offer in made for trip in trips_of(offer)]
    expected = [(m.key, m.extra_minutes, m.pickup_min) for m in search(trips, asked)]
    got = [(m.key, m.extra_minutes, m.pickup_min) for m in matches_for(territory, asked).matches]
    assert got == expected


def test_weekday_needs_match_on_common_days(territory):
    driver = PersonFactory(territory=territory)
    offer = offer_make(driver, "Gramat", "Figeac", weekdays=(0, 2))
    asked = Need(
        origin=Point(*POINT["Gramat"]),
        destination=Point(*POINT["Figeac"]),
        weekdays=frozenset({2, 3}),
        not_before=MONDAY,
    )
    (found,) = matches_for(territory, asked).matches
    assert found.key == (offer.pk, "aller") and found.weekdays == frozenset({2})


def test_request_make_helper(territory):
    passenger = PersonFactory(territory=territory)
    request = request_make(passenger, day=MONDAY)
    assert request.origin_label == "Gramat"
