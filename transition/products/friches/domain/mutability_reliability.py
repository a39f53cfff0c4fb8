"""How reliable a mutability result is: Mutafriches' reliability note (0 to 10, by halves) from
the share of the criteria's total weight that is filled in.

A criterion counts as filled unless its value is missing or "ne-sait-pas". None counts as filled
(the original's "search done, nothing found"), and so does a value absent from the criteria table,
although the index ignores both: the original's asymmetry, kept so that the same site gets the same
note here and there (decision 0401).
"""

from dataclasses import dataclass

from .mutability_criteria import CRITERIA, NE_SAIT_PAS, TOTAL_WEIGHT
from .rounding import js_round

MISSING = object()  # a key absent from the input (JavaScript's undefined)

# (minimum note, text, description), highest first: the first level the note reaches.
LEVELS: tuple[tuple[float, str, str], ...] = (
    (9, "Très fiable", "Analyse complète avec toutes les données disponibles."),
    (7, "Fiable", "Données analysées avec un niveau de confiance élevé."),
    (5, "Moyennement fiable", "Analyse partielle, certaines données manquantes."),
    (3, "Peu fiable", "Données insuffisantes pour une analyse complète."),
    (0, "Très peu fiable", "Données très incomplètes, résultats indicatifs uniquement."),
)


@dataclass(frozen=True)
class Reliability:
    note: float
    text: str
    description: str
    criteria_filled: int
    criteria_total: int
    weight_filled: float
    weight_total: float
    missing: tuple[str, ...]  # keys of the criteria not filled in, in table order


def mutability_reliability(site: dict) -> Reliability:
    filled_weight = 0.0
    filled = 0
    missing = []
    for criterion in CRITERIA:
        value = site.get(criterion.key, MISSING)
        if value is MISSING or value == NE_SAIT_PAS:
            missing.append(criterion.key)
            continue
        filled += 1
        filled_weight += criterion.weight
    note = js_round((filled_weight / TOTAL_WEIGHT) * 100 / 10 * 2) / 2
    text, description = next((t, d) for minimum, t, d in LEVELS if note >= minimum)
    return Reliability(
        note=note,
        text=text,
        description=description,
        criteria_filled=filled,
        criteria_total=len(CRITERIA),
        weight_filled=filled_weight,
        weight_total=TOTAL_WEIGHT,
        missing=tuple(missing),
    )
