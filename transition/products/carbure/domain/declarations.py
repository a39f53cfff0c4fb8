"""The monthly sustainability declaration: its deadline, when it may be validated, and when an
entity is reminded. A period is year × 100 + month."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


def period_bounds(period: int) -> tuple[date, date]:
    year, month = divmod(period, 100)
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def is_valid_period(period: int) -> bool:
    year, month = divmod(period, 100)
    return 2000 <= year <= 2100 and 1 <= month <= 12


def next_period(period: int) -> int:
    year, month = divmod(period, 100)
    return (year + 1) * 100 + 1 if month == 12 else period + 1


def previous_period(period: int) -> int:
    year, month = divmod(period, 100)
    return (year - 1) * 100 + 12 if month == 1 else period - 1


def deadline(period: int) -> date:
    """The last day of the month after the period."""
    return period_bounds(next_period(period))[1]


def period_label(period: int) -> str:
    months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    year, month = divmod(period, 100)
    return f"{months[month - 1]} {year}"


def period_of(period: int) -> str:
    """The period after « de », elided before a vowel: « d’octobre 2026 », « de juin 2026 »."""
    label = period_label(period)
    return f"d’{label}" if label[0] in "aeiouéâ" else f"de {label}"


@dataclass(frozen=True)
class PeriodLots:
    """The counts of an entity's lots in a period that stop its declaration."""

    pending: int = 0
    in_correction: int = 0
    rejected: int = 0


def validation_refusal(*, counts: PeriodLots, year_locked: bool) -> str | None:
    if year_locked:
        return "Cette année est verrouillée par l’administration : la déclaration ne peut plus changer."
    problems = []
    if counts.pending:
        problems.append(_count(counts.pending, "lot attend", "lots attendent") + " une réponse")
    if counts.in_correction:
        problems.append(_count(counts.in_correction, "lot est", "lots sont") + " en correction")
    if counts.rejected:
        problems.append(_count(counts.rejected, "lot refusé reste", "lots refusés restent") + " à traiter")
    if problems:
        return "Déclaration impossible : " + ", ".join(problems) + "."
    return None


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def reminder_due(*, period: int, today: date, declared: bool, reminded: bool, days_before: int) -> bool:
    """An undeclared period is reminded once, `days_before` days before its deadline or later."""
    if declared or reminded:
        return False
    due = deadline(period)
    return due - timedelta(days=days_before) <= today <= due
