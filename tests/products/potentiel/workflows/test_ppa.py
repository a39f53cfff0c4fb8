"""The PPA signal on the abandon, through the pages: the holder ticks it, the grid connection
stays open, the instructor keeps or withdraws it when granting, cancelling withdraws it."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from tests.personas import login
from transition.products.potentiel.domain.changes import ChangeRefused
from transition.products.potentiel.domain.grid import GridRefused
from transition.products.potentiel.models import Demande, SignalementPPA
from transition.products.potentiel.selectors.projects import projet_todos
from transition.products.potentiel.services import grid as services
from transition.products.potentiel.services.requests import demande_decide

from .conftest import pdf, projet_create

pytestmark = pytest.mark.django_db


def _ask_abandon(client, projet, **extra):
    return client.post(
        reverse("potentiel:demande_new", args=[projet.pk, "abandon"]),
        {"reason": "Le projet continue hors soutien de l’État", "documents": [pdf()], **extra},
    )


def test_the_holder_signals_a_ppa_and_the_connection_stays_open(client, porteur, dgec, projet, enedis):
    login(client, porteur)
    form = client.get(reverse("potentiel:demande_new", args=[projet.pk, "abandon"])).content.decode()
    assert "signaler un PPA" in form
    _ask_abandon(client, projet, ppa="on")
    demande = Demande.objects.get()
    assert demande.payload["ppa"] is True
    assert SignalementPPA.objects.get(projet=projet).role == "porteur"
    services.gestionnaire_set(user=porteur, projet=projet, gestionnaire_code=enedis.pk)
    services.dossier_add(user=porteur, projet=projet, reference="OUE-RP-2024-000001")

    client.logout()
    login(client, dgec)
    detail = client.get(reverse("potentiel:demande_detail", args=[demande.pk])).content.decode()
    assert "Annuler le signalement PPA du porteur" in detail
    refused = client.post(
        reverse("potentiel:demande_decision", args=[demande.pk]),
        {"decision": "accorder", "motifs": "Abandon accordé.", "ppa": "signaler"},
        follow=True,
    )
    assert "Le projet est déjà signalé comme étant parti en PPA" in refused.content.decode()
    client.post(
        reverse("potentiel:demande_decision", args=[demande.pk]),
        {"decision": "accorder", "motifs": "Abandon accordé.", "ppa": "conserver"},
    )
    projet.refresh_from_db()
    assert projet.statut_laureat == "abandonné" and SignalementPPA.objects.filter(projet=projet).exists()
    # abandoned but gone in PPA: the dossier still moves
    services.dossier_add(user=porteur, projet=projet, reference="OUE-RP-2024-000002")


def test_without_ppa_the_connection_closes_and_granting_may_withdraw(client, porteur, dgec, projet, enedis):
    services.gestionnaire_set(user=porteur, projet=projet, gestionnaire_code=enedis.pk)
    login(client, porteur)
    _ask_abandon(client, projet)
    assert not SignalementPPA.objects.exists()
    with pytest.raises(GridRefused, match="une demande d'abandon est en cours"):
        services.dossier_add(user=porteur, projet=projet, reference="OUE-RP-2024-000001")
    demande = Demande.objects.get()
    with pytest.raises(ChangeRefused, match="n'a pas été signalé"):
        demande_decide(user=dgec, demande=demande, action="accorder", decision_reason="Accordé.", ppa="annuler")
    demande_decide(user=dgec, demande=demande, action="accorder", decision_reason="Accordé.", ppa="signaler")
    assert SignalementPPA.objects.get(projet=projet).role == "dgec"


def test_cancelling_the_abandon_withdraws_the_ppa_and_tells_the_authorities(client, porteur, dgec, dreal, projet):
    login(client, porteur)
    _ask_abandon(client, projet, ppa="on")
    demande = Demande.objects.get()
    mail.outbox.clear()
    client.post(reverse("potentiel:demande_action", args=[demande.pk, "annuler"]))
    assert not SignalementPPA.objects.filter(projet=projet).exists()
    told = [m for m in mail.outbox if "Annulation signalement PPA" in m.subject]
    assert {dgec.email, dreal.email} <= {address for m in told for address in m.to}


def test_the_holder_todos_follow_the_abandon(porteur, projet, enedis):
    other = projet_create(notified=dt.date(2024, 2, 1))
    labels = [t.label for t in projet_todos(other)]
    assert "Transmettre la référence du dossier de raccordement" in labels
    services.gestionnaire_set(user=porteur, projet=projet, gestionnaire_code=enedis.pk)
    services.dossier_add(user=porteur, projet=projet, reference="OUE-RP-2024-000001")
    assert "Transmettre l’accusé de réception de la demande complète de raccordement" in [
        t.label for t in projet_todos(projet)
    ]
    Demande.objects.create(projet=projet, kind="abandon", mode="demande", status="demandé", authority="dgec")
    assert not [t for t in projet_todos(projet) if "raccordement" in t.label]


def test_an_agent_signals_a_ppa_that_reopens_an_abandoned_connection(
    client, porteur, dreal, other_dreal, projet, enedis
):
    services.gestionnaire_set(user=porteur, projet=projet, gestionnaire_code=enedis.pk)
    projet.statut_laureat = "abandonné"
    projet.save(update_fields=["statut_laureat"])
    with pytest.raises(GridRefused, match="Impossible de faire un changement pour un projet abandonné"):
        services.dossier_add(user=porteur, projet=projet, reference="OUE-RP-2024-000001")
    login(client, other_dreal)
    assert client.post(reverse("potentiel:ppa", args=[projet.pk, "signaler"])).status_code == 404
    client.logout()
    login(client, dreal)
    page = client.get(reverse("potentiel:raccordement", args=[projet.pk])).content.decode()
    assert "Signaler que le projet part en PPA" in page
    done = client.post(reverse("potentiel:ppa", args=[projet.pk, "signaler"]), follow=True).content.decode()
    assert "Le projet est signalé en PPA." in done and "Annuler le signalement PPA" in done
    assert SignalementPPA.objects.get(projet=projet).role == "dreal"
    again = client.post(reverse("potentiel:ppa", args=[projet.pk, "signaler"]), follow=True).content.decode()
    assert "Le projet est déjà signalé comme étant parti en PPA" in again
    services.dossier_add(user=porteur, projet=projet, reference="OUE-RP-2024-000001")
    client.post(reverse("potentiel:ppa", args=[projet.pk, "annuler"]))
    assert not SignalementPPA.objects.filter(projet=projet).exists()
    assert client.post(reverse("potentiel:ppa", args=[projet.pk, "autre"])).status_code == 404
