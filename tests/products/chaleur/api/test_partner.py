from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.platform.accounts.factories import UserFactory
from transition.platform.accounts.api_tokens import api_token_issue
from transition.platform.accounts.models import ApiToken
from transition.platform.audit.models import Event
from transition.products.chaleur.enums import PARTNER_SCOPE
from transition.products.chaleur.models import DemandEvent
from transition.products.chaleur.services.personal_data import personal_data_erase

from ..factories import DemandFactory, network_fixture, network_make, operator_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
URL = "/chaleur/api/v2/demands"


@pytest.fixture
def token(operator):
    """Issued by the operator itself, as at /compte/jetons/."""
    _, raw = api_token_issue(
        organisation=operator.organisation, scope=PARTNER_SCOPE, name="Logiciel de suivi", created_by=operator.user
    )
    return raw


def auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_the_token_is_the_platform_s_one_with_the_partner_scope(token, operator):
    stored = ApiToken.objects.get(organisation=operator.organisation)
    assert (stored.product, stored.scope) == ("chaleur", "chaleur:demandes")
    assert token not in (stored.token_hash, stored.prefix)


def test_a_token_of_another_scope_or_revoked_is_refused(client, token, operator):
    stored = ApiToken.objects.get(organisation=operator.organisation)
    stored.scope = "chaleur:autre"
    stored.save()
    assert client.get(URL, **auth(token)).status_code == 401
    stored.scope, stored.revoked_at = PARTNER_SCOPE, timezone.now()
    stored.save()
    response = client.get(URL, **auth(token))
    assert response.status_code == 401 and response.json()["code"] == "unauthenticated"


def test_list_with_updated_since(client, token, operator):
    old = DemandFactory(network=operator.network, updated_at=timezone.now() - timedelta(days=3))
    new = DemandFactory(network=operator.network)
    DemandFactory(network=network_make(national_id="6901C", line=[(4.83, 45.76), (4.84, 45.76)]))
    body = client.get(URL, **auth(token)).json()
    assert body["count"] == 2
    assert [d["id"] for d in body["results"]] == [old.pk, new.pk]
    since = (timezone.now() - timedelta(days=1)).isoformat()
    body = client.get(URL, {"updated_since": since}, **auth(token)).json()
    assert [d["id"] for d in body["results"]] == [new.pk]
    assert body["results"][0]["status_label"] == "À traiter"


def test_update_status_and_comment(client, token, operator):
    demand = DemandFactory(network=operator.network, email="requester@example.fr")
    response = client.patch(
        f"{URL}/{demand.pk}",
        {"status": "etude_en_cours", "comment": "Visite prévue"},
        content_type="application/json",
        **auth(token),
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "etude_en_cours"
    demand.refresh_from_db()
    assert (demand.status, demand.operator_comment) == ("etude_en_cours", "Visite prévue")
    # The back-office's own service: same history, same audit event, same email to the requester.
    event = Event.objects.get(action="chaleur.demand_status_change", object_id=str(demand.pk))
    assert event.actor is None and event.payload["organisation"] == operator.organisation.pk
    assert DemandEvent.objects.get(demand=demand, kind="status").data == {
        "via": "api",
        "organisation": operator.organisation.pk,
    }
    [email] = mail.outbox
    assert email.to == ["requester@example.fr"] and "Étude en cours" in email.subject
    bad = client.patch(f"{URL}/{demand.pk}", {"status": "a_traiter"}, content_type="application/json", **auth(token))
    assert bad.status_code == 400 and "ne peut pas passer" in bad.json()["message"]
    unknown = client.patch(f"{URL}/{demand.pk}", {"status": "fini"}, content_type="application/json", **auth(token))
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == [{"field": "status", "message": "Statut inconnu : « fini »."}]


def test_a_comment_alone_and_an_anonymised_demand(client, token, operator):
    demand = DemandFactory(network=operator.network, email="requester@example.fr")
    response = client.patch(f"{URL}/{demand.pk}", {"comment": "Appelé"}, content_type="application/json", **auth(token))
    assert response.status_code == 200 and response.json()["operator_comment"] == "Appelé"
    assert DemandEvent.objects.filter(demand=demand, kind="comment", text="Appelé").exists()
    empty = client.patch(f"{URL}/{demand.pk}", {}, content_type="application/json", **auth(token))
    assert empty.status_code == 400 and "Indiquez un statut ou un commentaire" in empty.json()["message"]
    # The person asked to be forgotten: the operator still follows the demand, nobody is written to.
    personal_data_erase(UserFactory(email="requester@example.fr"))
    response = client.patch(
        f"{URL}/{demand.pk}", {"status": "etude_en_cours"}, content_type="application/json", **auth(token)
    )
    assert response.status_code == 200 and response.json()["status"] == "etude_en_cours"
    assert response.json()["email"] == "anonyme@anonyme.invalid"
    assert mail.outbox == []


def test_no_token_a_wrong_token_or_someone_else_s_demand(client, token, operator):
    other = DemandFactory(network=network_make(national_id="6901C", line=[(4.83, 45.76), (4.84, 45.76)]))
    assert client.get(URL).status_code == 401
    assert client.get(URL, **auth("fcu_faux")).status_code == 401
    assert client.get(URL, **auth("trn_faux")).status_code == 401
    response = client.patch(f"{URL}/{other.pk}", {"comment": "x"}, content_type="application/json", **auth(token))
    assert response.status_code == 404


def test_rate_limited(client, token, settings):
    from django.core.cache import cache

    cache.clear()
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "chaleur_partner_api": {"ip": (2, 60)}}
    assert client.get(URL, **auth(token)).status_code == 200
    assert client.get(URL, **auth(token)).status_code == 200
    limited = client.get(URL, **auth(token))
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited" and limited["Retry-After"]


def test_in_the_openapi(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/chaleur/api/v2/demands" in paths
    assert "patch" in paths["/chaleur/api/v2/demands/{demand_id}"]


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("offset=9223372036854775808", 422, "offset"),  # was a 500 (issue 9, finding 9)
        ("offset=-1", 422, "offset"),
        ("limit=0", 422, "limit"),
        ("updated_since=1700000000", 400, "updated_since"),  # a Unix time was taken as a date
        ("updated_since=2026-01-31", 400, "updated_since"),
        ("updated_since=2026-01-31T08:00:00", 400, "updated_since"),  # no offset
        ("updated_since=2026-13-31T08:00:00Z", 400, "updated_since"),
        ("updated_since=2026-01-31T08:00:00%2B99:00", 400, "updated_since"),
    ],
)
def test_bad_pagination_and_dates_answer_in_the_one_shape(client, token, query, status, field):
    response = client.get(f"{URL}?{query}", **auth(token))
    assert response.status_code == status
    body = response.json()
    assert body["code"] == "invalid" and [e["field"] for e in body["errors"]] == [field]


def test_updated_since_takes_an_iso_date_time_with_its_offset(client, token, operator):
    for value in ("2020-01-31T08:00:00Z", "2020-01-31T08:00:00.5%2B01:00", "2020-01-31T08:00-03:00"):
        assert client.get(f"{URL}?updated_since={value}", **auth(token)).status_code == 200


def test_the_schema_says_what_is_accepted(client):
    parameters = client.get("/api/openapi.json").json()["paths"][URL]["get"]["parameters"]
    by_name = {p["name"]: p["schema"] for p in parameters}
    assert (by_name["limit"]["minimum"], by_name["limit"]["maximum"]) == (1, 1000)
    assert by_name["offset"]["minimum"] == 0
    since = by_name["updated_since"].get("anyOf", [by_name["updated_since"]])[0]
    assert since["pattern"].startswith("^[0-9]{4}-")
