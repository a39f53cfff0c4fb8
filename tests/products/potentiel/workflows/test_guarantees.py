"""Guarantees at the service level: deposit, validation, expiry, renewal, mainlevée."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from transition.platform.audit.models import Event
from transition.products.potentiel.domain.guarantees import GuaranteeRefused
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
