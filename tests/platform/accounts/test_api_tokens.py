"""API tokens per organisation, product and scope: issued once, hashed, scoped, revocable."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone
from ninja import NinjaAPI, Router
from ninja.testing import TestClient

from tests.personas import login
from tests.platform.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from transition.platform.accounts import api_tokens
from transition.platform.accounts.api_tokens import ApiTokenAuth, api_token_issue, api_token_revoke, token_hash
from transition.platform.accounts.models import ApiToken
from transition.platform.audit.models import Event
from transition.platform.core.api import API_ERRORS, install_error_handlers

pytestmark = pytest.mark.django_db
SCOPE = "chaleur:test-lecture"


@pytest.fixture(autouse=True)
def _scope():
    api_tokens.register_api_scopes("chaleur", {SCOPE: ("Lire pour les tests", ["gestionnaire"])})
    cache.clear()
    yield
    api_tokens._scopes.pop(SCOPE, None)
    cache.clear()


@pytest.fixture
def operator():
    membership = MembershipFactory(product="chaleur", role="gestionnaire")
    return membership.user, membership.organisation


def _api_client() -> TestClient:
    router = Router()

    @router.get("/whoami", auth=ApiTokenAuth(scope=SCOPE), response={200: dict, **API_ERRORS})
    def whoami(request):
        return {"organisation": request.auth.organisation.name}

    api = NinjaAPI(urls_namespace="test_api_tokens")
    install_error_handlers(api)
    api.add_router("/", router)
    return TestClient(api)


def test_issue_stores_only_the_hash_and_authenticates_its_scope(operator):
    user, organisation = operator
    token, raw = api_token_issue(organisation=organisation, scope=SCOPE, name="Logiciel", created_by=user)
    assert raw.startswith("trn_") and len(raw) > 40
    assert token.token_hash == token_hash(raw) and raw not in token.token_hash
    assert token.prefix == raw[:8]
    response = _api_client().get("/whoami", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200 and response.json() == {"organisation": organisation.name}
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert Event.objects.filter(action="api_token_issued").count() == 1


def test_a_token_of_another_scope_or_revoked_or_expired_is_refused(operator):
    user, organisation = operator
    api_tokens.register_api_scopes("chaleur", {"chaleur:autre": ("Autre", ["gestionnaire"])})
    try:
        _, other = api_token_issue(organisation=organisation, scope="chaleur:autre", name="Autre", created_by=user)
        revoked, revoked_raw = api_token_issue(organisation=organisation, scope=SCOPE, name="Ancien", created_by=user)
        api_token_revoke(token=revoked, by=user)
        expiring, expiring_raw = api_token_issue(
            organisation=organisation, scope=SCOPE, name="Court", expires_at=timezone.now() + dt.timedelta(hours=1)
        )
        ApiToken.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        client = _api_client()
        for raw in (other, revoked_raw, expiring_raw, "trn_nimportequoi", "pas-un-jeton"):
            response = client.get("/whoami", headers={"Authorization": f"Bearer {raw}"})
            assert response.status_code == 401, raw
            assert response.json()["code"] == "unauthenticated"
    finally:
        api_tokens._scopes.pop("chaleur:autre", None)


def test_wrong_tokens_are_rate_limited_and_then_even_a_right_one_waits(operator, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_token_failure": {"ip": (3, 600)}}
    user, organisation = operator
    _, raw = api_token_issue(organisation=organisation, scope=SCOPE, name="Logiciel", created_by=user)
    client = _api_client()
    for _ in range(3):
        assert client.get("/whoami", headers={"Authorization": "Bearer trn_faux"}).status_code == 401
    limited = client.get("/whoami", headers={"Authorization": "Bearer trn_faux"})
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"
    assert client.get("/whoami", headers={"Authorization": f"Bearer {raw}"}).status_code == 429


def test_right_tokens_are_never_counted(operator, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_token_failure": {"ip": (2, 600)}}
    user, organisation = operator
    _, raw = api_token_issue(organisation=organisation, scope=SCOPE, name="Logiciel", created_by=user)
    client = _api_client()
    for _ in range(10):
        assert client.get("/whoami", headers={"Authorization": f"Bearer {raw}"}).status_code == 200


def test_only_a_holder_of_an_allowed_role_in_that_organisation_may_issue(operator, alice):
    _, organisation = operator
    with pytest.raises(PermissionDenied):
        api_token_issue(organisation=organisation, scope=SCOPE, name="X", created_by=alice)
    other_org_operator = MembershipFactory(product="chaleur", role="gestionnaire").user
    with pytest.raises(PermissionDenied):
        api_token_issue(organisation=organisation, scope=SCOPE, name="X", created_by=other_org_operator)


def test_issue_validates_scope_and_name(operator):
    user, organisation = operator
    with pytest.raises(ValidationError):
        api_token_issue(organisation=organisation, scope="chaleur:inconnue", name="X", created_by=user)
    with pytest.raises(ValidationError):
        api_token_issue(organisation=organisation, scope=SCOPE, name="   ", created_by=user)


def test_scopes_must_be_named_after_their_product():
    with pytest.raises(ValueError):
        api_tokens.register_api_scopes("carbure", {"chaleur:x": ("x", [])})


def test_the_page_issues_shows_once_lists_and_revokes(client, operator):
    user, organisation = operator
    login(client, user)
    page = client.get("/compte/jetons/")
    assert page.status_code == 200 and "Aucun jeton" in page.content.decode()
    response = client.post("/compte/jetons/", {"target": f"{organisation.pk}|{SCOPE}", "name": "Mon logiciel"})
    body = response.content.decode()
    token = ApiToken.objects.get()
    assert response.status_code == 200 and "Votre nouveau jeton" in body and token.prefix in body
    raw = body.split('<code id="api-token">')[1].split("</code>")[0]
    assert token_hash(raw) == token.token_hash
    again = client.get("/compte/jetons/").content.decode()
    assert raw not in again and "Mon logiciel" in again
    client.post(f"/compte/jetons/{token.pk}/revoquer/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_page_refuses_bad_input_in_french(client, operator):
    user, organisation = operator
    login(client, user)
    response = client.post("/compte/jetons/", {"target": f"{organisation.pk + 999}|{SCOPE}", "name": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Donnez un nom au jeton." in body and "Choix inconnu." in body
    assert not ApiToken.objects.exists()


def test_a_person_cannot_revoke_another_organisations_token(client, operator, alice):
    user, organisation = operator
    token, _ = api_token_issue(organisation=organisation, scope=SCOPE, name="X", created_by=user)
    login(client, alice)
    assert client.post(f"/compte/jetons/{token.pk}/revoquer/").status_code == 404
    assert "Aucun de vos rôles" in client.get("/compte/jetons/").content.decode()


def test_staff_with_second_factor_sees_every_token(client, operator, charlie, dave):
    user, organisation = operator
    api_token_issue(organisation=organisation, scope=SCOPE, name="Logiciel X", created_by=user)
    login(client, dave)  # staff without second factor: an ordinary user
    assert "Logiciel X" not in client.get("/compte/jetons/").content.decode()
    login(client, charlie, verified=True)
    assert "Logiciel X" in client.get("/compte/jetons/").content.decode()


def test_command_prints_the_token_once(capsys):
    organisation = OrganisationFactory(name="Régie de Gramat")
    call_command("api_token_issue", "--organisation", "régie de gramat", "--product", "chaleur", "--scope", SCOPE)
    out = capsys.readouterr().out.strip().splitlines()
    raw = out[-1]
    assert ApiToken.objects.get(organisation=organisation).token_hash == token_hash(raw)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organisation", "Inconnue", "--product", "chaleur", "--scope", SCOPE], "Aucune organisation"),
        (["--organisation", "X", "--product", "chaleur", "--scope", "chaleur:nope"], "inconnue"),
        (["--organisation", "X", "--product", "carbure", "--scope", SCOPE], "inconnue"),
    ],
)
def test_command_refuses_in_french(args, message):
    UserFactory()
    with pytest.raises(CommandError, match=message):
        call_command("api_token_issue", *args)
