"""Casualties: people killed or wounded, one row per claim, grouped by phase.

A first report that its own claimant later revised is hollow, the revision a filled
square, so both stay visible; who gives each figure is on every row.
"""

from __future__ import annotations

from .rows import draw_rows
from .style import N_

METRICS = {"killed", "wounded"}
UNITS = {""}
SERIES = ("reported", "first", "revised")
AXIS = N_("People")
ALT = N_("Dot chart of casualty figures: %(title)s. %(items)s.")
RULES = "killed or wounded, counts of people (no unit); one row per claim"


def series_of(status: str, measure: str | None, metric: str) -> str:
    return {"revised": "first", "revision": "revised"}.get(status, "reported")


def draw(data) -> str:
    return draw_rows(data, stems=True)
