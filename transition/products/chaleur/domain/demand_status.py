"""The life of a connection demand: its statuses, the status it starts with, the changes allowed,
and when follow-up emails fall due. Pure Python: no Django here."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class DemandStatus(StrEnum):
    A_TRAITER = "a_traiter"
    EN_ATTENTE = "en_attente"
    NON_REALISABLE = "non_realisable"
    ETUDE_EN_COURS = "etude_en_cours"
    VOTE_EN_AG = "vote_en_ag"
    TRAVAUX_EN_COURS = "travaux_en_cours"
    REALISE = "realise"
    ABANDONNE = "abandonne"


STATUS_LABELS: dict[DemandStatus, str] = {
    DemandStatus.A_TRAITER: "À traiter",
    DemandStatus.EN_ATTENTE: "En attente de prise en charge",
    DemandStatus.NON_REALISABLE: "Non réalisable",
    DemandStatus.ETUDE_EN_COURS: "Étude en cours",
    DemandStatus.VOTE_EN_AG: "Voté en AG",
    DemandStatus.TRAVAUX_EN_COURS: "Travaux en cours",
    DemandStatus.REALISE: "Réalisé",
    DemandStatus.ABANDONNE: "Projet abandonné",
}

STATUS_CHOICES: list[tuple[str, str]] = [(s.value, STATUS_LABELS[s]) for s in DemandStatus]

# Statuses after which nobody waits for anything: no reminder, no follow-up.
CLOSED_STATUSES = frozenset({DemandStatus.NON_REALISABLE, DemandStatus.REALISE, DemandStatus.ABANDONNE})

# Which status may follow which. An operator can always correct a mistake towards a neighbouring
# step, but a demand never goes back to "À traiter" once someone has taken it in hand, and a
# closed demand reopens only into the study phase.
_OPEN_TARGETS = frozenset(DemandStatus) - {DemandStatus.A_TRAITER}
ALLOWED_TRANSITIONS: dict[DemandStatus, frozenset[DemandStatus]] = {
    DemandStatus.A_TRAITER: frozenset(DemandStatus) - {DemandStatus.A_TRAITER},
    DemandStatus.EN_ATTENTE: _OPEN_TARGETS - {DemandStatus.EN_ATTENTE},
    DemandStatus.ETUDE_EN_COURS: _OPEN_TARGETS - {DemandStatus.ETUDE_EN_COURS},
    DemandStatus.VOTE_EN_AG: _OPEN_TARGETS - {DemandStatus.VOTE_EN_AG},
    DemandStatus.TRAVAUX_EN_COURS: _OPEN_TARGETS - {DemandStatus.TRAVAUX_EN_COURS},
    DemandStatus.NON_REALISABLE: frozenset({DemandStatus.EN_ATTENTE, DemandStatus.ETUDE_EN_COURS}),
    DemandStatus.ABANDONNE: frozenset({DemandStatus.EN_ATTENTE, DemandStatus.ETUDE_EN_COURS}),
    DemandStatus.REALISE: frozenset({DemandStatus.TRAVAUX_EN_COURS}),
}


# The way forward of an open demand; "Non réalisable" and "Projet abandonné" close it from any step.
PROGRESSION: tuple[DemandStatus, ...] = (
    DemandStatus.A_TRAITER,
    DemandStatus.EN_ATTENTE,
    DemandStatus.ETUDE_EN_COURS,
    DemandStatus.VOTE_EN_AG,
    DemandStatus.TRAVAUX_EN_COURS,
    DemandStatus.REALISE,
)


def is_backward(current: str, target: str) -> bool:
    """A step back along the progression ("En attente" after "Étude en cours"): allowed, to correct a
    mistake, but never by one careless click (the back-office asks for a confirmation)."""
    try:
        current_s, target_s = DemandStatus(current), DemandStatus(target)
    except ValueError:
        return False
    if current_s not in PROGRESSION or target_s not in PROGRESSION:
        return False
    return PROGRESSION.index(target_s) < PROGRESSION.index(current_s)


def backward_error(current: str, target: str) -> str:
    return (
        f"« {status_label(target)} » est une étape antérieure à « {status_label(current)} » : cochez "
        "« Je confirme revenir à une étape antérieure » pour changer le statut."
    )


def status_label(status: str) -> str:
    return STATUS_LABELS[DemandStatus(status)]


def initial_status(*, eligible: bool) -> DemandStatus:
    """A demand starts "À traiter" when its address is eligible, otherwise "Non réalisable"."""
    return DemandStatus.A_TRAITER if eligible else DemandStatus.NON_REALISABLE


def transition_error(current: str, target: str) -> str | None:
    """None when the change is allowed, otherwise why not, in French."""
    try:
        current_s, target_s = DemandStatus(current), DemandStatus(target)
    except ValueError:
        return "Statut inconnu."
    if current_s == target_s:
        return f"La demande est déjà au statut « {STATUS_LABELS[current_s]} »."
    if target_s not in ALLOWED_TRANSITIONS[current_s]:
        return f"Une demande « {STATUS_LABELS[current_s]} » ne peut pas passer à « {STATUS_LABELS[target_s]} »."
    return None


def can_volunteer_as_ambassador(status: str) -> bool:
    """Only a condominium already connected ("Réalisé") can speak of its experience."""
    return status == DemandStatus.REALISE


def is_open(status: str) -> bool:
    return DemandStatus(status) not in CLOSED_STATUSES


# Follow-ups: the requester hears from us at day 30 and day 45 while the demand is still open.
FOLLOWUP_DAYS: tuple[int, ...] = (30, 45)
# Operators are reminded of a demand still "À traiter" after 7 days, then at most once a week.
REMINDER_AFTER_DAYS = 7
REMINDER_EVERY_DAYS = 7


@dataclass(frozen=True)
class FollowupState:
    created_at: datetime
    status: str
    sent_days: frozenset[int]  # the follow-ups already sent (30, 45)


def followups_due(state: FollowupState, now: datetime) -> list[int]:
    """The follow-ups due now and not yet sent. Only the latest one due is sent: a demand that
    reaches day 45 without its day-30 email gets the day-45 one, not both at once."""
    if not is_open(state.status):
        return []
    age = now - state.created_at
    due = [day for day in FOLLOWUP_DAYS if age >= timedelta(days=day)]
    if not due:
        return []
    latest = max(due)
    if latest in state.sent_days:
        return []
    return [latest]


def reminder_due(*, created_at: datetime, status: str, last_reminder_at: datetime | None, now: datetime) -> bool:
    """An operator is reminded of a demand still "À traiter" after 7 days, and again each week
    while it stays there."""
    if status != DemandStatus.A_TRAITER or now - created_at < timedelta(days=REMINDER_AFTER_DAYS):
        return False
    return last_reminder_at is None or now - last_reminder_at >= timedelta(days=REMINDER_EVERY_DAYS)
