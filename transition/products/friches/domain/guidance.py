"""Which steps, resources, contacts and funding schemes to suggest for a project: one small
interpreter over rules that staff write as data.

A rule is suggested when every one of its condition signals is among the project's signals (a rule
without condition always is) and its area covers the site: no département and no région means
everywhere, otherwise the site's département or région must be listed. UrbanVitaliz decides the
same way for its recommendations (by département only).
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from .signals import usage_signal


@dataclass(frozen=True)
class Rule:
    key: Hashable
    conditions: frozenset[str] = frozenset()
    departements: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Place:
    departement: str | None
    region: str | None


def area_covers(rule: Rule, place: Place) -> bool:
    if not rule.departements and not rule.regions:
        return True
    return (place.departement in rule.departements) or (place.region in rule.regions)


def conditions_hold(rule: Rule, signals: frozenset[str]) -> bool:
    return rule.conditions <= signals


def suggested(rules: Sequence[Rule], signals: Iterable[str], place: Place) -> list[Rule]:
    """The rules that apply, in the order given."""
    emitted = frozenset(signals)
    return [rule for rule in rules if conditions_hold(rule, emitted) and area_covers(rule, place)]


def project_signals(answer_signals: Iterable[str], intended_uses: Iterable[str]) -> frozenset[str]:
    """What a project emits: its answers' signals and one `usage:<use>` per intended new use."""
    return frozenset(answer_signals) | {usage_signal(u) for u in intended_uses}


def missing_conditions(rule: Rule, signals: Iterable[str]) -> frozenset[str]:
    """What a rule still waits for (shown to staff testing their rules)."""
    return rule.conditions - frozenset(signals)
