"""The requester's space: a signed-in person sees their demands (by account or sign-in address),
their statuses and the messages exchanged, and writes to the operator; nobody else's."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.personas import login
from transition.platform.audit.models import Event
from transition.products.chaleur.enums import DemandEventKind
from transition.products.chaleur.models import DemandEvent
from transition.products.chaleur.services.personal_data import personal_data_erase, personal_data_export

from ..factories import DemandFactory, network_fixture, operator_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def demands(alice, operator):
    mine = DemandFactory(email="ALICE.martin@example.fr", network=operator.network, status="etude_en_cours")
    DemandEvent.objects.create(demand=mine, kind=DemandEventKind.CREATED)
    DemandEvent.objects.create(
        demand=mine, kind=DemandEventKind.STATUS, from_status="a_traiter", to_status="etude_en_cours"
    )
    DemandEvent.objects.create(
        demand=mine, kind=DemandEventKind.EMAIL, text="Pouvez-vous nous envoyer vos factures ?", actor=operator.user
    )
    DemandEvent.objects.create(demand=mine, kind=DemandEventKind.COMMENT, text="Note interne : client difficile")
    linked = DemandFactory(requester=alice, email="autre@example.fr", address="9 rue du Compte")
    theirs = DemandFactory(email="someone@example.fr", address="1 rue d’un autre")
    gone = DemandFactory(email="alice.martin@example.fr", address="4 rue anonymisée", anonymised_at=timezone.now())
    return mine, linked, theirs, gone


def test_the_list_shows_my_demands_only(client, alice, demands):
    mine, linked, theirs, gone = demands
    html = login(client, alice).get(reverse("chaleur:requester_demands")).text
    assert mine.reference in html and linked.reference in html and "Étude en cours" in html
    assert theirs.reference not in html and gone.reference not in html


def test_a_demand_shows_statuses_and_messages_not_internal_comments(client, alice, demands):
    mine = demands[0]
    html = login(client, alice).get(reverse("chaleur:requester_demand", args=[mine.pk])).text
    assert "Statut : Étude en cours" in html and "Message du gestionnaire" in html
    assert "Pouvez-vous nous envoyer vos factures ?" in html
    assert "Note interne" not in html


def test_others_demands_are_not_found(client, alice, bob, demands):
    mine, _, theirs, gone = demands
    login(client, alice)
    for demand in (theirs, gone):
        assert client.get(reverse("chaleur:requester_demand", args=[demand.pk])).status_code == 404
    login(client, bob)
    assert client.get(reverse("chaleur:requester_demand", args=[mine.pk])).status_code == 404
    assert client.post(reverse("chaleur:requester_message", args=[mine.pk]), {"text": "x"}).status_code == 404


def test_signed_out_goes_to_sign_in(client, demands):
    response = client.get(reverse("chaleur:requester_demands"))
    assert response.status_code == 302 and "connexion" in response.url


def test_writing_to_the_operator(client, alice, operator, demands):
    mine = demands[0]
    login(client, alice)
    mail.outbox.clear()
    response = client.post(
        reverse("chaleur:requester_message", args=[mine.pk]), {"text": "Voici nos factures de 2025."}
    )
    assert response.status_code == 302
    event = mine.events.get(kind=DemandEventKind.REQUESTER_MESSAGE)
    assert event.text == "Voici nos factures de 2025." and event.actor == alice
    assert Event.objects.filter(action="chaleur.demand_requester_message", object_id=str(mine.pk)).exists()
    [email] = mail.outbox
    assert email.to == [operator.user.email] and "Voici nos factures" not in email.body
    assert reverse("chaleur:pro_demand_detail", args=[mine.pk]) in email.body
    html = client.get(reverse("chaleur:requester_demand", args=[mine.pk])).text
    assert "Votre message" in html and "Message envoyé au gestionnaire" in html
    # The operator reads it in the demand's history.
    login(client, operator.user)
    assert "Voici nos factures de 2025." in client.get(reverse("chaleur:pro_demand_detail", args=[mine.pk])).text


@pytest.mark.parametrize("text, message", [("   ", "Le message est vide."), ("x" * 2001, "2000 caractères")])
def test_bad_messages_are_refused_in_french(client, alice, demands, text, message):
    mine = demands[0]
    response = login(client, alice).post(reverse("chaleur:requester_message", args=[mine.pk]), {"text": text})
    assert response.status_code == 200 and message in response.text
    assert not mine.events.filter(kind=DemandEventKind.REQUESTER_MESSAGE).exists()


def test_erasing_the_account_empties_the_messages_and_export_lists_them(client, alice, demands):
    mine = demands[0]
    login(client, alice).post(
        reverse("chaleur:requester_message", args=[mine.pk]), {"text": "Mon numéro : 06 00 00 00 00"}
    )
    exported = personal_data_export(alice)["messages envoyés au gestionnaire"]
    assert [m["message"] for m in exported] == ["Mon numéro : 06 00 00 00 00"]
    personal_data_erase(alice)
    event = mine.events.get(kind=DemandEventKind.REQUESTER_MESSAGE)
    assert event.text == "" and event.actor is None


def test_a_message_is_stored_without_control_characters(client, alice, demands):
    """Issue 9, finding 2: stored text cleaned of control characters."""
    mine = demands[0]
    login(client, alice).post(reverse("chaleur:requester_message", args=[mine.pk]), {"text": "Factures\x01 2025\x1b"})
    assert mine.events.get(kind=DemandEventKind.REQUESTER_MESSAGE).text == "Factures 2025"
