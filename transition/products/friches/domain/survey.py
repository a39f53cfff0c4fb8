"""The questionnaire, as UrbanVitaliz runs it: answers emit signals, a question (or a set of
questions) is shown when every signal of its precondition has been emitted, and navigation goes to
the next (or previous) question not yet answered whose preconditions hold.

Order: sets by priority (highest first) then id; questions likewise within their set.
Completion of a set: answered / shown questions, in percent rounded up (at most 100); of the
questionnaire: the mean over the sets that are shown, rounded up. UrbanVitaliz averages over every
set, so a set hidden by its precondition keeps the total below 100 % for ever; here it does not
count (decision 0401).
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .signals import parse_tags


@dataclass(frozen=True)
class QuestionSet:
    id: int
    priority: int = 0
    precondition: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Question:
    id: int
    set_id: int
    priority: int = 0
    precondition: frozenset[str] = frozenset()
    is_multiple: bool = False


@dataclass(frozen=True)
class Choice:
    value: str
    signals: frozenset[str] = frozenset()


def answer_signals(choices: Sequence[Choice], selected: Iterable[str]) -> frozenset[str]:
    """The signals an answer emits: those of every selected choice (unknown values emit nothing)."""
    chosen = set(selected)
    out: set[str] = set()
    for choice in choices:
        if choice.value in chosen:
            out |= choice.signals
    return frozenset(out)


def session_signals(answers: Iterable[Iterable[str] | str]) -> frozenset[str]:
    out: set[str] = set()
    for signals in answers:
        out |= parse_tags(signals) if isinstance(signals, str) else set(signals)
    return frozenset(out)


def precondition_holds(precondition: Iterable[str], signals: Iterable[str]) -> bool:
    return set(precondition) <= set(signals)


def ordered(sets: Sequence[QuestionSet], questions: Sequence[Question]) -> list[Question]:
    """Every question in the questionnaire's order."""
    set_rank = {s.id: i for i, s in enumerate(sorted(sets, key=lambda s: (-s.priority, s.id)))}
    return sorted((q for q in questions if q.set_id in set_rank), key=lambda q: (set_rank[q.set_id], -q.priority, q.id))


def is_shown(question: Question, sets_by_id: dict[int, QuestionSet], signals: frozenset[str]) -> bool:
    return precondition_holds(question.precondition, signals) and precondition_holds(
        sets_by_id[question.set_id].precondition, signals
    )


def _following(
    sets: Sequence[QuestionSet],
    questions: Sequence[Question],
    answered: Iterable[int],
    signals: Iterable[str],
    current: int | None,
    backwards: bool,
) -> int | None:
    sequence = ordered(sets, questions)
    if backwards:
        sequence.reverse()
    ids = [q.id for q in sequence]
    start = ids.index(current) + 1 if current in ids else 0
    done = set(answered)
    emitted = frozenset(signals)
    sets_by_id = {s.id: s for s in sets}
    for question in sequence[start:]:
        if question.id not in done and is_shown(question, sets_by_id, emitted):
            return question.id
    return None


def next_question(sets, questions, answered, signals, current: int | None = None) -> int | None:
    return _following(sets, questions, answered, signals, current, backwards=False)


def previous_question(sets, questions, answered, signals, current: int | None = None) -> int | None:
    return _following(sets, questions, answered, signals, current, backwards=True)


def following_set(sets: Sequence[QuestionSet], current: int, backwards: bool = False) -> int | None:
    order = [s.id for s in sorted(sets, key=lambda s: (-s.priority, s.id))]
    if backwards:
        order.reverse()
    position = order.index(current) + 1
    return order[position] if position < len(order) else None


def set_completion(set_id: int, questions: Sequence[Question], answered: Iterable[int], signals) -> int:
    emitted = frozenset(signals)
    in_set = [q for q in questions if q.set_id == set_id]
    shown = [q for q in in_set if precondition_holds(q.precondition, emitted)]
    if not shown:
        return 0
    done = set(answered)
    answered_here = sum(1 for q in in_set if q.id in done)
    return min(math.ceil(answered_here / len(shown) * 100), 100)


def completion(sets: Sequence[QuestionSet], questions: Sequence[Question], answered: Iterable[int], signals) -> int:
    emitted = frozenset(signals)
    done = set(answered)
    shown_sets = [s for s in sets if precondition_holds(s.precondition, emitted)]
    if not shown_sets:
        return 0
    values = [set_completion(s.id, questions, done, emitted) for s in shown_sets]
    return math.ceil(sum(values) / len(values))
