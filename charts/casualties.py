"""Casualties: people killed, one row per claim, grouped by phase of the conflict.

First reports that a later claim revised are hollow, the revisions filled squares, so
that both stay visible side by side; who makes each claim is in the row label.
"""

from __future__ import annotations

from .style import BLUE, ORANGE, VERMILION, dotplot


def N_(msgid: str) -> str:
    return msgid


METRICS = {"killed"}
AXIS = N_("People killed (logarithmic scale)")
SERIES = {
    "reported": {"marker": "o", "filled": True, "color": BLUE,
                 "legend": N_("Figure as reported")},
    "first": {"marker": "o", "filled": False, "color": VERMILION,
              "legend": N_("First report, later revised")},
    "revised": {"marker": "s", "filled": True, "color": ORANGE, "edge": "#8a5a00",
                "legend": N_("Revised figure")},
}


def series_of(status: str, measure: str | None, metric: str) -> str:
    return {"revised": "first", "revision": "revised"}.get(status, "reported")


def draw(data) -> str:
    return dotplot(data, SERIES)
