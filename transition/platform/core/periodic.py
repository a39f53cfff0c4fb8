"""Periodic jobs run once per period, whatever the number of consumers running the scheduler.

Each consumer's scheduler finds the same jobs due in the same minute; the first to move the job's
row forward to that minute enqueues it, the others see the row already there and skip. The claim
only ever moves forward: a consumer whose clock lags cannot claim a minute already passed.
"""

import logging
import os
import socket
from datetime import datetime

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from .models import PeriodicClaim

logger = logging.getLogger(__name__)


def claimant() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def periodic_claim(*, task: str, period: datetime, by: str | None = None) -> bool:
    """Claim `period` (an aware datetime, truncated to the minute) for `task`; True for the one
    caller that gets it."""
    period = period.replace(second=0, microsecond=0)
    values = {"period": period, "claimed_by": by or claimant(), "claimed_at": timezone.now()}
    if PeriodicClaim.objects.filter(task=task, period__lt=period).update(**values):
        return True
    try:
        with transaction.atomic():
            PeriodicClaim.objects.create(task=task, **values)
    except IntegrityError:  # the row exists: another consumer holds this minute (or a later one)
        return False
    return True


def periodic_claims(*, tasks: list[str], period: datetime) -> set[str]:
    """The names among `tasks` this process claimed for `period`. A database that does not answer
    claims nothing (logged): a job skipped for one period is better than a job run twice."""
    claimed = set()
    minute = f"{period:%Y-%m-%d %H:%M}"
    for task in tasks:
        try:
            won = periodic_claim(task=task, period=period)
        except DatabaseError:
            logger.exception("Tâche périodique %s : réservation impossible pour %s, non lancée", task, minute)
            continue
        if won:
            claimed.add(task)
            logger.info("Tâche périodique %s réservée pour %s par %s", task, minute, claimant())
        else:
            logger.info("Tâche périodique %s déjà réservée pour %s par un autre consommateur", task, minute)
    return claimed
