"""Displacement: people displaced by phase, with a population for scale.

Counts of new displacements (flows) and of people displaced at one time (stocks) are
different quantities and keep different marks; a population is shown for scale only.
"""

from __future__ import annotations

from .rows import draw_rows
from .style import N_

METRICS = {"displaced", "population"}
UNITS = {""}
SERIES = ("flow", "stock", "context")
AXIS = N_("People")
ALT = N_("Dot chart of displacement figures: %(title)s. %(items)s.")
RULES = "displaced or population, counts of people (no unit); displaced claims say stock or flow"


def series_of(status: str, measure: str | None, metric: str) -> str:
    return "context" if metric == "population" else measure


def draw(data) -> str:
    return draw_rows(data, stems=True)
