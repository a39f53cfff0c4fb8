"""Signing in through the browser: ProConnect agent, FranceConnect citizen, emailed link; then
"Mes données", the JSON export, and signing out. The OIDC provider runs on loopback."""

import json
import re

import pytest
from django.core import mail
from django.core.cache import cache

from tests.fakes.oidc import FRANCECONNECT_CITIZEN, PROCONNECT_AGENT, OIDCProvider

from .conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def oidc_provider(settings):
    cache.clear()
    provider = OIDCProvider().start()
    settings.OIDC_PROVIDERS = {
        slug: {
            **settings.OIDC_PROVIDERS[slug],
            "base_url": provider.issuer,
            "client_id": provider.client_id,
            "client_secret": provider.client_secret,
        }
        for slug in ("proconnect", "franceconnect")
    }
    # The sign-in buttons and the sign-out form lead (by redirect) to the provider's origin.
    settings.CSP_EXTRA_FORM_ACTION = [provider.origin]
    yield provider
    provider.stop()
    cache.clear()


def _export_and_sign_out(page, email: str, *, provider_logout: bool) -> None:
    assert page.locator("h1").inner_text() == "Mes données"
    assert email in page.content()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger mes données (JSON)").click()
    download = download_info.value
    assert re.fullmatch(r"mes-donnees-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    with open(download.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["compte"]["adresse_electronique"] == email

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(re.compile(r"/$"))
    expected = "auprès du service de connexion" if provider_logout else "Vous êtes déconnecté."
    assert expected in page.locator(".fr-alert").inner_text()
    assert page.get_by_role("link", name="Se connecter").is_visible()


def test_proconnect_agent(page, oidc_provider):
    oidc_provider.knobs.identity = PROCONNECT_AGENT
    page.goto("/connexion/")
    screenshot(page, "signin-page")
    page.locator("#proconnect-button").click()
    page.wait_for_url(re.compile(r"/mes-donnees/$"))
    assert "Établissement 13002526500013" in page.content()
    screenshot(page, "signin-my-data-proconnect")
    _export_and_sign_out(page, PROCONNECT_AGENT["email"], provider_logout=True)
    assert oidc_provider.end_session_calls and oidc_provider.end_session_calls[0]["id_token_hint"]


def test_franceconnect_citizen(page, oidc_provider):
    oidc_provider.knobs.alg = "ES256"
    oidc_provider.knobs.identity = FRANCECONNECT_CITIZEN
    page.goto("/connexion/")
    page.locator("#franceconnect-button").click()
    page.wait_for_url(re.compile(r"/mes-donnees/$"))
    assert "DUBOIS" in page.content()
    _export_and_sign_out(page, FRANCECONNECT_CITIZEN["email"], provider_logout=True)


def test_emailed_link(page, oidc_provider):
    page.goto("/connexion/")
    page.get_by_label("Adresse électronique").fill("lea@example.fr")
    page.get_by_role("button", name="Recevoir le lien").click()
    page.wait_for_url(re.compile(r"/connexion/lien-envoye/$"))
    assert "Vérifiez votre messagerie" in page.locator("h1").inner_text()
    link = re.search(r"https?://\S+/connexion/lien/[A-Za-z0-9_-]+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Me connecter").click()
    page.wait_for_url(re.compile(r"/mes-donnees/$"))
    _export_and_sign_out(page, "lea@example.fr", provider_logout=False)
