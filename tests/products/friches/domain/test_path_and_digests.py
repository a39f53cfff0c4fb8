from datetime import date, datetime

import pytest

from transition.products.friches.domain.digests import (
    is_due,
    new_recommendations_due_on,
    whats_up_due_on,
)
from transition.products.friches.domain.path import current_step, progress_percent, step_crossed


@pytest.mark.parametrize(
    ("statuses", "crossed"),
    [
        ([], False),
        (["faite"], True),
        (["faite", "non_pertinente"], True),
        (["non_pertinente"], False),
        (["faite", "en_cours"], False),
        (["faite", "bloquee"], False),
        (["proposee"], False),
    ],
)
def test_step_crossed(statuses, crossed):
    assert step_crossed(statuses) is crossed


def test_current_step_is_the_first_not_crossed():
    assert current_step({}) == "reperer"
    assert current_step({"reperer": ["faite"], "connaitre": ["faite", "en_cours"]}) == "connaitre"
    assert (
        current_step({code: ["faite"] for code in ("reperer", "connaitre", "envisager", "consolider", "engager")})
        is None
    )
    assert progress_percent({"reperer": ["faite"], "connaitre": ["faite"]}) == 40


TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("last_news", "last_sent", "due_on"),
    [
        (None, None, date(2025, 7, 13)),  # nothing yet: 42 days from today
        (date(2025, 5, 31), None, date(2025, 7, 12)),
        (date(2025, 1, 1), None, TODAY),  # long overdue: today
        (date(2025, 1, 1), date(2025, 5, 1), date(2025, 6, 12)),  # last email resets the count
        (datetime(2025, 5, 20, 23, 30), date(2025, 4, 1), date(2025, 7, 1)),
    ],
)
def test_whats_up(last_news, last_sent, due_on):
    assert whats_up_due_on(last_news=last_news, last_sent=last_sent, today=TODAY, interval_days=42) == due_on


def test_new_recommendations():
    assert new_recommendations_due_on(latest_open_recommendation=None, last_sent=None, interval_days=42) is None
    assert new_recommendations_due_on(
        latest_open_recommendation=date(2025, 4, 1), last_sent=None, interval_days=42
    ) == date(2025, 5, 13)
    assert (
        new_recommendations_due_on(
            latest_open_recommendation=date(2025, 4, 1), last_sent=date(2025, 5, 13), interval_days=42
        )
        is None
    )
    assert is_due(date(2025, 5, 13), TODAY) and not is_due(date(2025, 7, 1), TODAY) and not is_due(None, TODAY)
