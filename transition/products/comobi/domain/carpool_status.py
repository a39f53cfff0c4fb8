"""A confirmed trip (a passenger with a driver on a date): confirmed, then done, cancelled or
no-show. Pure Python. A mediator may correct a mistake by setting a closed trip back to
confirmed; nothing else moves a closed trip."""

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
