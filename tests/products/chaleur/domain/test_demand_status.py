from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.chaleur.domain.assignment import assigned_network_id
from transition.products.chaleur.domain.demand_status import (
    ALLOWED_TRANSITIONS,
    DemandStatus,
    FollowupState,
    can_volunteer_as_ambassador,
    followups_due,
    initial_status,
    is_backward,
    reminder_due,
    status_label,
    transition_error,
)

T0 = datetime(2026, 1, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize(("eligible", "expected"), [(True, "À traiter"), (False, "Non réalisable")])
def test_initial_status(eligible, expected):
    assert status_label(initial_status(eligible=eligible)) == expected


def test_every_status_has_its_french_label():
    assert [status_label(s) for s in DemandStatus] == [
        "À traiter",
        "En attente de prise en charge",
        "Non réalisable",
        "Étude en cours",
        "Voté en AG",
        "Travaux en cours",
        "Réalisé",
        "Projet abandonné",
    ]


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("a_traiter", "en_attente", True),
        ("a_traiter", "realise", True),
        ("etude_en_cours", "vote_en_ag", True),
        ("vote_en_ag", "travaux_en_cours", True),
        ("travaux_en_cours", "realise", True),
        ("etude_en_cours", "a_traiter", False),
        ("realise", "a_traiter", False),
        ("realise", "travaux_en_cours", True),
        ("abandonne", "etude_en_cours", True),
        ("non_realisable", "en_attente", True),
        ("non_realisable", "realise", False),
        ("a_traiter", "a_traiter", False),
        ("a_traiter", "inconnu", False),
    ],
)
def test_transitions(current, target, allowed):
    assert (transition_error(current, target) is None) is allowed


@given(st.sampled_from(list(DemandStatus)), st.sampled_from(list(DemandStatus)))
def test_transition_error_agrees_with_the_table(current, target):
    error = transition_error(current, target)
    assert (error is None) == (target in ALLOWED_TRANSITIONS[current])
    if error:
        assert error.endswith(".")


def test_no_status_is_a_dead_end_except_by_design():
    for status, targets in ALLOWED_TRANSITIONS.items():
        assert targets, status
        assert status not in targets


def test_only_a_realised_demand_can_become_ambassador():
    assert [s for s in DemandStatus if can_volunteer_as_ambassador(s)] == [DemandStatus.REALISE]


@pytest.mark.parametrize(
    ("age_days", "status", "sent", "due"),
    [
        (29, "a_traiter", set(), []),
        (30, "a_traiter", set(), [30]),
        (31, "etude_en_cours", {30}, []),
        (45, "etude_en_cours", {30}, [45]),
        (45, "etude_en_cours", set(), [45]),
        (60, "etude_en_cours", {30, 45}, []),
        (60, "realise", set(), []),
        (60, "abandonne", set(), []),
        (30, "non_realisable", set(), []),
    ],
)
def test_followups_due(age_days, status, sent, due):
    state = FollowupState(created_at=T0, status=status, sent_days=frozenset(sent))
    assert followups_due(state, T0 + timedelta(days=age_days)) == due


@given(st.integers(min_value=0, max_value=400), st.sampled_from(list(DemandStatus)))
def test_a_followup_once_sent_is_never_due_again(age, status):
    now = T0 + timedelta(days=age)
    state = FollowupState(created_at=T0, status=status, sent_days=frozenset())
    due = followups_due(state, now)
    assert len(due) <= 1
    if due:
        again = FollowupState(created_at=T0, status=status, sent_days=frozenset(due))
        assert followups_due(again, now) == []


@pytest.mark.parametrize(
    ("age", "status", "last_reminder_age", "due"),
    [
        (timedelta(days=6, hours=23), "a_traiter", None, False),
        (timedelta(days=7), "a_traiter", None, True),
        (timedelta(days=20), "en_attente", None, False),
        (timedelta(days=20), "a_traiter", timedelta(days=6, hours=23), False),
        (timedelta(days=20), "a_traiter", timedelta(days=7), True),
        (timedelta(days=20), "realise", timedelta(days=30), False),
    ],
)
def test_operator_reminder(age, status, last_reminder_age, due):
    now = T0 + age
    last = None if last_reminder_age is None else now - last_reminder_age
    assert reminder_due(created_at=T0, status=status, last_reminder_at=last, now=now) is due


@pytest.mark.parametrize(
    ("eligible", "distance", "network", "expected"),
    [
        (True, 50, 7, 7),
        (True, None, 7, 7),  # inside a PDP: no distance, still routed
        (False, 499, 7, 7),
        (False, 500, 7, None),
        (False, 900, 7, None),
        (False, None, None, None),
        (True, 10, None, None),
    ],
)
def test_demand_assignment(eligible, distance, network, expected):
    assert assigned_network_id(eligible=eligible, distance_m=distance, network_id=network) == expected


@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=0, max_value=5000))
def test_assignment_is_monotonic_in_distance(d1, d2):
    near, far = sorted((d1, d2))
    if assigned_network_id(eligible=False, distance_m=far, network_id=1):
        assert assigned_network_id(eligible=False, distance_m=near, network_id=1)


@pytest.mark.parametrize(
    ("current", "target", "backward"),
    [
        ("etude_en_cours", "en_attente", True),
        ("travaux_en_cours", "vote_en_ag", True),
        ("realise", "travaux_en_cours", True),
        ("en_attente", "etude_en_cours", False),
        ("etude_en_cours", "non_realisable", False),  # closing is not going back
        ("non_realisable", "en_attente", False),  # reopening is not going back
        ("etude_en_cours", "inconnu", False),
    ],
)
def test_is_backward(current, target, backward):
    assert is_backward(current, target) is backward
