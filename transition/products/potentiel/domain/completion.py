"""Completion (« achèvement »): planned date, its moves, reminders, and the real completion.

The planned completion date moves with each granted délai (month arithmetic clamped to the
month's end) and with the extension a chosen cahier des charges grants when its condition holds
(the CDC of 30/08/2022: +18 months when the project was commissioned within its interval). The
holder is reminded three, two and one month(s) before. The attestation of conformity, with the
date of completion, marks the project « achevé ».
"""

from dataclasses import dataclass
from datetime import date

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
DOCUMENTS_REQUIRED = "L'attestation de conformité et le rapport du contrôleur sont obligatoires"


@dataclass(frozen=True)
class CompletionFacts:
    statut: str = "lauréat"
    statut_laureat: str = "actif"
    notified_on: date | None = None
    has_attestation: bool = False


def check_completion_date(completed_on: date, facts: CompletionFacts, today: date) -> date:
    if facts.notified_on and completed_on < facts.notified_on:
        raise CompletionRefused(DATE_BEFORE_NOTIFICATION)
    if completed_on > today:
        raise CompletionRefused(DATE_FUTURE)
    return completed_on


def check_transmit(facts: CompletionFacts, completed_on: date, today: date, *, has_documents: bool) -> date:
    """The holder transmits the attestation of conformity and the report: the project is achevé."""
    if facts.statut != "lauréat":
        raise CompletionRefused(NOT_LAUREAT)
    if facts.statut_laureat == "abandonné":
        raise CompletionRefused(ABANDONED)
    if facts.statut_laureat == "achevé":
        raise CompletionRefused(ALREADY_ACHIEVED)
    if not has_documents:
        raise CompletionRefused(DOCUMENTS_REQUIRED)
    return check_completion_date(completed_on, facts, today)


def check_record_attestation(facts: CompletionFacts) -> None:
    """Recording the attestation afterwards (when the completion came from the co-contractor)."""
    if facts.statut_laureat != "achevé":
        raise CompletionRefused(NOT_ACHIEVED)
    if facts.has_attestation:
        raise CompletionRefused(ATTESTATION_ALREADY)


def check_modify_attestation(facts: CompletionFacts, *, same_documents: bool) -> None:
    if not facts.has_attestation:
        raise CompletionRefused(ATTESTATION_MISSING)
    if same_documents:
        raise CompletionRefused(NOTHING_CHANGED)


def check_transmission_date(transmitted_on: date, today: date) -> date:
    if transmitted_on > today:
        raise CompletionRefused(TRANSMISSION_FUTURE)
    return transmitted_on
