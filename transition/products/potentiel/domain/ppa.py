"""The PPA signal (« power purchase agreement »): a holder who abandons the State's support may say
that the project goes on under a private electricity purchase contract.

The holder ticks it when asking for the abandon; the instructor granting the abandon may leave it,
signal it (when the holder did not) or withdraw it (when the holder did); cancelling the abandon
request withdraws it. A project signalled as gone in PPA keeps its grid connection open after the
abandon (see `domain.grid.check_project_state`).
"""

from enum import StrEnum


class PPARefused(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


ALREADY_SIGNALLED = "Le projet est déjà signalé comme étant parti en PPA"
NOT_SIGNALLED = "Le projet n'a pas été signalé comme étant parti en PPA"


class GrantOption(StrEnum):
    """What the instructor does with the PPA signal while granting an abandon."""

    KEEP = "conserver"  # leave the signal as the holder gave it (or its absence)
    SIGNAL = "signaler"
    WITHDRAW = "annuler"


# (option, signalled before) → signalled after, or the refusal
GRANT_RULES: dict[tuple[GrantOption, bool], bool | str] = {
    (GrantOption.KEEP, False): False,
    (GrantOption.KEEP, True): True,
    (GrantOption.SIGNAL, False): True,
    (GrantOption.SIGNAL, True): ALREADY_SIGNALLED,
    (GrantOption.WITHDRAW, False): NOT_SIGNALLED,
    (GrantOption.WITHDRAW, True): False,
}


def signalled_after_grant(option: GrantOption | str, signalled: bool) -> bool:
    outcome = GRANT_RULES[(GrantOption(option), signalled)]
    if isinstance(outcome, str):
        raise PPARefused(outcome)
    return outcome


def check_signal(signalled: bool) -> None:
    if signalled:
        raise PPARefused(ALREADY_SIGNALLED)


def check_withdraw(signalled: bool) -> None:
    if not signalled:
        raise PPARefused(NOT_SIGNALLED)
