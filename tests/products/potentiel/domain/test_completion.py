"""Completion: délais, the CDC 2022 extension, reminders, attestation of conformity."""

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.potentiel.domain.completion import (
    ABANDONED,
    ALREADY_ACHIEVED,
    ATTESTATION_ALREADY,
    ATTESTATION_MISSING,
    CHECKS,
    DATE_BEFORE_NOTIFICATION,
    DATE_FUTURE,
    DOCUMENTS_REQUIRED,
    NOT_ACHIEVED,
    NOT_LAUREAT,
    NOTHING_CHANGED,
    NOTHING_MODIFIED,
    TRANSMISSION_FUTURE,
    Act,
    CompletionFacts,
    CompletionInput,
    CompletionRefused,
    apply_delai,
    check,
    check_modify_attestation,
    check_record_attestation,
    check_transmission_date,
    check_transmit,
    completion_reminders,
    with_cdc_extension,
)
from transition.products.potentiel.domain.months import add_months

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("planned", "months", "expected"),
    [
        # the original's scenarios « la DREAL accorde la demande de délai »
        (date(2022, 5, 1), 12, date(2023, 5, 1)),
        (date(2020, 2, 29), 56, date(2024, 10, 29)),
        (date(2023, 4, 21), 46, date(2027, 2, 21)),
        # month ends are clamped
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_granted_delai_moves_the_planned_date(planned, months, expected):
    assert apply_delai(planned, months) == expected


def test_reminders_at_three_two_one_months():
    assert completion_reminders(date(2028, 8, 2)) == {
        "trois-mois": date(2028, 5, 2),
        "deux-mois": date(2028, 6, 2),
        "un-mois": date(2028, 7, 2),
    }


CDC_2022 = {"mois": 18, "mise_en_service_min": "2022-09-01", "mise_en_service_max": "2024-12-31"}


@pytest.mark.parametrize(
    ("commissioned_on", "expected"),
    [
        (date(2023, 9, 10), date(2021, 7, 1)),
        (date(2024, 12, 31), date(2021, 7, 1)),
        (date(2025, 6, 10), date(2020, 1, 1)),
        (None, date(2020, 1, 1)),
    ],
)
def test_cdc_2022_extension_when_commissioned_within_its_interval(commissioned_on, expected):
    assert with_cdc_extension(date(2020, 1, 1), CDC_2022, commissioned_on) == expected
    assert with_cdc_extension(date(2020, 1, 1), None, date(2023, 9, 10)) == date(2020, 1, 1)


@pytest.mark.parametrize(
    ("facts", "completed_on", "documents", "message"),
    [
        (CompletionFacts(notified_on=date(2024, 1, 1)), date(2025, 11, 20), True, None),
        (
            CompletionFacts(notified_on=date(2024, 1, 1)),
            date(2023, 1, 1),
            True,
            "La date d'achèvement ne peut pas être antérieure à la date de notification du projet",
        ),
        (
            CompletionFacts(notified_on=date(2024, 1, 1)),
            date(2030, 1, 1),
            True,
            "La date d'achèvement ne peut pas être une date future",
        ),
        (CompletionFacts(statut_laureat="achevé"), date(2025, 1, 1), True, "Le projet est déjà achevé"),
        (
            CompletionFacts(statut_laureat="abandonné"),
            date(2025, 1, 1),
            True,
            "Impossible de faire un changement pour un projet abandonné",
        ),
        (CompletionFacts(statut="éliminé"), date(2025, 1, 1), True, "Le projet lauréat n'existe pas"),
        (
            CompletionFacts(),
            date(2025, 1, 1),
            False,
            "L'attestation de conformité et le rapport du contrôleur sont obligatoires",
        ),
    ],
)
def test_transmit_completion(facts, completed_on, documents, message):
    if message is None:
        assert check_transmit(facts, completed_on, TODAY, has_documents=documents) == completed_on
    else:
        with pytest.raises(CompletionRefused) as refused:
            check_transmit(facts, completed_on, TODAY, has_documents=documents)
        assert refused.value.message == message


def test_attestation_rules():
    with pytest.raises(CompletionRefused, match="Le projet n'est pas achevé"):
        check_record_attestation(CompletionFacts())
    with pytest.raises(
        CompletionRefused, match="Une attestation de conformité et un rapport associé sont déjà présents pour ce projet"
    ):
        check_record_attestation(CompletionFacts(statut_laureat="achevé", has_attestation=True))
    with pytest.raises(CompletionRefused, match="L'attestation de conformité n'est pas transmise"):
        check_modify_attestation(CompletionFacts(statut_laureat="achevé"), same_documents=False)
    with pytest.raises(CompletionRefused, match="Aucune modification n'a été transmise"):
        check_modify_attestation(CompletionFacts(statut_laureat="achevé", has_attestation=True), same_documents=True)
    with pytest.raises(
        CompletionRefused, match="La date de transmission au Cocontractant ne peut pas être une date future"
    ):
        check_transmission_date(date(2040, 1, 1), TODAY)


DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@given(day=DAYS, months=st.integers(min_value=-240, max_value=240))
def test_month_arithmetic(day, months):
    """Exactly `months` calendar months later, on the same day or the month's last day."""
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    last_day = calendar.monthrange(moved.year, moved.month)[1]
    assert moved.day == min(day.day, last_day)


@given(day=DAYS, a=st.integers(min_value=0, max_value=120), b=st.integers(min_value=0, max_value=120))
def test_delais_never_move_the_date_backwards(day, a, b):
    assert apply_delai(day, a) >= day
    if a <= b:
        assert apply_delai(day, a) <= apply_delai(day, b)


@given(day=DAYS.filter(lambda d: d.day <= 28), months=st.integers(min_value=0, max_value=240))
def test_days_up_to_28_survive_the_round_trip(day, months):
    assert add_months(add_months(day, months), -months) == day


ACHEVE = CompletionFacts(statut_laureat="achevé", notified_on=date(2024, 1, 1))
WITH_ATTESTATION = CompletionFacts(statut_laureat="achevé", notified_on=date(2024, 1, 1), has_attestation=True)
ACTIF = CompletionFacts(notified_on=date(2024, 1, 1))
DOCS = CompletionInput(has_documents=True)


@pytest.mark.parametrize(
    ("act", "facts", "given", "message"),
    [
        # the administration records the real completion date for the co-contractor
        (Act.RECORD_DATE, ACTIF, CompletionInput(completed_on=date(2025, 11, 14)), None),
        (
            Act.RECORD_DATE,
            CompletionFacts(statut="éliminé"),
            CompletionInput(completed_on=date(2025, 11, 14)),
            NOT_LAUREAT,
        ),
        (Act.RECORD_DATE, ACTIF, CompletionInput(completed_on=date(2023, 1, 1)), DATE_BEFORE_NOTIFICATION),
        (Act.RECORD_DATE, ACTIF, CompletionInput(completed_on=date(2050, 9, 1)), DATE_FUTURE),
        (Act.RECORD_DATE, ACHEVE, CompletionInput(completed_on=date(2025, 11, 14)), ALREADY_ACHIEVED),
        (
            Act.RECORD_DATE,
            CompletionFacts(statut_laureat="abandonné"),
            CompletionInput(completed_on=date(2025, 1, 1)),
            ABANDONED,
        ),
        # the administration modifies (or corrects) the real completion
        (Act.MODIFY, ACHEVE, CompletionInput(completed_on=date(2025, 11, 20)), None),
        (Act.MODIFY, ACTIF, CompletionInput(completed_on=date(2025, 11, 20)), NOT_ACHIEVED),
        (Act.MODIFY, CompletionFacts(statut="éliminé"), CompletionInput(completed_on=date(2025, 11, 20)), NOT_LAUREAT),
        (Act.MODIFY, ACHEVE, CompletionInput(completed_on=date(2023, 1, 1)), DATE_BEFORE_NOTIFICATION),
        (Act.MODIFY, ACHEVE, CompletionInput(completed_on=date(2050, 9, 1)), DATE_FUTURE),
        (Act.MODIFY, ACHEVE, CompletionInput(transmitted_on=date(2040, 1, 1)), TRANSMISSION_FUTURE),
        (Act.MODIFY, ACHEVE, CompletionInput(completed_on=date(2025, 11, 20), changes=False), NOTHING_MODIFIED),
        # the holder records the attestation after a recorded date, or replaces it
        (Act.RECORD_ATTESTATION, ACHEVE, DOCS, None),
        (Act.RECORD_ATTESTATION, ACTIF, DOCS, NOT_ACHIEVED),
        (Act.RECORD_ATTESTATION, WITH_ATTESTATION, DOCS, ATTESTATION_ALREADY),
        (Act.RECORD_ATTESTATION, ACHEVE, CompletionInput(), DOCUMENTS_REQUIRED),
        (Act.MODIFY_ATTESTATION, WITH_ATTESTATION, DOCS, None),
        (Act.MODIFY_ATTESTATION, ACTIF, DOCS, NOT_ACHIEVED),
        (Act.MODIFY_ATTESTATION, ACHEVE, DOCS, ATTESTATION_MISSING),
        (Act.MODIFY_ATTESTATION, WITH_ATTESTATION, CompletionInput(has_documents=True, changes=False), NOTHING_CHANGED),
        # the holder transmits: the transmission date cannot be ahead
        (
            Act.TRANSMIT,
            ACTIF,
            CompletionInput(completed_on=date(2025, 1, 1), transmitted_on=date(2040, 1, 1), has_documents=True),
            TRANSMISSION_FUTURE,
        ),
        (
            Act.TRANSMIT,
            ACTIF,
            CompletionInput(completed_on=date(2025, 1, 1), transmitted_on=date(2025, 2, 1), has_documents=True),
            None,
        ),
    ],
)
def test_completion_acts(act, facts, given, message):
    if message is None:
        check(act, facts, given, TODAY)
    else:
        with pytest.raises(CompletionRefused) as refused:
            check(act, facts, given, TODAY)
        assert refused.value.message == message


def test_every_act_has_its_checks():
    assert set(CHECKS) == set(Act)
