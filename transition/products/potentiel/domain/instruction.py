"""How quickly the State answers the holders' requests: the rules behind `/stats/potentiel/`.

A request is "handled online" once it is filed in Potentiel. Its instruction time runs from its
filing to its decision (granted or rejected; a request the holder cancels is not decided). It is
decided "within the deadline" when the decision comes no later than the deadline of its kind:

- représentant légal: three months, after which the rules decide on their own (the cahier des
  charges' automatic decision, see `lifecycle`);
- every other kind: two months, the general delay after which the administration's silence
  is worth a decision (code des relations entre le public et l'administration, art. L. 231-1
  and L. 231-4). Decision 0220 says why this yardstick was chosen.

Months are calendar months clamped to the month's end, as everywhere in the product.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from statistics import median

from .dates import add_months

DEFAULT_DEADLINE_MONTHS = 2
DEADLINE_MONTHS = {"représentantLégal": 3}


def deadline(kind: str, filed: date) -> date:
    """The last day on which a decision on a request of `kind` filed on `filed` is on time."""
    return add_months(filed, DEADLINE_MONTHS.get(kind, DEFAULT_DEADLINE_MONTHS))


@dataclass(frozen=True)
class Decision:
    kind: str
    filed: date
    decided: date


@dataclass(frozen=True)
class InstructionFigures:
    decisions: int
    median_days: int | None
    within_deadline: int

    @property
    def within_deadline_pct(self) -> Decimal:
        if not self.decisions:
            return Decimal(0)
        return (Decimal(self.within_deadline) * 100 / self.decisions).quantize(Decimal("0.1"))


def instruction_figures(decisions: Iterable[Decision]) -> InstructionFigures:
    """Median instruction time (days) and decisions on time, over decided requests.
    A decision dated before its filing is a data error, refused."""
    days, on_time = [], 0
    for d in decisions:
        if d.decided < d.filed:
            raise ValueError(f"décision du {d.decided} avant le dépôt du {d.filed}")
        days.append((d.decided - d.filed).days)
        on_time += d.decided <= deadline(d.kind, d.filed)
    if not days:
        return InstructionFigures(0, None, 0)
    return InstructionFigures(len(days), round(median(days)), on_time)
