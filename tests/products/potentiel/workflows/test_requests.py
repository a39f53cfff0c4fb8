"""Requests end to end at the service level: filing, authority, instruction, reasoned decision
with its letter and audit, consequences."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from transition.platform.audit.models import Event
from transition.platform.notify.models import EmailLog
from transition.products.potentiel.domain.changes import ChangeRefused, Mode
from transition.products.potentiel.domain.lifecycle import Action, Status
from transition.products.potentiel.models import (
    DepotGaranties,
    GarantiesActuelles,
    GarantiesAttendues,
    GarantiesHistorique,
    ProjetAccess,
    TachePlanifiee,
)
from transition.products.potentiel.services.documents import sha256_of
from transition.products.potentiel.services.reminders import due_tasks_run
from transition.products.potentiel.services.requests import demande_act, demande_decide, demande_file

from .conftest import PDF, agent, pdf, projet_create

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 27)


def file(user, projet, kind, values=None, **kw):
    kw.setdefault("documents", [pdf()])
    return demande_file(
        user=user, projet=projet, kind=kind, values=values or {}, reason="Retard du raccordement", today=TODAY, **kw
    )


def test_delai_granted_by_the_dreal_moves_the_planned_completion(porteur, dreal, projet):
    demande = file(porteur, projet, "délai", {"mois": "12"})
    assert (demande.status, demande.mode, demande.authority, demande.region) == ("demandé", Mode.DEMANDE, "dreal", "93")
    assert EmailLog.objects.filter(
        to=dreal.email, subject="Potentiel - Du boulodrome de Marseille - Demande de délai déposée"
    ).exists()

    demande_act(user=dreal, demande=demande, action=Action.PASSER_EN_INSTRUCTION)
    demande = demande_decide(
        user=dreal, demande=demande, action="accorder", decision_reason="Retard justifié.", today=TODAY
    )

    projet.refresh_from_db()
    assert demande.status == Status.ACCORDE
    assert projet.date_achevement_previsionnelle == dt.date(2027, 1, 14)
    assert demande.payload["nouvelle_date"] == "2027-01-14"
    with demande.letter.open("rb") as letter:
        content = letter.read()
    assert content.startswith(b"%PDF") and sha256_of(content) == demande.letter_sha256
    event = Event.objects.filter(action="potentiel.demande.accorder").get()
    assert event.payload["courrier"] == demande.letter_sha256
    assert event.payload["documents"] == [sha256_of(PDF)]
    assert event.actor_id == dreal.pk
    assert EmailLog.objects.filter(to=porteur.email, subject__endswith="Demande de délai accordée").exists()
    reminders = TachePlanifiee.objects.filter(projet=projet, status="planifiée", kind__startswith="rappel-achèvement")
    # −3 and −2 months (14/10 and 14/11) are past on 27/11/2026: only −1 month is planned
    assert [(t.kind, t.due_on) for t in reminders] == [("rappel-achèvement-un-mois", dt.date(2026, 12, 14))]


def test_a_dreal_of_another_region_or_the_holder_cannot_decide(porteur, dreal, other_dreal, projet):
    demande = file(porteur, projet, "délai", {"mois": "6"})
    with pytest.raises(PermissionDenied):
        demande_decide(user=other_dreal, demande=demande, action="accorder", decision_reason="x")
    with pytest.raises(ChangeRefused, match="Vous n'avez pas le rôle requis pour instruire cette demande"):
        demande_decide(user=porteur, demande=demande, action="accorder", decision_reason="x")
    with pytest.raises(ChangeRefused, match="Les motifs de la décision sont obligatoires"):
        demande_decide(user=dreal, demande=demande, action="rejeter", decision_reason="  ")
    demande.refresh_from_db()
    assert demande.status == "demandé" and not demande.letter


def test_dgec_instructs_what_the_dreal_instructs_but_a_dreal_not_what_the_dgec_instructs(porteur, dreal, dgec):
    eolien = projet_create(ao="PPE2 - Eolien", periode="8", technologie="eolien")
    from transition.products.potentiel.enums import AccessVia

    ProjetAccess.objects.create(projet=eolien, user=porteur, via=AccessVia.INVITATION)
    abandon = file(porteur, eolien, "abandon")
    assert abandon.authority == "dgec"
    with pytest.raises(ChangeRefused, match="Vous n'avez pas le rôle requis pour instruire cette demande"):
        demande_act(user=dreal, demande=abandon, action=Action.PASSER_EN_INSTRUCTION)
    demande_act(user=dgec, demande=abandon, action=Action.PASSER_EN_INSTRUCTION)


def test_abandon_granted_cancels_pending_requests_and_guarantee_tasks(porteur, dgec, projet):
    GarantiesAttendues.objects.create(projet=projet, reason="notification", since=TODAY, deadline=TODAY)
    TachePlanifiee.objects.create(projet=projet, kind="échoir-garanties", due_on=dt.date(2027, 1, 1))
    delai = file(porteur, projet, "délai", {"mois": "3"})
    abandon = file(porteur, projet, "abandon", {"recandidature": True})
    assert abandon.authority == "dgec"  # PPE2 - Bâtiment période 1: the période gives the DGEC
    demande_decide(user=dgec, demande=abandon, action="accorder", decision_reason="Abandon justifié.", today=TODAY)
    projet.refresh_from_db()
    delai.refresh_from_db()
    assert projet.statut_laureat == "abandonné"
    assert delai.status == Status.ANNULE
    assert not GarantiesAttendues.objects.filter(projet=projet).exists()
    assert not TachePlanifiee.objects.filter(projet=projet, kind="échoir-garanties", status="planifiée").exists()
    with pytest.raises(ChangeRefused, match="Impossible de faire un changement pour un projet abandonné"):
        file(porteur, projet, "actionnaire", {"actionnaire": "Holding"})


def test_a_pending_abandon_blocks_other_changes(porteur, projet):
    file(porteur, projet, "abandon")
    with pytest.raises(
        ChangeRefused, match="Impossible de faire un changement car une demande d'abandon est en cours pour le projet"
    ):
        file(porteur, projet, "délai", {"mois": "3"})
    with pytest.raises(ChangeRefused, match="Une demande d'abandon est déjà en cours"):
        file(porteur, projet, "abandon")


def test_abandon_confirmation_loop(porteur, dgec, projet):
    abandon = file(porteur, projet, "abandon")
    demande_act(user=dgec, demande=abandon, action=Action.DEMANDER_CONFIRMATION)
    with pytest.raises(ChangeRefused, match="La confirmation de l'abandon est attendue du porteur"):
        demande_decide(user=dgec, demande=abandon, action="accorder", decision_reason="ok")
    abandon = demande_act(user=porteur, demande=abandon, action=Action.CONFIRMER)
    assert abandon.status == Status.CONFIRME


def test_declarations_apply_at_once(porteur, dreal, projet):
    demande = file(porteur, projet, "actionnaire", {"actionnaire": "Holding Soleil"}, documents=[])
    projet.refresh_from_db()
    assert demande.mode == Mode.DECLARATION and demande.status == Status.ACCORDE
    assert projet.societe_mere == "Holding Soleil"
    assert EmailLog.objects.filter(to=dreal.email, subject__endswith="Déclaration de changement d'actionnaire").exists()
    assert EmailLog.objects.filter(
        to=porteur.email, subject__endswith="Déclaration de changement d'actionnaire"
    ).exists()
    assert not EmailLog.objects.filter(subject__contains="accordé").exists()
    assert Event.objects.filter(action="potentiel.demande.declarer").count() == 1


def test_puissance_within_ratios_is_declared_outside_requested(porteur, dreal, projet):
    declared = file(porteur, projet, "puissance", {"puissance": "1,6"})
    projet.refresh_from_db()
    assert declared.mode == Mode.DECLARATION and projet.puissance == Decimal("1.6")
    requested = file(porteur, projet, "puissance", {"puissance": "1.2"})  # 0.8 of the initial 1.5
    assert requested.mode == Mode.DEMANDE and requested.authority == "dreal"
    demande_decide(user=dreal, demande=requested, action="accorder", decision_reason="Décision de l'État.", today=TODAY)
    projet.refresh_from_db()
    assert projet.puissance == Decimal("1.2")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"puissance": "0"}, "La puissance d'un projet doit avoir une valeur positive"),
        ({"puissance": "abc"}, "La puissance d'un projet doit avoir une valeur positive"),
        ({"puissance": "1.5"}, "La puissance doit avoir une valeur différente"),
    ],
)
def test_puissance_refusals(porteur, projet, values, message):
    with pytest.raises(ChangeRefused, match=message):
        file(porteur, projet, "puissance", values)


def test_producteur_change_revokes_accesses_and_demands_new_guarantees(porteur, dreal, projet):
    GarantiesActuelles.objects.create(projet=projet, type="consignation", status="validé")
    DepotGaranties.objects.create(projet=projet, type="consignation", date_constitution=TODAY)
    demande = file(porteur, projet, "producteur", {"producteur": "Vent du Nord SAS"}, documents=[])
    projet.refresh_from_db()
    assert demande.mode == Mode.DECLARATION
    assert projet.nom_candidat == "Vent du Nord SAS"
    assert not ProjetAccess.objects.filter(projet=projet, revoked_at__isnull=True).exists()
    assert not GarantiesActuelles.objects.filter(projet=projet).exists()
    assert not DepotGaranties.objects.filter(projet=projet).exists()
    expected = GarantiesAttendues.objects.get(projet=projet)
    assert expected.reason == "changement-producteur"
    assert expected.deadline == dt.date(2027, 1, 27)  # within two months
    assert GarantiesHistorique.objects.filter(projet=projet, raison="changement de producteur").exists()
    assert TachePlanifiee.objects.filter(projet=projet, kind="rappel-gf-à-transmettre", status="planifiée").exists()
    assert EmailLog.objects.filter(to=porteur.email, subject__endswith="Révocation de la gestion du projet").exists()


def test_same_producteur_refused(porteur, projet):
    with pytest.raises(ChangeRefused, match="Le nouveau producteur est identique à celui associé au projet"):
        file(porteur, projet, "producteur", {"producteur": "Soleil du Midi SAS"}, documents=[])


def test_representant_legal_automatic_decision_after_three_months(porteur, dreal, projet):
    demande = file(porteur, projet, "représentantLégal", {"nom": "Marie Curie", "type": "personne-physique"})
    filed = demande.filed_at.date()
    assert demande.payload["instruction_automatique"] == "accord"
    tasks = {t.kind: t.due_on for t in TachePlanifiee.objects.filter(demande=demande)}
    from transition.products.potentiel.domain.months import add_months

    assert tasks == {
        "représentant-légal-décision": add_months(filed, 3),
        "représentant-légal-rappel": add_months(filed, 2),
    }
    due_tasks_run(on=add_months(filed, 2))
    assert EmailLog.objects.filter(
        to=dreal.email, subject__endswith="Rappel d'instruction de la demande de modification du représentant légal"
    ).exists()
    demande.refresh_from_db()
    assert demande.status == "demandé"
    due_tasks_run(on=add_months(filed, 3))
    demande.refresh_from_db()
    projet.refresh_from_db()
    assert demande.status == Status.ACCORDE and demande.automatic and demande.letter_sha256
    assert projet.nom_representant_legal == "Marie Curie"


def test_representant_legal_rejected_cancels_the_automatic_decision(porteur, dreal, projet):
    demande = file(porteur, projet, "représentantLégal", {"nom": "Marie Curie", "type": "personne-physique"})
    demande_decide(user=dreal, demande=demande, action="rejeter", decision_reason="Pièces illisibles.", today=TODAY)
    planned = TachePlanifiee.objects.filter(demande=demande, status="planifiée")
    assert [(t.kind, t.due_on) for t in planned] == [("représentant-légal-pièces", dt.date(2027, 2, 27))]
    projet.refresh_from_db()
    assert projet.nom_representant_legal == "Valentin Cognito"


def test_recours_granted_makes_a_laureat_and_demands_guarantees(porteur, dgec):
    cre = agent("agent@cre.fr", "cre")
    elimine = projet_create(statut="éliminé", notified=dt.date(2024, 1, 15))
    from transition.products.potentiel.enums import AccessVia

    ProjetAccess.objects.create(projet=elimine, user=porteur, via=AccessVia.CLAIM)
    recours = file(porteur, elimine, "recours")
    assert recours.authority == "dgec"
    with pytest.raises(ChangeRefused, match="La date d'accord du recours ne peut pas être dans le futur"):
        demande_decide(
            user=dgec,
            demande=recours,
            action="accorder",
            decision_reason="ok",
            today=TODAY,
            granted_on=dt.date(2100, 1, 1),
        )
    demande_decide(
        user=dgec,
        demande=recours,
        action="accorder",
        decision_reason="Erreur de notation.",
        today=TODAY,
        granted_on=dt.date(2026, 11, 2),
    )
    elimine.refresh_from_db()
    assert (elimine.statut, elimine.statut_laureat) == ("lauréat", "actif")
    assert elimine.date_achevement_previsionnelle is not None
    assert GarantiesAttendues.objects.get(projet=elimine).reason == "recours-accordé"
    assert EmailLog.objects.filter(to=cre.email, subject__endswith="Recours accordé").exists()
    assert EmailLog.objects.filter(to=porteur.email, subject__endswith="Recours accordé").exists()


def test_files_are_checked(porteur, projet):
    with pytest.raises(ChangeRefused, match="seuls les fichiers PDF, PNG et JPEG sont acceptés"):
        file(porteur, projet, "délai", {"mois": "3"}, documents=[pdf("virus.exe")])
    with pytest.raises(ChangeRefused, match="n’est pas un fichier PDF valide"):
        file(porteur, projet, "délai", {"mois": "3"}, documents=[pdf("faux.pdf", b"MZ\x90\x00")])
    with pytest.raises(ChangeRefused, match="Joignez au moins une pièce justificative"):
        file(porteur, projet, "délai", {"mois": "3"}, documents=[])
    with pytest.raises(ChangeRefused, match="nombre entier de mois"):
        file(porteur, projet, "délai", {"mois": "trois"})


def test_a_stranger_cannot_file(db, projet):
    stranger = agent("curieux@example.org", "porteur")
    with pytest.raises(PermissionDenied):
        file(stranger, projet, "délai", {"mois": "3"})


def test_cdc_that_forbids_the_change(porteur):
    legacy = projet_create(ao="CRE4 - Sol", periode="1")
    from transition.products.potentiel.enums import AccessVia

    ProjetAccess.objects.create(projet=legacy, user=porteur, via=AccessVia.CLAIM)
    with pytest.raises(ChangeRefused, match="Le cahier des charges de ce projet ne permet pas ce changement"):
        file(porteur, legacy, "actionnaire", {"actionnaire": "Holding"})


def test_representant_legal_declaration_documents_deleted_after_three_months(porteur):
    petit_pv = projet_create(ao="PPE2 - Petit PV Bâtiment", periode="1")
    from transition.products.potentiel.enums import AccessVia

    ProjetAccess.objects.create(projet=petit_pv, user=porteur, via=AccessVia.CLAIM)
    demande = file(porteur, petit_pv, "représentantLégal", {"nom": "Marie Curie", "type": "personne-physique"})
    assert demande.mode == Mode.DECLARATION
    task = TachePlanifiee.objects.get(demande=demande, kind="représentant-légal-pièces")
    assert task.due_on == dt.date(2027, 2, 27)
    document = demande.documents.get()
    path = document.file.path
    due_tasks_run(on=dt.date(2027, 2, 26))
    document.refresh_from_db()
    assert document.deleted_at is None
    due_tasks_run(on=dt.date(2027, 2, 27))
    document.refresh_from_db()
    assert document.deleted_at is not None and not document.file
    import os

    assert not os.path.exists(path)
    assert document.sha256 == sha256_of(PDF)  # the fingerprint stays


def test_mes_donnees_lists_the_requests_a_person_filed(porteur, projet):
    from transition.products.potentiel.services.personal_data import personal_data_export

    file(porteur, projet, "délai", {"mois": "3"})
    exported = personal_data_export(porteur)["demandes_deposees"]
    assert [(d["nature"], d["statut"], d["raison"]) for d in exported] == [
        ("délai", "demandé", "Retard du raccordement")
    ]
