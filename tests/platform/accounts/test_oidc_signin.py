"""Sign-in through ProConnect and FranceConnect, against a real provider started on loopback."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.messages import get_messages
from django.utils import timezone

from tests.fakes.oidc import FRANCECONNECT_CITIZEN, PROCONNECT_AGENT
from transition.platform.accounts.models import OIDCState, Organisation, User
from transition.platform.audit.models import Event

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def _start(client, slug: str, next_url: str = "") -> str:
    response = client.get(f"/connexion/{slug}/", {"next": next_url} if next_url else {})
    assert response.status_code == 302
    return response["Location"]


def _authorize(url: str) -> str:
    """The provider consents at once and redirects back with code and state."""
    response = requests.get(url, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def _callback(client, location: str, **replace):
    parts = urlsplit(location)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query.update(replace)
    return client.get(parts.path, query)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _sign_in(client, oidc_provider, slug: str, identity: dict):
    oidc_provider.knobs.identity = identity
    return _callback(client, _authorize(_start(client, slug)))


def test_proconnect_signs_in_an_agent_and_fills_the_organisation(client, oidc_provider):
    oidc_provider.knobs.identity = PROCONNECT_AGENT
    authorize_url = _start(client, "proconnect", next_url="/mes-donnees/")
    params = parse_qs(urlsplit(authorize_url).query)
    assert params["scope"] == ["openid given_name usual_name email siret"]
    assert params["response_type"] == ["code"]
    assert len(params["state"][0]) >= 32 and len(params["nonce"][0]) >= 32
    assert OIDCState.objects.filter(state=params["state"][0], nonce=params["nonce"][0]).exists()

    response = _callback(client, _authorize(authorize_url))

    assert response.status_code == 302 and response["Location"] == "/mes-donnees/"
    user = User.objects.get(email="camille.agent@ecologie.gouv.fr")
    assert (user.given_name, user.family_name) == ("Camille", "Agent")
    assert user.organisation == Organisation.objects.get(siret="13002526500013")
    assert user.organisation.siren == "130025265"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session["oidc_provider"] == "proconnect"
    event = Event.objects.get(action="accounts.sign_in")
    assert event.actor_id == user.pk and event.payload == {"method": "proconnect"}


def test_franceconnect_signs_in_a_citizen_with_es256(client, oidc_provider):
    oidc_provider.knobs.alg = "ES256"
    oidc_provider.knobs.identity = FRANCECONNECT_CITIZEN
    authorize_url = _start(client, "franceconnect")
    params = parse_qs(urlsplit(authorize_url).query)
    assert params["acr_values"] == ["eidas1"]
    assert params["scope"] == ["openid given_name family_name email"]

    response = _callback(client, _authorize(authorize_url))

    assert response.status_code == 302
    user = User.objects.get(email="angela.dubois@example.fr")
    assert (user.given_name, user.family_name) == ("Angela Claire Louise", "DUBOIS")
    assert user.organisation is None
    assert _signed_in(client)


def test_proconnect_links_an_existing_account_by_email(client, oidc_provider):
    existing = UserFactory(email="camille.agent@ecologie.gouv.fr", given_name="", family_name="")
    _sign_in(client, oidc_provider, "proconnect", PROCONNECT_AGENT)
    assert User.objects.filter(email__iexact="camille.agent@ecologie.gouv.fr").count() == 1
    existing.refresh_from_db()
    assert existing.identities.get().provider == "proconnect"
    assert int(client.session["_auth_user_id"]) == existing.pk
    # The next sign-in finds the account by the provider's subject, even if the email changed.
    client.logout()
    _sign_in(client, oidc_provider, "proconnect", {**PROCONNECT_AGENT, "email": "camille@nouveau.gouv.fr"})
    assert int(client.session["_auth_user_id"]) == existing.pk


def test_existing_organisation_is_reused_by_siret(client, oidc_provider):
    organisation = Organisation.objects.create(name="DINUM", siret="13002526500013")
    _sign_in(client, oidc_provider, "proconnect", PROCONNECT_AGENT)
    assert User.objects.get(email=PROCONNECT_AGENT["email"]).organisation == organisation
    assert Organisation.objects.count() == 1


def _assert_refused(client, response, expected: str):
    assert response.status_code == 302 and response["Location"] == "/connexion/"
    assert not _signed_in(client)
    assert any(expected in message for message in _messages(response)), _messages(response)
    assert Event.objects.filter(action="accounts.sign_in_failed").exists()
    assert not Event.objects.filter(action="accounts.sign_in").exists()


def test_tampered_state_is_refused(client, oidc_provider):
    oidc_provider.knobs.identity = PROCONNECT_AGENT
    location = _authorize(_start(client, "proconnect"))
    state = parse_qs(urlsplit(location).query)["state"][0]
    response = _callback(client, location, state=state[:-1] + ("A" if state[-1] != "A" else "B"))
    _assert_refused(client, response, "n’est pas reconnue ou a déjà servi")
    assert oidc_provider.token_calls == 0


def test_replayed_state_is_refused(client, oidc_provider):
    oidc_provider.knobs.identity = PROCONNECT_AGENT
    location = _authorize(_start(client, "proconnect"))
    assert _callback(client, location).status_code == 302
    assert _signed_in(client)
    session_state = OIDCState.objects.get()
    assert session_state.used_at is not None

    response = _callback(client, location)
    assert response["Location"] == "/connexion/"
    assert not _signed_in(client)  # a failure leaves the person signed out
    assert any("déjà servi" in m for m in _messages(response))


def test_state_from_another_browser_is_refused(client, oidc_provider, django_user_model):
    from django.test import Client

    oidc_provider.knobs.identity = PROCONNECT_AGENT
    location = _authorize(_start(client, "proconnect"))
    other = Client()
    response = _callback(other, location)
    assert response["Location"] == "/connexion/"
    assert "_auth_user_id" not in other.session
    assert not django_user_model.objects.exists()


def test_expired_state_is_refused(client, oidc_provider):
    oidc_provider.knobs.identity = PROCONNECT_AGENT
    location = _authorize(_start(client, "proconnect"))
    OIDCState.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    _assert_refused(client, _callback(client, location), "expiré")


def test_wrong_nonce_is_refused(client, oidc_provider):
    oidc_provider.knobs.nonce_override = "n" * 43
    _assert_refused(client, _sign_in(client, oidc_provider, "proconnect", PROCONNECT_AGENT), "n’a pas pu être vérifiée")


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
def test_bad_signature_is_refused(client, oidc_provider, alg):
    oidc_provider.knobs.alg = alg
    oidc_provider.knobs.sign_with_foreign_key = True
    response = _sign_in(client, oidc_provider, "franceconnect", FRANCECONNECT_CITIZEN)
    _assert_refused(client, response, "n’a pas pu être vérifiée")


def test_symmetric_signature_is_refused(client, oidc_provider):
    oidc_provider.knobs.alg = "HS256"
    response = _sign_in(client, oidc_provider, "proconnect", PROCONNECT_AGENT)
    _assert_refused(client, response, "n’a pas pu être vérifiée")


@pytest.mark.parametrize(
    "claims",
    [
        {"iss": "https://usurpateur.example/api/v2"},
        {"aud": "un-autre-client"},
        {"aud": ["client-transition", "un-autre-client"]},  # several audiences and no azp
        {"sub": None},
        {"nonce": None},
        {"exp": None},
        {"iat": 4102444800},  # issued in 2100
    ],
    ids=["issuer", "audience", "audiences-without-azp", "no-sub", "no-nonce", "no-exp", "future-iat"],
)
def test_id_token_claims_are_checked(client, oidc_provider, claims):
    oidc_provider.knobs.id_token_claims = claims
    _assert_refused(client, _sign_in(client, oidc_provider, "proconnect", PROCONNECT_AGENT), "n’a pas pu être vérifiée")


@pytest.mark.parametrize(
    "claims", [{"sub": "quelquun-dautre"}, {"iss": "https://usurpateur.example"}], ids=["sub", "issuer"]
)
def test_userinfo_must_match_the_id_token(client, oidc_provider, claims):
    oidc_provider.knobs.userinfo_claims = claims
    _assert_refused(client, _sign_in(client, oidc_provider, "proconnect", PROCONNECT_AGENT), "n’a pas pu être vérifiée")


def test_expired_id_token_is_refused(client, oidc_provider):
    oidc_provider.knobs.expired = True
    _assert_refused(client, _sign_in(client, oidc_provider, "franceconnect", FRANCECONNECT_CITIZEN), "expiré")


def test_provider_error_is_refused(client, oidc_provider):
    location = _authorize(_start(client, "franceconnect"))
    response = _callback(client, location, code="", error="access_denied")
    _assert_refused(client, response, "annulée ou refusée")


def test_unsigned_userinfo_is_refused_when_discovery_announces_signing(client, oidc_provider):
    oidc_provider.knobs.userinfo_plain_json = True
    _assert_refused(client, _sign_in(client, oidc_provider, "proconnect", PROCONNECT_AGENT), "n’a pas pu être vérifiée")


def test_plain_userinfo_is_read_when_discovery_says_so(client, oidc_provider):
    oidc_provider.knobs.userinfo_plain_json = True
    oidc_provider.knobs.advertise_plain_userinfo = True
    _sign_in(client, oidc_provider, "proconnect", PROCONNECT_AGENT)
    assert _signed_in(client)


def test_a_failure_signs_out_whoever_was_signed_in(client, oidc_provider):
    client.force_login(UserFactory())
    oidc_provider.knobs.expired = True
    response = _sign_in(client, oidc_provider, "franceconnect", FRANCECONNECT_CITIZEN)
    assert response["Location"] == "/connexion/"
    assert not _signed_in(client)


def test_unsafe_next_is_ignored(client, oidc_provider):
    oidc_provider.knobs.identity = FRANCECONNECT_CITIZEN
    response = _callback(client, _authorize(_start(client, "franceconnect", next_url="https://evil.example/")))
    assert response["Location"] == "/mes-donnees/"


def test_logout_goes_through_the_end_session_endpoint(client, oidc_provider):
    _sign_in(client, oidc_provider, "proconnect", PROCONNECT_AGENT)
    id_token = client.session["oidc_id_token"]
    user_id = int(client.session["_auth_user_id"])

    response = client.post("/deconnexion/")
    assert not _signed_in(client)
    assert response.status_code == 302 and response["Location"].startswith(f"{oidc_provider.issuer}/session/end?")
    params = parse_qs(urlsplit(response["Location"]).query)
    assert params["id_token_hint"] == [id_token]
    assert len(params["state"][0]) >= 32
    assert params["post_logout_redirect_uri"] == ["http://testserver/deconnexion/retour/"]
    assert Event.objects.filter(action="accounts.sign_out", actor_id=user_id).count() == 1

    back = requests.get(response["Location"], allow_redirects=False, timeout=5).headers["Location"]
    done = _callback(client, back)
    assert done["Location"] == "/"
    assert any("auprès du service de connexion" in m for m in _messages(done))
    replay = _callback(client, back)
    assert any("n’a pas pu être vérifiée" in m for m in _messages(replay))


def test_unconfigured_provider_is_not_offered(client, settings):
    settings.OIDC_PROVIDERS = {
        "proconnect": {**settings.OIDC_PROVIDERS["proconnect"], "client_id": ""},
        "franceconnect": {**settings.OIDC_PROVIDERS["franceconnect"], "client_id": "fc-client"},
    }
    html = client.get("/connexion/").content.decode()
    assert "FranceConnect" in html and 'id="franceconnect-button"' in html
    assert 'id="proconnect-button"' not in html
    assert client.get("/connexion/proconnect/").status_code == 404


def test_unreachable_provider_gives_a_clear_message(client, settings, oidc_provider):
    oidc_provider.stop()
    response = client.get("/connexion/proconnect/")
    assert response["Location"] == "/connexion/"
    assert any("ne répond pas" in m for m in _messages(response))
