"""Financial guarantees (« garanties financières »): types, deposit, validation, expiry, release.

A project subject to guarantees has at most one *current* guarantee (validated by the DREAL,
« validé », then « échu » the day after its due date or « levé » when released) and at most one
*deposit* awaiting validation. Guarantees are *expected* (« attendues ») with a reason and a
deadline when none are current: after notification, a granted recours, a producteur change
(within two months), or expiry.

Each operation is guarded by a row of `GUARDS`: (condition on the facts, French refusal). The
conditions are checked in order; `check` is the interpreter. Release (« mainlevée ») is a
request whose statuses follow `lifecycle.LIFECYCLES["mainlevée"]`.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from . import lifecycle
from .months import add_months


class GuaranteeType(StrEnum):
    CONSIGNATION = "consignation"
    AVEC_DATE_ECHEANCE = "avec-date-échéance"
    SIX_MOIS_APRES_ACHEVEMENT = "six-mois-après-achèvement"
    EXEMPTION = "exemption"
    TYPE_INCONNU = "type-inconnu"


TYPE_LABELS = {
    GuaranteeType.CONSIGNATION: "Consignation",
    GuaranteeType.AVEC_DATE_ECHEANCE: "Garantie bancaire avec date d'échéance",
    GuaranteeType.SIX_MOIS_APRES_ACHEVEMENT: "Garantie bancaire valable jusqu'à six mois après l'achèvement",
    GuaranteeType.EXEMPTION: "Exemption",
    GuaranteeType.TYPE_INCONNU: "Type inconnu",
}

# Types a holder may choose when depositing (« type inconnu » only comes from old imports).
DEPOSITABLE = frozenset(set(GuaranteeType) - {GuaranteeType.TYPE_INCONNU})


class GuaranteeStatus(StrEnum):
    VALIDE = "validé"
    ECHU = "échu"
    LEVE = "levé"


STATUS_LABELS = {GuaranteeStatus.VALIDE: "Validées", GuaranteeStatus.ECHU: "Échues", GuaranteeStatus.LEVE: "Levées"}


class ExpectedReason(StrEnum):
    NOTIFICATION = "notification"
    RECOURS_ACCORDE = "recours-accordé"
    CHANGEMENT_PRODUCTEUR = "changement-producteur"
    ECHEANCE = "échéance-garanties-financières-actuelles"


EXPECTED_LABELS = {
    ExpectedReason.NOTIFICATION: "Garanties financières à transmettre après la désignation",
    ExpectedReason.RECOURS_ACCORDE: "Garanties financières à transmettre après le recours accordé",
    ExpectedReason.CHANGEMENT_PRODUCTEUR: "Garanties financières à transmettre après le changement de producteur",
    ExpectedReason.ECHEANCE: "Garanties financières à renouveler : les actuelles sont échues",
}

# Months given to the holder to deposit, by reason (a producteur change: two months).
DEPOSIT_DELAY_MONTHS = {
    ExpectedReason.NOTIFICATION: 2,
    ExpectedReason.RECOURS_ACCORDE: 2,
    ExpectedReason.CHANGEMENT_PRODUCTEUR: 2,
    ExpectedReason.ECHEANCE: 1,
}


class MainleveeReason(StrEnum):
    PROJET_ABANDONNE = "projet-abandonné"
    PROJET_ACHEVE = "projet-achevé"


MAINLEVEE_LABELS = {
    MainleveeReason.PROJET_ABANDONNE: "Projet abandonné",
    MainleveeReason.PROJET_ACHEVE: "Projet achevé",
}


class GuaranteeRefused(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class GuaranteeFacts:
    statut_laureat: str = "actif"  # « actif », « abandonné », « achevé »
    current_status: GuaranteeStatus | None = None  # None: no current guarantees
    current_has_attestation: bool = False
    has_deposit: bool = False
    mainlevee_status: lifecycle.Status | None = None  # the last release request's status

    @property
    def has_current(self) -> bool:
        return self.current_status is not None


class Operation(StrEnum):
    SUBMIT_DEPOSIT = "submit-deposit"
    MODIFY_DEPOSIT = "modify-deposit"
    DELETE_DEPOSIT = "delete-deposit"
    VALIDATE_DEPOSIT = "validate-deposit"
    RECORD_CURRENT = "record-current"
    MODIFY_CURRENT = "modify-current"
    RECORD_ATTESTATION = "record-attestation"
    EXPIRE = "expire"
    REQUEST_MAINLEVEE = "request-mainlevee"


NO_CURRENT = "Il n'y a aucunes garanties financières actuelles pour ce projet"
NO_DEPOSIT = "Il n'y a aucun dépôt de garanties financières en cours pour ce projet"
ALREADY_EXPIRED = "Les garanties financières du projet sont déjà échues"
DEPOSIT_BLOCKS_RELEASE = (
    "Vous avez de nouvelles garanties financières à traiter pour ce projet. Pour demander la levée des garanties "
    "financières déjà validées vous devez d'abord annuler le dernier dépôt en attente de validation."
)

_M = lifecycle.Status

GUARDS: dict[Operation, tuple[tuple, ...]] = {
    Operation.SUBMIT_DEPOSIT: (
        (lambda f: f.statut_laureat == "abandonné", "Impossible de faire un changement pour un projet abandonné"),
        (
            lambda f: f.mainlevee_status is _M.DEMANDE,
            "Vous ne pouvez pas déposer de nouvelles garanties financières car vous avez une demande de mainlevée "
            "de garanties financières en cours",
        ),
        (
            lambda f: f.mainlevee_status is _M.EN_INSTRUCTION,
            "Vous ne pouvez pas déposer de nouvelles garanties financières car vous avez une mainlevée de garanties "
            "financières en cours d'instruction",
        ),
        (lambda f: f.has_deposit, "Il y a déjà des garanties financières en attente de validation pour ce projet"),
    ),
    Operation.MODIFY_DEPOSIT: ((lambda f: not f.has_deposit, NO_DEPOSIT),),
    Operation.DELETE_DEPOSIT: ((lambda f: not f.has_deposit, NO_DEPOSIT),),
    Operation.VALIDATE_DEPOSIT: ((lambda f: not f.has_deposit, NO_DEPOSIT),),
    Operation.RECORD_CURRENT: (
        (lambda f: f.current_status is GuaranteeStatus.VALIDE, "Il y a déjà des garanties financières pour ce projet"),
    ),
    Operation.MODIFY_CURRENT: ((lambda f: not f.has_current, NO_CURRENT),),
    Operation.RECORD_ATTESTATION: (
        (lambda f: not f.has_current, NO_CURRENT),
        (lambda f: f.current_has_attestation, "Il y a déjà une attestation pour ces garanties financières"),
    ),
    Operation.EXPIRE: (
        (lambda f: not f.has_current, NO_CURRENT),
        (lambda f: f.current_status is GuaranteeStatus.ECHU, ALREADY_EXPIRED),
        (
            lambda f: f.has_deposit,
            "Le projet dispose d'un dépôt de garanties financières en attente de validation, ce qui empêche de "
            "pouvoir échoir ses garanties financières",
        ),
    ),
    Operation.REQUEST_MAINLEVEE: (
        (lambda f: not f.has_current or f.current_status is GuaranteeStatus.LEVE, NO_CURRENT),
        (lambda f: f.has_deposit, DEPOSIT_BLOCKS_RELEASE),
        (lambda f: f.current_status is GuaranteeStatus.ECHU, ALREADY_EXPIRED),
    ),
}


def refusal(operation: Operation, facts: GuaranteeFacts) -> str | None:
    for condition, message in GUARDS[operation]:
        if condition(facts):
            return message
    return None


def check(operation: Operation, facts: GuaranteeFacts) -> None:
    message = refusal(operation, facts)
    if message:
        raise GuaranteeRefused(message)


# --- values --------------------------------------------------------------------------------------

TYPE_NOT_AVAILABLE = "Ce type de garanties financières n'est pas disponible pour cet appel d'offres"
DUE_DATE_FORBIDDEN = "La date d'échéance ne peut être renseignée pour ce type de garanties financières"
DUE_DATE_REQUIRED = "La date d'échéance est obligatoire pour ce type de garanties financières"
CONSTITUTION_FUTURE = "La date de constitution des garanties financières ne peut pas être une date future"
DEPOSIT_UNCHANGED = "Le dépôt de garanties financières n'a pas été modifié"


def check_values(
    kind: GuaranteeType | str,
    due_date: date | None,
    available: frozenset | set | tuple,
    *,
    constituted_on: date | None = None,
    today: date | None = None,
) -> GuaranteeType:
    """The type is one the appel d'offres offers; a due date goes with « avec date d'échéance »
    and only with it; the constitution date is not in the future."""
    try:
        kind = GuaranteeType(kind)
    except ValueError:
        raise GuaranteeRefused(TYPE_NOT_AVAILABLE) from None
    if kind.value not in {str(a) for a in available}:
        raise GuaranteeRefused(TYPE_NOT_AVAILABLE)
    if kind is GuaranteeType.AVEC_DATE_ECHEANCE and due_date is None:
        raise GuaranteeRefused(DUE_DATE_REQUIRED)
    if kind is not GuaranteeType.AVEC_DATE_ECHEANCE and due_date is not None:
        raise GuaranteeRefused(DUE_DATE_FORBIDDEN)
    if constituted_on and today and constituted_on > today:
        raise GuaranteeRefused(CONSTITUTION_FUTURE)
    return kind


def check_deposit_changed(old: tuple, new: tuple, document_changed: bool) -> None:
    """(type, due date, constitution date) unchanged and the same document: nothing to record."""
    if old == new and not document_changed:
        raise GuaranteeRefused(DEPOSIT_UNCHANGED)


def is_subject(famille_rule: str | None, ao_rule: str | None, *, has_famille: bool) -> bool:
    """Subject to guarantees: the family's rule when the project has a family, else the AO's;
    subject iff the value is set and is not « non soumis »."""
    value = famille_rule if has_famille else ao_rule
    return bool(value) and value != "non soumis"


# --- dates ---------------------------------------------------------------------------------------


def expiry_date(due_date: date) -> date:
    """Guarantees expire the day after their due date."""
    return due_date + timedelta(days=1)


def is_expired(due_date: date | None, on: date) -> bool:
    return due_date is not None and on > due_date


def status_when_recorded(due_date: date | None, today: date) -> GuaranteeStatus:
    """Guarantees validated or recorded with a due date already passed are expired at once."""
    return GuaranteeStatus.ECHU if is_expired(due_date, today) else GuaranteeStatus.VALIDE


EXPIRY_NOT_PASSED = "La date d'échéance des garanties financières n'est pas encore passée"


def check_expire(facts: GuaranteeFacts, due_date: date | None, on: date) -> None:
    check(Operation.EXPIRE, facts)
    if not is_expired(due_date, on):
        raise GuaranteeRefused(EXPIRY_NOT_PASSED)


def due_reminders(due_date: date) -> dict[str, date]:
    """Reminders one and three months before the due date."""
    return {"trois-mois": add_months(due_date, -3), "un-mois": add_months(due_date, -1)}


def deposit_deadline(since: date, reason: ExpectedReason) -> date:
    return add_months(since, DEPOSIT_DELAY_MONTHS[reason])


def deposit_reminder(since: date) -> date:
    """« Rappel des garanties financières à transmettre »: one month after they became expected."""
    return add_months(since, 1)


# --- release (mainlevée) -------------------------------------------------------------------------

NOT_ABANDONED = (
    "Votre demande de mainlevée de garanties financières est invalide car le projet n'est pas en statut abandonné"
)
NOT_ACHIEVED = (
    "Votre demande de mainlevée de garanties financières est invalide car le projet n'est pas en statut achevé"
)


def check_mainlevee_request(reason: MainleveeReason | str, facts: GuaranteeFacts) -> MainleveeReason:
    """A release is asked for an abandoned or achieved project, when no request is pending or
    granted, on current, unexpired guarantees with no deposit awaiting validation."""
    try:
        reason = MainleveeReason(reason)
    except ValueError:
        raise GuaranteeRefused("Le motif de la mainlevée est inconnu") from None
    if reason is MainleveeReason.PROJET_ABANDONNE and facts.statut_laureat != "abandonné":
        raise GuaranteeRefused(NOT_ABANDONED)
    if reason is MainleveeReason.PROJET_ACHEVE and facts.statut_laureat != "achevé":
        raise GuaranteeRefused(NOT_ACHIEVED)
    try:  # a request already in instruction or granted is said first (granted ones are « levées »)
        lifecycle.next_status(
            lifecycle.MAINLEVEE, lifecycle.Action.DEMANDER, facts.mainlevee_status, lifecycle.Actor.PORTEUR
        )
    except lifecycle.TransitionRefused as refused:
        raise GuaranteeRefused(refused.message) from None
    check(Operation.REQUEST_MAINLEVEE, facts)
    return reason


def mainlevee_reasons_open(facts: GuaranteeFacts) -> list[MainleveeReason]:
    """The reasons for which a release may be asked now: the holder's form offers only these."""
    reasons = []
    for reason in MainleveeReason:
        try:
            check_mainlevee_request(reason, facts)
        except GuaranteeRefused:
            continue
        reasons.append(reason)
    return reasons


# What the people concerned are told at each step of a release request (the step's effects in
# `lifecycle.LIFECYCLES["mainlevée"]` say who): (subject, message).
MAINLEVEE_NOTICES = {
    lifecycle.Action.DEMANDER: (
        "Demande de mainlevée des garanties financières",
        "Une demande de mainlevée des garanties financières attend votre instruction.",
    ),
    lifecycle.Action.ANNULER: (
        "Demande de mainlevée annulée",
        "Le porteur a annulé sa demande de mainlevée des garanties financières.",
    ),
    lifecycle.Action.PASSER_EN_INSTRUCTION: (
        "Demande de mainlevée en instruction",
        "La DREAL a commencé l'instruction de votre demande de mainlevée des garanties financières.",
    ),
    lifecycle.Action.ACCORDER: (
        "Demande de mainlevée accordée",
        "La DREAL a accordé la mainlevée de vos garanties financières : le courrier de réponse est sur Potentiel.",
    ),
    lifecycle.Action.REJETER: (
        "Demande de mainlevée rejetée",
        "La DREAL a rejeté votre demande de mainlevée des garanties financières : le courrier de réponse est sur "
        "Potentiel.",
    ),
}


# --- history -------------------------------------------------------------------------------------


class HistoryReason(StrEnum):
    """Why an entry joins the history of a project's guarantees."""

    MODIFICATION = "modification des garanties financières"  # replaced by a validated deposit or by the admin
    ENREGISTREMENT = "garanties financières enregistrées"  # replaced by guarantees the DREAL recorded
    ECHEANCE = "échéance des garanties financières"
    MAINLEVEE = "mainlevée des garanties financières"
    CHANGEMENT_PRODUCTEUR = "changement de producteur"
