"""Counting addresses tested (and how many were eligible) for the impact indicators. No address is
kept: counters per day and source (EligibilitySource)."""

import atexit
import logging
import threading
import time
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import EligibilityTestCommune, EligibilityTestDay

__all__ = ["eligibility_test_count", "eligibility_test_record", "eligibility_tests_flush"]

logger = logging.getLogger(__name__)


def eligibility_test_record(*, eligible: Iterable[bool], source: str, day: date | None = None) -> None:
    """Count addresses tested (and how many were eligible) for the indicators. No address is kept.
    One UPDATE per call, whatever the number of addresses."""
    flags = list(eligible)
    if not flags:
        return
    _eligibility_counts_add(
        day=day or timezone.localdate(), source=source, tested=len(flags), eligible=sum(1 for f in flags if f)
    )


# Addresses tested on the page and through the API: counted in this process's memory, written to
# the database by `eligibility_tests_flush` at most every CHALEUR_TEST_COUNT_FLUSH_S seconds (on the
# next test after the delay) and when the process exits, so that a request does not wait for a
# write (nor, on SQLite, for the database's single writer). 0 writes at each test (the tests).
_test_counts: dict[tuple[date, str], list[int]] = {}
# The same per commune (INSEE code), for the city pages.
_commune_counts: dict[str, list[int]] = {}
_test_counts_lock = threading.Lock()
_test_counts_flushed_at = time.monotonic()


def eligibility_test_count(*, eligible: bool, source: str, citycode: str = "") -> None:
    """Count one address tested (and whether it was eligible) for the indicators, and for its
    commune's page when its INSEE code is known. No address is kept. The count reaches the
    database within CHALEUR_TEST_COUNT_FLUSH_S seconds."""
    key = (timezone.localdate(), source)
    now = time.monotonic()
    with _test_counts_lock:
        counts = _test_counts.setdefault(key, [0, 0])
        counts[0] += 1
        counts[1] += 1 if eligible else 0
        if citycode:
            commune = _commune_counts.setdefault(citycode[:5], [0, 0])
            commune[0] += 1
            commune[1] += 1 if eligible else 0
        due = now - _test_counts_flushed_at >= settings.CHALEUR_TEST_COUNT_FLUSH_S
    if due:
        eligibility_tests_flush()


def eligibility_tests_flush() -> None:
    """Write the counts kept in this process's memory (one UPDATE per day and source). When the
    database refuses them, they are kept for the next flush and the error is logged."""
    global _test_counts_flushed_at
    with _test_counts_lock:
        taken = dict(_test_counts)
        _test_counts.clear()
        communes = dict(_commune_counts)
        _commune_counts.clear()
        _test_counts_flushed_at = time.monotonic()
    if communes:
        try:
            _commune_counts_add(communes)
        except DatabaseError:
            logger.exception("Compteurs des communes non enregistrés, gardés pour la prochaine écriture")
            with _test_counts_lock:
                for code, (t, e) in communes.items():
                    counts = _commune_counts.setdefault(code, [0, 0])
                    counts[0] += t
                    counts[1] += e
    for position, ((day, source), (tested, eligible)) in enumerate(taken.items()):
        try:
            _eligibility_counts_add(day=day, source=source, tested=tested, eligible=eligible)
        except DatabaseError:
            logger.exception("Compteurs d’adresses testées non enregistrés, gardés pour la prochaine écriture")
            with _test_counts_lock:
                for key, (t, e) in list(taken.items())[position:]:
                    counts = _test_counts.setdefault(key, [0, 0])
                    counts[0] += t
                    counts[1] += e
            return


atexit.register(eligibility_tests_flush)


def _eligibility_counts_add(*, day: date, source: str, tested: int, eligible: int) -> None:
    with transaction.atomic():
        EligibilityTestDay.objects.get_or_create(day=day, source=source)
        EligibilityTestDay.objects.filter(day=day, source=source).update(
            tested=F("tested") + tested, eligible=F("eligible") + eligible
        )


def _commune_counts_add(counts: dict[str, list[int]]) -> None:
    with transaction.atomic():
        for code, (tested, eligible) in counts.items():
            EligibilityTestCommune.objects.get_or_create(citycode=code)
            EligibilityTestCommune.objects.filter(citycode=code).update(
                tested=F("tested") + tested, eligible=F("eligible") + eligible
            )
