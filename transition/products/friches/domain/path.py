"""A project's path: five steps, each with actions the authority marks in progress, blocked, done
or not relevant. A step is crossed when every one of its actions is closed and one at least is
done; the project's current step is the first not crossed."""

from collections.abc import Iterable, Sequence

STEPS: tuple[tuple[str, str], ...] = (
    ("reperer", "Repérer"),
    ("connaitre", "Connaître le site"),
    ("envisager", "Envisager son devenir"),
    ("consolider", "Consolider le projet"),
    ("engager", "Engager les travaux"),
)
STEP_CODES = tuple(code for code, _ in STEPS)

# Action statuses: the first three are open, the last two closed.
PROPOSED, IN_PROGRESS, BLOCKED, DONE, NOT_RELEVANT = "proposee", "en_cours", "bloquee", "faite", "non_pertinente"
OPEN_STATUSES = frozenset({PROPOSED, IN_PROGRESS, BLOCKED})
CLOSED_STATUSES = frozenset({DONE, NOT_RELEVANT})


def is_open(status: str) -> bool:
    return status in OPEN_STATUSES


def step_crossed(statuses: Iterable[str]) -> bool:
    statuses = list(statuses)
    return bool(statuses) and all(s in CLOSED_STATUSES for s in statuses) and DONE in statuses


def current_step(statuses_by_step: dict[str, Sequence[str]]) -> str | None:
    """The first step not crossed, None when all five are."""
    for code in STEP_CODES:
        if not step_crossed(statuses_by_step.get(code, ())):
            return code
    return None


def progress_percent(statuses_by_step: dict[str, Sequence[str]]) -> int:
    crossed = sum(1 for code in STEP_CODES if step_crossed(statuses_by_step.get(code, ())))
    return round(crossed * 100 / len(STEP_CODES))
