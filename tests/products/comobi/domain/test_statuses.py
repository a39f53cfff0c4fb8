from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.comobi.domain.carpool_status import CarpoolStatus, change_allowed, statuses_open
from transition.products.comobi.domain.request_status import (
    MANUAL,
    Outcome,
    RequestEvent,
    RequestStatus,
    is_open,
    is_unmet,
    manual_change_allowed,
    status_after,
)

S, E = RequestStatus, RequestEvent


@pytest.mark.parametrize(
    ("current", "event", "after"),
    [
        (S.CREEE, E.OPENED_BY_MEDIATOR, S.PRISE_EN_COMPTE),
        (S.RECHERCHE, E.OPENED_BY_MEDIATOR, S.RECHERCHE),  # looking again changes nothing
        (S.CREEE, E.HANDED_TO_MEDIATOR, S.PRISE_EN_COMPTE),
        (S.PRISE_EN_COMPTE, E.CONTACT_LOGGED, S.RECHERCHE),
        (S.SUIVI, E.CONTACT_LOGGED, S.SUIVI),
        (S.CREEE, E.DRIVER_CONTACTED, S.RECHERCHE),
        (S.RECHERCHE, E.CARPOOL_CONFIRMED, S.SUIVI),
        (S.CREEE, E.CARPOOL_CONFIRMED, S.SUIVI),
        (S.SUIVI, E.CARPOOL_FAILED, S.RECHERCHE),
        (S.SUIVI, E.ALL_CARPOOLS_DONE, S.CLOSE),
        (S.RECHERCHE, E.CLOSED, S.CLOSE),
        (S.CLOSE, E.CLOSED, S.CLOSE),
        (S.CLOSE, E.REOPENED, S.RECHERCHE),
        (S.CLOSE, E.CARPOOL_CONFIRMED, S.CLOSE),  # a closed request is reopened first
    ],
)
def test_events(current, event, after):
    assert status_after(current, event) == after


@given(st.sampled_from(list(S)), st.lists(st.sampled_from(list(E))))
def test_events_only_lead_to_known_statuses_and_close_is_left_only_by_reopening(start, events):
    status = start
    for event in events:
        before = status
        status = status_after(status, event)
        assert status in S
        if before == S.CLOSE and status != S.CLOSE:
            assert event == E.REOPENED


def test_manual_changes():
    assert manual_change_allowed(S.CREEE, S.CLOSE)
    assert manual_change_allowed(S.CLOSE, S.RECHERCHE)
    assert not manual_change_allowed(S.CLOSE, S.SUIVI)
    assert not manual_change_allowed(S.CREEE, S.CREEE)
    assert set(MANUAL) == set(S)


def test_open_and_unmet():
    assert is_open(S.SUIVI) and not is_open(S.CLOSE)
    assert is_unmet(S.RECHERCHE, None)
    assert not is_unmet(S.SUIVI, None)
    assert is_unmet(S.CLOSE, Outcome.SANS_SOLUTION)
    assert not is_unmet(S.CLOSE, Outcome.TRAJET_EFFECTUE)


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (CarpoolStatus.CONFIRMEE, CarpoolStatus.EFFECTUEE, True),
        (CarpoolStatus.CONFIRMEE, CarpoolStatus.ABSENT, True),
        (CarpoolStatus.EFFECTUEE, CarpoolStatus.CONFIRMEE, True),
        (CarpoolStatus.EFFECTUEE, CarpoolStatus.ANNULEE, False),
        (CarpoolStatus.CONFIRMEE, CarpoolStatus.CONFIRMEE, False),
    ],
)
def test_carpool_changes(current, target, allowed):
    assert change_allowed(current, target) is allowed


C = CarpoolStatus
DAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("current", "today", "expected"),
    [
        (C.CONFIRMEE, date(2026, 11, 30), {C.ANNULEE}),  # the day before: only cancelled
        (C.CONFIRMEE, DAY, {C.EFFECTUEE, C.ANNULEE, C.ABSENT}),
        (C.CONFIRMEE, date(2026, 12, 2), {C.EFFECTUEE, C.ANNULEE, C.ABSENT}),
        (C.EFFECTUEE, DAY, {C.CONFIRMEE}),
        (C.ANNULEE, date(2026, 11, 30), {C.CONFIRMEE}),
    ],
)
def test_a_trip_cannot_be_marked_done_or_missed_before_its_day(current, today, expected):
    assert statuses_open(current, day=DAY, today=today) == expected
