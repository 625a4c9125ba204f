"""Colours for the coverage heatmap: one colour per touchpoint for a chosen metric.

A blue–orange diverging scale (safe for the common colour-vision deficiencies, and
light in the middle so card text stays readable). Blue always means *better*, orange
*worse*: a lower-is-better metric (effort, drop-off) is turned round.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymapper.store.journey_data import JourneyData

#: Worse → better. Orange end from PuOr, blue end from RdBu; grey-white middle.
SCALE: tuple[str, ...] = ("#b35806", "#f1a340", "#f7f7f7", "#92c5de", "#2166ac")
#: Cards with no value for the metric.
NO_DATA = "#d9d9d9"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def colour_at(fraction: float) -> str:
    """The scale's colour at ``fraction`` (0 = worst, 1 = best), linearly interpolated."""
    f = min(1.0, max(0.0, fraction)) * (len(SCALE) - 1)
    i = min(int(f), len(SCALE) - 2)
    t = f - i
    a, b = _rgb(SCALE[i]), _rgb(SCALE[i + 1])
    r, g, bl = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return f"#{r:02x}{g:02x}{bl:02x}"


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG relative luminance)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(background))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


@dataclass(frozen=True)
class LegendStop:
    value: float
    colour: str
    label: str


@dataclass(frozen=True)
class Heatmap:
    metric_key: str
    title: str
    low: float
    high: float
    higher_is_better: bool
    #: Touchpoint id → fill colour, for every touchpoint that has a value.
    colours: dict[int, str]
    #: Touchpoint ids without a value (drawn in :data:`NO_DATA`).
    missing: tuple[int, ...]
    #: Legend entries, worst to best, then "no data".
    legend: tuple[LegendStop, ...]

    def colour_of(self, touchpoint_id: int) -> str:
        return self.colours.get(touchpoint_id, NO_DATA)


def _label(value: float, unit: str) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def metric_heatmap(
    data: JourneyData, metric_key: str, *, fit_to_data: bool = False, stops: int = 5
) -> Heatmap:
    """Colour every touchpoint by its latest ``metric_key`` value.

    The scale spans the metric's valid range so maps compare; ``fit_to_data`` spans
    the values present instead (more contrast on one map).
    """
    metric = data.metrics.get(metric_key)
    if metric is None:
        raise KeyError(metric_key)
    values = {
        t.id: t.latest[metric_key].value
        for t in data.touchpoints.values()
        if metric_key in t.latest
    }
    low, high = metric.min_value, metric.max_value
    if fit_to_data and values:
        low, high = min(values.values()), max(values.values())
    span = high - low

    def fraction(v: float) -> float:
        f = (v - low) / span if span else 0.5
        return f if metric.higher_is_better else 1 - f

    colours = {tp_id: colour_at(fraction(v)) for tp_id, v in values.items()}
    missing = tuple(t for t in data.touchpoints if t not in values)
    count = max(2, stops)
    legend_values = [low + span * i / (count - 1) for i in range(count)]
    if metric.higher_is_better is False:
        legend_values.reverse()
    legend = [LegendStop(v, colour_at(fraction(v)), _label(v, metric.unit)) for v in legend_values]
    legend[0] = LegendStop(legend[0].value, legend[0].colour, legend[0].label + " (worse)")
    legend[-1] = LegendStop(legend[-1].value, legend[-1].colour, legend[-1].label + " (better)")
    legend.append(LegendStop(float("nan"), NO_DATA, "no data"))
    return Heatmap(
        metric_key,
        metric.name,
        low,
        high,
        metric.higher_is_better,
        colours,
        missing,
        tuple(legend),
    )
