"""Displacement: people displaced by phase, with the region's population for scale.

Counts of new displacements (flows) and of people displaced at one time (stocks) are
different quantities and keep different markers; the population is a hollow circle.
"""

from __future__ import annotations

from .style import BLUE, GREEN, VERMILION, dotplot


def N_(msgid: str) -> str:
    return msgid


METRICS = {"displaced", "population"}
AXIS = N_("People (logarithmic scale)")
SERIES = {
    "flow": {"marker": "D", "filled": True, "color": VERMILION,
             "legend": N_("New displacements over the period (flow)")},
    "stock": {"marker": "s", "filled": True, "color": BLUE,
              "legend": N_("People displaced at one time (stock)")},
    "population": {"marker": "o", "filled": False, "color": GREEN,
                   "legend": N_("Population of the region, for scale")},
}


def series_of(status: str, measure: str | None, metric: str) -> str:
    return "population" if metric == "population" else measure


def draw(data) -> str:
    return dotplot(data, SERIES)
