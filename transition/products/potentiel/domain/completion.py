"""Completion (« achèvement »): planned date, its moves, reminders, and the real completion.

The planned completion date moves with each granted délai (month arithmetic clamped to the
month's end) and with the extension a chosen cahier des charges grants when its condition holds
(the CDC of 30/08/2022: +18 months when the project was commissioned within its interval). The
holder is reminded three, two and one month(s) before. The attestation of conformity, with the
date of completion, marks the project « achevé ».
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .dates import cdc_extension_applies
from .months import add_months


def apply_delai(planned: date, months: int) -> date:
    """A granted délai of `months` moves the planned completion date."""
    return add_months(planned, months)


def completion_reminders(planned: date) -> dict[str, date]:
    """« Rappel échéance achèvement » at three, two and one month(s) before the planned date."""
    return {
        "trois-mois": add_months(planned, -3),
        "deux-mois": add_months(planned, -2),
        "un-mois": add_months(planned, -1),
    }


def with_cdc_extension(planned: date, delai_applicable: dict | None, commissioned_on: date | None) -> date:
    """+ the months a chosen cahier des charges grants (`delai_applicable` of the referential:
    {"mois", "mise_en_service_min", "mise_en_service_max"}) when commissioned within its interval."""
    if cdc_extension_applies(delai_applicable, commissioned_on):
        return add_months(planned, int(delai_applicable["mois"]))
    return planned


class CompletionRefused(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


ALREADY_ACHIEVED = "Le projet est déjà achevé"
NOT_ACHIEVED = "Le projet n'est pas achevé"
ABANDONED = "Impossible de faire un changement pour un projet abandonné"
NOT_LAUREAT = "Le projet lauréat n'existe pas"
DATE_BEFORE_NOTIFICATION = "La date d'achèvement ne peut pas être antérieure à la date de notification du projet"
DATE_FUTURE = "La date d'achèvement ne peut pas être une date future"
TRANSMISSION_FUTURE = "La date de transmission au Cocontractant ne peut pas être une date future"
ATTESTATION_MISSING = "L'attestation de conformité n'est pas transmise"
ATTESTATION_ALREADY = "Une attestation de conformité et un rapport associé sont déjà présents pour ce projet"
NOTHING_CHANGED = "Aucune modification n'a été transmise"
NOTHING_MODIFIED = "Aucune modification n'a été apportée"
DOCUMENTS_REQUIRED = "L'attestation de conformité et le rapport du contrôleur sont obligatoires"


@dataclass(frozen=True)
class CompletionFacts:
    statut: str = "lauréat"
    statut_laureat: str = "actif"
    notified_on: date | None = None
    has_attestation: bool = False


@dataclass(frozen=True)
class CompletionInput:
    """What an act brings: a completion date, a date of transmission to the co-contractor, whether
    both documents come with it, and whether it changes anything (for a modification)."""

    completed_on: date | None = None
    transmitted_on: date | None = None
    has_documents: bool = False
    changes: bool = True


class Act(StrEnum):
    """The acts on a project's completion, and who does them in Potentiel.

    The original lets the co-contractor (EDF OA) transmit and correct the real completion date;
    Potentiel has no co-contractor account: the administration records and corrects that date
    (RECORD_DATE, MODIFY) under the same rules."""

    TRANSMIT = "transmettre"  # the holder: attestation, report and date → achevé
    RECORD_DATE = "enregistrer-date"  # the administration, for the co-contractor: the date → achevé
    MODIFY = "modifier"  # the administration: date, transmission date, documents
    RECORD_ATTESTATION = "enregistrer-attestation"  # the holder, after a recorded date
    MODIFY_ATTESTATION = "modifier-attestation"  # the holder replaces the documents


def _laureat(facts, given, today):
    return NOT_LAUREAT if facts.statut != "lauréat" else None


def _not_abandoned(facts, given, today):
    return ABANDONED if facts.statut_laureat == "abandonné" else None


def _not_yet_achieved(facts, given, today):
    return ALREADY_ACHIEVED if facts.statut_laureat == "achevé" else None


def _achieved(facts, given, today):
    return NOT_ACHIEVED if facts.statut_laureat != "achevé" else None


def _documents(facts, given, today):
    return DOCUMENTS_REQUIRED if not given.has_documents else None


def _transmission_date(facts, given, today):
    return TRANSMISSION_FUTURE if given.transmitted_on and given.transmitted_on > today else None


def _completion_date(facts, given, today):
    if given.completed_on is None:
        return None
    if facts.notified_on and given.completed_on < facts.notified_on:
        return DATE_BEFORE_NOTIFICATION
    return DATE_FUTURE if given.completed_on > today else None


def _no_attestation(facts, given, today):
    return ATTESTATION_ALREADY if facts.has_attestation else None


def _has_attestation(facts, given, today):
    return ATTESTATION_MISSING if not facts.has_attestation else None


def _documents_changed(facts, given, today):
    return NOTHING_CHANGED if not given.changes else None


def _values_changed(facts, given, today):
    return NOTHING_MODIFIED if not given.changes else None


# Each act's checks, in the order the refusals are given (the first that fails is the answer).
CHECKS = {
    Act.TRANSMIT: (_laureat, _not_abandoned, _not_yet_achieved, _documents, _transmission_date, _completion_date),
    Act.RECORD_DATE: (_laureat, _not_abandoned, _not_yet_achieved, _completion_date),
    Act.MODIFY: (_laureat, _achieved, _transmission_date, _completion_date, _values_changed),
    Act.RECORD_ATTESTATION: (_laureat, _achieved, _no_attestation, _documents),
    Act.MODIFY_ATTESTATION: (_laureat, _achieved, _has_attestation, _documents_changed),
}


def check(act: Act, facts: CompletionFacts, given: CompletionInput, today: date) -> None:
    """Refuse the act with the first rule it breaks (CHECKS)."""
    for rule in CHECKS[act]:
        message = rule(facts, given, today)
        if message:
            raise CompletionRefused(message)


def check_transmit(
    facts: CompletionFacts, completed_on: date, today: date, *, has_documents: bool, transmitted_on: date | None = None
) -> date:
    """The holder transmits the attestation of conformity and the report: the project is achevé."""
    given = CompletionInput(completed_on=completed_on, transmitted_on=transmitted_on, has_documents=has_documents)
    check(Act.TRANSMIT, facts, given, today)
    return completed_on


def check_record_attestation(facts: CompletionFacts) -> None:
    """Recording the attestation afterwards (when the completion date came from the co-contractor)."""
    check(Act.RECORD_ATTESTATION, facts, CompletionInput(has_documents=True), date.max)


def check_modify_attestation(facts: CompletionFacts, *, same_documents: bool) -> None:
    check(Act.MODIFY_ATTESTATION, facts, CompletionInput(has_documents=True, changes=not same_documents), date.max)


def check_transmission_date(transmitted_on: date, today: date) -> date:
    if transmitted_on > today:
        raise CompletionRefused(TRANSMISSION_FUTURE)
    return transmitted_on
