"""Greenhouse-gas emissions of a lot and its savings against the fossil comparator.

total = eec + el + ep + etd + eu − esca − eccs − eccr − eee (gCO2eq/MJ), rounded to 2 decimals;
reduction = (1 − total / comparator) × 100, rounded to 2 decimals, against 83.8 (RED I) and 94
(RED II). Both reductions are always computed and stored; the delivery date only says which one
the checks use: RED II from 2021-07-01, or when the date is unknown.

On input every term is taken as its absolute value except el (land-use change), which may be
negative. Floats and `round` on purpose: the original's figures, to the cent.
"""

from dataclasses import dataclass
from datetime import date

RED_I_COMPARATOR = 83.8
RED_II_COMPARATOR = 94.0
RED_II_FROM = date(2021, 7, 1)

EMISSION_TERMS = ("eec", "el", "ep", "etd", "eu")
SAVING_TERMS = ("esca", "eccs", "eccr", "eee")
TERMS = EMISSION_TERMS + SAVING_TERMS
SIGNED_TERMS = frozenset({"el"})

TERM_LABELS = {
    "eec": "Émissions de l’extraction ou de la culture",
    "el": "Émissions des changements d’affectation des sols",
    "ep": "Émissions de la transformation",
    "etd": "Émissions du transport et de la distribution",
    "eu": "Émissions du carburant à l’usage",
    "esca": "Réductions par accumulation du carbone dans les sols",
    "eccs": "Réductions par captage et stockage géologique du carbone",
    "eccr": "Réductions par captage et remplacement du carbone",
    "eee": "Réductions par excédent d’électricité de cogénération",
}


@dataclass(frozen=True)
class Ghg:
    total: float
    reduction: float  # RED I, against 83.8
    reduction_red_ii: float  # RED II, against 94


def normalised_term(name: str, value: float) -> float:
    """The value stored for a term: its absolute value, except el which keeps its sign."""
    return float(value) if name in SIGNED_TERMS else abs(float(value))


def reduction_against(total: float, comparator: float) -> float:
    return round((1.0 - total / comparator) * 100.0, 2)


def ghg_of(terms: dict[str, float]) -> Ghg:
    """`terms` maps each of TERMS to its (already normalised) value; a missing term counts as 0."""
    value = {name: float(terms.get(name) or 0.0) for name in TERMS}
    total = round(
        value["eec"]
        + value["el"]
        + value["ep"]
        + value["etd"]
        + value["eu"]
        - value["esca"]
        - value["eccs"]
        - value["eccr"]
        - value["eee"],
        2,
    )
    return Ghg(total, reduction_against(total, RED_I_COMPARATOR), reduction_against(total, RED_II_COMPARATOR))


def is_red_ii(delivery_date: date | None) -> bool:
    return delivery_date is None or delivery_date >= RED_II_FROM


def applicable_reduction(*, delivery_date: date | None, reduction: float, reduction_red_ii: float) -> float:
    """The reduction the checks and the pages use for a lot delivered on `delivery_date`."""
    return reduction_red_ii if is_red_ii(delivery_date) else reduction
