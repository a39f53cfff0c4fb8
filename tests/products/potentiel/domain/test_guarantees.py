"""Financial guarantees: the guards of every operation, the values, the dates."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.potentiel.domain.guarantees import (
    DEPOSIT_BLOCKS_RELEASE,
    MAINLEVEE_NOTICES,
    GuaranteeFacts,
    GuaranteeRefused,
    GuaranteeStatus,
    GuaranteeType,
    MainleveeReason,
    Operation,
    check,
    check_deposit_changed,
    check_expire,
    check_mainlevee_request,
    check_values,
    deposit_reminder,
    due_reminders,
    expiry_date,
    is_subject,
    mainlevee_reasons_open,
    refusal,
    status_when_recorded,
)
from transition.products.potentiel.domain.lifecycle import LIFECYCLES, MAINLEVEE, Action, Effect, Status, effects

V, E, L = GuaranteeStatus.VALIDE, GuaranteeStatus.ECHU, GuaranteeStatus.LEVE
ALL_TYPES = ("consignation", "avec-date-échéance", "six-mois-après-achèvement", "type-inconnu")
PETIT_PV = ("consignation", "avec-date-échéance", "exemption")


@pytest.mark.parametrize(
    ("operation", "facts", "message"),
    [
        (
            Operation.SUBMIT_DEPOSIT,
            GuaranteeFacts(has_deposit=True),
            "Il y a déjà des garanties financières en attente de validation pour ce projet",
        ),
        (
            Operation.SUBMIT_DEPOSIT,
            GuaranteeFacts(current_status=V, mainlevee_status=Status.DEMANDE),
            "Vous ne pouvez pas déposer de nouvelles garanties financières car vous avez une demande de mainlevée de garanties financières en cours",
        ),
        (
            Operation.SUBMIT_DEPOSIT,
            GuaranteeFacts(current_status=V, mainlevee_status=Status.EN_INSTRUCTION),
            "Vous ne pouvez pas déposer de nouvelles garanties financières car vous avez une mainlevée de garanties financières en cours d'instruction",
        ),
        (
            Operation.SUBMIT_DEPOSIT,
            GuaranteeFacts(statut_laureat="abandonné"),
            "Impossible de faire un changement pour un projet abandonné",
        ),
        (Operation.SUBMIT_DEPOSIT, GuaranteeFacts(current_status=E), None),  # renewal after expiry
        (Operation.SUBMIT_DEPOSIT, GuaranteeFacts(current_status=V), None),  # replacement
        (
            Operation.MODIFY_DEPOSIT,
            GuaranteeFacts(),
            "Il n'y a aucun dépôt de garanties financières en cours pour ce projet",
        ),
        (
            Operation.VALIDATE_DEPOSIT,
            GuaranteeFacts(),
            "Il n'y a aucun dépôt de garanties financières en cours pour ce projet",
        ),
        (Operation.VALIDATE_DEPOSIT, GuaranteeFacts(has_deposit=True, current_status=V), None),
        (Operation.DELETE_DEPOSIT, GuaranteeFacts(has_deposit=True), None),
        (
            Operation.RECORD_CURRENT,
            GuaranteeFacts(current_status=V),
            "Il y a déjà des garanties financières pour ce projet",
        ),
        (Operation.RECORD_CURRENT, GuaranteeFacts(), None),
        (Operation.MODIFY_CURRENT, GuaranteeFacts(), "Il n'y a aucunes garanties financières actuelles pour ce projet"),
        (
            Operation.RECORD_ATTESTATION,
            GuaranteeFacts(),
            "Il n'y a aucunes garanties financières actuelles pour ce projet",
        ),
        (
            Operation.RECORD_ATTESTATION,
            GuaranteeFacts(current_status=V, current_has_attestation=True),
            "Il y a déjà une attestation pour ces garanties financières",
        ),
        (Operation.EXPIRE, GuaranteeFacts(current_status=E), "Les garanties financières du projet sont déjà échues"),
        (
            Operation.EXPIRE,
            GuaranteeFacts(current_status=V, has_deposit=True),
            "Le projet dispose d'un dépôt de garanties financières en attente de validation, ce qui empêche de pouvoir échoir ses garanties financières",
        ),
    ],
)
def test_guards(operation, facts, message):
    assert refusal(operation, facts) == message
    if message:
        with pytest.raises(GuaranteeRefused):
            check(operation, facts)


@pytest.mark.parametrize(
    ("kind", "due", "available", "message"),
    [
        ("consignation", None, ALL_TYPES, None),
        ("avec-date-échéance", date(2027, 12, 1), ALL_TYPES, None),
        (
            "consignation",
            date(2027, 12, 1),
            ALL_TYPES,
            "La date d'échéance ne peut être renseignée pour ce type de garanties financières",
        ),
        (
            "six-mois-après-achèvement",
            date(2027, 12, 1),
            ALL_TYPES,
            "La date d'échéance ne peut être renseignée pour ce type de garanties financières",
        ),
        (
            "avec-date-échéance",
            None,
            ALL_TYPES,
            "La date d'échéance est obligatoire pour ce type de garanties financières",
        ),
        ("exemption", None, ALL_TYPES, "Ce type de garanties financières n'est pas disponible pour cet appel d'offres"),
        ("exemption", None, PETIT_PV, None),
        (
            "six-mois-après-achèvement",
            None,
            PETIT_PV,
            "Ce type de garanties financières n'est pas disponible pour cet appel d'offres",
        ),
        (
            "n'importe-quoi",
            None,
            ALL_TYPES,
            "Ce type de garanties financières n'est pas disponible pour cet appel d'offres",
        ),
    ],
)
def test_values(kind, due, available, message):
    if message is None:
        assert check_values(kind, due, available) == GuaranteeType(kind)
    else:
        with pytest.raises(GuaranteeRefused) as refused:
            check_values(kind, due, available)
        assert refused.value.message == message


def test_constitution_date_not_in_the_future():
    with pytest.raises(GuaranteeRefused, match="ne peut pas être une date future"):
        check_values("consignation", None, ALL_TYPES, constituted_on=date(2030, 1, 1), today=date(2026, 11, 27))


def test_unchanged_deposit_refused():
    same = ("consignation", None, date(2024, 1, 1))
    with pytest.raises(GuaranteeRefused, match="Le dépôt de garanties financières n'a pas été modifié"):
        check_deposit_changed(same, same, document_changed=False)
    check_deposit_changed(same, same, document_changed=True)


@pytest.mark.parametrize(
    ("due", "on", "message"),
    [
        (date(2024, 7, 17), date(2024, 7, 16), "La date d'échéance des garanties financières n'est pas encore passée"),
        (date(2024, 7, 17), date(2024, 7, 17), "La date d'échéance des garanties financières n'est pas encore passée"),
        (date(2024, 7, 17), date(2024, 7, 18), None),
    ],
)
def test_expiry_the_day_after_the_due_date(due, on, message):
    facts = GuaranteeFacts(current_status=V)
    if message is None:
        check_expire(facts, due, on)
        assert expiry_date(due) == on
    else:
        with pytest.raises(GuaranteeRefused) as refused:
            check_expire(facts, due, on)
        assert refused.value.message == message


def test_dates_of_the_original_scenarios():
    assert expiry_date(date(2050, 12, 2)) == date(2050, 12, 3)
    assert due_reminders(date(2050, 10, 1)) == {"trois-mois": date(2050, 7, 1), "un-mois": date(2050, 9, 1)}
    assert deposit_reminder(date(2050, 7, 18)) == date(2050, 8, 18)
    assert status_when_recorded(date(2024, 12, 2), date(2026, 11, 27)) is E
    assert status_when_recorded(date(2050, 12, 2), date(2026, 11, 27)) is V
    assert status_when_recorded(None, date(2026, 11, 27)) is V


@given(due=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_reminders_come_before_the_due_date_in_order(due):
    reminders = due_reminders(due)
    assert reminders["trois-mois"] < reminders["un-mois"] < due < expiry_date(due)


@pytest.mark.parametrize(
    ("famille", "ao", "has_famille", "subject"),
    [
        ("non soumis", "à la candidature", True, False),
        ("après candidature", None, True, True),
        (None, "à la candidature", False, True),
        (None, "non soumis", False, False),
        (None, None, False, False),
    ],
)
def test_subject_to_guarantees(famille, ao, has_famille, subject):
    assert is_subject(famille, ao, has_famille=has_famille) is subject


@pytest.mark.parametrize(
    ("reason", "facts", "message"),
    [
        (
            "projet-abandonné",
            GuaranteeFacts(current_status=V),
            "Votre demande de mainlevée de garanties financières est invalide car le projet n'est pas en statut abandonné",
        ),
        (
            "projet-abandonné",
            GuaranteeFacts(statut_laureat="abandonné"),
            "Il n'y a aucunes garanties financières actuelles pour ce projet",
        ),
        (
            "projet-achevé",
            GuaranteeFacts(statut_laureat="achevé", current_status=V, has_deposit=True),
            DEPOSIT_BLOCKS_RELEASE,
        ),
        (
            "projet-achevé",
            GuaranteeFacts(statut_laureat="achevé", current_status=V, mainlevee_status=Status.EN_INSTRUCTION),
            "Il y a déjà une demande de mainlevée en instruction pour ce projet",
        ),
        (
            "projet-achevé",
            GuaranteeFacts(statut_laureat="achevé", current_status=V, mainlevee_status=Status.ACCORDE),
            "Il y a déjà une demande de mainlevée accordée pour ce projet",
        ),
        (
            "projet-achevé",
            GuaranteeFacts(statut_laureat="achevé", current_status=E),
            "Les garanties financières du projet sont déjà échues",
        ),
        (  # after a granted release the guarantees are « levées »: the granted request is what is said
            "projet-achevé",
            GuaranteeFacts(statut_laureat="achevé", current_status=L, mainlevee_status=Status.ACCORDE),
            "Il y a déjà une demande de mainlevée accordée pour ce projet",
        ),
        (  # a request in instruction is said before the deposit that came after it
            "projet-achevé",
            GuaranteeFacts(
                statut_laureat="achevé", current_status=V, has_deposit=True, mainlevee_status=Status.EN_INSTRUCTION
            ),
            "Il y a déjà une demande de mainlevée en instruction pour ce projet",
        ),
        (
            "projet-achevé",
            GuaranteeFacts(statut_laureat="achevé", current_status=L),
            "Il n'y a aucunes garanties financières actuelles pour ce projet",
        ),
        ("projet-achevé", GuaranteeFacts(statut_laureat="achevé", current_status=V), None),
        (
            "projet-abandonné",
            GuaranteeFacts(statut_laureat="abandonné", current_status=V, mainlevee_status=Status.REJETE),
            None,
        ),
    ],
)
def test_mainlevee_request(reason, facts, message):
    if message is None:
        assert check_mainlevee_request(reason, facts) == reason
    else:
        with pytest.raises(GuaranteeRefused) as refused:
            check_mainlevee_request(reason, facts)
        assert refused.value.message == message


@pytest.mark.parametrize(
    ("action", "told", "subject"),
    [
        (Action.DEMANDER, Effect.NOTIFY_AUTHORITY, "Demande de mainlevée des garanties financières"),
        (Action.ANNULER, Effect.NOTIFY_AUTHORITY, "Demande de mainlevée annulée"),
        (Action.PASSER_EN_INSTRUCTION, Effect.NOTIFY_HOLDER, "Demande de mainlevée en instruction"),
        (Action.ACCORDER, Effect.NOTIFY_HOLDER, "Demande de mainlevée accordée"),
        (Action.REJETER, Effect.NOTIFY_HOLDER, "Demande de mainlevée rejetée"),
    ],
)
def test_each_mainlevee_step_tells_someone(action, told, subject):
    """Every action of the release lifecycle has its notice, and its effects say who is told."""
    assert told in effects(MAINLEVEE, action)
    assert MAINLEVEE_NOTICES[action][0] == subject
    assert set(MAINLEVEE_NOTICES) == set(LIFECYCLES[MAINLEVEE].transitions)


@pytest.mark.parametrize(
    ("facts", "open_reasons"),
    [
        (GuaranteeFacts(current_status=V), []),  # an active project: no release
        (GuaranteeFacts(statut_laureat="abandonné", current_status=V), [MainleveeReason.PROJET_ABANDONNE]),
        (GuaranteeFacts(statut_laureat="achevé", current_status=V), [MainleveeReason.PROJET_ACHEVE]),
        (GuaranteeFacts(statut_laureat="achevé"), []),  # nothing to release
        (GuaranteeFacts(statut_laureat="achevé", current_status=E), []),  # expired guarantees
        (GuaranteeFacts(statut_laureat="achevé", current_status=V, has_deposit=True), []),
        (GuaranteeFacts(statut_laureat="achevé", current_status=V, mainlevee_status=Status.DEMANDE), []),
        (GuaranteeFacts(statut_laureat="achevé", current_status=V, mainlevee_status=Status.ACCORDE), []),
        (
            GuaranteeFacts(statut_laureat="achevé", current_status=V, mainlevee_status=Status.REJETE),
            [MainleveeReason.PROJET_ACHEVE],
        ),
        (
            GuaranteeFacts(statut_laureat="achevé", current_status=V, mainlevee_status=Status.ANNULE),
            [MainleveeReason.PROJET_ACHEVE],
        ),
    ],
)
def test_the_release_form_offers_only_the_reasons_open_now(facts, open_reasons):
    assert mainlevee_reasons_open(facts) == open_reasons
    for reason in MainleveeReason:
        if reason not in open_reasons:
            with pytest.raises(GuaranteeRefused):
                check_mainlevee_request(reason, facts)
