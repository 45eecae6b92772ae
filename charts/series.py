"""Series: one metric over time, as a line through the figures in date order.

A figure dated to a month or a year is drawn across that month or year, not pinned to
its first day; ranges are a band; the line breaks where no claim exists for a stretch
much longer than the usual spacing of the figures, rather than inventing the values.
"""

from __future__ import annotations

import statistics

from .style import (BLUE, GRID, MARKERS, TEXT_PT, TRACK, WIDTH_IN, N_, add_legend,
                    bound_mark, legend_handles, legend_height_in, legend_labels, marker_style,
                    pyplot, text_width_in, thin_tick_labels, to_svg)

METRICS = {"*"}
UNITS = None
SERIES = ("reported", "first", "revised")
AXIS = N_("Figure")
ALT = N_("Line chart over time: %(title)s. %(items)s.")
RULES = "any metric; one unit; every claim dated (reported); one claim per date"
GAP_FACTOR = 1.8   # a stretch this many times the usual spacing is a gap


def series_of(status: str, measure: str | None, metric: str) -> str:
    return {"revised": "first", "revision": "revised"}.get(status, "reported")


def draw(data) -> str:
    plt = pyplot()
    from matplotlib.ticker import FixedFormatter, FixedLocator, NullLocator

    points = sorted(data.points, key=lambda p: (p.start, p.end))
    labels = legend_labels(data)
    if any(p.end - p.start > 1 for p in points):
        labels.append(data.period_label)
    legend_in = legend_height_in(labels)
    widest_tick = max(text_width_in(label) for _, label in data.ticks)
    plot_in, left_in, right_in = 2.1, 0.3 + widest_tick, WIDTH_IN - 0.3
    height = 0.35 + plot_in + 0.5 + legend_in  # room above for bound marks and figures
    fig = plt.figure(figsize=(WIDTH_IN, height))
    ax = fig.add_axes((left_in / WIDTH_IN, (0.5 + legend_in) / height,
                       (right_in - left_in) / WIDTH_IN, plot_in / height))
    ax.spines["left"].set_visible(True)
    values = [v for v, _ in data.ticks]
    ax.set_yscale(data.scale)
    ax.set_ylim(values[0], values[-1])
    ax.spines["left"].set_bounds(values[0], values[-1])
    days = [d for d, _ in data.x_ticks] + [p.start for p in points] + [p.end for p in points]
    margin = (max(days) - min(days)) * 0.04 or 30
    ax.set_xlim(min(days) - margin, max(days) + margin)

    middles = [(p.start + p.end) / 2 for p in points]
    spacing = statistics.median([b - a for a, b in zip(middles, middles[1:])] or [1])
    segments, current = [], []
    for middle, point in zip(middles, points):
        if current and middle - current[-1][0] > GAP_FACTOR * spacing:
            segments.append(current)
            current = []
        current.append((middle, point))
    segments.append(current)
    for segment in segments:
        xs = [m for m, _ in segment]
        ax.plot(xs, [p.high if not p.is_range else (p.low + p.high) / 2 for _, p in segment],
                color=BLUE, linewidth=1.2, zorder=2)
        if any(p.is_range for _, p in segment):
            ax.fill_between(xs, [p.low for _, p in segment], [p.high for _, p in segment],
                            color=TRACK, linewidth=0, zorder=1)
    bounds_used, range_used = set(), False
    for middle, point in zip(middles, points):
        style = MARKERS[point.series]
        if point.end - point.start > 1:  # dated to a month or a year: drawn across it
            ax.plot([point.start, point.end], [point.high, point.high], color=style["color"],
                    linewidth=2.4, solid_capstyle="butt", alpha=0.55, zorder=3)
        if point.is_range:
            range_used = True
            ax.plot([middle, middle], [point.low, point.high], color=style["color"],
                    linewidth=2.2, solid_capstyle="butt", zorder=3)
            ax.plot([middle, middle], [point.low, point.high], linestyle="none", marker="_",
                    markersize=7, markeredgewidth=1.2, color=style["color"], zorder=3)
        else:
            ax.plot([middle], [point.high], zorder=4, **marker_style(point.series))
        if point.bound:
            bounds_used.add(point.bound)
            bound_mark(ax, middle, point.high, point.bound, style["color"], vertical=True)
        above = point.bound != "lower"
        ax.annotate(point.text, (middle, point.high), xytext=(0, 6 if above else -7),
                    textcoords="offset points", ha="center", va="bottom" if above else "top",
                    fontsize=TEXT_PT - 0.5, zorder=5, annotation_clip=False,
                    bbox={"boxstyle": "square,pad=0.05", "fc": "white", "ec": "none"})
    ax.yaxis.set_major_locator(FixedLocator(values))
    ax.yaxis.set_major_formatter(FixedFormatter([label for _, label in data.ticks]))
    ax.yaxis.set_minor_locator(NullLocator())
    x_values = [d for d, _ in data.x_ticks]
    low, high = ax.get_xlim()
    positions = [left_in + (d - low) / (high - low) * (right_in - left_in) for d in x_values]
    ax.xaxis.set_major_locator(FixedLocator(x_values))
    ax.xaxis.set_major_formatter(FixedFormatter(
        thin_tick_labels(positions, [label for _, label in data.x_ticks])))
    # year labels sit mid-year; the ticks mark where the years begin
    ax.xaxis.set_minor_locator(FixedLocator([d - 182 for d in x_values] + [x_values[-1] + 183]))
    ax.tick_params(labelsize=TEXT_PT, length=3)
    ax.tick_params(axis="x", which="major", length=0)
    ax.grid(axis="y", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_ylabel(data.axis_label, fontsize=TEXT_PT)
    handles = legend_handles(ax, data, {p.series for p in points}, bounds_used, range_used)
    if any(p.end - p.start > 1 for p in points):
        from matplotlib.lines import Line2D

        handles.append(Line2D([], [], color=BLUE, linewidth=2.4, alpha=0.55,
                              solid_capstyle="butt", label=data.period_label))
    add_legend(fig, handles)
    return to_svg(fig)
