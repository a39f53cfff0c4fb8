"""A clock a test moves by hand: `django.utils.timezone.now` answers its time.

clock = FakeClock(monkeypatch, datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
clock.advance(days=61)   # two months later, for reminders and deadlines
"""

import datetime as dt

from django.utils import timezone


class FakeClock:
    def __init__(self, monkeypatch, start: dt.datetime | None = None):
        if start is None:
            start = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
        if start.tzinfo is None:
            raise ValueError(
                "FakeClock attend une date-heure avec fuseau (les dates de Transition en ont toujours un)."
            )
        self.now = start
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, **delta) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now

    def set(self, when: dt.datetime) -> dt.datetime:
        if when.tzinfo is None:
            raise ValueError("FakeClock attend une date-heure avec fuseau.")
        self.now = when
        return self.now

    def today(self) -> dt.date:
        return timezone.localdate(self.now)
