"""The ads of a Mobicoop platform (its "Basic ads" fixture format), line by line. Pure Python.

A line has no header; its 32 columns are: email, search (0 ad, 1 search), oneway (0 round trip,
1 one way; the file itself also has a 2, read as one way), frequency (1 punctual, 2 regular), role (1 driver, 2 passenger, 3 both), origin,
destination, outwardDate, outwardTime, returnDate (or limitDate), returnTime, then for each day
from Monday to Sunday: a flag and its outward and return times. Dates are relative to the day of
the import, as a signed PHP DateInterval ("-P1M15D", "+P0D", "+P1Y").

A driver (role 1 or 3) becomes offers, a passenger (role 2) requests. Mobicoop gives each weekday
its own times; a CoMobi trip has one time for all its days, so a regular ad becomes one trip per
distinct pair of times. A passenger's time becomes "leave after" that time less Mobicoop's
15-minute margin. Punctual ads already past, and regular ads past their limit, are left out.
The format names nobody: the first name and name are read from the email's local part
("cora-paloma.varie" -> Cora-Paloma V.).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .schedule_text import TextError, time_parse
from .sheet_rows import EMAIL, RowResult

COLUMNS = (
    "email",
    "search",
    "oneway",
    "frequency",
    "role",
    "origin",
    "destination",
    "outwardDate",
    "outwardTime",
    "returnDate",
    "returnTime",
    *(
        f"{day}{part}"
        for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        for part in ("", "OutwardTime", "ReturnTime")
    ),
)
MARGIN_MIN = 15  # Mobicoop's CARPOOL_MARGIN_DURATION (900 s)
PAST = "annonce passée"
EMPTY = "ligne vide"
_INTERVAL = re.compile(r"^([+-])P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


@dataclass(frozen=True)
class AdLine:
    is_offer: bool  # a driver's trip; else a passenger's request
    origin: str
    destination: str
    weekdays: frozenset[int]
    day: date | None
    valid_from: date | None
    valid_until: date | None
    time_min: int | None  # the driver's departure, or the passenger's "leave after"
    return_min: int | None
    email: str
    first_name: str
    last_name: str


def relative_date(text: str, *, today: date) -> date:
    """'-P1M15D' -> today less one month and fifteen days. Years and months are calendar ones,
    the day clamped to the month's end (31 January + 1 month = 28 or 29 February)."""
    match = _INTERVAL.match((text or "").strip())
    if not match or not any(match.group(i) for i in range(2, 6)):
        raise TextError(f"date relative non reconnue : « {(text or '')[:20]} » (attendu : +P15D, -P1M…)")
    sign = 1 if match.group(1) == "+" else -1
    years, months, weeks, days = (int(match.group(i) or 0) for i in range(2, 6))
    total_months = today.month - 1 + sign * (years * 12 + months)
    year, month = today.year + total_months // 12, total_months % 12 + 1
    shifted = date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    return shifted + timedelta(days=sign * (weeks * 7 + days))


def names_from_email(email: str) -> tuple[str, str]:
    local = email.split("@", 1)[0]
    parts = [p for p in re.split(r"[._]", local) if p]
    if not parts:
        return "", ""

    def title(part: str) -> str:
        return "-".join(piece.capitalize() for piece in part.split("-") if piece)

    return title(parts[0])[:100], " ".join(title(p) for p in parts[1:])[:100]


def _field(cells: list[str], name: str) -> str:
    index = COLUMNS.index(name)
    return cells[index].strip() if index < len(cells) else ""


def _choice(cells, name: str, allowed: set[str], result: RowResult) -> str:
    value = _field(cells, name)
    if value not in allowed:
        result.error(name, f"« {value[:10]} » : attendu {' ou '.join(sorted(allowed))}.")
    return value


def _time(cells, name: str, result: RowResult) -> int | None:
    try:
        return time_parse(_field(cells, name))
    except TextError as exc:
        result.error(name, str(exc))
        return None


def _date(cells, name: str, result: RowResult, today: date) -> date | None:
    text = _field(cells, name)
    if not text:
        return None
    try:
        return relative_date(text, today=today)
    except TextError as exc:
        result.error(name, str(exc))
        return None


def _leave_after(minutes: int | None, is_offer: bool) -> int | None:
    if minutes is None or is_offer:
        return minutes
    return max(0, minutes - MARGIN_MIN)


def ad_line_read(cells: list[str], *, line: int, today: date) -> RowResult:
    result = RowResult(line=line)
    cells = [str(c) if c is not None else "" for c in cells]
    if not any(c.strip() for c in cells):
        result.skipped = EMPTY
        return result
    email = _field(cells, "email").lower()
    if not EMAIL.match(email):
        result.error("email", f"« {email[:60]} » n’est pas une adresse électronique valide.")
    _choice(cells, "search", {"0", "1"}, result)
    # The format says 0 (round trip) or 1 (one way); its own file also has a 2: read as one way.
    oneway = _choice(cells, "oneway", {"0", "1", "2"}, result)
    frequency = _choice(cells, "frequency", {"1", "2"}, result)
    role = _choice(cells, "role", {"1", "2", "3"}, result)
    origin, destination = _field(cells, "origin")[:200], _field(cells, "destination")[:200]
    if not origin:
        result.error("origin", "Le lieu de départ est vide.")
    if not destination:
        result.error("destination", "Le lieu d’arrivée est vide.")
    outward = _date(cells, "outwardDate", result, today)
    if outward is None and "outwardDate" not in {c for c, _ in result.errors}:
        result.error("outwardDate", "La date (ou la date de début) est vide.")
    if outward is not None and frequency == "1" and outward < today:
        result.errors.clear()  # nothing else of a past ad matters
        result.skipped = PAST
        return result
    limit = _date(cells, "returnDate", result, today)
    if result.errors:
        return result
    is_offer = role in {"1", "3"}
    first, last = names_from_email(email)
    common = {"is_offer": is_offer, "origin": origin, "destination": destination, "email": email}
    common |= {"first_name": first, "last_name": last}
    lines: list[AdLine] = []
    if frequency == "1":
        outward_min = _time(cells, "outwardTime", result)
        return_min = _time(cells, "returnTime", result) if oneway == "0" else None
        if outward_min is None and is_offer and not result.errors:
            result.error("outwardTime", "L’heure de départ du conducteur est vide.")
        if result.errors:
            return result
        same_day_return = return_min if limit in (None, outward) else None
        lines.append(
            AdLine(
                **common,
                weekdays=frozenset(),
                day=outward,
                valid_from=None,
                valid_until=None,
                time_min=_leave_after(outward_min, is_offer),
                return_min=_leave_after(same_day_return, is_offer),
            )
        )
        if return_min is not None and limit is not None and limit != outward and limit >= today:
            lines.append(
                AdLine(
                    **(common | {"origin": destination, "destination": origin}),
                    weekdays=frozenset(),
                    day=limit,
                    valid_from=None,
                    valid_until=None,
                    time_min=_leave_after(return_min, is_offer),
                    return_min=None,
                )
            )
    else:
        if limit is not None and limit < today:
            result.skipped = PAST
            return result
        groups: dict[tuple[int | None, int | None], set[int]] = {}
        for weekday, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun")):
            if _choice(cells, name, {"0", "1", ""}, result) != "1":
                continue
            back = _time(cells, f"{name}ReturnTime", result) if oneway == "0" else None
            times = (_time(cells, f"{name}OutwardTime", result), back)
            if times[0] is None and is_offer:
                result.error(f"{name}OutwardTime", "L’heure de départ de ce jour est vide.")
            groups.setdefault(times, set()).add(weekday)
        if not groups and not result.errors:
            result.error("mon", "Aucun jour coché pour ce trajet régulier.")
        if result.errors:
            return result
        for (outward_min, return_min), weekdays in groups.items():
            lines.append(
                AdLine(
                    **common,
                    weekdays=frozenset(weekdays),
                    day=None,
                    valid_from=outward if outward > today else None,
                    valid_until=limit,
                    time_min=_leave_after(outward_min, is_offer),
                    return_min=_leave_after(return_min, is_offer),
                )
            )
    result.values = lines
    return result
