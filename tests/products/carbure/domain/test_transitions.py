"""Who may do what to a lot, and when: the table of the lot's life, at its edges."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.carbure.domain.transitions import Action, LotState, Party, allowed, allowed_actions, refusal
from transition.products.carbure.domain.vocabulary import CorrectionStatus, LotStatus

C, S, K = Party.CREATOR, Party.SUPPLIER, Party.CLIENT
OK, FIX, FIXED = CorrectionStatus.NO_PROBLEMO, CorrectionStatus.IN_CORRECTION, CorrectionStatus.FIXED


def state(status, parties, correction=OK, **flags):
    return LotState(LotStatus(status), correction, frozenset(parties), **flags)


@pytest.mark.parametrize(
    ("action", "status", "parties", "correction", "flags", "expected"),
    [
        (Action.SEND, "DRAFT", {C, S}, OK, {}, True),
        (Action.SEND, "DRAFT", {C, S}, OK, {"has_blocking_errors": True}, False),
        (Action.SEND, "DRAFT", {C, S}, OK, {"year_locked": True}, False),
        (Action.SEND, "DRAFT", {K}, OK, {}, False),
        (Action.SEND, "PENDING", {C, S}, OK, {}, False),
        (Action.UPDATE, "DRAFT", {C}, OK, {}, True),
        (Action.UPDATE, "PENDING", {C}, OK, {}, False),
        (Action.UPDATE, "PENDING", {C}, FIX, {}, True),
        (Action.UPDATE, "ACCEPTED", {C}, FIXED, {}, False),
        (Action.UPDATE, "FROZEN", {C}, FIX, {}, False),
        (Action.DELETE, "DRAFT", {C}, OK, {}, True),
        (Action.DELETE, "REJECTED", {C}, OK, {}, True),
        (Action.DELETE, "ACCEPTED", {C}, OK, {}, False),
        (Action.ACCEPT, "PENDING", {K}, OK, {}, True),
        (Action.ACCEPT, "REJECTED", {K}, OK, {}, True),  # the client changed its mind
        (Action.ACCEPT, "PENDING", {K}, FIX, {}, False),
        (Action.ACCEPT, "PENDING", {C, S}, OK, {}, False),
        (Action.ACCEPT, "FROZEN", {K}, OK, {}, False),
        (Action.REJECT, "PENDING", {K}, OK, {}, True),
        (Action.REJECT, "ACCEPTED", {K}, OK, {}, False),
        (Action.REQUEST_FIX, "ACCEPTED", {K}, OK, {}, True),
        (Action.REQUEST_FIX, "ACCEPTED", {K}, OK, {"year_locked": True}, False),
        (Action.REQUEST_FIX, "FROZEN", {K}, OK, {}, False),
        (Action.REQUEST_FIX, "PENDING", {K}, FIX, {}, False),
        (Action.RECALL, "PENDING", {S}, OK, {}, True),
        (Action.RECALL, "ACCEPTED", {C}, OK, {}, True),
        (Action.RECALL, "DRAFT", {C}, OK, {}, False),
        (Action.SUBMIT_FIX, "PENDING", {C}, FIX, {}, True),
        (Action.SUBMIT_FIX, "PENDING", {C}, FIX, {"has_blocking_errors": True}, False),
        (Action.SUBMIT_FIX, "PENDING", {K}, FIX, {}, False),
        (Action.APPROVE_FIX, "ACCEPTED", {K}, FIXED, {}, True),
        (Action.APPROVE_FIX, "ACCEPTED", {K}, FIX, {}, False),
        (Action.CANCEL_ACCEPT, "ACCEPTED", {K}, OK, {}, True),
        (Action.CANCEL_ACCEPT, "ACCEPTED", {K}, OK, {"descendants_in_use": True}, False),
        (Action.CANCEL_ACCEPT, "FROZEN", {K}, OK, {}, False),
        (Action.COMMENT, "FROZEN", {K}, OK, {"year_locked": True}, True),
        (Action.COMMENT, "DELETED", {C}, OK, {}, False),
        (Action.COMMENT, "PENDING", set(), OK, {}, False),
    ],
)
def test_the_table(action, status, parties, correction, flags, expected):
    assert allowed(action, state(status, parties, correction, **flags)) is expected


def test_every_refusal_is_a_french_sentence():
    reason = refusal(Action.ACCEPT, state("FROZEN", {K}))
    assert reason == "Action impossible : ce lot est déclaré par les deux parties."
    assert refusal(Action.SEND, state("DRAFT", {K})) == "Action impossible : seule l’entité qui a créé le lot le peut."


@given(
    st.sampled_from(list(LotStatus)),
    st.sampled_from(list(CorrectionStatus)),
    st.sets(st.sampled_from(list(Party))),
    st.booleans(),
    st.booleans(),
)
def test_frozen_and_deleted_lots_only_take_comments(status, correction, parties, blocking, locked):
    actions = allowed_actions(state(status, parties, correction, has_blocking_errors=blocking, year_locked=locked))
    if status in (LotStatus.FROZEN, LotStatus.DELETED):
        assert actions <= {Action.COMMENT}
    if not parties:
        assert not actions
