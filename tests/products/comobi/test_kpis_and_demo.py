"""Impact indicators (overall and by territory), the demo, retention."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from transition.platform.impact.registry import indicators
from transition.products.comobi import kpis
from transition.products.comobi.demo import demo_load
from transition.products.comobi.domain.request_status import RequestStatus as StatusValue
from transition.products.comobi.enums import CarpoolStatus, OfferKind, Outcome, RequestStatus
from transition.products.comobi.models import Carpool, Offer, Person, Territory, TripRequest
from transition.products.comobi.services.people import ERASED, people_retention_apply

from .factories import PersonFactory, offer_make, request_make, territory_make

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def done_trip(territory, passenger, driver, metres, status=CarpoolStatus.EFFECTUEE, outcome=Outcome.TRAJET_EFFECTUE):
    request = request_make(passenger, day=TODAY, status=RequestStatus.CLOSE, outcome=outcome)
    return Carpool.objects.create(
        territory=territory,
        request=request,
        driver=driver,
        passenger=passenger,
        day=TODAY - timedelta(days=1),
        pickup_time=time(8, 0),
        pickup_label="Gramat",
        dropoff_label="Figeac",
        shared_distance_m=metres,
        status=status,
    )


def test_indicators_overall_and_by_territory(territory):
    other = territory_make(name="Pays de Saint-Éloy")
    driver, passenger = PersonFactory(territory=territory), PersonFactory(territory=territory)
    offer_make(driver)
    offer_make(driver, day=TODAY + timedelta(days=3))  # one-off: not counted as regular
    done_trip(territory, passenger, driver, 43_000)
    done_trip(territory, passenger, driver, 10_000)
    request_make(PersonFactory(territory=other), day=TODAY + timedelta(days=2))  # unmet
    assert kpis.trips_done(TODAY) == 2
    assert kpis.people_transported(TODAY) == 1
    assert kpis.regular_offers(TODAY) == 1
    assert kpis.requests_received(TODAY) == 3
    assert kpis.found_share_pct(TODAY) == Decimal("66.7")
    assert kpis.km_shared(TODAY) == Decimal("53.0")
    assert kpis.co2_kg(TODAY) == Decimal("11.6")  # 53 km × 218 g
    assert kpis.requests_received(TODAY, other) == 1 and kpis.trips_done(TODAY, other) == 0
    registered = {i.key: i for i in indicators("comobi")}
    assert set(registered) == {m.key for m in kpis.MEASURES}
    explained = registered["trajets_effectues"].explain()
    assert f"{territory.name} : 2 trajets" in explained and "Pays de Saint-Éloy : 0 trajet." in explained
    assert "ADEME" in registered["co2_evite"].definition and "218" in registered["co2_evite"].definition


def test_a_trip_counts_on_its_day():
    assert kpis.trips_done(date(2000, 1, 1)) == 0


def test_territory_figures(client, territory):
    response = client.get(f"/comobi/{territory.slug}/chiffres/")
    assert "Trajets effectués" in response.content.decode() and "kg CO₂e" in response.content.decode()


def test_demo_is_idempotent_and_shows_every_status():
    demo_load()
    counts = (Territory.objects.count(), Person.objects.count(), Offer.objects.count(), TripRequest.objects.count())
    demo_load()
    assert (
        Territory.objects.count(),
        Person.objects.count(),
        Offer.objects.count(),
        TripRequest.objects.count(),
    ) == counts
    assert counts[0] == 2
    assert {s.value for s in StatusValue} <= set(TripRequest.objects.values_list("status", flat=True))
    assert {CarpoolStatus.EFFECTUEE, CarpoolStatus.CONFIRMEE, CarpoolStatus.ABSENT} <= set(
        Carpool.objects.values_list("status", flat=True)
    )
    assert (
        Offer.objects.filter(kind=OfferKind.REGULAR).exists() and Offer.objects.filter(kind=OfferKind.ONE_OFF).exists()
    )


def test_retention_erases_the_idle_and_keeps_the_active(territory):
    long_ago = timezone.now() - timedelta(days=800)
    idle = PersonFactory(territory=territory)
    active = PersonFactory(territory=territory)
    offer_make(active)
    Person.objects.filter(pk__in=[idle.pk, active.pk]).update(updated_at=long_ago)
    assert people_retention_apply() == 1
    idle.refresh_from_db()
    active.refresh_from_db()
    assert idle.first_name == ERASED and active.first_name != ERASED
