"""How people write days and times in the territories' sheets and forms. Pure Python.

"Lundi, Mardi", "lun mar jeu", "du lundi au vendredi", "en semaine", "tous les jours"; times as
"8:00", "08:00:00", "8h", "8h30", "8 h 30"; dates as "04/02/2021" (or an ISO date).
"""

import re
import unicodedata
from datetime import date, datetime, time

WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAY_LABELS = ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche")
WEEKDAY_SHORT = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
_ABBREVIATIONS = {name[:3]: index for index, name in enumerate(WEEKDAY_NAMES)}
_WORDS = {name: index for index, name in enumerate(WEEKDAY_NAMES)} | _ABBREVIATIONS
_GROUPS = {
    "tous les jours": frozenset(range(7)),
    "toute la semaine": frozenset(range(7)),
    "en semaine": frozenset(range(5)),
    "jours ouvres": frozenset(range(5)),
    "week end": frozenset({5, 6}),
    "weekend": frozenset({5, 6}),
}
_FILLERS = {"et", "le", "les", "du", "chaque", ""}
_RANGE = re.compile(r"\b(?:du\s+)?([a-z]+)\s+(?:au|a)\s+([a-z]+)\b")
_TIME = re.compile(r"^(\d{1,2})\s*(?:[:h]\s*(\d{2})?\s*(?::\s*(\d{2}))?)?$")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")


class TextError(ValueError):
    """The text cannot be read; the message, in French, says what was expected."""


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def weekdays_parse(text: str) -> frozenset[int]:
    """French weekday names (or abbreviations, ranges, usual groups) -> weekdays, 0 = Monday."""
    folded = _fold(text or "")
    if not folded:
        return frozenset()
    found: set[int] = set()
    for phrase, days in _GROUPS.items():
        if phrase in folded:
            found |= days
            folded = folded.replace(phrase, " ")

    def span(match: re.Match) -> str:
        first, last = match.group(1), match.group(2)
        if first not in _WORDS or last not in _WORDS:
            return match.group(0)
        start, end = _WORDS[first], _WORDS[last]
        found.update((start + k) % 7 for k in range((end - start) % 7 + 1))
        return " "

    folded = _RANGE.sub(span, folded)
    unknown = []
    for word in folded.split():
        if word in _WORDS:
            found.add(_WORDS[word])
        elif word not in _FILLERS and word not in {"au", "a"}:
            unknown.append(word)
    if unknown:
        raise TextError(f"jour non reconnu : « {unknown[0]} » (attendu : lundi, mardi… dimanche)")
    return frozenset(found)


def weekdays_text(weekdays: frozenset[int] | set[int]) -> str:
    """'du lundi au vendredi', 'lundi, mercredi et vendredi', 'tous les jours'."""
    days = sorted(weekdays)
    if not days:
        return ""
    if len(days) == 7:
        return "tous les jours"
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return f"du {WEEKDAY_NAMES[days[0]]} au {WEEKDAY_NAMES[days[-1]]}"
    names = [WEEKDAY_NAMES[d] for d in days]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"


def time_parse(value) -> int | None:
    """Minutes after midnight, None for an empty value. TextError for anything else unreadable."""
    if value is None:
        return None
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    if isinstance(value, datetime):
        return value.hour * 60 + value.minute
    text = str(value).strip().lower()
    if not text:
        return None
    match = _TIME.match(text)
    if not match:
        raise TextError(f"heure non reconnue : « {text[:20]} » (attendu : 08:30 ou 8h30)")
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23 or minutes > 59:
        raise TextError(f"heure impossible : « {text[:20]} »")
    return hours * 60 + minutes


def date_parse(value) -> date | None:
    """A date written dd/mm/yyyy (an hour after it is ignored) or yyyy-mm-dd; None when empty."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    match = _DATE.match(text)
    try:
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return date.fromisoformat(text[:10])
    except ValueError:
        raise TextError(f"date non reconnue : « {text[:20]} » (attendu : jj/mm/aaaa)") from None


def datetime_parse(value) -> datetime | None:
    """'04/02/2021 17:48:14' (a sheet's timestamp) -> naive datetime; None when empty."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    text = str(value).strip()
    if not text:
        return None
    day = date_parse(text)
    rest = text.split(" ", 1)[1] if " " in text else ""
    minutes = time_parse(rest[:5]) if rest else 0
    return datetime(day.year, day.month, day.day, minutes // 60, minutes % 60)
