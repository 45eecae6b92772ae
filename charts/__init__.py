"""Chart kinds: a registry of modules, one per kind, each with the same small interface.

A kind module declares what it accepts and how it reads:

- ``METRICS``: the claim metrics it plots; ``"*"`` stands for any metric.
- ``UNITS``: the units it plots (``None`` = any one unit per chart; people counts have
  no unit, written ``""``).
- ``SERIES``: the keys of ``style.MARKERS`` its points may use, in legend order, and
  ``series_of(claim_status, measure, metric)`` choosing one for a claim.
- ``AXIS``: the axis title (marked for translation), ``ALT``: its alt-text sentence.
- ``RULES``: a one-line statement of its data rules, which the schema editors read
  gives for the kind (the validator reads ``METRICS`` and ``UNITS``).
- ``draw(data) -> str``: an SVG document.

The data it receives is already localized (labels, figures, ticks, legend): chart
code never formats a number. Importing this package does not import matplotlib;
drawing does. Every kind shares one visual language (``style.MARKERS``): a marker
means the same thing in every figure of a brief.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Optional

KINDS = ("comparison", "series", "alternatives", "share", "casualties", "displacement",
         "map")

# A chart plots at most this many claims: beyond that a table reads better, and the
# validator says so (documented in the README).
MAX_POINTS = 40

LOWER_BOUNDS = ("at_least", "more_than")
UPPER_BOUNDS = ("up_to", "at_most", "less_than")


def bound_of(qualifier: str) -> Optional[str]:
    """"lower" when the true figure may be larger, "upper" when smaller, else None."""
    if qualifier in LOWER_BOUNDS:
        return "lower"
    if qualifier in UPPER_BOUNDS:
        return "upper"
    return None


@dataclass(frozen=True)
class Point:
    """One claim as a chart sees it: a figure or a range, already formatted."""

    label: str          # what is counted, in the edition's language (unwrapped)
    low: float
    high: float         # equal to low for a single figure
    qualifier: str      # exact | about | nearly | at_least | more_than | up_to | ...
    series: str         # key into style.MARKERS
    text: str           # the figure as printed ("about 30,000")
    bound: Optional[str] = None   # "lower" | "upper" | None, from the qualifier
    who: str = ""       # who gives the figure (claimant, else the sources' publishers)
    when: str = ""      # when it was reported, localized ("14 September 2022")
    group: str = ""     # heading of the rows it belongs with (a quantity, a phase)
    start: Optional[float] = None  # series: first and last day the figure is dated to,
    end: Optional[float] = None    # as days since 1970-01-01 (a year spans 365 days)

    @property
    def is_range(self) -> bool:
        return self.high > self.low


@dataclass(frozen=True)
class ChartData:
    kind: str
    title: str
    points: tuple[Point, ...]
    legend: tuple[tuple[str, str], ...]      # (series key, localized label), in order
    axis_label: str                          # names the unit, and the scale when log
    ticks: tuple[tuple[float, str], ...]     # (value, localized label), start to end
    scale: str                               # "linear" | "log"
    lower_bound_label: str                   # legend text of a lower bound's mark
    upper_bound_label: str                   # legend text of an upper bound's mark
    range_label: str                         # legend text of a range
    lang: str
    x_ticks: tuple[tuple[float, str], ...] = ()   # series: (day, localized date)
    period_label: str = ""   # series: legend text of a figure drawn across its month/year


def kind_module(kind: str):
    if kind not in KINDS:
        raise KeyError(kind)
    return importlib.import_module(f"charts.{kind}")
