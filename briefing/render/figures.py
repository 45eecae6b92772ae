"""The chart stage: each chart the brief declares, localized, drawn once, cached.

The data handed to a chart kind is fully localized here (labels, figures, ticks,
legend), so the chart code never formats a number. A drawn SVG is cached under
``build/charts/`` by a hash of everything it depends on: the localized data, the
chart code and style, and the versions of matplotlib and the font. A rebuild after a
prose edit, or of another locale with the same labels, does not redraw it; and
matplotlib is imported only when something must be drawn.
"""

from __future__ import annotations

import base64
import hashlib
import math
from importlib import metadata
from pathlib import Path

from dataclasses import dataclass

import charts
from charts import ChartData, Point

from ..files import write_atomically
from .view import EditionView

CHARTS_DIR = Path(charts.__file__).resolve().parent


@dataclass(frozen=True)
class ChartView:
    """A drawn chart as the template lays it out."""

    id: str
    number: int
    title: str
    note: str
    alt: str
    sources: str
    src: str  # a data: URI of the SVG


def chart_data(edition: EditionView, chart) -> ChartData:
    loc = edition.loc
    kind = charts.kind_module(chart.kind)
    points = []
    for claim_id in chart.claims:
        claim = edition.brief.claim_by_id[claim_id]
        figure = edition.figure(claim)
        low = claim.value if claim.value is not None else claim.low
        high = claim.upper
        # Who gives the figure, briefly: the party when there is one.
        who = edition.party_name(claim.claimed_by) or figure.claimed_by
        points.append(Point(
            label=_row_label(figure.label, who),
            low=float(low), high=float(high), qualifier=claim.qualifier,
            series=kind.series_of(figure.status, claim.measure, claim.metric),
            text=figure.figure))
    used = {p.series for p in points}
    legend = tuple((key, _translate_legend(loc, style)) for key, style in kind.SERIES.items()
                   if key in used)
    return ChartData(
        kind=chart.kind, title=edition.text(chart.title), points=tuple(points),
        legend=legend, axis_label=loc.translate(kind.AXIS),
        ticks=_log_ticks([p.low for p in points], [p.high for p in points], loc.number),
        lower_bound_label=loc.translate("Lower bound (“at least”, “more than”)"),
        range_label=loc.translate("Range of estimates"), lang=edition.lang)


def _translate_legend(loc, style: dict) -> str:
    msgid = style["legend"]  # marked for extraction in the chart kind's module
    return loc.translate(msgid)


def _row_label(label: str, claimed_by: str, width: int = 44) -> str:
    text = f"{label} — {claimed_by}" if claimed_by else label
    return text if len(text) <= width else _wrap(text, width)


def _wrap(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def _log_ticks(lows, highs, number) -> tuple:
    """Decades spanning the figures, with room on the right for the direct labels.
    A zero has no place on a log axis: it sits on the axis's left edge, labelled."""
    positive = [v for v in (*lows, *highs) if v > 0] or [1]
    first = math.floor(math.log10(max(min(positive), 1)) - 0.3)  # keep off the edge
    last = math.ceil(math.log10(max(positive)) + 0.7)
    return tuple((10.0 ** e, number(10 ** e)) for e in range(first, last + 1))


def _fingerprint(data: ChartData) -> str:
    digest = hashlib.sha256(repr(data).encode("utf-8"))
    for name in ("__init__.py", "style.py", f"{data.kind}.py"):
        digest.update((CHARTS_DIR / name).read_bytes())
    for package in ("matplotlib", "fontpkg-noto-sans"):
        digest.update(metadata.version(package).encode())
    return digest.hexdigest()


def draw(data: ChartData, cache: Path) -> str:
    """The SVG of a chart, from the cache when it was drawn before."""
    path = cache / f"{_fingerprint(data)}.svg"
    if path.exists():
        return path.read_text("utf-8")
    svg = charts.kind_module(data.kind).draw(data)
    write_atomically(path, svg.encode("utf-8"))
    return svg


def alt_text(edition: EditionView, data: ChartData) -> str:
    loc = edition.loc
    items = "; ".join(f"{' '.join(p.label.split())}: {p.text}" for p in data.points)
    return loc.translate("Dot chart on a logarithmic scale: %(title)s. %(items)s.") % {
        "title": data.title, "items": items}


def draw_charts(edition: EditionView, cache: Path) -> list[ChartView]:
    """Every chart of the edition, numbered, ready for the template."""
    out = []
    for number, chart in enumerate(edition.brief.charts, 1):
        data = chart_data(edition, chart)
        svg = draw(data, cache)
        out.append(ChartView(
            id=chart.id, number=number, title=data.title, note=edition.text(chart.note),
            alt=alt_text(edition, data), sources=edition.source_line(chart.claims),
            src="data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()))
    return out
