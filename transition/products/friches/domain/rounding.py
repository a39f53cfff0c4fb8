"""Rounding as the originals round (JavaScript's Math.round): halves go towards +∞, so that a
figure computed here is the figure Mutafriches or Bénéfriches shows for the same input."""

import math


def js_round(x: float) -> int:
    """Math.round: 2.5 -> 3, -2.5 -> -2."""
    return math.floor(x + 0.5)


def round_to(x: float, digits: int) -> float:
    """Math.round(x * 10^digits) / 10^digits (roundTo1Digit, roundTo2Digits)."""
    factor = 10**digits
    return js_round(x * factor) / factor
