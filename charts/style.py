"""The house style of the charts and the one drawing routine they share.

Points are told apart by marker shape and fill as well as colour (Okabe–Ito, a
colour-blind-safe palette), and every point carries its figure as a direct label, so
a chart prints legibly in grey. Figures that span 49 to 1,000,000 share one
logarithmic axis whose ticks are labelled with the edition's own numbers ("1.000");
dots, not bars, because a bar on a log scale has no honest baseline.
"""

from __future__ import annotations

import io
from dataclasses import replace

# Okabe–Ito colours, chosen so that their grey values differ too.
BLUE, VERMILION, GREEN, ORANGE, BLACK = "#0072B2", "#D55E00", "#009E73", "#E69F00", "#000000"
INK = "#1b2a3a"
GRID = "#c5cfd9"
FONT = "Noto Sans"
WIDTH_IN = 6.3   # the text block of A4 with our margins, in inches


def _pyplot():
    """Import matplotlib lazily, set up for reproducible, font-faithful SVG."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    import fontpkg_noto_sans

    for path in sorted((fontpkg_noto_sans.ROOT / "files").glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update({
        "svg.fonttype": "none",       # real text: searchable, and set in our fonts
        "svg.hashsalt": "briefing",   # stable ids
        "font.family": FONT,
        "font.size": 8,
        "axes.edgecolor": INK,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "text.color": INK,
        "hatch.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.spines.left": False,
    })
    return plt


def _room_for_labels(points, ticks, axis_in: float) -> float:
    """The right end of the log axis: the last tick, or further when a direct label
    (set right of its point, or of the arrow of a lower bound) would run past it."""
    import math

    low = math.log10(ticks[0])
    upper = math.log10(ticks[-1])
    for point in points:
        anchor = point.high * (2.2 if point.qualifier in ("at_least", "more_than") else 1)
        anchor = math.log10(max(anchor, ticks[0]))
        label_in = (len(point.text) * 7.5 * 0.56 + 10) / 72  # Noto Sans 7.5 pt, padding
        share = label_in / axis_in  # of the axis width the label needs
        if share < 1:
            upper = max(upper, (anchor - share * low) / (1 - share))
    return 10 ** upper


def dotplot(data, series: dict) -> str:
    """Draw points on a log axis, one row each, and return the SVG text."""
    plt = _pyplot()
    from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

    points = data.points
    # Layout in inches, so that wrapped labels and the legend never overlap.
    lines = [p.label.count("\n") + 1 for p in points]
    row_in = [0.12 + 0.14 * n for n in lines]
    handles_count = len(data.legend) + 2
    legend_rows = -(-handles_count // 2)
    top_in, axis_in, legend_in = 0.1, 0.48, 0.19 * legend_rows + 0.08
    plot_in = sum(row_in) + 0.1
    height = top_in + plot_in + axis_in + legend_in
    fig = plt.figure(figsize=(WIDTH_IN, height))
    left = 0.43
    ax = fig.add_axes((left, (axis_in + legend_in) / height, 0.95 - left, plot_in / height))
    # Row centres from the top down, each as tall as its label.
    centres, y = [], plot_in - 0.05
    for h in row_in:
        centres.append(y - h / 2)
        y -= h
    edge = data.ticks[0][0]  # zeros sit on the left edge of the log axis
    for row, point in zip(centres, points):
        style = series[point.series]
        point = replace(point, low=max(point.low, edge), high=max(point.high, edge))
        ax.axhline(row, color=GRID, linewidth=0.5, zorder=0)
        if point.high > point.low:  # a range: a line between its ends
            ax.plot([point.low, point.high], [row, row], color=style["color"],
                    linewidth=2.2, solid_capstyle="butt", zorder=2)
            ax.plot([point.low, point.high], [row, row], linestyle="none", marker="|",
                    markersize=8, color=style["color"], zorder=3)
        lower_bound = point.qualifier in ("at_least", "more_than")
        if lower_bound:  # the true figure lies further right: an arrow says so
            ax.annotate("", xy=(point.high * 2.2, row), xytext=(point.high, row),
                        arrowprops={"arrowstyle": "-|>", "color": style["color"],
                                    "lw": 1.3, "shrinkA": 0, "shrinkB": 0}, zorder=3)
        ax.plot([point.high], [row], linestyle="none", marker=style["marker"], markersize=7,
                markerfacecolor=style["color"] if style["filled"] else "white",
                markeredgecolor=style.get("edge", style["color"]), markeredgewidth=1.4,
                zorder=4)
        ax.annotate(point.text, (point.high * (2.2 if lower_bound else 1), row),
                    xytext=(6, 0), textcoords="offset points", va="center", ha="left",
                    fontsize=7.5, zorder=5,
                    bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"})
    ax.set_xscale("log")
    values = [v for v, _ in data.ticks]
    ax.set_xlim(values[0], _room_for_labels(points, values, (0.95 - left) * WIDTH_IN))
    ax.xaxis.set_major_locator(FixedLocator(values))
    ax.xaxis.set_major_formatter(FixedFormatter([label for _, label in data.ticks]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_ylim(0, plot_in)
    ax.set_yticks(centres)
    ax.set_yticklabels([p.label for p in points], fontsize=7.5, linespacing=1.15)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(data.axis_label)
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    handles = []
    for key, label in data.legend:
        style = series[key]
        handles.append(ax.plot([], [], linestyle="none", marker=style["marker"],
                               markersize=7, markeredgewidth=1.4,
                               markerfacecolor=style["color"] if style["filled"] else "white",
                               markeredgecolor=style.get("edge", style["color"]),
                               label=label)[0])
    if any(p.qualifier in ("at_least", "more_than") for p in points):
        handles.append(ax.plot([], [], color=INK, linewidth=1.3, marker=">", markersize=5,
                               label=data.lower_bound_label)[0])
    if any(p.high > p.low for p in points):
        handles.append(ax.plot([], [], color=INK, linewidth=2.2, marker="|",
                               markersize=8, label=data.range_label)[0])
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.0), ncol=2,
               frameon=False, fontsize=7.5, columnspacing=2.0, handletextpad=0.4)
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return out.getvalue()
