from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from transition.products.comobi.domain.display import public_name
from transition.products.comobi.domain.impact import co2_avoided_kg
from transition.products.comobi.domain.notices import Channel, channel_for, may_notify, reminder_at, reminder_due
from transition.products.comobi.domain.sheet_rows import Contact

PARIS = ZoneInfo("Europe/Paris")
DEPARTURE = datetime(2025, 3, 12, 8, 30, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("preference", "mobile", "consent", "email", "channel"),
    [
        (Contact.SMS, True, True, True, Channel.SMS),
        (Contact.SMS, True, False, True, Channel.EMAIL),  # no consent to SMS: email
        (Contact.SMS, False, True, False, None),  # a landline cannot take an SMS
        (Contact.TELEPHONE, True, True, False, Channel.SMS),
        (Contact.TELEPHONE, False, False, True, Channel.EMAIL),
        (Contact.EMAIL, True, True, True, Channel.EMAIL),
        (Contact.EMAIL, True, True, False, Channel.SMS),
        (Contact.MEDIATEUR, True, True, True, None),
    ],
)
def test_channel_for(preference, mobile, consent, email, channel):
    assert channel_for(preference, has_mobile=mobile, sms_consent=consent, has_email=email) == channel


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        (DEPARTURE - timedelta(hours=2), True),
        (DEPARTURE - timedelta(hours=1), True),
        (DEPARTURE - timedelta(minutes=59), False),
        (DEPARTURE + timedelta(minutes=5), False),
    ],
)
def test_never_later_than_one_hour_before(now, allowed):
    assert may_notify(now, DEPARTURE) is allowed


def test_reminder_the_day_before_at_six_pm():
    assert reminder_at(DEPARTURE) == datetime(2025, 3, 11, 18, 0, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("now", "confirmed", "sent", "due"),
    [
        (datetime(2025, 3, 11, 18, 5, tzinfo=PARIS), datetime(2025, 3, 10, 9, tzinfo=PARIS), False, True),
        (datetime(2025, 3, 11, 17, 55, tzinfo=PARIS), datetime(2025, 3, 10, 9, tzinfo=PARIS), False, False),
        (datetime(2025, 3, 11, 18, 5, tzinfo=PARIS), datetime(2025, 3, 10, 9, tzinfo=PARIS), True, False),
        (datetime(2025, 3, 11, 20, 0, tzinfo=PARIS), datetime(2025, 3, 11, 19, tzinfo=PARIS), False, False),
        (datetime(2025, 3, 12, 7, 45, tzinfo=PARIS), datetime(2025, 3, 10, 9, tzinfo=PARIS), False, False),
    ],
)
def test_reminder_due(now, confirmed, sent, due):
    assert reminder_due(now, DEPARTURE, confirmed_at=confirmed, already_sent=sent) is due


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [
        ("Josiane", "Delmas", "Josiane D."),
        ("jean  pierre", "ébrard", "jean pierre É."),
        ("Marc", "", "Marc"),
        ("", "Roux", "R."),
    ],
)
def test_public_name(first, last, shown):
    assert public_name(first, last) == shown


def test_co2():
    assert co2_avoided_kg(10_000) == Decimal("2.180")
    assert co2_avoided_kg(0) == Decimal("0.000")
