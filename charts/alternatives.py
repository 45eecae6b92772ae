"""Alternatives: the figures different claimants (or one claimant over time) give for
the same quantity, side by side under a heading for that quantity.

Each row says who gives the figure and when; the figures are never joined into a
range, since they are competing answers, not the ends of an estimate.
"""

from __future__ import annotations

from .rows import draw_rows
from .style import N_

METRICS = {"*"}
UNITS = None
SERIES = ("reported", "first", "revised")
AXIS = N_("Figure")
ALT = N_("Chart of alternative figures for the same quantity: %(title)s. %(items)s.")
RULES = "any metric; one unit; claims grouped by quantity, each with who and when"


def series_of(status: str, measure: str | None, metric: str) -> str:
    return {"revised": "first", "revision": "revised"}.get(status, "reported")


def draw(data) -> str:
    return draw_rows(data)
