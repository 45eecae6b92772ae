"""The row chart that comparison, alternatives, share, casualties and displacement
share: one row per claim, its label and who gives it on the left, its mark on one
horizontal axis, its figure printed beside the mark.

Layout is computed in inches from measured text, so that wrapped labels, the
attribution line of every row, group headings and the legend never overlap, and the
axis is as wide as the figures printed right of their marks allow.
"""

from __future__ import annotations

import math

from .style import (BOUND_PT, GRID, INK, MARKERS, MUTED, SMALL_PT, TEXT_PT, TRACK,
                    WIDTH_IN, add_legend, bound_mark, legend_handles, legend_height_in,
                    legend_labels, marker_style, pyplot, text_width_in, thin_tick_labels,
                    to_svg, wrap_balanced)

LABEL_LEFT, LABEL_W = 0.04, 2.25      # the label column, inches
PLOT_LEFT = 2.55                      # the axis starts here
RIGHT_EDGE = WIDTH_IN - 0.04
LINE_IN = TEXT_PT * 1.3 / 72          # one line of label text
SMALL_LINE_IN = SMALL_PT * 1.3 / 72
ROW_PAD_IN = 0.07
LABEL_PAD_PT = 7                      # between a mark and its figure


def draw_rows(data, stems: bool = False, bars: bool = False) -> str:
    """The SVG of a row chart. ``stems``: a thin line from zero to each figure on a
    linear axis (a lollipop), except to a bound; ``bars``: a bar from zero with the track of the whole."""
    plt = pyplot()
    from matplotlib.lines import Line2D

    rows = _layout_rows(data)
    start, end = data.ticks[0][0], data.ticks[-1][0]
    position = _position(data.scale, start, end)
    plot_right = _plot_right(data, position)

    top_in, axis_in = 0.06, 0.5
    legend_in = legend_height_in(legend_labels(data))
    plot_in = sum(r["height"] for r in rows) + 0.04
    height = top_in + plot_in + axis_in + legend_in
    fig = plt.figure(figsize=(WIDTH_IN, height))
    bottom = axis_in + legend_in
    ax = fig.add_axes((PLOT_LEFT / WIDTH_IN, bottom / height,
                       (plot_right - PLOT_LEFT) / WIDTH_IN, plot_in / height))
    ax.set_xscale(data.scale)
    ax.set_xlim(start, end)
    ax.set_ylim(0, plot_in)
    ax.spines["bottom"].set_bounds(start, end)
    ax.set_yticks([])
    inch_x = (plot_right - PLOT_LEFT)

    y = plot_in - 0.02
    bounds_used, range_used, used = set(), False, set()
    for row in rows:
        top = y
        y -= row["height"]
        if row["kind"] == "heading":
            _lines(fig, row["lines"], top - 0.04, bottom, height, TEXT_PT + 0.5, INK, LINE_IN)
            fig.add_artist(Line2D([LABEL_LEFT / WIDTH_IN, RIGHT_EDGE / WIDTH_IN],
                                  [(bottom + top) / height] * 2, color=INK, linewidth=0.5))
            continue
        point = row["point"]
        centre = (top + y) / 2
        text_top = centre + row["text_height"] / 2
        _lines(fig, row["lines"], text_top, bottom, height, TEXT_PT, INK, LINE_IN)
        _lines(fig, row["who_lines"], text_top - LINE_IN * len(row["lines"]), bottom, height,
               SMALL_PT, MUTED, SMALL_LINE_IN)
        ax.axhline(centre, color=GRID, linewidth=0.4, zorder=0)
        style = MARKERS[point.series]
        low, high = max(point.low, start), max(point.high, start)
        used.add(point.series)
        if bars:
            ax.barh(centre, end - start, left=start, height=0.14, color=TRACK, zorder=1,
                    linewidth=0)
            ax.barh(centre, high - start, left=start, height=0.14, color=style["color"],
                    zorder=2, linewidth=0)
        elif stems and data.scale == "linear" and not point.is_range and not point.bound:
            # a bound has no stem: the open mark alone says which way the figure lies
            ax.plot([start, high], [centre, centre], color=style["color"], linewidth=0.9,
                    zorder=2)
        if point.is_range:
            range_used = True
            ax.plot([low, high], [centre, centre], color=style["color"], linewidth=2.2,
                    solid_capstyle="butt", zorder=2)
            ax.plot([low, high], [centre, centre], linestyle="none", marker="|",
                    markersize=7, markeredgewidth=1.2, color=style["color"], zorder=3)
        elif not bars:
            ax.plot([high], [centre], zorder=4, **marker_style(point.series))
        if point.bound:
            bounds_used.add(point.bound)
            bound_mark(ax, high, centre, point.bound, style["color"] if not bars else INK)
        offset = LABEL_PAD_PT + (BOUND_PT if point.bound == "lower" else 0)
        # on paper ground, so that no grid line or row rule runs through the figure
        ground = None if bars else {"boxstyle": "square,pad=0.15", "facecolor": "white",
                                    "edgecolor": "none"}
        ax.annotate(point.text, (high, centre), xytext=(offset, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=TEXT_PT,
                    zorder=5, annotation_clip=False, bbox=ground)
    values = [v for v, _ in data.ticks]
    from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

    positions = [PLOT_LEFT + position(v) * inch_x for v in values]
    labels = thin_tick_labels(positions, [label for _, label in data.ticks])
    ax.xaxis.set_major_locator(FixedLocator(values))
    ax.xaxis.set_major_formatter(FixedFormatter(labels))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.tick_params(axis="x", labelsize=TEXT_PT, length=3)
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_xlabel(data.axis_label, fontsize=TEXT_PT)
    add_legend(fig, legend_handles(ax, data, used, bounds_used, range_used))
    return to_svg(fig)


def _lines(fig, lines, top_in, bottom_in, height_in, size, color, line_in) -> None:
    """Lines of text from ``top_in`` down, one ``line_in`` apart, in the label column."""
    for index, line in enumerate(lines):
        y = bottom_in + top_in - (index + 0.5) * line_in
        fig.text(LABEL_LEFT / WIDTH_IN, y / height_in, line, fontsize=size, color=color,
                 va="center_baseline", ha="left")


def _position(scale: str, start: float, end: float):
    """Where a value falls along the axis, from 0 (start) to 1 (end)."""
    if scale == "log":
        low, high = math.log10(start), math.log10(end)
        return lambda v: (math.log10(max(v, start)) - low) / (high - low)
    return lambda v: (v - start) / (end - start)


def _plot_right(data, position) -> float:
    """The right end of the axis: as far right as the figures printed right of their
    marks allow (a figure near the end of the axis needs room past it)."""
    right = RIGHT_EDGE - text_width_in(data.ticks[-1][1]) / 2 - 0.02
    for point in data.points:
        need = (LABEL_PAD_PT + (BOUND_PT if point.bound == "lower" else 0)) / 72 \
            + text_width_in(point.text) + 0.03
        share = position(point.high)
        if share > 0:
            right = min(right, PLOT_LEFT + (RIGHT_EDGE - need - PLOT_LEFT) / share)
    return max(right, PLOT_LEFT + 1.5)


def _layout_rows(data) -> list[dict]:
    rows, group = [], None
    for point in data.points:
        if point.group and point.group != group:
            lines = wrap_balanced(point.group, RIGHT_EDGE - LABEL_LEFT, TEXT_PT + 0.5)
            rows.append({"kind": "heading", "lines": lines,
                         "height": LINE_IN * len(lines) + 0.06})
        group = point.group
        lines = wrap_balanced(point.label, LABEL_W, TEXT_PT)
        who = ", ".join(part for part in (point.who, point.when) if part)
        who_lines = wrap_balanced(who, LABEL_W, SMALL_PT) if who else []
        text_height = LINE_IN * len(lines) + SMALL_LINE_IN * len(who_lines)
        rows.append({"kind": "point", "point": point, "lines": lines, "who_lines": who_lines,
                     "text_height": text_height, "height": text_height + 2 * ROW_PAD_IN})
    return rows
