"""Volume, weight and energy of a lot, from the one quantity its sender gave.

As the original computes them: the given quantity is rounded to 2 decimals, then the others are
derived through the biofuel's density (kg per litre) and lower heating value (MJ per litre), each
rounded to 2 decimals. Floats and Python's `round` on purpose: the figures must be the original's
to the cent, including its rounding of binary halves.
"""

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    LITRE = "l"
    KILOGRAM = "kg"
    MEGAJOULE = "mj"


UNIT_LABELS = {Unit.LITRE: "litres", Unit.KILOGRAM: "kilogrammes", Unit.MEGAJOULE: "mégajoules (PCI)"}


class QuantityError(ValueError):
    """A quantity that cannot be converted (no density or heating value for this biofuel)."""


@dataclass(frozen=True)
class Quantities:
    volume_l: float
    weight_kg: float
    lhv_amount_mj: float


def parse_unit(text: str | None) -> Unit | None:
    """`l`, `kg` or `mj`, whatever the case and spacing; None when it is none of them."""
    cleaned = (text or "").strip().lower()
    if cleaned in {"l", "litre", "litres", "liter", "liters"}:
        return Unit.LITRE
    if cleaned in {"kg", "kilogramme", "kilogrammes"}:
        return Unit.KILOGRAM
    if cleaned in {"mj", "pci"}:
        return Unit.MEGAJOULE
    return None


def quantities_from(amount: float, unit: Unit, *, density_kg_l: float, lhv_mj_l: float) -> Quantities:
    quantity = round(float(amount), 2)
    if unit == Unit.LITRE:
        volume = quantity
        return Quantities(volume, round(volume * density_kg_l, 2), round(volume * lhv_mj_l, 2))
    if unit == Unit.KILOGRAM:
        if not density_kg_l:
            raise QuantityError("Ce biocarburant n’a pas de masse volumique : donnez un volume en litres.")
        volume = round(quantity / density_kg_l, 2)
        return Quantities(volume, quantity, round(volume * lhv_mj_l, 2))
    if not lhv_mj_l:
        raise QuantityError("Ce biocarburant n’a pas de PCI par litre : donnez un volume en litres.")
    volume = round(quantity / lhv_mj_l, 2)
    return Quantities(volume, round(volume * density_kg_l, 2), quantity)
