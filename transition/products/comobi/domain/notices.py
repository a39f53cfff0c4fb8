"""When and how the people of a trip are told about it. Pure Python.

- By what: the person's contact preference, within what they consented to. SMS needs a mobile
  number and a recorded consent; email an address; "through the mediator" means no automatic
  message (the mediator calls).
- When: a message about a trip leaves no later than one hour before its departure (later, the
  mediator phones); the reminder goes the day before at 18:00 (Europe/Paris), unless the trip
  was confirmed after that hour: the confirmation then serves as the reminder.
"""

from datetime import datetime, time, timedelta
from enum import StrEnum

from .sheet_rows import Contact

LAST_NOTICE_BEFORE = timedelta(hours=1)  # Mobicoop's solidary SMS deadline: 1 hour
REMINDER_TIME = time(18, 0)


class Channel(StrEnum):
    SMS = "sms"
    EMAIL = "email"


# preference -> channels tried in order (the first one the person can receive is used)
PREFERENCES: dict[Contact, tuple[Channel, ...]] = {
    Contact.SMS: (Channel.SMS, Channel.EMAIL),
    Contact.TELEPHONE: (Channel.SMS, Channel.EMAIL),
    Contact.EMAIL: (Channel.EMAIL, Channel.SMS),
    Contact.MEDIATEUR: (),
}


def channel_for(preference: Contact, *, has_mobile: bool, sms_consent: bool, has_email: bool) -> Channel | None:
    """The one channel an automatic message uses, or None (the mediator calls)."""
    for channel in PREFERENCES[preference]:
        if channel == Channel.SMS and has_mobile and sms_consent:
            return channel
        if channel == Channel.EMAIL and has_email:
            return channel
    return None


def may_notify(now: datetime, departure: datetime) -> bool:
    """A message about a trip leaves no later than one hour before its departure."""
    return now <= departure - LAST_NOTICE_BEFORE


def reminder_at(departure: datetime) -> datetime:
    """The day before, at 18:00, in the departure's time zone."""
    day_before = departure.date() - timedelta(days=1)
    return datetime.combine(day_before, REMINDER_TIME, tzinfo=departure.tzinfo)


def reminder_due(now: datetime, departure: datetime, *, confirmed_at: datetime, already_sent: bool) -> bool:
    """Whether the reminder should leave now: its hour has come, the trip is more than an hour
    ahead, and it was confirmed before the reminder's hour (otherwise the confirmation told it)."""
    if already_sent:
        return False
    due = reminder_at(departure)
    return confirmed_at < due <= now and may_notify(now, departure)
