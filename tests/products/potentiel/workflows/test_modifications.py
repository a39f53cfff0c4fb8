"""The administration's direct modifications, correct-then-grant, the identification number and
the proof of recandidature: services (permission, audit, emails) and pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.personas import login
from transition.platform.audit.models import Event
from transition.platform.notify.models import EmailLog
from transition.products.potentiel.domain.changes import ChangeRefused, Mode
from transition.products.potentiel.domain.lifecycle import Action, Status
from transition.products.potentiel.enums import AccessVia, Statut, StatutLaureat
from transition.products.potentiel.models import Demande, Projet, ProjetAccess
from transition.products.potentiel.services.modifications import (
    demande_correct_and_grant,
    identification_correct,
    projet_modify,
)
from transition.products.potentiel.services.recandidature import preuve_transmit
from transition.products.potentiel.services.requests import demande_act, demande_decide, demande_file

from .conftest import pdf, projet_create

pytestmark = pytest.mark.django_db


def subjects(user) -> list[str]:
    return list(EmailLog.objects.filter(to=user.email).values_list("subject", flat=True))


# --- the administration modifies a lauréat -----------------------------------------------------


def test_the_dgec_modifies_the_producer_of_an_achieved_project_the_holder_keeps_access(porteur, dreal, dgec, projet):
    projet.statut_laureat = StatutLaureat.ACHEVE
    projet.save()
    projet_modify(
        user=dgec,
        projet=projet,
        kind="producteur",
        values={"producteur": "Vent Nouveau SAS", "numero_identification": ""},
    )
    projet.refresh_from_db()
    assert projet.nom_candidat == "Vent Nouveau SAS"
    assert ProjetAccess.objects.filter(projet=projet, user=porteur, revoked_at__isnull=True).exists()
    event = Event.objects.get(action="potentiel.projet.modification")
    assert event.payload == {"projet": projet.identifiant, "nature": "producteur", "champs": ["producteur"]}
    subject = "Potentiel - Du boulodrome de Marseille - Producteur modifié"
    assert subject in subjects(porteur) and subject in subjects(dreal)
    assert subject not in subjects(dgec)


def test_the_dreal_modifies_the_shareholder_but_is_not_written_to(porteur, dreal, projet):
    projet_modify(user=dreal, projet=projet, kind="actionnaire", values={"actionnaire": "Holding Solaire SA"})
    projet.refresh_from_db()
    assert projet.societe_mere == "Holding Solaire SA"
    assert subjects(porteur) == ["Potentiel - Du boulodrome de Marseille - Actionnaire modifié"]
    assert subjects(dreal) == []


@pytest.mark.parametrize(
    ("kind", "values", "message"),
    [
        ("puissance", {"puissance": "-1"}, "La puissance d'un projet doit avoir une valeur positive"),
        ("puissance", {"puissance": "0"}, "La puissance d'un projet doit avoir une valeur positive"),
        ("puissance", {"puissance": "1.5"}, "La puissance doit avoir une valeur différente"),
        (
            "producteur",
            {"producteur": "Soleil du Midi SAS"},
            "Le nouveau producteur est identique à celui associé au projet",
        ),
    ],
)
def test_refused_values_change_nothing(dgec, projet, kind, values, message):
    with pytest.raises(ChangeRefused) as refused:
        projet_modify(user=dgec, projet=projet, kind=kind, values=values)
    assert refused.value.message == message
    assert not Event.objects.filter(action="potentiel.projet.modification").exists()


def test_the_dgec_modifies_the_power_unless_a_power_request_is_pending(porteur, dgec, projet):
    projet_modify(user=dgec, projet=projet, kind="puissance", values={"puissance": "1.8"})
    projet.refresh_from_db()
    assert projet.puissance == Decimal("1.8")
    demande_file(
        user=porteur,
        projet=projet,
        kind="puissance",
        values={"puissance": "2.5"},
        reason="Extension du site",
        documents=[pdf()],
        wanted=Mode.DEMANDE,
    )
    with pytest.raises(ChangeRefused) as refused:
        projet_modify(user=dgec, projet=projet, kind="puissance", values={"puissance": "1.2"})
    assert refused.value.message == "Une demande de changement de puissance est déjà en cours"


def test_who_may_modify(porteur, dreal, other_dreal, projet):
    eliminated = projet_create(statut=Statut.ELIMINE)
    with pytest.raises(PermissionDenied):
        projet_modify(user=porteur, projet=projet, kind="actionnaire", values={"actionnaire": "X SA"})
    with pytest.raises(PermissionDenied):  # another région
        projet_modify(user=other_dreal, projet=projet, kind="actionnaire", values={"actionnaire": "X SA"})
    with pytest.raises(ChangeRefused) as refused:
        projet_modify(user=dreal, projet=eliminated, kind="actionnaire", values={"actionnaire": "X SA"})
    assert refused.value.message == "Le projet lauréat n'existe pas"


def test_modification_pages(client, porteur, dreal, dgec, projet):
    login(client, porteur)
    page = client.get(reverse("potentiel:projet", args=[projet.pk])).content.decode()
    assert "Modifier le projet" not in page and "Corriger le numéro" in page
    assert client.get(reverse("potentiel:projet_modifier", args=[projet.pk, "producteur"])).status_code == 403

    client.logout()
    login(client, dreal)
    page = client.get(reverse("potentiel:projet", args=[projet.pk])).content.decode()
    assert "Modifier l’actionnaire" in page and "Modifier le producteur" in page
    assert client.get(reverse("potentiel:projet_modifier", args=[projet.pk, "delai"])).status_code == 404

    client.logout()
    login(client, dgec)
    url = reverse("potentiel:projet_modifier", args=[projet.pk, "puissance"])
    assert "Enregistrer la modification" in client.get(url).content.decode()
    refused = client.post(url, {"puissance": "-2"})
    assert refused.status_code == 400
    assert "La puissance d&#x27;un projet doit avoir une valeur positive" in refused.content.decode()
    assert client.post(url, {"puissance": "2"}).status_code == 302
    projet.refresh_from_db()
    assert projet.puissance == Decimal("2")
    producer = client.post(
        reverse("potentiel:projet_modifier", args=[projet.pk, "producteur"]),
        {"numero_identification": "348 831 900 06428"},
    )
    assert producer.status_code == 302
    projet.refresh_from_db()
    assert (projet.nom_candidat, projet.numero_identification) == ("Soleil du Midi SAS", "34883190006428")
    assert client.get(reverse("potentiel:projet_modifier", args=[projet.pk, "delai"])).status_code == 404


# --- the instructor corrects, then grants ------------------------------------------------------


def test_correct_then_grant_a_legal_representative(client, porteur, dreal, projet):
    demande = demande_file(
        user=porteur,
        projet=projet,
        kind="représentantLégal",
        values={"nom": "Claude Nuveau", "type": "personne-physique"},
        reason="Nouveau gérant",
        documents=[pdf()],
        wanted=Mode.DEMANDE,
    )
    login(client, dreal)
    page = client.get(reverse("potentiel:demande_detail", args=[demande.pk])).content.decode()
    assert "Corriger et accorder" in page
    response = client.post(
        reverse("potentiel:demande_correction_accord", args=[demande.pk]),
        {"nom": "Claude Nouveau", "type": "personne-physique", "motifs": "Nom mal orthographié, corrigé."},
    )
    assert response.status_code == 302
    demande.refresh_from_db()
    projet.refresh_from_db()
    assert demande.status == Status.ACCORDE and demande.letter_sha256
    assert demande.payload["valeur_demandee"]["nom"] == "Claude Nuveau"
    assert projet.nom_representant_legal == "Claude Nouveau"
    assert Event.objects.filter(action="potentiel.demande.corriger-avant-accord").exists()
    assert (
        "Potentiel - Du boulodrome de Marseille - Demande de changement de représentant légal corrigée et accordée"
        in (subjects(porteur))
    )


def test_correct_then_grant_is_for_the_legal_representative_and_a_pending_request(porteur, dreal, projet):
    delai = demande_file(
        user=porteur, projet=projet, kind="délai", values={"mois": "6"}, reason="Retard", documents=[pdf()]
    )
    with pytest.raises(ChangeRefused):
        demande_correct_and_grant(user=dreal, demande=delai, values={"mois": "3"}, decision_reason="Motifs.")
    rl = demande_file(
        user=porteur,
        projet=projet,
        kind="représentantLégal",
        values={"nom": "Claude Nouveau", "type": "personne-physique"},
        reason="Nouveau gérant",
        documents=[pdf()],
        wanted=Mode.DEMANDE,
    )
    demande_act(user=porteur, demande=rl, action=Action.ANNULER)
    with pytest.raises(ChangeRefused):
        demande_correct_and_grant(
            user=dreal, demande=rl, values={"nom": "Claude Autre", "type": "personne-physique"}, decision_reason="M."
        )


# --- the holder corrects the identification number ---------------------------------------------


def test_the_holder_corrects_the_identification_number(client, porteur, projet):
    projet.numero_identification = "11009001600053"
    projet.save()
    with pytest.raises(ChangeRefused) as refused:
        identification_correct(user=porteur, projet=projet, numero="110 090 016 00053")
    assert refused.value.message == "Le nouveau numéro d'identification est identique à celui associé au projet"
    login(client, porteur)
    client.post(
        reverse("potentiel:projet_identification", args=[projet.pk]), {"numero_identification": "34883190006428"}
    )
    projet.refresh_from_db()
    assert projet.numero_identification == "34883190006428"
    assert Event.objects.get(action="potentiel.projet.numero-identification-corrige").payload["champs"] == [
        "numero_identification"
    ]


# --- the proof of recandidature ----------------------------------------------------------------


def _abandon(porteur, dgec, projet, *, recandidature=True, grant=True) -> Demande:
    demande = demande_file(
        user=porteur,
        projet=projet,
        kind="abandon",
        values={"recandidature": recandidature},
        reason="Projet non rentable",
        documents=[pdf()],
    )
    if grant:
        demande = demande_decide(user=dgec, demande=demande, action="accorder", decision_reason="Accord.")
    return demande


def test_the_holder_transmits_a_later_project_as_proof(client, porteur, dgec, projet):
    later = projet_create(statut=Statut.ELIMINE, notified=dt.date(2024, 10, 1), nom_projet="MIOS")
    ProjetAccess.objects.create(projet=later, user=porteur, via=AccessVia.CLAIM)
    _abandon(porteur, dgec, projet)
    login(client, porteur)
    url = reverse("potentiel:recandidature", args=[projet.pk])
    detail = client.get(reverse("potentiel:projet", args=[projet.pk])).content.decode()
    assert "Transmettre la preuve de recandidature" in detail
    page = client.get(url).content.decode()
    assert "MIOS" in page
    assert client.post(url, {"preuve": later.identifiant}).status_code == 302
    abandon = Demande.objects.get(projet=projet, kind="abandon")
    assert abandon.payload["preuve_recandidature"]["identifiant"] == later.identifiant
    assert (
        "Transmettre la preuve de recandidature"
        not in client.get(reverse("potentiel:projet", args=[projet.pk])).content.decode()
    )
    assert Event.objects.filter(action="potentiel.abandon.preuve-recandidature").exists()
    with pytest.raises(ChangeRefused) as refused:
        preuve_transmit(user=porteur, projet=projet, preuve_identifiant=later.identifiant)
    assert refused.value.message == "La preuve de recandidature a déjà été transmise"


@pytest.mark.parametrize(
    ("recandidature", "grant", "proof", "message"),
    [
        (False, True, "held", "Il est impossible de transmettre une preuve pour un abandon sans recandidature"),
        (
            True,
            False,
            "held",
            "Il est impossible de transmettre une preuve de recandidature pour un abandon non accordé",
        ),
        (True, True, "unknown", "Il est impossible de transmettre comme preuve de recandidature un projet inexistant"),
        (True, True, "not-held", "Il est impossible de transmettre comme preuve de recandidature un projet inexistant"),
        (True, True, "itself", "Le projet abandonné ne peut pas être sa propre preuve de recandidature"),
        (
            True,
            True,
            "too-early",
            "Il est impossible de transmettre comme preuve de recandidature un projet ayant été notifié avant le 15/12/2023",
        ),
    ],
)
def test_proof_refusals(porteur, dgec, projet, recandidature, grant, proof, message):
    other = projet_create(statut=Statut.LAUREAT, nom_projet="Boulodrome Sainte Livrade", notified=dt.date(2024, 10, 1))
    if proof in ("held", "too-early"):
        ProjetAccess.objects.create(projet=other, user=porteur, via=AccessVia.CLAIM)
    if proof == "too-early":
        Projet.objects.filter(pk=other.pk).update(date_notification=dt.date(2023, 6, 1))
    _abandon(porteur, dgec, projet, recandidature=recandidature, grant=grant)
    identifiant = {"unknown": "PPE2 - Bâtiment#1##inconnu", "itself": projet.identifiant}.get(proof, other.identifiant)
    with pytest.raises(ChangeRefused) as refused:
        preuve_transmit(user=porteur, projet=projet, preuve_identifiant=identifiant)
    assert refused.value.message == message
