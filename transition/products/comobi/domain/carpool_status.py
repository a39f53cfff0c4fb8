"""A confirmed trip (a passenger with a driver on a date): confirmed, then done, cancelled or
no-show. Pure Python. A mediator may correct a mistake by setting a closed trip back to
confirmed; nothing else moves a closed trip."""

from datetime import date
from enum import StrEnum


class CarpoolStatus(StrEnum):
    CONFIRMEE = "confirmee"
    EFFECTUEE = "effectuee"
    ANNULEE = "annulee"
    ABSENT = "absent"  # the passenger (or the driver) did not come


C = CarpoolStatus
TRANSITIONS: dict[CarpoolStatus, frozenset[CarpoolStatus]] = {
    C.CONFIRMEE: frozenset({C.EFFECTUEE, C.ANNULEE, C.ABSENT}),
    C.EFFECTUEE: frozenset({C.CONFIRMEE}),
    C.ANNULEE: frozenset({C.CONFIRMEE}),
    C.ABSENT: frozenset({C.CONFIRMEE}),
}
FAILED = frozenset({C.ANNULEE, C.ABSENT})


def change_allowed(current: CarpoolStatus, target: CarpoolStatus) -> bool:
    return target in TRANSITIONS[current]


NOT_BEFORE_THE_DAY = frozenset({C.EFFECTUEE, C.ABSENT})  # what only the trip's day can tell


def statuses_open(current: CarpoolStatus, *, day: date, today: date) -> frozenset[CarpoolStatus]:
    """The outcomes that may be set now: before the trip's day it can only be cancelled."""
    allowed = TRANSITIONS[current]
    return allowed - NOT_BEFORE_THE_DAY if day > today else allowed
