"""Comparison: one metric across parties, places or events, one row each.

On a linear axis each figure stands on a stem from zero (a lollipop); on a log axis,
where zero has no place, a dot alone. All claims of a chart share one unit.
"""

from __future__ import annotations

from .rows import draw_rows
from .style import N_

METRICS = {"*"}
UNITS = None
SERIES = ("reported", "first", "revised")
AXIS = N_("Figure")
ALT = N_("Dot chart comparing figures: %(title)s. %(items)s.")
RULES = "any metric; one unit for the whole chart"


def series_of(status: str, measure: str | None, metric: str) -> str:
    return {"revised": "first", "revision": "revised"}.get(status, "reported")


def draw(data) -> str:
    return draw_rows(data, stems=True)
