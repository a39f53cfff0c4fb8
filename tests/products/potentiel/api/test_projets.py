"""GET /potentiel/api/v1/projets/{identifiant} and the list: exact field names, scope, errors in
the one JSON shape, filters and paging; a DREAL's token sees its région."""

from urllib.parse import quote

import pytest

from tests.platform.accounts.factories import OrganisationFactory
from tests.products.potentiel.conftest import NOTIFICATION_DATE
from transition.platform.accounts.api_tokens import api_token_issue
from transition.products.potentiel.models import Dreal, Projet
from transition.products.potentiel.services.notification import notify_periode

pytestmark = pytest.mark.django_db
BASE = "/potentiel/api/v1/projets"
FIELDS = {
    "identifiant",
    "appelOffre",
    "periode",
    "famille",
    "numeroCRE",
    "nomProjet",
    "statut",
    "statutLaureat",
    "dateNotification",
    "dateAchevementPrevisionnelle",
    "puissance",
    "unitePuissance",
    "cahierDesCharges",
    "region",
    "garantiesFinancieres",
    "misAJourLe",
}


def token(scope="potentiel:lecture", organisation=None):
    return api_token_issue(organisation=organisation or OrganisationFactory(), scope=scope, name="SI DGEC")[1]


def get(client, url, raw):
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")


def url_of(identifiant):
    return f"{BASE}/{quote(identifiant, safe='')}"


def test_one_project_before_and_after_notification(client, periode, validateur):
    raw = token()
    answer = get(client, url_of("PPE2 - Bâtiment#1##1"), raw)
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == FIELDS
    assert body["statut"] == "classé"
    assert body["statutLaureat"] is None
    assert body["dateNotification"] is None
    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    body = get(client, url_of("PPE2 - Bâtiment#1##1"), raw).json()
    assert body["identifiant"] == "PPE2 - Bâtiment#1##1"
    assert (body["appelOffre"], body["periode"], body["famille"], body["numeroCRE"]) == (
        "PPE2 - Bâtiment",
        "1",
        "",
        "1",
    )
    assert body["nomProjet"] == "Toitures du Prado"
    assert (body["statut"], body["statutLaureat"]) == ("lauréat", "actif")
    assert body["dateNotification"] == "2025-01-10"
    assert body["dateAchevementPrevisionnelle"] == "2027-07-09"
    assert body["puissance"] == 1.5
    assert body["cahierDesCharges"] == "initial"
    # At notification the candidature's guarantees become the current ones (services/designation.py).
    assert body["garantiesFinancieres"] == {
        "type": "avec-date-échéance",
        "dateEcheance": "2030-12-01",
        "statut": "validé",
    }
    elimine = get(client, url_of("PPE2 - Bâtiment#1##3"), raw).json()
    assert (elimine["statut"], elimine["statutLaureat"]) == ("éliminé", None)


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "unauthenticated"),
        ({"HTTP_AUTHORIZATION": "Bearer trn_faux"}, 401, "unauthenticated"),
    ],
)
def test_without_a_valid_token(client, periode, headers, status, code):
    answer = client.get(url_of("PPE2 - Bâtiment#1##1"), **headers)
    assert answer.status_code == status
    assert answer.json()["code"] == code
    assert "message" in answer.json()


def test_errors_in_the_one_shape(client, periode):
    raw = token()
    unknown = get(client, url_of("PPE2 - Bâtiment#1##404"), raw)
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")
    malformed = get(client, url_of("pas-un-identifiant"), raw)
    assert (malformed.status_code, malformed.json()["code"]) == (400, "bad_request")
    bad_date = get(client, f"{BASE}?updated_since=hier", raw)
    assert bad_date.status_code == 422
    assert bad_date.json()["errors"][0]["field"] == "updated_since"
    bad_status = get(client, f"{BASE}?statut=gagnant", raw)
    assert bad_status.status_code == 422


def test_list_filters_and_pages(client, periode, validateur):
    raw = token()
    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    everything = get(client, BASE, raw).json()
    assert everything["count"] == 3
    assert [p["numeroCRE"] for p in everything["results"]] == ["1", "2", "3"]
    assert get(client, f"{BASE}?statut=%C3%A9limin%C3%A9", raw).json()["count"] == 1
    assert get(client, f"{BASE}?appelOffre=PPE2%20-%20Sol", raw).json()["count"] == 0
    assert get(client, f"{BASE}?appelOffre=PPE2%20-%20B%C3%A2timent&periode=1", raw).json()["count"] == 3
    first = get(client, f"{BASE}?limit=2", raw).json()
    assert len(first["results"]) == 2 and first["next"]
    second = get(client, first["next"], raw).json()
    assert [p["numeroCRE"] for p in second["results"]] == ["3"]
    assert second["count"] == 3
    assert second["next"] is None
    latest = Projet.objects.order_by("-updated_at").first().updated_at
    since = get(client, f"{BASE}?updated_since={quote(latest.isoformat())}", raw).json()
    assert since["count"] >= 1
    future = get(client, f"{BASE}?updated_since=2999-01-01T00:00:00Z", raw).json()
    assert future["count"] == 0


def test_a_dreal_token_sees_its_region(client, periode):
    organisation = OrganisationFactory(name="DREAL Bretagne")
    Dreal.objects.create(organisation=organisation, region="53")
    raw = token(organisation=organisation)
    assert [p["numeroCRE"] for p in get(client, BASE, raw).json()["results"]] == ["2"]
    assert get(client, url_of("PPE2 - Bâtiment#1##1"), raw).status_code == 404


def test_guarantees_follow_their_lifecycle(client, periode):
    import datetime as dt

    from transition.products.potentiel.models import DepotGaranties, GarantiesActuelles

    raw = token()
    projet = Projet.objects.get(numero_cre="1")
    url = url_of(projet.identifiant)
    assert get(client, url, raw).json()["garantiesFinancieres"]["statut"] == "déclarées-à-la-candidature"
    DepotGaranties.objects.create(projet=projet, type="consignation", date_constitution=dt.date(2025, 2, 1))
    assert get(client, url, raw).json()["garantiesFinancieres"] == {
        "type": "consignation",
        "dateEcheance": None,
        "statut": "à-valider",
    }
    GarantiesActuelles.objects.create(
        projet=projet, type="avec-date-échéance", date_echeance=dt.date(2029, 6, 30), status="échu"
    )
    assert get(client, url, raw).json()["garantiesFinancieres"] == {
        "type": "avec-date-échéance",
        "dateEcheance": "2029-06-30",
        "statut": "échu",
    }
    listed = get(client, BASE, raw).json()["results"]
    assert listed[0]["garantiesFinancieres"]["statut"] == "échu"
