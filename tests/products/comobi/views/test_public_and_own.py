"""Public pages, and a person's own pages: the driver's trips, the passenger's requests."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.platform.accounts.factories import UserFactory
from transition.platform.accounts.services import user_erase
from transition.platform.notify.models import EmailLog
from transition.products.comobi.enums import CarpoolStatus, OfferStatus, RequestStatus
from transition.products.comobi.models import ContactLog, Offer, Person, TripRequest
from transition.products.comobi.services.carpools import carpool_confirm

from ..factories import PersonFactory, offer_make, request_make

pytestmark = pytest.mark.django_db


def next_monday() -> date:
    today = timezone.localdate()
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def test_home_lists_open_territories_only(client, territory):
    closed = type(territory).objects.create(
        organisation=territory.organisation.__class__.objects.create(name="Fermé"),
        slug="ferme",
        name="Territoire fermé",
    )
    response = client.get(reverse("comobi:home"))
    assert territory.name in response.content.decode()
    # someone without internet at home reads the number where they are told to call
    assert "appelez le médiateur au 05 65 00 00 00" in response.content.decode()
    assert closed.name not in response.content.decode()
    assert client.get(reverse("comobi:territory", args=["ferme"])).status_code == 404


def test_territory_page_and_search(client, territory):
    driver = PersonFactory(territory=territory, first_name="Josiane", last_name="Delmas")
    offer_make(driver, "Gramat", "Figeac", departure=time(7, 40))
    page = client.get(reverse("comobi:territory", args=[territory.slug])).content.decode()
    assert "Trouver un conducteur" in page and "+33565000000" in page
    response = client.get(
        reverse("comobi:search", args=[territory.slug]),
        {"origin": "Gramat", "destination": "Hôpital de Figeac", "day": next_monday().isoformat()},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "1 trajet possible" in body and "Josiane D." in body and "Delmas" not in body
    assert "Moins de 5 minutes de détour" in body and "search-map" in body


def test_search_says_what_is_wrong(client, territory, geocoder):
    response = client.get(
        reverse("comobi:search", args=[territory.slug]),
        {"origin": "Nulle-Part", "destination": "Figeac", "day": "hier"},
    )
    body = response.content.decode()
    assert "lieu introuvable" in body and "Date au format" in body
    # a search saves nothing: its error summary does not say "not saved yet"
    assert "La recherche n’a pas pu être faite" in body and "pas encore enregistré" not in body


def test_a_driver_must_say_who_they_are_first_then_offers_a_trip(client, territory):
    user = UserFactory(given_name="Josiane", family_name="Delmas")
    client.force_login(user)
    create = reverse("comobi:offer_create", args=[territory.slug])
    response = client.get(create)
    assert response.status_code == 302 and reverse("comobi:profile", args=[territory.slug]) in response["Location"]
    profile = reverse("comobi:profile", args=[territory.slug])
    data = {
        "first_name": "Josiane",
        "last_name": "Delmas",
        "phone": "06 12 34 56 78",
        "contact_preference": "sms",
        "sms_consent": "on",
        "direct_contact": "on",
        "next": create,
    }
    response = client.post(profile, data)
    assert "conditions d’utilisation" in response.content.decode()  # the terms must be accepted
    response = client.post(profile, {**data, "terms": "oui"})
    assert response.status_code == 302 and response["Location"] == create
    response = client.post(
        create,
        {
            "kind": "regular",
            "origin": "Gramat",
            "destination": "Hôpital de Figeac",
            "weekdays": ["0", "3"],
            "departure_time": "07:45",
            "return_time": "17:30",
            "seats": "2",
            "max_extra_minutes": "15",
        },
    )
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert (offer.weekdays, offer.max_extra_minutes, offer.destination_label) == (0b1001, 15, "Hôpital de Figeac")
    listing = client.get(reverse("comobi:offer_list", args=[territory.slug])).content.decode()
    assert "du lundi" not in listing and "Lundi et jeudi" in listing
    client.post(reverse("comobi:offer_status", args=[territory.slug, offer.pk, "pause"]))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PAUSED
    withdraw_url = reverse("comobi:offer_status", args=[territory.slug, offer.pk, "retirer"])
    assert f'href="{withdraw_url}"' in client.get(reverse("comobi:offer_list", args=[territory.slug])).content.decode()
    asked = client.get(withdraw_url).content.decode()
    assert "Retirer ce trajet ?" in asked and "lundi et jeudi, départ à 07:45" in asked
    assert 'name="confirm" value="oui"' in asked and "Oui, retirer ce trajet" in asked and "Non, le garder" in asked
    client.post(withdraw_url)  # not confirmed: still there, paused
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PAUSED
    client.post(withdraw_url, {"confirm": "oui"})
    offer.refresh_from_db()
    assert offer.status == OfferStatus.WITHDRAWN
    assert "Gramat" not in client.get(reverse("comobi:offer_list", args=[territory.slug])).content.decode()


def test_offer_form_errors_in_french(client, territory):
    user = UserFactory()
    PersonFactory(territory=territory, user=user)
    client.force_login(user)
    response = client.post(
        reverse("comobi:offer_create", args=[territory.slug]),
        {"kind": "regular", "origin": "Gramat", "destination": "Gramat", "departure_time": "25:00", "seats": "1"},
    )
    body = response.content.decode()
    assert "Cochez au moins un jour" in body and "Heure au format" in body


def test_someone_elses_offer_is_forbidden(client, territory):
    offer = offer_make(PersonFactory(territory=territory))
    client.force_login(UserFactory())
    assert client.get(reverse("comobi:offer_edit", args=[territory.slug, offer.pk])).status_code == 403


def test_a_passenger_asks_reveals_a_driver_and_hands_over(client, territory, mediator):
    consenting = PersonFactory(
        territory=territory, first_name="Thierry", last_name="Bouscarel", direct_contact_consent_at=timezone.now()
    )
    shy = PersonFactory(territory=territory, first_name="Sandrine", last_name="Vialard", direct_contact_consent_at=None)
    open_offer = offer_make(consenting, "Gramat", "Figeac", departure=time(7, 40))
    offer_make(shy, "Rocamadour", "Figeac", departure=time(7, 20))
    user = UserFactory()
    passenger = PersonFactory(territory=territory, user=user)
    client.force_login(user)
    response = client.post(
        reverse("comobi:request_create", args=[territory.slug]),
        {
            "origin": "Gramat",
            "destination": "Hôpital de Figeac",
            "when": "date",
            "day": next_monday().isoformat(),
            "leave_after": "07:00",
            "reason": "medical",
        },
    )
    request = TripRequest.objects.get(passenger=passenger)
    assert response.status_code == 302
    detail = client.get(response["Location"]).content.decode()
    assert "Thierry B." in detail and "Sandrine V." in detail
    assert consenting.phone not in detail and shy.phone not in detail
    assert "préfère être contacté par le médiateur" in detail
    client.post(reverse("comobi:request_reveal", args=[territory.slug, request.pk, open_offer.pk]))
    detail = client.get(reverse("comobi:request_detail", args=[territory.slug, request.pk])).content.decode()
    assert consenting.phone in detail and shy.phone not in detail
    assert ContactLog.objects.filter(request=request, offer=open_offer).exists()
    client.post(reverse("comobi:request_hand", args=[territory.slug, request.pk]))
    request.refresh_from_db()
    assert request.handed_to_mediator_at is not None
    assert EmailLog.objects.filter(to=mediator.email, template="comobi/emails/request_handed").count() == 1
    client.post(reverse("comobi:request_hand", args=[territory.slug, request.pk]))  # once is enough
    assert EmailLog.objects.filter(to=mediator.email, template="comobi/emails/request_handed").count() == 1
    response = client.post(
        reverse("comobi:request_carpool", args=[territory.slug, request.pk]),
        {"offer": open_offer.pk, "direction": "aller", "day": next_monday().isoformat(), "pickup_time": "07:45"},
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.SUIVI and request.carpools.count() == 1


def test_someone_elses_request_is_forbidden(client, territory):
    request_owner = PersonFactory(territory=territory, user=UserFactory())
    offer = offer_make(PersonFactory(territory=territory))
    request = request_make(request_owner, day=next_monday())
    client.force_login(UserFactory())
    assert client.get(reverse("comobi:request_detail", args=[territory.slug, request.pk])).status_code == 403
    assert client.post(reverse("comobi:request_reveal", args=[territory.slug, request.pk, offer.pk])).status_code == 403


def test_my_data_shows_and_erases_comobi(client, territory):
    user = UserFactory()
    person = PersonFactory(territory=territory, user=user, first_name="Ginette")
    offer_make(person)
    client.force_login(user)
    assert "Ginette" in client.get(reverse("accounts:my_data")).content.decode()
    user_erase(user=user, actor=user, reason="test")
    person.refresh_from_db()
    assert person.first_name == "Personne effacée" and person.user is None
    assert Person.objects.count() == 1


def test_a_driver_sees_the_passengers_they_take_and_cancels_only_after_confirming(client, territory, mediator):
    driver_user = UserFactory(email="josiane.delmas@exemple.fr")
    driver = PersonFactory(territory=territory, user=driver_user, first_name="Josiane", last_name="Delmas")
    offer = offer_make(driver, "Gramat", "Figeac", departure=time(7, 40))
    passenger = PersonFactory(territory=territory, first_name="Marcel", last_name="Lacoste")
    trip = request_make(passenger, day=next_monday())
    carpool = carpool_confirm(actor=mediator, request=trip, offer=offer, day=next_monday(), pickup_time=time(7, 45))
    client.force_login(driver_user)
    page = client.get(reverse("comobi:offer_list", args=[territory.slug])).content.decode()
    cancel_url = reverse("comobi:carpool_cancel", args=[territory.slug, carpool.pk])
    assert "Passagers que j’emmène" in page and "Marcel L." in page and f'href="{cancel_url}"' in page
    asked = client.get(cancel_url).content.decode()
    assert "Annuler ce trajet ?" in asked and "Marcel L. en est prévenu·e" in asked
    assert "Avec Marcel L. : aller le" in asked and "L.." not in asked
    client.post(cancel_url)  # without the confirmation: nothing happens
    carpool.refresh_from_db()
    assert carpool.status == CarpoolStatus.CONFIRMEE
    response = client.post(cancel_url, {"confirm": "oui"})
    assert response.url == reverse("comobi:offer_list", args=[territory.slug])
    carpool.refresh_from_db()
    assert carpool.status == CarpoolStatus.ANNULEE
    assert "Passagers que j’emmène" not in client.get(response.url).content.decode()
    client.force_login(UserFactory())
    assert client.get(cancel_url).status_code == 404


def test_a_passenger_cancels_a_request_only_after_confirming(client, territory):
    user = UserFactory()
    passenger = PersonFactory(territory=territory, user=user, first_name="Yvette")
    trip = request_make(passenger, day=next_monday())
    client.force_login(user)
    detail = client.get(reverse("comobi:request_detail", args=[territory.slug, trip.pk])).content.decode()
    cancel_url = reverse("comobi:request_cancel", args=[territory.slug, trip.pk])
    assert f'href="{cancel_url}"' in detail
    asked = client.get(cancel_url).content.decode()
    assert "Annuler ma demande ?" in asked and "Oui, annuler ma demande" in asked
    back = reverse("comobi:request_detail", args=[territory.slug, trip.pk])
    assert f'href="{back}">Non, garder ma demande</a>' in asked
    client.post(cancel_url)
    trip.refresh_from_db()
    assert trip.status != RequestStatus.CLOSE
    response = client.post(cancel_url, {"confirm": "oui"})
    assert response.url == reverse("comobi:request_list", args=[territory.slug])
    trip.refresh_from_db()
    assert trip.status == RequestStatus.CLOSE
