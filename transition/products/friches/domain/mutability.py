"""Which new use fits a site: Mutafriches' mutability index of each of the seven uses, their
ranking, and the criteria that weigh for and against each (algorithm v1.11).

For each use, every criterion with a scored value adds `score × weight` to the advantages when
positive, to the constraints when negative, and to both when neutral (score 0.5: the original's
code, not its documentation, which says otherwise). A value that is missing, None, "ne-sait-pas" or
absent from the table counts for nothing. index = advantages / (advantages + constraints) as a
percentage with one decimal, rounded half up as JavaScript's Math.round; 0 when both are 0. Uses
are ranked by index, highest first; ties keep the original's order of uses.
"""

from dataclasses import dataclass, field

from .mutability_criteria import CRITERIA, NE_SAIT_PAS, USAGE_LABELS, USAGES
from .rounding import js_round

NEUTRAL_SCORE = 0.5

# (minimum index, label), highest first; below the last threshold: "Faible".
POTENTIAL_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (70, "Excellent"),
    (60, "Très bon"),
    (50, "Bon"),
    (40, "Moyen"),
)
LOWEST_POTENTIAL = "Faible"


def potential_label(index: float) -> str:
    for minimum, label in POTENTIAL_THRESHOLDS:
        if index >= minimum:
            return label
    return LOWEST_POTENTIAL


@dataclass(frozen=True)
class Contribution:
    """One criterion's weight in one use's index: `points` = |score × weight|."""

    criterion: str
    label: str
    value_label: str
    score: float
    weight: float
    points: float


@dataclass(frozen=True)
class UsageResult:
    usage: str
    rank: int
    index: float
    potential: str
    advantages: float
    constraints: float
    for_: tuple[Contribution, ...] = field(default=())  # sorted by points, highest first
    against: tuple[Contribution, ...] = field(default=())

    @property
    def label(self) -> str:
        return USAGE_LABELS[self.usage]


def is_unanswered(value) -> bool:
    return value is None or value == NE_SAIT_PAS


def mutability_ranking(site: dict) -> list[UsageResult]:
    """The seven uses ranked for `site` (criterion key -> value; other keys are ignored)."""
    computed = []
    for usage_index, usage in enumerate(USAGES):
        advantages = constraints = 0.0
        pros: list[Contribution] = []
        cons: list[Contribution] = []
        for criterion in CRITERIA:
            value = site.get(criterion.key)
            if is_unanswered(value):
                continue
            score = criterion.score(value, usage_index)
            if score is None:
                continue
            weighted = score * criterion.weight
            contribution = Contribution(
                criterion.key, criterion.label, criterion.value_label(value), score, criterion.weight, abs(weighted)
            )
            if score == NEUTRAL_SCORE:
                advantages += abs(weighted)
                constraints += abs(weighted)
            elif weighted > 0:
                advantages += weighted
                pros.append(contribution)
            else:
                constraints += abs(weighted)
                cons.append(contribution)
        total = advantages + constraints
        index = 0 if total == 0 else js_round(advantages / total * 1000) / 10
        computed.append((usage, index, advantages, constraints, pros, cons))
    computed.sort(key=lambda item: -item[1])  # stable: ties keep USAGES order
    return [
        UsageResult(
            usage=usage,
            rank=rank,
            index=index,
            potential=potential_label(index),
            advantages=advantages,
            constraints=constraints,
            for_=tuple(sorted(pros, key=lambda c: -c.points)),
            against=tuple(sorted(cons, key=lambda c: -c.points)),
        )
        for rank, (usage, index, advantages, constraints, pros, cons) in enumerate(computed, start=1)
    ]
