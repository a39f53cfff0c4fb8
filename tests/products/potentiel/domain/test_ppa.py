"""The PPA signal: what granting an abandon does to it."""

import pytest

from transition.products.potentiel.domain.ppa import (
    ALREADY_SIGNALLED,
    NOT_SIGNALLED,
    GrantOption,
    PPARefused,
    check_signal,
    check_withdraw,
    signalled_after_grant,
)


@pytest.mark.parametrize(
    ("option", "before", "after"),
    [
        (GrantOption.KEEP, False, False),
        (GrantOption.KEEP, True, True),
        (GrantOption.SIGNAL, False, True),
        (GrantOption.SIGNAL, True, ALREADY_SIGNALLED),
        (GrantOption.WITHDRAW, True, False),
        (GrantOption.WITHDRAW, False, NOT_SIGNALLED),
        ("annuler", True, False),
    ],
)
def test_grant_options(option, before, after):
    if isinstance(after, str):
        with pytest.raises(PPARefused, match=after):
            signalled_after_grant(option, before)
    else:
        assert signalled_after_grant(option, before) is after


def test_signal_and_withdraw_once():
    check_signal(False)
    check_withdraw(True)
    with pytest.raises(PPARefused, match="déjà signalé"):
        check_signal(True)
    with pytest.raises(PPARefused, match="n'a pas été signalé"):
        check_withdraw(False)
