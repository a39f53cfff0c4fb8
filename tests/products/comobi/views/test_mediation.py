"""The mediators' back-office: intake by phone, ranked drivers with contacts, contact log,
confirming a trip and its outcome, unmet requests, imports; and who may see it."""

import io
from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.personas import login
from tests.platform.accounts.factories import UserFactory
from transition.products.comobi.domain.offer_sheet import COLUMNS as DRIVER_COLUMNS
from transition.products.comobi.enums import CarpoolStatus, Outcome, RequestStatus, Role
from transition.products.comobi.models import Carpool, ContactLog, Offer, Person, Territory, TripRequest
from transition.products.comobi.services.carpools import carpool_confirm, carpool_status_set

from ..factories import PersonFactory, mediator_make, offer_make, request_make, territory_make

pytestmark = pytest.mark.django_db


def next_monday() -> date:
    today = timezone.localdate()
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def test_strangers_and_other_territories_are_refused(client, territory):
    assert client.get(reverse("comobi:mediation", args=[territory.slug])).status_code == 302  # sign in first
    client.force_login(UserFactory())
    assert client.get(reverse("comobi:mediation", args=[territory.slug])).status_code == 403
    other = territory_make()
    client.force_login(mediator_make(other))
    for name in ("mediation", "intake", "people", "unmet", "import", "carpools"):
        assert client.get(reverse(f"comobi:{name}", args=[territory.slug])).status_code == 403, name


def test_phoned_in_request_then_trip_confirmed_and_done(client, territory, mediator):
    driver = PersonFactory(
        territory=territory, first_name="Thierry", last_name="Bouscarel", direct_contact_consent_at=None
    )
    offer = offer_make(driver, "Assier", "Figeac", departure=time(8, 0))
    client.force_login(mediator)
    day = next_monday()
    response = client.post(
        reverse("comobi:intake", args=[territory.slug]),
        {
            "p-first_name": "Marcel",
            "p-last_name": "Lacoste",
            "p-phone": "05 65 34 12 01",
            "p-contact_preference": "telephone",
            "p-data_consent": "on",
            "r-origin": "Livernon",
            "r-destination": "Hôpital de Figeac",
            "r-when": "date",
            "r-day": day.isoformat(),
            "r-leave_after": "07:30",
            "r-reason": "medical",
        },
    )
    assert response.status_code == 302
    request = TripRequest.objects.get()
    assert (request.status, request.mediator, request.passenger.full_name) == (
        RequestStatus.PRISE_EN_COMPTE,
        mediator,
        "Marcel Lacoste",
    )
    assert request.passenger.consent_recorded_by == mediator
    page = client.get(response["Location"]).content.decode()
    assert "Thierry Bouscarel" in page and driver.phone in page  # mediators see everything
    client.post(
        reverse("comobi:contact_add", args=[territory.slug, request.pk]),
        {"channel": "appel", "answer": "accepte", "offer": offer.pk},
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.RECHERCHE and ContactLog.objects.filter(offer=offer).exists()
    client.post(
        reverse("comobi:carpool_new", args=[territory.slug, request.pk]),
        {"offer": offer.pk, "direction": "aller", "day": day.isoformat(), "pickup_time": "08:10"},
    )
    carpool = Carpool.objects.get()
    request.refresh_from_db()
    assert request.status == RequestStatus.SUIVI
    response = client.post(
        reverse("comobi:carpool_status", args=[territory.slug, carpool.pk]), {"status": CarpoolStatus.EFFECTUEE}
    )
    carpool.refresh_from_db()
    assert carpool.status == CarpoolStatus.CONFIRMEE  # not yet: the trip is next week
    carpool.day = timezone.localdate() - timedelta(days=1)
    carpool.save()
    client.post(
        reverse("comobi:carpool_status", args=[territory.slug, carpool.pk]),
        {"status": CarpoolStatus.EFFECTUEE, "next": "trajets"},
    )
    request.refresh_from_db()
    assert (request.status, request.outcome) == (RequestStatus.CLOSE, Outcome.TRAJET_EFFECTUE)


def test_intake_finds_a_known_person_by_phone(client, territory, mediator):
    known = PersonFactory(territory=territory, phone="+33565341201", first_name="Marcel")
    client.force_login(mediator)
    client.post(
        reverse("comobi:intake", args=[territory.slug]),
        {
            "p-first_name": "Marcel",
            "p-phone": "05 65 34 12 01",
            "p-contact_preference": "telephone",
            "r-origin": "Gramat",
            "r-destination": "Figeac",
            "r-when": "jours",
            "r-weekdays": ["1", "3"],
            "r-reason": "courses",
        },
    )
    assert Person.objects.count() == 1 and TripRequest.objects.get().passenger == known


def test_intake_without_consent_records_nothing(client, territory, mediator):
    client.force_login(mediator)
    response = client.post(
        reverse("comobi:intake", args=[territory.slug]),
        {
            "p-first_name": "Marcel",
            "p-phone": "0565341201",
            "p-contact_preference": "telephone",
            "r-origin": "Gramat",
            "r-destination": "Figeac",
            "r-when": "date",
            "r-day": next_monday().isoformat(),
            "r-reason": "courses",
        },
    )
    assert "sans son accord" in response.content.decode()
    assert not Person.objects.exists() and not TripRequest.objects.exists()


def test_dashboard_filters_and_counts(client, territory, mediator):
    passenger = PersonFactory(territory=territory, first_name="Yvette", last_name="Pradel")
    request_make(passenger, day=next_monday())
    request_make(
        PersonFactory(territory=territory, first_name="Lucien"),
        day=next_monday(),
        status=RequestStatus.CLOSE,
        outcome=Outcome.SANS_SOLUTION,
    )
    client.force_login(mediator)
    page = client.get(reverse("comobi:mediation", args=[territory.slug])).content.decode()
    assert "Yvette Pradel" in page and "Créée : 1" in page and "Close : 1" in page
    page = client.get(
        reverse("comobi:mediation", args=[territory.slug]), {"q": "pradel", "statut": "ouvertes"}
    ).content.decode()
    assert "Yvette" in page and "Lucien" not in page


def test_unmet_requests_list_map_and_export(client, territory, mediator):
    request_make(PersonFactory(territory=territory, first_name="Yvette"), "Gramat", "Figeac", day=next_monday())
    request_make(
        PersonFactory(territory=territory),
        "Cahors",
        "Figeac",
        day=next_monday(),
        status=RequestStatus.CLOSE,
        outcome=Outcome.TRAJET_EFFECTUE,
    )
    client.force_login(mediator)
    page = client.get(reverse("comobi:unmet", args=[territory.slug])).content.decode()
    assert "Gramat" in page and "Cahors" not in page and "unmet-map" in page
    response = client.get(reverse("comobi:unmet_export", args=[territory.slug]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][3] == "Départ" and len(rows) == 2 and rows[1][3] == "Gramat"
    assert "Yvette" not in str(rows)


def test_import_page(client, territory, mediator):
    client.force_login(mediator)
    header = ";".join(DRIVER_COLUMNS)
    line = "01/03/2030 10:00:00;Gramat;Figeac;;Lundi;;07:45;;;Josiane;Delmas;0612345678;;SMS;;Je consens;"
    upload = io.BytesIO(f"{header}\n{line}\n".encode())
    upload.name = "conducteurs.csv"
    response = client.post(reverse("comobi:import", args=[territory.slug]), {"kind": "offers", "file": upload})
    assert "Import terminé" in response.content.decode()
    assert Offer.objects.count() == 1
    bad = io.BytesIO(f"{header}\n;Figeac;;;Lundi;;07:45;;;Jo;;0612345678;;;;;\n".encode())
    bad.name = "conducteurs.csv"
    page = client.post(
        reverse("comobi:import", args=[territory.slug]), {"kind": "offers", "file": bad}
    ).content.decode()
    assert "Rien n’a été importé" in page and "Ligne 2, colonne « Arrivée »" in page


def test_people_directory_and_erasure(client, territory, mediator):
    person = PersonFactory(territory=territory, first_name="Bernard", last_name="Lafon")
    offer_make(person)
    client.force_login(mediator)
    page = client.get(reverse("comobi:people", args=[territory.slug]), {"q": "lafon"}).content.decode()
    assert "Bernard Lafon" in page
    client.post(reverse("comobi:person_erase", args=[territory.slug, person.pk]))
    person.refresh_from_db()
    assert person.first_name == "Bernard"  # not without the confirmation
    client.post(reverse("comobi:person_erase", args=[territory.slug, person.pk]), {"confirm": "oui"})
    person.refresh_from_db()
    assert person.first_name == "Personne effacée"


def test_administration(client, territory, admin_user, mediator):
    client.force_login(mediator)
    assert client.get(reverse("comobi:administration", args=[territory.slug])).status_code == 403
    client.force_login(admin_user)
    response = client.post(
        reverse("comobi:administration", args=[territory.slug]),
        {
            "name": territory.name,
            "kind": "departement",
            "phone": "05 65 53 00 00",
            "email": "",
            "welcome_text": "Bienvenue",
            "terms_text": "",
            "jdma_url": "",
            "router_url": "",
            "is_open": "on",
        },
    )
    assert response.status_code == 302
    territory.refresh_from_db()
    assert (territory.phone, territory.welcome_text) == ("+33565530000", "Bienvenue")
    client.post(
        reverse("comobi:places", args=[territory.slug]),
        {"name": "Mairie d’Assier", "aliases": "", "lat": "44.674", "lon": "1.877"},
    )
    assert territory.places.filter(name="Mairie d’Assier").exists()
    client.post(
        reverse("comobi:team", args=[territory.slug]), {"email": "nadia@causses.example.fr", "role": Role.MEDIATEUR}
    )
    page = client.get(reverse("comobi:team", args=[territory.slug])).content.decode()
    assert "nadia@causses.example.fr" in page and "Médiateur ou médiatrice" in page


def test_staff_creates_a_territory_with_the_second_factor(client, charlie, dave, geocoder):
    url = reverse("comobi:territory_create")
    login(client, dave)
    assert client.get(url).status_code == 403
    login(client, charlie, verified=True)
    response = client.post(
        url,
        {
            "name": "Vallée du Célé",
            "slug": "vallee-du-cele",
            "kind": "intercommunalite",
            "communes": "46128 46102",
            "admin_email": "admin@cele.example.fr",
        },
    )
    assert response.status_code == 302
    territory = Territory.objects.get(slug="vallee-du-cele")
    assert territory.communes.count() == 2 and not territory.is_open


def test_intake_from_a_persons_page_books_for_them_without_a_phone(client, territory, mediator):
    """A person with no phone nor email (a neighbour passes the message): the mediator opens the
    intake from their page and the request is theirs, not a new person's."""
    other_territory_person = PersonFactory(first_name="Autre")
    known = PersonFactory(territory=territory, first_name="Lucien", last_name="Couderc", phone="", email="")
    known.contact_preference = "mediateur"
    known.save()
    client.force_login(mediator)
    detail = client.get(reverse("comobi:person_detail", args=[territory.slug, known.pk])).content.decode()
    intake_url = reverse("comobi:intake", args=[territory.slug]) + f"?personne={known.pk}"
    assert f'href="{intake_url}"' in detail
    page = client.get(intake_url).content.decode()
    assert "Demande pour Lucien Couderc" in page and 'value="Couderc"' in page
    response = client.post(
        intake_url,
        {
            "p-first_name": "Lucien",
            "p-last_name": "Couderc",
            "p-contact_preference": "mediateur",
            "r-origin": "Gramat",
            "r-destination": "Figeac",
            "r-when": "date",
            "r-day": next_monday().isoformat(),
            "r-reason": "courses",
        },
    )
    assert response.status_code == 302
    assert Person.objects.filter(territory=territory).count() == 1
    assert TripRequest.objects.get().passenger == known
    other = reverse("comobi:intake", args=[territory.slug]) + f"?personne={other_territory_person.pk}"
    assert client.get(other).status_code == 404


def test_person_page_shows_the_phone_as_people_write_it(client, territory, mediator):
    person = PersonFactory(territory=territory, phone="+33623568902")
    client.force_login(mediator)
    page = client.get(reverse("comobi:person_detail", args=[territory.slug, person.pk])).content.decode()
    assert 'value="06 23 56 89 02"' in page and "+33623568902" not in page


def test_settings_show_the_phone_as_written_and_the_only_administrator_is_not_offered_for_removal(
    client, territory, admin_user, mediator
):
    client.force_login(admin_user)
    settings = client.get(reverse("comobi:administration", args=[territory.slug])).content.decode()
    assert 'value="05 65 00 00 00"' in settings and "+33565000000" not in settings
    page = client.get(reverse("comobi:team", args=[territory.slug])).content.decode()
    admin_row = next(row for row in page.split("<tr>") if "paul.vidal@causses.example.fr" in row)
    mediator_row = next(row for row in page.split("<tr>") if mediator.email in row)
    assert "Retirer</button>" not in admin_row and "Seul administrateur" in admin_row
    assert "Retirer</button>" in mediator_row
    client.post(
        reverse("comobi:team", args=[territory.slug]),
        {"email": "nadia@causses.example.fr", "role": Role.ADMINISTRATEUR},
    )
    page = client.get(reverse("comobi:team", args=[territory.slug])).content.decode()
    admin_row = next(row for row in page.split("<tr>") if "paul.vidal@causses.example.fr" in row)
    assert "Retirer</button>" in admin_row  # two administrators: either may go


def test_a_trip_still_to_come_offers_only_cancel(client, territory, mediator):
    driver = PersonFactory(territory=territory, first_name="Thierry", last_name="Bouscarel")
    offer = offer_make(driver, "Gramat", "Figeac")
    trip = request_make(PersonFactory(territory=territory, first_name="Marcel"), day=next_monday())
    carpool = carpool_confirm(actor=mediator, request=trip, offer=offer, day=next_monday(), pickup_time=time(7, 45))
    client.force_login(mediator)
    for url in (
        reverse("comobi:carpools", args=[territory.slug]),
        reverse("comobi:mediation_request", args=[territory.slug, trip.pk]),
    ):
        page = client.get(url).content.decode()
        assert ">Annulé</button>" in page
        assert ">Effectué</button>" not in page and ">Absence</button>" not in page
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        carpool_status_set(actor=mediator, carpool=carpool, status=CarpoolStatus.ABSENT)
