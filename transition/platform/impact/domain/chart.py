"""Geometry of a bar chart: scales, ticks and bar positions, computed once and drawn by a template.

Pure Python: no Django. Coordinates are SVG user units (y grows downwards), rounded to 0.01.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .numbers import format_number

NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
CHAR_WIDTH = 7.0  # average width of a 12px digit, to leave room for the tick labels
VALUE_CHAR_WIDTH = 7.0  # the same for the 11px bold figures above the bars


@dataclass(frozen=True)
class Tick:
    value: Decimal
    y: float
    label: str


@dataclass(frozen=True)
class Bar:
    index: int
    x: float
    y: float
    width: float
    height: float
    center_x: float
    value: Decimal | None  # None: no figure for that month (no bar is drawn)
    value_label: str
    label: str
    sublabel: str  # second line under the axis (the year), often empty
    kind: str = ""  # how the bar is drawn apart from the others (e.g. "live"), empty for plain bars


@dataclass(frozen=True)
class ChartGeometry:
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    zero_y: float
    ticks: tuple[Tick, ...]
    bars: tuple[Bar, ...]
    show_values: bool  # the figures above the bars fit in their slots without overlapping

    @property
    def plot_width(self) -> float:
        return round(self.plot_right - self.plot_left, 2)


def nice_step(span: Decimal, *, target_ticks: int = 5, integer: bool = False) -> Decimal:
    """The smallest "round" step (1, 2, 2.5 or 5 times a power of ten) cutting `span` into at
    most `target_ticks` intervals. With `integer`, the step is a whole number."""
    if span < 0:
        raise ValueError("l’étendue doit être positive")
    if target_ticks < 1:
        raise ValueError("il faut au moins un intervalle")
    if span == 0:
        return Decimal(1)
    raw = span / target_ticks
    exponent = raw.adjusted()  # power of ten of the leading digit
    for base in NICE_STEPS:
        step = base.scaleb(exponent)
        if step >= raw and (not integer or step == step.to_integral_value()):
            break
    return max(step, Decimal(1)) if integer else step


def nice_ticks(low: Decimal, high: Decimal, *, target_ticks: int = 5, integer: bool = False) -> list[Decimal]:
    """Evenly spaced round values from at or below min(low, 0) to at or above max(high, 0)."""
    low, high = min(Decimal(low), Decimal(0)), max(Decimal(high), Decimal(0))
    step = nice_step(high - low, target_ticks=target_ticks, integer=integer)
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    last = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    if first == last:
        last = first + step
    count = int((last - first) / step)
    return [_plain(first + step * i) for i in range(count + 1)]


def _plain(value: Decimal) -> Decimal:
    """2E+1 -> 20, 1.0 -> 1, 0.50 -> 0.5: the same number, written as a person would."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def bar_chart(
    values: Sequence[Decimal | int | None],
    labels: Sequence[str],
    sublabels: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    *,
    width: int = 640,
    height: int = 280,
    margin_top: float = 24,
    margin_right: float = 16,
    margin_bottom: float = 44,
    target_ticks: int = 5,
    bar_ratio: float = 0.6,
    max_decimals: int = 2,
) -> ChartGeometry:
    """Bars for `values` (one per label, None for a gap) on a y scale starting at zero."""
    if len(values) != len(labels):
        raise ValueError("autant de libellés que de valeurs")
    if sublabels is not None and len(sublabels) != len(labels):
        raise ValueError("autant de sous-libellés que de valeurs")
    if kinds is not None and len(kinds) != len(labels):
        raise ValueError("autant de sortes de barres que de valeurs")
    if not values:
        raise ValueError("un graphique a au moins une valeur")
    if not 0 < bar_ratio <= 1:
        raise ValueError("bar_ratio est compris entre 0 (exclu) et 1")
    numbers = [Decimal(v) for v in values if v is not None]
    integer = all(n == n.to_integral_value() for n in numbers)
    ticks_values = nice_ticks(
        min(numbers, default=Decimal(0)),
        max(numbers, default=Decimal(0)),
        target_ticks=target_ticks,
        integer=integer,
    )
    tick_labels = [format_number(t, max_decimals=max_decimals) for t in ticks_values]
    plot_left = float(margin_left_for(tick_labels))
    plot_right = float(width - margin_right)
    plot_top = float(margin_top)
    plot_bottom = float(height - margin_bottom)
    low, high = ticks_values[0], ticks_values[-1]
    scale = (plot_bottom - plot_top) / float(high - low)

    def y_of(value: Decimal) -> float:
        return round(plot_bottom - float(value - low) * scale, 2)

    zero_y = y_of(Decimal(0))
    ticks = tuple(Tick(value=t, y=y_of(t), label=label) for t, label in zip(ticks_values, tick_labels, strict=True))
    slot = (plot_right - plot_left) / len(values)
    bar_width = round(slot * bar_ratio, 2)
    bars = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        center = round(plot_left + slot * (index + 0.5), 2)
        x = round(center - bar_width / 2, 2)
        sublabel = sublabels[index] if sublabels is not None else ""
        kind = kinds[index] if kinds is not None else ""
        if value is None:
            bars.append(Bar(index, x, zero_y, bar_width, 0.0, center, None, "", label, sublabel, kind))
            continue
        value = Decimal(value)
        top = y_of(value)
        bars.append(
            Bar(
                index=index,
                x=x,
                y=min(top, zero_y),
                width=bar_width,
                height=round(abs(zero_y - top), 2),
                center_x=center,
                value=value,
                value_label=format_number(value, max_decimals=max_decimals),
                label=label,
                sublabel=sublabel,
                kind=kind,
            )
        )
    longest_value = max((len(bar.value_label) for bar in bars), default=0)
    return ChartGeometry(
        show_values=longest_value * VALUE_CHAR_WIDTH <= slot - 4,
        width=width,
        height=height,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        zero_y=zero_y,
        ticks=ticks,
        bars=tuple(bars),
    )


def margin_left_for(tick_labels: Sequence[str]) -> float:
    """Room for the longest tick label, right-aligned 8 units left of the axis."""
    longest = max((len(label) for label in tick_labels), default=1)
    return round(16 + longest * CHAR_WIDTH, 2)
