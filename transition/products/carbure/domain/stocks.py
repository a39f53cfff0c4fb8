"""Mass balance of a stock: what may be taken out, when what is left may be flushed, and how
ethanol becomes ETBE. Volumes in litres, rounded to 2 decimals as the original does."""

from dataclasses import dataclass
from decimal import Decimal

from transition.platform.impact.domain.numbers import format_number

FLUSH_MAX_SHARE = 0.05  # at most 5 % of the stock's initial volume may be written off
ETHANOL = "ETH"
ETBE = "ETBE"


def litres(volume_l: float) -> str:
    """A volume as French readers write it, to the centilitre: « 30 000 », « 1 500,25 »."""
    return format_number(Decimal(str(round(volume_l, 2))))


def remaining_after(volume_l: float, taken_l: float) -> float:
    """What stays in a stock after taking `taken_l` litres, rounded as the original does."""
    return round(volume_l - taken_l, 2)


class StockRuleError(ValueError):
    """A stock operation the rules refuse; the message says why, in French."""


def split_refusal(*, remaining_l: float, volume_l: float) -> str | None:
    volume = round(volume_l, 2)
    if volume <= 0:
        return "Le volume à extraire doit être positif."
    if volume > round(remaining_l, 2):
        return f"Le stock ne contient plus que {litres(remaining_l)} litres."
    return None


def flush_refusal(*, initial_l: float, remaining_l: float) -> str | None:
    if remaining_l <= 0:
        return "Ce stock est déjà vide."
    if remaining_l > initial_l * FLUSH_MAX_SHARE:
        return (
            "Un stock ne se vidange que lorsqu’il en reste au plus 5 % : "
            f"il reste {litres(remaining_l)} litres sur {litres(initial_l)}."
        )
    return None


@dataclass(frozen=True)
class EtbeTransformation:
    volume_ethanol_l: float
    volume_etbe_l: float
    volume_denaturant_l: float
    volume_etbe_eligible_l: float


def etbe_transformation(
    *,
    biofuel_code: str,
    remaining_l: float,
    volume_ethanol_l: float,
    volume_etbe_l: float,
    volume_denaturant_l: float,
    volume_etbe_eligible_l: float,
) -> EtbeTransformation:
    """The transformation, rounded, or StockRuleError. ETBE holds about 47 % of ethanol by volume:
    the litres of ETBE are what the plant measured, not derived here."""
    if biofuel_code != ETHANOL:
        raise StockRuleError("Seul un stock d’éthanol peut être transformé en ETBE.")
    t = EtbeTransformation(
        round(volume_ethanol_l, 2),
        round(volume_etbe_l, 2),
        round(volume_denaturant_l, 2),
        round(volume_etbe_eligible_l, 2),
    )
    if t.volume_ethanol_l <= 0 or t.volume_etbe_l <= 0:
        raise StockRuleError("Les volumes d’éthanol utilisé et d’ETBE obtenu doivent être positifs.")
    if t.volume_denaturant_l < 0 or t.volume_etbe_eligible_l < 0:
        raise StockRuleError("Les volumes de dénaturant et d’ETBE éligible ne peuvent pas être négatifs.")
    if t.volume_ethanol_l > round(remaining_l, 2):
        raise StockRuleError(f"Le stock ne contient que {litres(remaining_l)} litres d’éthanol.")
    if t.volume_etbe_eligible_l > t.volume_etbe_l:
        raise StockRuleError("L’ETBE éligible ne peut pas dépasser l’ETBE obtenu.")
    return t
