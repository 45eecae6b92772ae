"""Chart kinds: one module per kind, each with the same small interface.

A kind module declares ``METRICS`` (the claim metrics it plots), ``SERIES`` (how its
points are told apart: marker, fill, hatch and a legend text marked for translation)
and ``series_of(point)``, and draws with ``draw(data) -> str`` (an SVG document).
The data it receives is already localized: it never formats a number itself.
Importing this package does not import matplotlib; drawing does.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

KINDS = ("casualties", "displacement")


@dataclass(frozen=True)
class Point:
    """One claim as a chart sees it: a figure or a range, already formatted."""

    label: str          # row label, in the edition's language
    low: float
    high: float         # equal to low for a single figure
    qualifier: str      # exact | about | at_least | more_than
    series: str         # key into the kind's SERIES
    text: str           # the figure as printed ("about 30,000")


@dataclass(frozen=True)
class ChartData:
    kind: str
    title: str
    points: tuple[Point, ...]
    legend: tuple[tuple[str, str], ...]      # (series key, localized label), in order
    axis_label: str
    ticks: tuple[tuple[float, str], ...]     # (value, localized label) for the x axis
    lower_bound_label: str                   # legend text of the "at least" marker
    range_label: str                         # legend text of a range
    lang: str


def kind_module(kind: str):
    if kind not in KINDS:
        raise KeyError(kind)
    return importlib.import_module(f"charts.{kind}")
