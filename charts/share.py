"""Share: percentages of a whole, each a bar within the track of its whole (0–100%).

The axis always runs to 100 percent, so that a share is seen against the whole.
"""

from __future__ import annotations

from .rows import draw_rows
from .style import N_

METRICS = {"share"}
UNITS = {"percent", "concentr-percent"}  # a share is a percent, written or not
SERIES = ("share",)
AXIS = N_("Percent of the whole")
ALT = N_("Bar chart of shares of a whole: %(title)s. %(items)s.")
RULES = "share, in percent (0 to 100)"
FIXED_END = 100


def series_of(status: str, measure: str | None, metric: str) -> str:
    return "share"


def draw(data) -> str:
    return draw_rows(data, bars=True)
