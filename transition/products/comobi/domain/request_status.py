"""A passenger's request from intake to close: the solidarity module's statuses. Pure Python.

The statuses are the peer platform's (Mobicoop's solidary module): créée, prise en compte,
recherche de solution, suivi, close. What moves a request is an event; the table says, for each
event, the status it leads to and from which statuses it applies (elsewhere it changes nothing).
A mediator may also set a status by hand along the allowed transitions.
"""

from enum import StrEnum


class RequestStatus(StrEnum):
    CREEE = "creee"
    PRISE_EN_COMPTE = "prise_en_compte"
    RECHERCHE = "recherche"
    SUIVI = "suivi"
    CLOSE = "close"


class Outcome(StrEnum):
    """Why a request was closed."""

    TRAJET_EFFECTUE = "trajet_effectue"
    SANS_SOLUTION = "sans_solution"
    ANNULEE = "annulee"  # by the passenger
    AUTRE = "autre"


class RequestEvent(StrEnum):
    OPENED_BY_MEDIATOR = "opened"  # a mediator looked at it
    HANDED_TO_MEDIATOR = "handed"  # the passenger asked the mediator to take over
    CONTACT_LOGGED = "contact"  # someone was called, written to
    DRIVER_CONTACTED = "driver_contacted"  # the passenger took a driver's contact
    CARPOOL_CONFIRMED = "confirmed"
    CARPOOL_FAILED = "failed"  # a confirmed trip was cancelled or the passenger did not come
    ALL_CARPOOLS_DONE = "done"
    CLOSED = "closed"
    REOPENED = "reopened"


S = RequestStatus
OPEN = frozenset({S.CREEE, S.PRISE_EN_COMPTE, S.RECHERCHE, S.SUIVI})

# event -> (status it leads to, statuses it applies from)
EVENTS: dict[RequestEvent, tuple[RequestStatus, frozenset[RequestStatus]]] = {
    RequestEvent.OPENED_BY_MEDIATOR: (S.PRISE_EN_COMPTE, frozenset({S.CREEE})),
    RequestEvent.HANDED_TO_MEDIATOR: (S.PRISE_EN_COMPTE, frozenset({S.CREEE})),
    RequestEvent.CONTACT_LOGGED: (S.RECHERCHE, frozenset({S.CREEE, S.PRISE_EN_COMPTE})),
    RequestEvent.DRIVER_CONTACTED: (S.RECHERCHE, frozenset({S.CREEE, S.PRISE_EN_COMPTE})),
    RequestEvent.CARPOOL_CONFIRMED: (S.SUIVI, frozenset({S.CREEE, S.PRISE_EN_COMPTE, S.RECHERCHE})),
    RequestEvent.CARPOOL_FAILED: (S.RECHERCHE, frozenset({S.SUIVI})),
    RequestEvent.ALL_CARPOOLS_DONE: (S.CLOSE, frozenset({S.SUIVI})),
    RequestEvent.CLOSED: (S.CLOSE, OPEN),
    RequestEvent.REOPENED: (S.RECHERCHE, frozenset({S.CLOSE})),
}

# What a mediator may choose by hand from each status.
MANUAL: dict[RequestStatus, frozenset[RequestStatus]] = {
    S.CREEE: frozenset({S.PRISE_EN_COMPTE, S.RECHERCHE, S.CLOSE}),
    S.PRISE_EN_COMPTE: frozenset({S.RECHERCHE, S.CLOSE}),
    S.RECHERCHE: frozenset({S.PRISE_EN_COMPTE, S.SUIVI, S.CLOSE}),
    S.SUIVI: frozenset({S.RECHERCHE, S.CLOSE}),
    S.CLOSE: frozenset({S.RECHERCHE}),
}


def status_after(current: RequestStatus, event: RequestEvent) -> RequestStatus:
    """The status after `event`; unchanged when the event does not apply to the current status."""
    target, applies_from = EVENTS[event]
    return target if current in applies_from else current


def manual_change_allowed(current: RequestStatus, target: RequestStatus) -> bool:
    return target in MANUAL[current]


def is_open(status: RequestStatus) -> bool:
    return status in OPEN


def is_unmet(status: RequestStatus, outcome: Outcome | None) -> bool:
    """A request still waiting for a driver, or closed without one."""
    if status in {S.CREEE, S.PRISE_EN_COMPTE, S.RECHERCHE}:
        return True
    return status == S.CLOSE and outcome == Outcome.SANS_SOLUTION
