"""Bringing spreadsheets in: comobi-core's drivers, Lotocar's requests, Mobicoop's ads."""

import csv
import io
from datetime import date, time

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.fakes import FakeGeocoder, geocode_result
from tests.platform.accounts.factories import UserFactory
from transition.platform.core.spreadsheets import Column, Sheet, xlsx_bytes
from transition.products.comobi.domain.matching import Need, Point
from transition.products.comobi.domain.offer_sheet import COLUMNS as DRIVER_COLUMNS
from transition.products.comobi.domain.request_sheet import COLUMNS as REQUEST_COLUMNS
from transition.products.comobi.enums import OfferKind, Outcome, RequestStatus, Source
from transition.products.comobi.models import Offer, Person, TripRequest
from transition.products.comobi.selectors.search import search
from transition.products.comobi.services.imports import ads_import, offers_import, requests_import

from ..factories import TerritoryFactory, mediator_make

pytestmark = pytest.mark.django_db
TODAY = date(2030, 3, 4)


def sheet(columns, rows, delimiter=";") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue().encode()


def driver_row(**cells):
    return {
        "Date": "01/03/2030 10:12:00",
        "Départ": "gramat",
        "Arrivée": "Hôpital de Figeac",
        "Jours": "Lundi, Jeudi",
        "heureDepart": "07:45:00",
        "heureRetour": "17:30:00",
        "Prénom": "Josiane",
        "Nom": "Delmas",
        "N° de téléphone": "06 12 34 56 78",
        "Contact préféré": "SMS",
        "Consentement": "Je consens",
        **cells,
    }


def test_drivers_sheet(territory, mediator):
    rows = [
        driver_row(),
        driver_row(
            **{
                "Départ": "Cahors",
                "Arrivée": "Figeac",
                "Jours": "",
                "Jour": "12/03/2030",
                "heureRetour": "",
                "Prénom": "Bernard",
                "N° de téléphone": "0623568902",
                "Consentement": "",
            }
        ),
        driver_row(**{"Jours": "", "Jour": "01/03/2030"}),  # a one-off trip already past: left out
        dict.fromkeys(DRIVER_COLUMNS, ""),  # a blank line
    ]
    report = offers_import(
        actor=mediator, territory=territory, source=sheet(DRIVER_COLUMNS, rows), filename="conducteurs.csv", today=TODAY
    )
    assert report.ok, [str(p) for p in report.errors]
    assert (report.created, report.skipped) == (2, 1)
    josiane = Person.objects.get(first_name="Josiane")
    assert josiane.phone == "+33612345678" and josiane.direct_contact_consent_at and josiane.sms_consent_at
    offer = Offer.objects.get(driver=josiane)
    assert (offer.kind, offer.weekdays, offer.departure_time, offer.return_time) == (
        OfferKind.REGULAR,
        0b1001,
        time(7, 45),
        time(17, 30),
    )
    assert offer.origin_label == "Gramat" and offer.destination_label == "Hôpital de Figeac"  # the territory's names
    assert offer.source == Source.IMPORT
    bernard = Person.objects.get(first_name="Bernard")
    assert bernard.direct_contact_consent_at is None
    # brought again with one more line: nothing is doubled
    rows.append(
        driver_row(**{"Prénom": "Thierry", "N° de téléphone": "0645781204", "Départ": "Assier", "Arrivée": "Figeac"})
    )
    report = offers_import(
        actor=mediator, territory=territory, source=sheet(DRIVER_COLUMNS, rows), filename="conducteurs.csv", today=TODAY
    )
    assert (report.created, report.unchanged) == (1, 2)
    assert Offer.objects.count() == 3


def test_drivers_sheet_with_coordinates_and_an_address(territory, mediator, geocoder):
    rows = [
        driver_row(
            lat_depart="44,80", lon_depart="1,62", lat_arrivee="44.6086", lon_arrivee="2.0317", **{"Départ": "chez moi"}
        ),
        driver_row(**{"Départ": "12 avenue de la gare gramat", "N° de téléphone": "0611111111"}),
    ]
    columns = [*DRIVER_COLUMNS, "lat_depart", "lon_depart", "lat_arrivee", "lon_arrivee"]
    report = offers_import(
        actor=mediator, territory=territory, source=sheet(columns, rows), filename="c.csv", today=TODAY
    )
    assert report.ok, [str(p) for p in report.errors]
    first, second = Offer.objects.order_by("pk")
    assert (first.origin_lat, first.origin_lon) == (44.8, 1.62)
    assert second.origin_label == "12 Avenue de la Gare 46500 Gramat"


def test_drivers_sheet_errors_by_line_and_nothing_written(territory, mediator, geocoder):
    rows = [
        driver_row(),
        driver_row(**{"Départ": ""}),
        driver_row(**{"Jours": ""}),
        driver_row(**{"Arrivée": "Nulle-Part-sur-Lune"}),
        driver_row(**{"heureRetour": "06:00"}),
    ]
    report = offers_import(
        actor=mediator, territory=territory, source=sheet(DRIVER_COLUMNS, rows), filename="c.csv", today=TODAY
    )
    assert not report.ok
    assert {(p.line, p.field) for p in report.errors} == {
        (3, "Départ"),
        (4, "Jours"),
        (5, "Arrivée"),
        (6, "return_time"),
    }
    assert not Offer.objects.exists() and not Person.objects.exists()


def test_drivers_sheet_refuses_a_file_without_its_columns(territory, mediator):
    report = offers_import(
        actor=mediator, territory=territory, source=b"nom;prenom\nDupont;Jean\n", filename="c.csv", today=TODAY
    )
    assert not report.ok and "Départ" in report.errors[0].message


def test_drivers_sheet_as_xlsx(territory, mediator):
    data = xlsx_bytes(
        [
            Sheet(
                "Réponses",
                [Column(c) for c in DRIVER_COLUMNS],
                rows=[[driver_row().get(c, "") for c in DRIVER_COLUMNS]],
            )
        ]
    )
    report = offers_import(actor=mediator, territory=territory, source=data, filename="conducteurs.xlsx", today=TODAY)
    assert report.ok and report.created == 1


def test_a_stranger_cannot_import(territory):
    with pytest.raises(PermissionDenied):
        offers_import(actor=UserFactory(), territory=territory, source=b"x", filename="c.csv", today=TODAY)


def request_row(**cells):
    return {
        "Date demande": "01/03/2030 09:00:00",
        "Départ": "Assier",
        "Arrivée": "Hôpital de Figeac",
        "Date départ": "10/03/2030",
        "heureDepart": "08:30",
        "Motif": "Rendez-vous chez le kiné",
        "Retour": "Oui",
        "Heure": "11:00",
        "Prénom": "Marcel",
        "Nom": "Lacoste",
        "N° de téléphone": "05 65 12 34 56",
        **cells,
    }


def test_requests_sheet(territory, mediator):
    outcome = "Trajet effectué Oui/Non/Régulier"
    rows = [
        request_row(),
        request_row(**{"Date départ": "10/01/2030", outcome: "Oui", "N° de téléphone": "0612121212"}),
        request_row(**{"Date départ": "", outcome: "N", "Prénom": "", "N° de téléphone": ""}),
    ]
    report = requests_import(
        actor=mediator, territory=territory, source=sheet(REQUEST_COLUMNS, rows), filename="demandes.csv", today=TODAY
    )
    assert report.ok, [str(p) for p in report.errors]
    assert report.created == 3
    statuses = sorted(TripRequest.objects.values_list("status", "outcome"))
    assert statuses == sorted(
        [
            (RequestStatus.CREEE, ""),
            (RequestStatus.CLOSE, Outcome.TRAJET_EFFECTUE),
            (RequestStatus.CLOSE, Outcome.SANS_SOLUTION),
        ]
    )
    open_one = TripRequest.objects.get(status=RequestStatus.CREEE)
    assert (open_one.leave_after, open_one.return_after, open_one.reason) == (time(8, 30), time(11, 0), "medical")


def test_an_open_request_in_the_past_asks_for_its_outcome(territory, mediator):
    rows = [request_row(**{"Date départ": "01/02/2030"})]
    report = requests_import(
        actor=mediator, territory=territory, source=sheet(REQUEST_COLUMNS, rows), filename="d.csv", today=TODAY
    )
    assert not report.ok and report.errors[0].field == "Date départ"


@pytest.mark.shared_data
def test_the_peer_platforms_ads_imported_and_searched(territory_nancy, mediator_nancy, shared_data, geocoder_nancy):
    data = (shared_data / "comobi" / "Basic_Ads_ads.csv").read_bytes()
    report = ads_import(
        actor=mediator_nancy, territory=territory_nancy, source=data, filename="Basic_Ads_ads.csv", today=TODAY
    )
    assert report.ok, [str(p) for p in report.errors]
    assert report.created > 10 and report.skipped > 5
    drivers = Offer.objects.filter(territory=territory_nancy)
    assert drivers.filter(kind=OfferKind.REGULAR).exists() and drivers.filter(kind=OfferKind.ONE_OFF).exists()
    assert TripRequest.objects.filter(territory=territory_nancy).exists()
    # cora.regulier drives Houdemont -> Seichamps on Monday, Tuesday, Thursday and Friday at 07:40;
    # colin-paco.regulier, Fléville -> Pulnoy every weekday, passes close by with a small detour
    houdemont, seichamps = Point(*NANCY["houdemont"]), Point(*NANCY["seichamps"])
    monday = date(2030, 3, 4)
    found = search(territory=territory_nancy, need=Need(origin=houdemont, destination=seichamps, day=monday))
    assert [f.driver_name for f in found] == ["Cora R.", "Colin-Paco R."]
    assert (found[0].departure, found[0].match.band, found[1].match.band) == ("07:40", "0-5", "5-20")
    wednesday = date(2030, 3, 6)  # Cora does not drive on Wednesdays
    found = search(territory=territory_nancy, need=Need(origin=houdemont, destination=seichamps, day=wednesday))
    assert [f.driver_name for f in found] == ["Colin-Paco R."]
    # imported again: nothing doubled
    again = ads_import(
        actor=mediator_nancy, territory=territory_nancy, source=data, filename="Basic_Ads_ads.csv", today=TODAY
    )
    assert again.created == 0 and again.unchanged == report.created


def test_command_imports_offers(territory, tmp_path, capsys):
    path = tmp_path / "conducteurs.csv"
    path.write_bytes(sheet(DRIVER_COLUMNS, [driver_row(**{"Jours": "lundi"})]))
    call_command("comobi_import_offers", territory.slug, str(path))
    assert "1 ligne" in capsys.readouterr().out and Offer.objects.count() == 1


def test_command_says_what_is_wrong(territory, tmp_path):
    path = tmp_path / "conducteurs.csv"
    path.write_bytes(sheet(DRIVER_COLUMNS, [driver_row(**{"Jours": ""})]))
    with pytest.raises(CommandError, match="Ligne 2"):
        call_command("comobi_import_offers", territory.slug, str(path))
    with pytest.raises(CommandError, match="inconnu"):
        call_command("comobi_import_offers", "nulle-part", str(path))


def test_command_imports_requests(territory, tmp_path, capsys):
    path = tmp_path / "demandes.csv"
    path.write_bytes(sheet(REQUEST_COLUMNS, [request_row(**{"Date départ": "10/03/2999"})]))
    call_command("comobi_import_requests", territory.slug, str(path))
    assert TripRequest.objects.count() == 1


# --- a territory around Nancy and Metz for the peer platform's ads --------------------------------

NANCY = {
    "nancy": (48.6921, 6.1844),
    "metz": (49.1193, 6.1757),
    "thionville": (49.3579, 6.1683),
    "amnéville": (49.2597, 6.1419),
    "amneville": (49.2597, 6.1419),
    "montigny les metz": (49.0958, 6.1536),
    "laxou": (48.6853, 6.1494),
    "woippy": (49.1511, 6.1514),
    "villers les nancy": (48.6733, 6.1528),
    "ludres": (48.6197, 6.1628),
    "essey les nancy": (48.7069, 6.2217),
    "houdemont": (48.6414, 6.1753),
    "seichamps": (48.7150, 6.2664),
    "fléville devant nancy": (48.6253, 6.2031),
    "pulnoy": (48.7036, 6.2589),
    "tomblaine": (48.6847, 6.2164),
    "richardmenil": (48.5931, 6.1706),
    "strasbourg": (48.5734, 7.7521),
    "langres": (47.8625, 5.3331),
    "aix en provence": (43.5297, 5.4474),
    "lyon": (45.7640, 4.8357),
    "vandoeuvre chu": (48.6505, 6.1855),
    "agincourt": (48.7306, 6.2369),
    "dommartemont": (48.7172, 6.2161),
    "epinal": (48.1724, 6.4493),
    "toul": (48.6753, 5.8914),
    "vandoeuvre-les-nancy": (48.6570, 6.1730),
    "guenange": (49.2986, 6.1992),
    "arsenal metz": (49.1163, 6.1700),
    "48 boulevard emile zola laxou": (48.6870, 6.1570),
    "14 rue de la gare woippy": (49.1490, 6.1570),
}


@pytest.fixture
def territory_nancy(db):
    return TerritoryFactory(slug="sillon-lorrain", name="Sillon lorrain")


@pytest.fixture
def mediator_nancy(territory_nancy):
    return mediator_make(territory_nancy)


@pytest.fixture
def geocoder_nancy(monkeypatch):
    table = {
        name: geocode_result(name.title(), lon, lat, score=0.9, citycode="54395") for name, (lat, lon) in NANCY.items()
    }
    return FakeGeocoder(table).install(monkeypatch)
