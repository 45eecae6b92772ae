"""The house style of the charts: one visual language for every kind.

``MARKERS`` is the one registry of what a mark means; every kind draws its points with
keys of it, so a marker means the same thing in every figure of a brief. Marks differ
in shape and fill as well as colour (Okabe–Ito, a colour-blind-safe palette), so a
chart prints legibly in grey. Text is measured with the font it is set in: labels
wrap by words into balanced lines, and tick labels that would touch are thinned.
"""

from __future__ import annotations

import io
import warnings
from functools import lru_cache

# Okabe–Ito colours, chosen so that their grey values differ too.
BLUE, VERMILION, GREEN, ORANGE = "#0072B2", "#D55E00", "#009E73", "#E69F00"
INK = "#1b2a3a"
MUTED = "#4a5866"
GRID = "#c5cfd9"
TRACK = "#e6ebf0"
FONT = "Noto Sans"
WIDTH_IN = 6.3       # the text block of A4 with our margins, in inches
TEXT_PT = 7.5        # labels, figures, legend
SMALL_PT = 6.8       # attribution lines
BOUND_PT = 14        # length of the open-ended mark of a bound, whatever the scale
TICK_GAP_IN = 0.08   # the least space between two tick labels


def N_(msgid: str) -> str:
    return msgid


# Every mark of every kind: shape, fill and colour, and its legend text. A test holds
# them apart in grey: no two share shape and fill.
MARKERS = {
    "reported": {"marker": "o", "filled": True, "color": BLUE,
                 "legend": N_("Figure as reported")},
    "first": {"marker": "o", "filled": False, "color": VERMILION,
              "legend": N_("First report, later revised")},
    "revised": {"marker": "s", "filled": True, "color": ORANGE, "edge": "#8a5a00",
                "legend": N_("Revised figure")},
    "flow": {"marker": "D", "filled": True, "color": VERMILION,
             "legend": N_("New displacements over the period (flow)")},
    "stock": {"marker": "s", "filled": False, "color": BLUE,
              "legend": N_("People displaced at one time (stock)")},
    "context": {"marker": "D", "filled": False, "color": GREEN,
                "legend": N_("Shown for scale only")},
    "share": {"marker": "bar", "filled": True, "color": BLUE,
              "legend": N_("Share of the whole")},
}


def pyplot():
    """Import matplotlib lazily, set up for reproducible, font-faithful SVG."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    # A label the fonts cannot draw is the glyph check's to report, at the facts line
    # that typed it (briefing.render.glyphs), not matplotlib's, unlocated, on stderr.
    warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font",
                            category=UserWarning)

    _register_fonts()
    # matplotlib's own defaults, not a user's matplotlibrc (in the home folder, the
    # current folder or $MATPLOTLIBRC), which would change every chart's drawing.
    matplotlib.rcdefaults()
    matplotlib.rcParams.update({
        "svg.fonttype": "none",       # real text: searchable, and set in our fonts
        "svg.hashsalt": "briefing",   # stable ids
        # Labels, names and translations are input: "$...$" prints as typed, never
        # as math text (which sets it in another font, or fails on bad TeX).
        "text.parse_math": False,
        "text.usetex": False,
        "font.family": FONT,
        "font.size": TEXT_PT,
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


@lru_cache(maxsize=None)
def _register_fonts() -> None:
    from matplotlib import font_manager

    import fontpkg_noto_sans

    for path in sorted((fontpkg_noto_sans.ROOT / "files").glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))


def text_width_in(text: str, size: float = TEXT_PT, weight: str = "normal") -> float:
    """The width of one line of text set in our font, in inches: its words measured
    once each (shaping a line is slow), plus the spaces between them."""
    words = text.split(" ")
    return (sum(_word_width_in(word, size, weight) for word in words)
            + (len(words) - 1) * _space_width_in(size, weight))


@lru_cache(maxsize=None)
def _space_width_in(size: float, weight: str) -> float:
    return _word_width_in("x x", size, weight) - 2 * _word_width_in("x", size, weight)


@lru_cache(maxsize=8192)
def _word_width_in(word: str, size: float, weight: str) -> float:
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    _register_fonts()
    prop = FontProperties(family=FONT, size=size, weight=weight)
    width, _, _ = TextToPath().get_text_width_height_descent(word, prop, ismath=False)
    return width / 72


def wrap_balanced(text: str, width_in: float, size: float = TEXT_PT,
                  weight: str = "normal") -> list[str]:
    """Break ``text`` between words into the fewest lines that fit ``width_in``, as
    even as possible: no lone word left on a last line ("TDI", "2016"). A word wider
    than the line (a long name, a URL) is broken between characters, as the print
    stylesheet breaks it, rather than run out of the chart."""
    words = [piece for word in text.split(" ")
             for piece in _fitting_pieces(word, width_in, size, weight)]
    if len(words) == 1:
        return words

    def width(i: int, j: int) -> float:
        return text_width_in(" ".join(words[i:j]), size, weight)

    for lines in range(1, len(words) + 1):
        best = _balanced_split(words, lines, width)
        if best is not None and best[0] <= width_in:
            return best[1]
    return words  # pragma: no cover - one word a line always ends the loop


def _fitting_pieces(word: str, width_in: float, size: float, weight: str) -> list[str]:
    """``word`` cut into the fewest pieces no wider than ``width_in``, each as long as
    fits (found by bisection: shaping is slow); a word that fits is one piece."""
    pieces = []
    while _word_width_in(word, size, weight) > width_in and len(word) > 1:
        low, high = 1, len(word) - 1  # the longest prefix that fits is word[:low]
        while low < high:
            middle = (low + high + 1) // 2
            if _word_width_in(word[:middle], size, weight) <= width_in:
                low = middle
            else:
                high = middle - 1
        pieces.append(word[:low])
        word = word[low:]
    return pieces + [word]


def _balanced_split(words, lines, width):
    """(widest line, lines) of the split into ``lines`` lines whose widest line is
    narrowest (ties: the later lines longer, which keeps a short word off the end)."""
    count = len(words)
    if lines > count:
        return None
    # best[k][i]: (widest, breaks) for words[i:] in k lines
    best = {1: {i: (width(i, count), (i,)) for i in range(count)}}
    for k in range(2, lines + 1):
        best[k] = {}
        for i in range(count - k + 1):
            options = []
            for j in range(i + 1, count - k + 2):
                rest_widest, rest = best[k - 1][j]
                options.append((max(width(i, j), rest_widest), -j, (i,) + rest))
            widest, _, breaks = min(options)
            best[k][i] = (widest, breaks)
    widest, breaks = best[lines][0]
    bounds = list(breaks) + [count]
    return widest, [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]


def marker_style(key: str) -> dict:
    style = MARKERS[key]
    return {"marker": style["marker"], "markersize": 6.5, "markeredgewidth": 1.3,
            "markerfacecolor": style["color"] if style["filled"] else "white",
            "markeredgecolor": style.get("edge", style["color"]), "linestyle": "none",
            # a figure at the end of its axis (an axis ends at the first round value at
            # or past the largest) is drawn whole, not cut in half by the plot's edge
            "clip_on": False}


def bound_mark(ax, x, y, bound: str, color: str, vertical: bool = False) -> None:
    """An open-ended mark of fixed length from a figure towards where the true figure
    may lie: right (or up) for a lower bound, left (or down) for an upper one. Its
    length never depends on the scale, so it cannot be read as a range."""
    sign = 1 if bound == "lower" else -1
    offset = (0, sign * BOUND_PT) if vertical else (sign * BOUND_PT, 0)
    ax.annotate("", xy=(x, y), xytext=offset, textcoords="offset points",
                arrowprops={"arrowstyle": "<-,head_length=0.35,head_width=0.22",
                            "color": color, "lw": 1.1, "shrinkA": 0, "shrinkB": 0},
                zorder=3, annotation_clip=False)


def legend_handles(ax, data, used_series, bounds_used, range_used):
    """Legend entries: each mark used, then the bound marks and the range, once."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    for key, label in data.legend:
        if key not in used_series:
            continue
        style = MARKERS[key]
        if style["marker"] == "bar":
            handles.append(Patch(facecolor=style["color"], edgecolor=style["color"],
                                 label=label))
        else:
            handles.append(Line2D([], [], label=label, **marker_style(key)))
    for bound, label in (("lower", data.lower_bound_label), ("upper", data.upper_bound_label)):
        if bound in bounds_used:
            handles.append(_BoundHandle(bound, label))
    if range_used:
        handles.append(_RangeHandle(data.range_label))
    return handles


def legend_labels(data) -> list[str]:
    """The texts of the legend entries ``legend_handles`` will make for ``data``."""
    used = {p.series for p in data.points}
    labels = [label for key, label in data.legend if key in used]
    bounds = {p.bound for p in data.points}
    labels += [label for bound, label in (("lower", data.lower_bound_label),
                                          ("upper", data.upper_bound_label)) if bound in bounds]
    if any(p.is_range for p in data.points):
        labels.append(data.range_label)
    return labels


class _BoundHandle:
    """A legend entry drawn as the bound mark itself (see ``legend_handler``)."""

    def __init__(self, bound: str, label: str):
        self.bound = bound
        self._label = label

    def get_label(self) -> str:
        return self._label


class _RangeHandle(_BoundHandle):
    """A legend entry drawn as a range: a bar with a cap at each end."""

    def __init__(self, label: str):
        super().__init__("range", label)


def legend_handler_map() -> dict:
    from matplotlib.legend_handler import HandlerBase
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    class BoundHandler(HandlerBase):
        def create_artists(self, legend, handle, xdescent, ydescent, width, height,
                           fontsize, trans):
            y = height / 2 - ydescent
            start, stop = (0.2 * width, 0.95 * width)
            if handle.bound == "upper":
                start, stop = 0.8 * width, 0.05 * width
            arrow = FancyArrowPatch((start, y), (stop, y), transform=trans,
                                    arrowstyle="->,head_length=3,head_width=1.8",
                                    color=INK, lw=1.1, shrinkA=0, shrinkB=0)
            dot = Line2D([start], [y], transform=trans, marker="o", markersize=4,
                         color=INK, linestyle="none")
            return [arrow, dot]

    class RangeHandler(HandlerBase):
        def create_artists(self, legend, handle, xdescent, ydescent, width, height,
                           fontsize, trans):
            y = height / 2 - ydescent
            xs = [0.1 * width, 0.9 * width]
            bar = Line2D(xs, [y, y], transform=trans, color=INK, linewidth=2.2,
                         solid_capstyle="butt")
            caps = Line2D(xs, [y, y], transform=trans, color=INK, linestyle="none",
                          marker="|", markersize=7, markeredgewidth=1.2)
            return [bar, caps]

    return {_BoundHandle: BoundHandler(), _RangeHandle: RangeHandler()}


def add_legend(fig, handles) -> None:
    """The legend under the chart: two columns when the texts fit, else one."""
    if not handles:
        return
    fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.005, 0.0),
               ncol=legend_columns([h.get_label() for h in handles]), frameon=False,
               fontsize=TEXT_PT, columnspacing=1.6, handletextpad=0.5, handlelength=2.2,
               handler_map=legend_handler_map())


def legend_columns(labels) -> int:
    widest = max((text_width_in(label) for label in labels), default=0)
    return 2 if widest <= WIDTH_IN / 2 - 0.6 else 1


def legend_height_in(labels) -> float:
    if not labels:
        return 0.0
    rows = -(-len(labels) // legend_columns(labels))
    return 0.2 * rows + 0.06


def thin_tick_labels(positions_in, labels, size: float = TEXT_PT) -> list[str]:
    """Labels of ticks at ``positions_in`` (centred), every k-th kept with the
    smallest k at which no two kept labels come closer than TICK_GAP_IN; the last
    tick (the end of the axis) is always kept."""
    count = len(labels)
    widths = [text_width_in(label, size) for label in labels]
    for step in range(1, count + 1):
        kept = [i for i in range(count) if (count - 1 - i) % step == 0]
        if all(positions_in[b] - widths[b] / 2 - (positions_in[a] + widths[a] / 2)
               >= TICK_GAP_IN for a, b in zip(kept, kept[1:])):
            return [label if i in kept else "" for i, label in enumerate(labels)]
    return [label if i == count - 1 else "" for i, label in enumerate(labels)]


def to_svg(fig) -> str:
    plt = pyplot()
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return presentation_attributes(out.getvalue())


_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"


def _declarations(text: str) -> list[tuple[str, str]]:
    return [(name.strip(), value.strip()) for name, _, value in
            (part.partition(":") for part in text.split(";")) if name.strip()]


def presentation_attributes(svg: str) -> str:
    """The same drawing with its styles as presentation attributes.

    matplotlib styles every element with a ``style`` attribute, under a stylesheet of
    one rule for all elements (``*{stroke-linejoin: round; stroke-linecap: butt}``),
    and the engine parses each as CSS while drawing (a tenth of the calls of drawing
    a chart). Here each element gets that rule's declarations, then its own, as
    attributes; the stylesheet and the RDF metadata go. Every element then states
    the rule's properties itself and its own override them, as in the cascade, so
    the drawing is the same: the PDFs are byte for byte the same (tested)."""
    import re
    import xml.etree.ElementTree as ET

    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", _XLINK_NS)
    root = ET.fromstring(svg)
    everywhere: list = []
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{{{_SVG_NS}}}style":
                rule = re.fullmatch(r"\s*\*\s*\{([^{}]*)\}\s*", child.text or "")
                if rule is None:  # a stylesheet other than matplotlib's: leave it all
                    return svg
                everywhere += _declarations(rule.group(1))
                parent.remove(child)
            elif child.tag == f"{{{_SVG_NS}}}metadata":
                parent.remove(child)
    for element in root.iter():
        for name, value in everywhere + _declarations(element.attrib.pop("style", "")):
            element.set(name, value)
    return ET.tostring(root, encoding="unicode")
