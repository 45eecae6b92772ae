"""Scales chosen for the reader: linear from zero unless the data span more than two
orders of magnitude, then logarithmic by decades; the axis ends at the first round
value at or past the largest figure. Pure arithmetic: no matplotlib, no locale."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Data whose largest figure is more than this many times its smallest positive one
# are drawn on a log axis: on a linear one the small figures would sit on the zero line.
LOG_RATIO = 100
STEPS = (1, 2, 2.5, 5, 10)   # round steps, times a power of ten
MAX_TICKS = 6                # including zero


@dataclass(frozen=True)
class Scale:
    kind: str                  # "linear" | "log"
    ticks: tuple[float, ...]   # from the start of the axis to its end, in order

    @property
    def start(self) -> float:
        return self.ticks[0]

    @property
    def end(self) -> float:
        return self.ticks[-1]


def choose(values, fixed_end: float | None = None) -> Scale:
    """The scale for figures ``values`` (all >= 0). ``fixed_end`` pins the end of a
    linear axis (a share runs to 100 percent whatever its figures)."""
    values = [float(v) for v in values] or [0.0]
    positive = [v for v in values if v > 0]
    if fixed_end is None and positive and max(positive) / min(positive) > LOG_RATIO:
        return log_scale(min(positive), max(positive))
    return linear_scale(max(values), fixed_end)


def linear_scale(top: float, fixed_end: float | None = None) -> Scale:
    if fixed_end is not None:
        step = nice_step(fixed_end)
        return Scale("linear", _ticks(step, fixed_end))
    if top <= 0:
        return Scale("linear", (0.0, 1.0))
    step = nice_step(top)
    end = math.ceil(top / step - 1e-9) * step
    return Scale("linear", _ticks(step, end))


def nice_step(top: float) -> float:
    """The smallest round step that covers ``top`` in at most MAX_TICKS - 1 steps."""
    power = 10.0 ** math.floor(math.log10(top))
    for base in _candidates(power):
        if math.ceil(top / base - 1e-9) <= MAX_TICKS - 1:
            return base
    return 10 * power  # pragma: no cover - a step of 10^(k+1) always fits


def _candidates(power: float):
    for scale in (0.1, 1):
        for step in STEPS:
            yield step * power * scale


def _ticks(step: float, end: float) -> tuple[float, ...]:
    count = round(end / step)
    return tuple(_tidy(i * step) for i in range(count + 1))


def _tidy(value: float) -> float:
    return float(f"{value:.12g}")


def log_scale(smallest: float, largest: float) -> Scale:
    first = math.floor(math.log10(smallest) + 1e-9)
    last = math.ceil(math.log10(largest) - 1e-9)
    return Scale("log", tuple(_tidy(10.0 ** e) for e in range(first, last + 1)))
