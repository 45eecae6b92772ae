"""The chart stage: each chart the brief declares, localized, drawn once, cached.

The data handed to a chart kind is fully localized here (labels, figures, ticks,
legend), so the chart code never formats a number. A drawn SVG is cached under
``build/charts/`` by a hash of everything it depends on: the localized data, the
chart code and style, and the versions of matplotlib, the font and the map data; not
its title, which the caption prints, nor its language. A rebuild after a prose edit,
or of another locale with the same labels, does not redraw it; and matplotlib is
imported only when something must be drawn.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from babel.numbers import format_percent, get_currency_symbol
from babel.units import get_unit_name

import charts
from charts import ChartData, Point
from charts import scale as charts_scale
from charts.style import MARKERS

from ..facts.model import PartialDate
from ..files import WriteError, write_atomically
from ..inputs import drawing_code
from . import maps
from .view import EditionView

EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()


def N_(msgid: str) -> str:
    return msgid


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
    disclaimer: str = ""  # under every map
    section: str = ""     # id of the section the chart opens; "" with the figures


def chart_data(edition: EditionView, chart) -> ChartData:
    """The chart's claims as its kind draws them, every text already localized."""
    loc = edition.loc
    kind = charts.kind_module(chart.kind)
    claims = [edition.brief.claim_by_id[claim_id] for claim_id in chart.claims]
    points = tuple(_point(edition, kind, chart.kind, claim) for claim in claims)
    if chart.kind == "alternatives":
        points = _grouped(edition, claims, points)
    used = {p.series for p in points}
    legend = tuple((key, loc.translate(MARKERS[key]["legend"])) for key in kind.SERIES
                   if key in used)
    unit = _unit(claims)
    scale = charts_scale.choose([v for p in points for v in (p.low, p.high)],
                                getattr(kind, "FIXED_END", None))
    return ChartData(
        kind=chart.kind, title=edition.text(chart.title), points=points, legend=legend,
        axis_label=_axis_label(edition, kind, claims, unit, scale.kind),
        ticks=tuple((v, _tick_label(loc, v, unit)) for v in scale.ticks),
        scale=scale.kind,
        lower_bound_label=loc.translate("Lower bound: the figure is at least this"),
        upper_bound_label=loc.translate("Upper bound: the figure is at most this"),
        range_label=loc.translate("Range of estimates"), lang=edition.lang,
        x_ticks=_date_ticks(loc, points) if chart.kind == "series" else (),
        period_label=loc.translate("Figure dated to a month or a year, drawn across it")
        if chart.kind == "series" else "")


def _point(edition: EditionView, kind, kind_name: str, claim) -> Point:
    figure = edition.figure(claim)
    low = claim.value if claim.value is not None else claim.low
    start = end = None
    if kind_name == "series" and claim.reported is not None:
        start, end = _days(claim.reported.first_day()), _days(claim.reported.last_day())
    return Point(
        label=figure.label, low=float(low), high=float(claim.upper),
        qualifier=claim.qualifier, bound=charts.bound_of(claim.qualifier),
        series=kind.series_of(figure.status, claim.measure, claim.metric),
        text=figure.figure, who=figure.claimed_by or _publishers(edition, claim),
        when=figure.reported, start=start, end=end)


def _publishers(edition: EditionView, claim) -> str:
    """Who gives a figure when the claim names no claimant: its sources' publishers."""
    names = []
    for source in (edition.brief.source_by_id[s] for s in claim.sources):
        name = source.publisher or edition.text(source.kind)
        if name and name not in names:
            names.append(name)
    return ", ".join(names)


def _grouped(edition: EditionView, claims, points) -> tuple:
    """Alternatives of one quantity together, in the order their first claim comes,
    under a heading: whose figure it is and in which event, or, where that does not
    tell two quantities apart, the label of the quantity's first claim."""
    keys = [c.quantity or (c.metric, c.event, c.party) for c in claims]
    headings = {}
    for key, claim in zip(keys, claims):
        party = edition.party_name(claim.party)
        event = next((edition.text(e.name) for e in edition.brief.events
                      if e.id == claim.event), "")
        headings.setdefault(key, " — ".join(p for p in (party, event) if p)
                            or edition.text(claim.label))
    if len(set(headings.values())) < len(headings):
        labels = {}
        for key, claim in zip(keys, claims):
            labels.setdefault(key, edition.text(claim.label))
        headings = labels
    order = list(dict.fromkeys(keys))
    ranked = sorted(zip(keys, points), key=lambda pair: order.index(pair[0]))
    return tuple(replace(point, group=headings[key]) for key, point in ranked)


def _unit(claims) -> str:
    """The one unit of a chart's claims ("" for people counts; the validator has
    refused charts that mix units)."""
    units = {c.unit_or_default or "" for c in claims}
    return units.pop() if len(units) == 1 else ""


METRIC_AXES = {
    "killed": N_("People killed"), "wounded": N_("People wounded"),
    "displaced": N_("People"), "population": N_("People"), "troops": N_("Troops"),
    "share": N_("Percent of the whole"), "duration_days": N_("Days"),
    "materiel": N_("Items"), "cases": N_("Cases"), "deaths": N_("Deaths"),
    "people_in_need": N_("People in need"), "funding": N_("Funding"),
    "capacity": N_("Capacity"), "length": N_("Length"), "area": N_("Area"),
    "flow": N_("Flow"), "budget": N_("Budget"), "change": N_("Change"),
}


def _axis_label(edition: EditionView, kind, claims, unit: str, scale: str) -> str:
    """What the axis counts, in which unit, and on which scale when not linear."""
    loc = edition.loc
    metrics = {c.metric for c in claims}
    if len(metrics) == 1 and next(iter(metrics)) in METRIC_AXES:
        quantity = loc.translate(METRIC_AXES[next(iter(metrics))])
    else:
        quantity = loc.translate(kind.AXIS)
    symbol = _unit_symbol(loc, unit)
    if symbol and scale == "log":
        return loc.translate("%(quantity)s (%(unit)s, logarithmic scale)") % {
            "quantity": quantity, "unit": symbol}
    if symbol:
        return loc.translate("%(quantity)s (%(unit)s)") % {"quantity": quantity, "unit": symbol}
    if scale == "log":
        return loc.translate("%(quantity)s (logarithmic scale)") % {"quantity": quantity}
    return quantity


def _unit_symbol(loc, unit: str) -> str:
    """A unit's short name in the edition's language: "MW", "km", "m³/s", "US$"."""
    if not unit or unit in ("percent", "concentr-percent"):
        return ""
    if len(unit) == 3 and unit.isupper():  # a currency code
        return get_currency_symbol(unit, locale=loc.babel)
    return get_unit_name(unit, length="short", locale=loc.babel) or unit


def _tick_label(loc, value: float, unit: str) -> str:
    """A tick's number: whole numbers as the edition writes them, a percent sign on
    shares, and millions and more in words ("1 million", "1 triệu")."""
    if unit == "percent":  # the locale's pattern ("50 %" in French), one decimal at most
        pattern = loc.babel.percent_formats[None].pattern.split(";")[0]
        return format_percent(value / 100, pattern.replace("#,##0", "#,##0.#"),
                              locale=loc.babel)
    if value >= 1_000_000:
        return loc.compact(value)
    return loc.number(int(value) if value == int(value) else value)


def _days(day: datetime.date) -> float:
    return float((day - datetime.date(1970, 1, 1)).days)


def _date_ticks(loc, points) -> tuple:
    """One label a year (every year the series covers), in the middle of its year as a
    year-long figure is drawn across it, labelled in the edition's way."""
    first = min(datetime.date.fromordinal(int(p.start) + EPOCH_ORDINAL).year for p in points)
    last = max(datetime.date.fromordinal(int(p.end) + EPOCH_ORDINAL).year for p in points)
    return tuple((_days(datetime.date(year, 7, 2)), loc.date(PartialDate(year)))
                 for year in range(first, last + 1))


def _fingerprint(data) -> str:
    # What is drawn, and nothing else: the title prints in the caption, and no kind
    # draws differently by language, so editions whose labels are the same (a map in
    # two locales that name its places alike) share one drawing.
    digest = hashlib.sha256(repr(replace(data, title="", lang="")).encode("utf-8"))
    digest.update(drawing_code(data.kind))
    return digest.hexdigest()


def draw(data, cache: Path) -> str:
    """The SVG of a chart, from the cache when it was drawn before. The cache never
    stops a build, as the font subsets' does not: one that cannot be read or written
    (a full disk, a read-only folder) is drawn past."""
    path = cache / f"{_fingerprint(data)}.svg"
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    svg = charts.kind_module(data.kind).draw(data)
    try:
        write_atomically(path, svg.encode("utf-8"))
    except (WriteError, OSError):
        pass
    return svg


def alt_text(edition: EditionView, data: ChartData) -> str:
    """The kind's sentence, every figure with its label, who and when, and the key."""
    loc = edition.loc
    items = "; ".join(
        f"{p.label} ({', '.join(x for x in (p.who, p.when) if x)}): {p.text}"
        if p.who or p.when else f"{p.label}: {p.text}" for p in data.points)
    sentence = loc.translate(charts.kind_module(data.kind).ALT) % {
        "title": data.title, "items": items}
    if not data.legend:
        return sentence
    return sentence + " " + loc.translate("Key: %(items)s.") % {
        "items": "; ".join(label for _, label in data.legend)}


def draw_charts(edition: EditionView, cache: Path) -> list[ChartView]:
    """Every chart of the edition, numbered in the order they print (those that open a
    section first, in section order), ready for the template."""
    out = []
    for number, chart in enumerate(_print_order(edition.brief), 1):
        if chart.kind == "map":
            data = maps.map_data(edition, chart)
            alt, sources = maps.alt_text(edition, data), maps.source_line(edition, chart)
            disclaimer = edition.loc.translate(maps.DISCLAIMER)
        else:
            data = chart_data(edition, chart)
            alt, sources = alt_text(edition, data), edition.source_line(chart.claims)
            disclaimer = ""
        svg = draw(data, cache)
        out.append(ChartView(
            id=chart.id, number=number, title=data.title, note=edition.text(chart.note),
            alt=alt, sources=sources, disclaimer=disclaimer, section=chart.section or "",
            src="data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()))
    return out


def _print_order(brief) -> list:
    sections = [s.id for s in brief.sections]
    placed = sorted((c for c in brief.charts if c.section), key=lambda c: sections.index(
        c.section) if c.section in sections else len(sections))
    return placed + [c for c in brief.charts if not c.section]
