import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from transition.platform.accounts import registry, roles, services
from transition.platform.accounts.models import OIDCIdentity, User
from transition.platform.audit.models import Event

from .factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ERASED: list[int] = []


@pytest.fixture(autouse=True)
def _product_registrations(monkeypatch):
    roles.register_roles("essai", {"porteur": "Porteur de projet"})
    monkeypatch.setattr(registry, "_sources", {})
    registry.register_personal_data(
        "essai",
        export=lambda user: {
            "demandes": [{"adresse": "1 rue de la Paix", "par": user.email, "envoyée le": "2026-01-15T09:30:00+00:00"}],
            "suivi": {"actif": True, "depuis": "2026-01-15"},
        },
        erase=lambda user: ERASED.append(user.pk),
        erase_preview=lambda user: ["Demande 1 rue de la Paix : anonymisée, plus suivie avec vous."],
    )
    ERASED.clear()


@pytest.fixture
def alice():
    user = UserFactory(email="alice@example.fr", given_name="Alice", family_name="Martin", phone="0601020304")
    MembershipFactory(
        user=user, organisation=OrganisationFactory(name="Mairie de Lyon"), product="essai", role="porteur"
    )
    OIDCIdentity.objects.create(user=user, provider="franceconnect", subject="fc-1")
    return user


def test_my_data_requires_sign_in(client):
    response = client.get("/mes-donnees/")
    assert response.status_code == 302 and response["Location"].startswith("/connexion/?next=/mes-donnees/")


def test_my_data_shows_what_is_held(client, alice):
    client.force_login(alice)
    html = client.get("/mes-donnees/").content.decode()
    for expected in ("alice@example.fr", "Alice", "Martin", "0601020304", "Porteur de projet", "Mairie de Lyon"):
        assert expected in html
    assert "FranceConnect" in html
    assert "1 rue de la Paix" in html
    # Readable: a table, dates in Paris time, no raw JSON; the organisation of the roles is named.
    assert '<th scope="col">Envoyée le</th>' in html and "<td>15/01/2026 à 10:30</td>" in html
    assert "Actif : Oui" in html and "Depuis : 15/01/2026" in html
    assert "+00:00" not in html and "{" not in html.split("<main")[1].split("</main>")[0]
    assert "Mairie de Lyon (voir vos rôles ci-dessous)" in html and "aucune" not in html


def test_the_delete_page_says_what_happens_to_each_thing(client, alice):
    client.force_login(alice)
    html = client.get("/mes-donnees/suppression/").content.decode()
    assert "Demande 1 rue de la Paix : anonymisée, plus suivie avec vous." in html


def test_export_downloads_json_and_is_audited(client, alice):
    client.force_login(alice)
    response = client.get("/mes-donnees/export.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-')
    data = json.loads(response.content)
    assert data["compte"]["adresse_electronique"] == "alice@example.fr"
    assert data["roles"][0]["role"] == "Porteur de projet"
    assert data["services"]["essai"]["demandes"][0]["adresse"] == "1 rue de la Paix"
    assert Event.objects.filter(action="accounts.data_export", actor=alice).count() == 1


def test_delete_needs_confirmation(client, alice):
    client.force_login(alice)
    response = client.post("/mes-donnees/suppression/", {})
    assert response.status_code == 400
    assert "Cochez la case" in response.content.decode()
    assert User.objects.get(pk=alice.pk).is_active


def test_delete_erases_personal_data_and_keeps_an_anonymous_shell(client, alice):
    client.force_login(alice)
    response = client.post("/mes-donnees/suppression/", {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    user = User.objects.get(pk=alice.pk)
    assert user.email == f"anonyme-{alice.pk}@anonyme.invalid"
    assert (user.given_name, user.family_name, user.phone) == ("", "", "")
    assert not user.is_active and not user.has_usable_password() and user.anonymised_at
    assert not user.memberships.exists() and not user.identities.exists()
    assert [alice.pk] == ERASED
    assert Event.objects.get(action="accounts.user_erase").payload["reason"] == "demande de la personne"
    # The same address may open a new account later; the old one cannot be reached.
    assert not User.objects.filter(email="alice@example.fr").exists()


def test_inactive_accounts_are_warned_then_anonymised(settings):
    settings.ACCOUNTS_INACTIVITY_DAYS = 730
    settings.ACCOUNTS_INACTIVITY_WARNING_DAYS = 30
    now = timezone.now()
    idle = UserFactory(email="idle@example.fr", last_login=now - timedelta(days=701))
    recent = UserFactory(email="recent@example.fr", last_login=now - timedelta(days=100))
    never = UserFactory(email="never@example.fr", last_login=None, date_joined=now - timedelta(days=800))
    staff = UserFactory(email="staff@example.fr", is_staff=True, last_login=now - timedelta(days=900))

    run = services.inactive_accounts_process(now=now)
    assert (run.warned, run.anonymised) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == ["idle@example.fr", "never@example.fr"]
    assert "sera supprimé" in mail.outbox[0].subject
    for user in (idle, never):
        user.refresh_from_db()
        assert user.inactivity_warned_at == now

    # The next day, nobody is warned twice.
    assert services.inactive_accounts_process(now=now + timedelta(days=1)).warned == 0

    # "never" signs in meanwhile: the warning is lifted and the account kept.
    services.user_signed_in(user=never, method="email")
    User.objects.filter(pk=never.pk).update(last_login=now + timedelta(days=10))

    later = now + timedelta(days=31)
    run = services.inactive_accounts_process(now=later)
    assert run.anonymised == 1
    assert User.objects.get(pk=idle.pk).anonymised_at is not None
    for kept in (recent, never, staff):
        assert User.objects.get(pk=kept.pk).anonymised_at is None
    assert Event.objects.get(action="accounts.user_erase").payload["reason"] == "inactivité"


def test_daily_job_runs_the_inactivity_process(settings):
    from transition.platform.accounts.tasks import inactive_accounts_daily

    UserFactory(email="idle@example.fr", last_login=timezone.now() - timedelta(days=720))
    inactive_accounts_daily.call_local()
    assert [m.to for m in mail.outbox] == [["idle@example.fr"]]
