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
    n = len(USAGES)
    advantages = [0.0] * n
    constraints = [0.0] * n
    pros: list[list[tuple]] = [[] for _ in range(n)]
    cons: list[list[tuple]] = [[] for _ in range(n)]
    for criterion in CRITERIA:
        value = site.get(criterion.key)
        if is_unanswered(value):
            continue
        scores = criterion.scores_of(value)
        if scores is None:
            continue
        weight = criterion.weight
        for i, score in enumerate(scores):
            weighted = score * weight
            if score == NEUTRAL_SCORE:
                advantages[i] += abs(weighted)
                constraints[i] += abs(weighted)
            elif weighted > 0:
                advantages[i] += weighted
                pros[i].append((criterion, value, score, weighted))
            else:
                constraints[i] -= weighted
                cons[i].append((criterion, value, score, -weighted))
    indexes = []
    for i in range(n):
        total = advantages[i] + constraints[i]
        indexes.append(0 if total == 0 else js_round(advantages[i] / total * 1000) / 10)
    order = sorted(range(n), key=lambda i: -indexes[i])  # stable: ties keep USAGES order
    return [
        UsageResult(
            usage=USAGES[i],
            rank=rank,
            index=indexes[i],
            potential=potential_label(indexes[i]),
            advantages=advantages[i],
            constraints=constraints[i],
            for_=_contributions(pros[i]),
            against=_contributions(cons[i]),
        )
        for rank, i in enumerate(order, start=1)
    ]


def _contributions(items: list[tuple]) -> tuple[Contribution, ...]:
    ordered = sorted(items, key=lambda item: -item[3])
    return tuple(
        Contribution(c.key, c.label, c.value_label(v), score, c.weight, points) for c, v, score, points in ordered
    )
