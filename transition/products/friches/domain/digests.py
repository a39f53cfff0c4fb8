"""When to write to a project's authority (UrbanVitaliz's reminders, 42 days by default).

"Où en êtes-vous ?": 42 days after the last news of the project (a message, an answer, an action
changed or recommended), or after the last such email if it is later; never before today.
"Nouvelles recommandations": 42 days after the latest open recommendation, unless that email was
already sent since then; none without an open recommendation.
"""

from datetime import date, datetime, timedelta

DEFAULT_INTERVAL_DAYS = 42


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def whats_up_due_on(
    *, last_news: date | datetime | None, last_sent: date | datetime | None, today: date, interval_days: int
) -> date:
    start = _day(last_news) if last_news else today
    if last_sent and _day(last_sent) > start:
        start = _day(last_sent)
    return max(start + timedelta(days=interval_days), today)


def new_recommendations_due_on(
    *, latest_open_recommendation: date | datetime | None, last_sent: date | datetime | None, interval_days: int
) -> date | None:
    if latest_open_recommendation is None:
        return None
    start = _day(latest_open_recommendation)
    if last_sent and _day(last_sent) >= start:
        return None
    return start + timedelta(days=interval_days)


def is_due(due_on: date | None, today: date) -> bool:
    return due_on is not None and due_on <= today
