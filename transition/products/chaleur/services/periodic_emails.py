"""Emails sent by the periodic jobs (tasks.py): the operators' digest of new demands, their weekly
reminder of demands left "À traiter", the requesters' follow-ups at day 30 and 45. Each run is
idempotent: what was sent is recorded on the demand, so running one twice sends nothing twice."""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from ..domain.demand_status import (
    CLOSED_STATUSES,
    FOLLOWUP_DAYS,
    DemandStatus,
    FollowupState,
    followups_due,
    reminder_due,
)
from ..models import Demand
from ..notifications import notify_operators, notify_requester_followup
from ..selectors.demands import operator_emails_for_networks

__all__ = ["operator_digest_send", "operator_reminders_send", "requester_followups_send"]


def _operators_notify(*, candidates, due: Callable[[Demand], bool], sent_field: str, template: str, now) -> int:
    """Each operator gets one email listing its networks' demands that are `due`; `sent_field`
    records the sending on each demand. Returns the number of emails sent."""
    emails_by_network = operator_emails_for_networks()
    demands = [d for d in candidates.filter(network__isnull=False, anonymised_at__isnull=True) if due(d)]
    by_recipient: dict[str, list[Demand]] = {}
    for demand in demands:
        for email in emails_by_network.get(demand.network_id, []):
            by_recipient.setdefault(email, []).append(demand)
    with transaction.atomic():
        told = [d.pk for d in demands if d.network_id in emails_by_network]
        Demand.objects.filter(pk__in=told).update(**{sent_field: now})
        for email, listed in by_recipient.items():
            notify_operators(template=template, to=email, demands=listed)
    return len(by_recipient)


def operator_digest_send(*, now: datetime | None = None) -> int:
    """Each operator gets one email listing the demands assigned to its networks not yet signalled."""
    now = now or timezone.now()
    pending = Demand.objects.filter(operator_notified_at__isnull=True).select_related("network").order_by("created_at")
    return _operators_notify(
        candidates=pending, due=lambda _: True, sent_field="operator_notified_at", template="operator_digest", now=now
    )


def operator_reminders_send(*, now: datetime | None = None) -> int:
    """Each operator is reminded of its demands still "À traiter" (domain: reminder_due)."""
    now = now or timezone.now()
    waiting = Demand.objects.filter(status=DemandStatus.A_TRAITER).select_related("network").order_by("created_at")
    return _operators_notify(
        candidates=waiting,
        due=lambda d: reminder_due(
            created_at=d.created_at, status=d.status, last_reminder_at=d.reminder_sent_at, now=now
        ),
        sent_field="reminder_sent_at",
        template="operator_reminder",
        now=now,
    )


def requester_followups_send(*, now: datetime | None = None) -> int:
    """Day 30 and day 45: we ask the requester how things are going (each at most once)."""
    now = now or timezone.now()
    sent = 0
    candidates = Demand.objects.filter(
        created_at__lte=now - timedelta(days=min(FOLLOWUP_DAYS)), anonymised_at__isnull=True
    ).exclude(status__in=CLOSED_STATUSES)
    for demand in candidates:
        state = FollowupState(
            created_at=demand.created_at, status=demand.status, sent_days=frozenset(demand.followup_days_sent)
        )
        for day in followups_due(state, now):
            with transaction.atomic():
                locked = Demand.objects.select_for_update().get(pk=demand.pk)
                if day in locked.followup_days_sent:
                    continue
                locked.followup_days_sent = sorted({*locked.followup_days_sent, day})
                locked.save(update_fields=["followup_days_sent"])
                notify_requester_followup(demand=locked, day=day)
                sent += 1
    return sent
