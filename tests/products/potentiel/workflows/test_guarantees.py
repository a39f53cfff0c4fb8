"""Guarantees at the service level: deposit, validation, expiry, renewal, mainlevée."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from transition.platform.audit.models import Event
from transition.products.potentiel.domain.guarantees import ExpectedReason, GuaranteeRefused
from transition.products.potentiel.models import (
    DepotGaranties,
    GarantiesActuelles,
    GarantiesAttendues,
    GarantiesHistorique,
    TachePlanifiee,
)
from transition.products.potentiel.services import guarantees as services
from transition.products.potentiel.services import mainlevee as mainlevee_services
from transition.products.potentiel.services.reminders import due_tasks_run
from transition.products.potentiel.services.requests import demande_decide, demande_file

from .conftest import pdf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 27)


def deposit(porteur, projet, type="avec-date-échéance", due=dt.date(2030, 12, 1)):
    return services.depot_submit(
        user=porteur,
        projet=projet,
        type=type,
        date_echeance=due,
        date_constitution=dt.date(2026, 11, 1),
        document=pdf("gf.pdf"),
        today=TODAY,
    )


def tasks(projet):
    return {(t.kind, t.due_on) for t in TachePlanifiee.objects.filter(projet=projet, status="planifiée")}


def test_deleting_a_deposit_tells_the_dreal(porteur, dreal, projet):
    deposit(porteur, projet)
    before = len(mail.outbox)
    services.depot_delete(user=porteur, projet=projet, today=TODAY)
    assert not DepotGaranties.objects.filter(projet=projet).exists()
    sent = [m for m in mail.outbox[before:] if dreal.email in m.to]
    assert sent and "Garanties financières en attente de validation supprimées" in sent[0].subject


def test_deposit_validated_by_the_dreal_plans_expiry_and_reminders(porteur, dreal, projet):
    GarantiesAttendues.objects.create(projet=projet, reason="notification", since=TODAY, deadline=TODAY)
    deposit(porteur, projet)
    with pytest.raises(
        GuaranteeRefused, match="Il y a déjà des garanties financières en attente de validation pour ce projet"
    ):
        deposit(porteur, projet)
    with pytest.raises(PermissionDenied):
        services.depot_validate(user=porteur, projet=projet, today=TODAY)
    current = services.depot_validate(user=dreal, projet=projet, today=TODAY)
    assert current.status == "validé" and current.document_sha256
    assert not DepotGaranties.objects.filter(projet=projet).exists()
    assert not GarantiesAttendues.objects.filter(projet=projet).exists()
    assert tasks(projet) == {
        ("échoir-garanties", dt.date(2030, 12, 2)),
        ("rappel-échéance-gf-trois-mois", dt.date(2030, 9, 1)),
        ("rappel-échéance-gf-un-mois", dt.date(2030, 11, 1)),
    }
    assert Event.objects.filter(action="potentiel.garanties.validation").exists()


def test_validating_a_deposit_already_past_its_due_date_expires_it_at_once(porteur, dreal, projet):
    deposit(porteur, projet, due=dt.date(2024, 12, 1))
    current = services.depot_validate(user=dreal, projet=projet, today=TODAY)
    assert current.status == "échu"
    assert GarantiesAttendues.objects.get(projet=projet).reason == "échéance-garanties-financières-actuelles"
    assert ("rappel-gf-à-transmettre", dt.date(2026, 12, 27)) in tasks(projet)
    assert not any(kind == "échoir-garanties" for kind, _ in tasks(projet))


def test_the_daily_run_expires_guarantees_the_day_after_their_due_date(porteur, dreal, projet):
    deposit(porteur, projet, due=dt.date(2027, 3, 10))
    services.depot_validate(user=dreal, projet=projet, today=TODAY)
    due_tasks_run(on=dt.date(2027, 3, 10))
    assert GarantiesActuelles.objects.get(projet=projet).status == "validé"
    due_tasks_run(on=dt.date(2027, 3, 11))
    current = GarantiesActuelles.objects.get(projet=projet)
    assert current.status == "échu" and current.expired_on == dt.date(2027, 3, 11)
    assert GarantiesAttendues.objects.get(projet=projet).reason == "échéance-garanties-financières-actuelles"


def test_renewal_replaces_the_current_guarantees_and_keeps_history(porteur, dreal, projet):
    deposit(porteur, projet)
    services.depot_validate(user=dreal, projet=projet, today=TODAY)
    deposit(porteur, projet, type="consignation", due=None)
    services.depot_validate(user=dreal, projet=projet, today=TODAY)
    assert GarantiesActuelles.objects.get(projet=projet).type == "consignation"
    assert (
        GarantiesHistorique.objects.filter(projet=projet, raison="modification des garanties financières").count() == 1
    )
    assert not any(kind == "échoir-garanties" for kind, _ in tasks(projet))


@pytest.mark.parametrize(
    ("type", "due", "message"),
    [
        (
            "consignation",
            dt.date(2030, 1, 1),
            "La date d'échéance ne peut être renseignée pour ce type de garanties financières",
        ),
        ("avec-date-échéance", None, "La date d'échéance est obligatoire pour ce type de garanties financières"),
        ("exemption", None, "Ce type de garanties financières n'est pas disponible pour cet appel d'offres"),
    ],
)
def test_deposit_values(porteur, projet, type, due, message):
    with pytest.raises(GuaranteeRefused, match=message):
        deposit(porteur, projet, type=type, due=due)


def test_mainlevee_after_abandonment(porteur, dreal, dgec, projet):
    deposit(porteur, projet, type="consignation", due=None)
    services.depot_validate(user=dreal, projet=projet, today=TODAY)
    with pytest.raises(GuaranteeRefused, match="n'est pas en statut abandonné"):
        mainlevee_services.mainlevee_request(user=porteur, projet=projet, reason="projet-abandonné")
    abandon = demande_file(
        user=porteur,
        projet=projet,
        kind="abandon",
        values={},
        reason="Projet non rentable",
        documents=[pdf()],
        today=TODAY,
    )
    demande_decide(user=dgec, demande=abandon, action="accorder", decision_reason="Accordé.", today=TODAY)
    projet.refresh_from_db()
    mainlevee = mainlevee_services.mainlevee_request(user=porteur, projet=projet, reason="projet-abandonné")
    with pytest.raises(GuaranteeRefused, match="Il y a déjà une demande de mainlevée en cours pour ce projet"):
        mainlevee_services.mainlevee_request(user=porteur, projet=projet, reason="projet-abandonné")
    with pytest.raises(GuaranteeRefused, match="Impossible de faire un changement pour un projet abandonné"):
        deposit(porteur, projet)
    mainlevee_services.mainlevee_act(user=dreal, projet=projet, action="passer-en-instruction")
    mainlevee = mainlevee_services.mainlevee_act(
        user=dreal, projet=projet, action="accorder", decision_reason="Projet abandonné.", today=TODAY
    )
    assert mainlevee.status == "accordé" and mainlevee.letter_sha256
    assert GarantiesActuelles.objects.get(projet=projet).status == "levé"
    with pytest.raises(GuaranteeRefused, match="Il y a déjà une demande de mainlevée accordée pour ce projet"):
        mainlevee_services.mainlevee_act(user=porteur, projet=projet, action="annuler")


def test_only_the_dreal_of_the_region_validates(porteur, other_dreal, projet):
    deposit(porteur, projet)
    with pytest.raises(PermissionDenied):
        services.depot_validate(user=other_dreal, projet=projet, today=TODAY)


def test_the_holder_corrects_the_deposit_and_the_dreal_is_told(porteur, dreal, projet):
    deposit(porteur, projet)
    with pytest.raises(GuaranteeRefused, match="Le dépôt de garanties financières n'a pas été modifié"):
        services.depot_modify(
            user=porteur,
            projet=projet,
            type="avec-date-échéance",
            date_echeance=dt.date(2030, 12, 1),
            date_constitution=None,
            today=TODAY,
        )
    with pytest.raises(GuaranteeRefused, match="La date d'échéance ne peut être renseignée"):
        services.depot_modify(
            user=porteur,
            projet=projet,
            type="six-mois-après-achèvement",
            date_echeance=dt.date(2030, 12, 1),
            date_constitution=None,
            today=TODAY,
        )
    before = len(mail.outbox)
    depot = services.depot_modify(
        user=porteur, projet=projet, type="consignation", date_echeance=None, date_constitution=None, today=TODAY
    )
    assert (depot.type, depot.date_echeance, depot.date_constitution) == ("consignation", None, dt.date(2026, 11, 1))
    sent = mail.outbox[before:]
    assert [m.to for m in sent] == [[dreal.email]]
    assert "Garanties financières en attente de validation modifiées" in sent[0].subject


def test_modifying_a_deposit_needs_one(porteur, projet):
    with pytest.raises(GuaranteeRefused, match="Il n'y a aucun dépôt de garanties financières en cours pour ce projet"):
        services.depot_modify(
            user=porteur, projet=projet, type="consignation", date_echeance=None, date_constitution=None, today=TODAY
        )


def test_the_admin_modifies_the_current_guarantees(porteur, dreal, dgec, projet):
    with pytest.raises(GuaranteeRefused, match="Il n'y a aucunes garanties financières actuelles pour ce projet"):
        services.actuelles_modify(
            user=dgec, projet=projet, type="consignation", date_echeance=None, date_constitution=None, today=TODAY
        )
    deposit(porteur, projet)
    services.depot_validate(user=dreal, projet=projet, today=TODAY)
    with pytest.raises(PermissionDenied):
        services.actuelles_modify(
            user=porteur, projet=projet, type="consignation", date_echeance=None, date_constitution=None, today=TODAY
        )
    before = len(mail.outbox)
    current = services.actuelles_modify(
        user=dgec, projet=projet, type="consignation", date_echeance=None, date_constitution=None, today=TODAY
    )
    assert current.type == "consignation" and current.status == "validé" and current.document_sha256
    assert {tuple(m.to) for m in mail.outbox[before:]} == {(porteur.email,), (dreal.email,)}
    assert all("Garanties financières mises à jour" in m.subject for m in mail.outbox[before:])
    assert not any(kind == "échoir-garanties" for kind, _ in tasks(projet))  # no due date any more
    assert GarantiesHistorique.objects.filter(projet=projet, raison="modification des garanties financières").exists()
    assert Event.objects.filter(action="potentiel.garanties.modification").exists()


def test_the_holder_sends_the_attestation_once(porteur, dreal, projet):
    with pytest.raises(GuaranteeRefused, match="Il n'y a aucunes garanties financières actuelles pour ce projet"):
        services.attestation_record(user=porteur, projet=projet, document=pdf("a.pdf"))
    services.actuelles_record(
        user=dreal, projet=projet, type="consignation", date_echeance=None, date_constitution=TODAY, today=TODAY
    )
    current = services.attestation_record(user=porteur, projet=projet, document=pdf("a.pdf"))
    assert current.document_sha256 and current.document
    with pytest.raises(GuaranteeRefused, match="Il y a déjà une attestation pour ces garanties financières"):
        services.attestation_record(user=porteur, projet=projet, document=pdf("b.pdf"))


def test_expiry_joins_the_history_and_tells_the_holder_and_the_dreal(porteur, dreal, projet):
    deposit(porteur, projet, due=dt.date(2027, 3, 10))
    services.depot_validate(user=dreal, projet=projet, today=TODAY)
    before = len(mail.outbox)
    done = due_tasks_run(on=dt.date(2027, 3, 11), kinds=["échoir-garanties"], projet=projet)
    assert done == {"échoir-garanties": 1}  # the reminders due before were not run by this replay
    sent = mail.outbox[before:]
    assert {tuple(m.to) for m in sent} == {(porteur.email,), (dreal.email,)}
    assert all("10/03/2027" in m.body for m in sent)
    assert GarantiesHistorique.objects.filter(projet=projet, raison="échéance des garanties financières").exists()


def test_mainlevee_steps_tell_the_other_side_and_a_cancelled_request_is_not_shown(porteur, dreal, projet):
    from transition.products.potentiel.selectors.guarantees import mainlevee_current, mainlevees_to_instruct

    services.actuelles_record(
        user=dreal, projet=projet, type="consignation", date_echeance=None, date_constitution=TODAY, today=TODAY
    )
    projet.statut_laureat = "achevé"
    projet.save(update_fields=["statut_laureat"])
    mainlevee_services.mainlevee_request(user=porteur, projet=projet, reason="projet-achevé")
    assert list(mainlevees_to_instruct(dreal)) == [mainlevee_current(projet)]
    assert not mainlevees_to_instruct(porteur).exists()
    with pytest.raises(
        GuaranteeRefused,
        match="Vous ne pouvez pas déposer de nouvelles garanties financières car vous avez une demande de mainlevée",
    ):
        deposit(porteur, projet)
    before = len(mail.outbox)
    mainlevee_services.mainlevee_act(user=dreal, projet=projet, action="passer-en-instruction")
    assert [m.to for m in mail.outbox[before:]] == [[porteur.email]]
    assert "Demande de mainlevée en instruction" in mail.outbox[-1].subject
    before = len(mail.outbox)
    mainlevee_services.mainlevee_act(user=porteur, projet=projet, action="annuler")
    assert [m.to for m in mail.outbox[before:]] == [[dreal.email]]
    assert "Demande de mainlevée annulée" in mail.outbox[-1].subject
    assert mainlevee_current(projet) is None and not mainlevees_to_instruct(dreal).exists()


def test_the_holders_to_do_goes_while_a_deposit_awaits_validation(porteur, dreal, projet):
    from transition.products.potentiel.selectors.projects import projet_todos

    services.garanties_demand(projet=projet, reason=ExpectedReason.NOTIFICATION, today=TODAY)
    labels = lambda: [todo.label for todo in projet_todos(projet, porteur, today=TODAY)]  # noqa: E731
    assert "Transmettre les garanties financières" in labels()
    deposit(porteur, projet)
    assert "Transmettre les garanties financières" not in labels()
    services.depot_delete(user=porteur, projet=projet)
    assert "Transmettre les garanties financières" in labels()  # still expected: the to-do is back
