import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from transition.products.chaleur.models import Ambassador, AmbassadorMessage
from transition.products.chaleur.selectors.ambassadors import ambassador_volunteer_path
from transition.products.chaleur.services import ambassadors as services
from transition.products.chaleur.services.back_office import demand_status_change

from ..factories import DemandFactory, network_fixture, operator_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def _link(body: str, name: str) -> str:
    return re.search(r"http://[^\s]+" + name + r"[^\s]*", body).group(0).split("http://127.0.0.1:8000", 1)[-1]


def test_the_realised_email_invites_to_volunteer_and_the_link_works(client, operator):
    demand = DemandFactory(network=operator.network, status="travaux_en_cours", email="copro@example.fr")
    demand_status_change(actor=operator.user, demand=demand, status="realise")
    [email] = mail.outbox
    path = _link(email.body, "/chaleur/ambassadeur/")
    assert client.get(path).status_code == 200
    response = client.post(path, {"display_name": "Résidence Les Tilleuls", "testimony": "Très contents."})
    assert response.status_code == 200
    ambassador = Ambassador.objects.get()
    assert (ambassador.display_name, ambassador.active) == ("Résidence Les Tilleuls", True)
    # The page offers to withdraw; withdrawing is its own action.
    page = client.get(path).content.decode()
    withdraw = path + "retrait"
    assert f'formaction="{withdraw}"' in page
    assert client.get(withdraw).status_code == 405
    assert "plus ambassadeur" in client.post(withdraw).content.decode()
    ambassador.refresh_from_db()
    assert ambassador.active is False


def test_only_a_realised_demand_can_volunteer(network):
    demand = DemandFactory(network=network, status="etude_en_cours")
    token = ambassador_volunteer_path(demand).rstrip("/").rsplit("/", 1)[-1]
    with pytest.raises(ValidationError, match="déjà raccordée"):
        services.ambassador_volunteer(token=token, display_name="X", testimony="")


def test_a_forged_link_is_refused(client, db):
    with pytest.raises(PermissionDenied):
        services.ambassador_volunteer(token="abc", display_name="X", testimony="")
    assert client.get("/chaleur/ambassadeur/abc/").status_code == 403


def test_relayed_message_reveals_no_address_until_the_ambassador_answers(client, network):
    demand = DemandFactory(
        network=network, status="realise", email="ambassadeur@copro.example", address="5 rue Secrète"
    )
    ambassador = Ambassador.objects.create(demand=demand, display_name="Résidence Les Tilleuls")
    # The network's page lists it.
    html = client.get(reverse("chaleur:network_detail", args=[network.national_id])).content.decode()
    assert "Résidence Les Tilleuls" in html and "5 rue Secrète" not in html and "ambassadeur@copro" not in html
    url = reverse("chaleur:ambassador_write", args=[ambassador.pk])
    page = client.get(url).content.decode()
    assert "ambassadeur@copro.example" not in page and "5 rue Secrète" not in page
    client.post(
        url, {"sender_name": "Alex", "sender_email": "alex@example.fr", "body": "Combien a coûté le raccordement ?"}
    )
    [to_ambassador] = mail.outbox
    assert to_ambassador.to == ["ambassadeur@copro.example"]
    assert "alex@example.fr" not in to_ambassador.body and "alex@example.fr" not in to_ambassador.reply_to
    assert "Combien a coûté" not in to_ambassador.body  # read on the site (test_hardening)
    reply_path = _link(to_ambassador.body, "/chaleur/ambassadeurs/repondre/")
    assert "Combien a coûté" in client.get(reply_path).content.decode()
    assert client.post(reply_path, {"body": "Environ 300 € par logement."}).status_code == 200
    to_sender = mail.outbox[1]
    assert to_sender.to == ["alex@example.fr"]
    assert to_sender.reply_to == ["ambassadeur@copro.example"]
    assert "300 €" in to_sender.body
    assert AmbassadorMessage.objects.get().replied_at is not None
    with pytest.raises(ValidationError):
        services.ambassador_message_reply(token=reply_path.rstrip("/").rsplit("/", 1)[-1], body="encore")


def test_an_inactive_ambassador_has_no_page(client, network):
    demand = DemandFactory(network=network, status="realise")
    ambassador = Ambassador.objects.create(demand=demand, display_name="X", active=False)
    assert client.get(reverse("chaleur:ambassador_write", args=[ambassador.pk])).status_code == 404
