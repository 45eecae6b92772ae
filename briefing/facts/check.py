"""The checks of a brief that span nodes: unique ids, references, figures, prose.

Each check adds located errors to a Collector, so that all the problems of a file
are reported at once.
"""

from __future__ import annotations

import difflib

from ..diagnostics import Collector
from . import prose
from .model import Brief, Node, PartialDate
from .walk import references, translatable_fields

# Which metrics each chart kind may plot ("*": any); the chart modules in charts/ say
# the same and a test keeps the two in step. CHART_UNITS: the units a kind accepts
# ("" for people counts; None: any one unit per chart).
CHART_METRICS = {
    "comparison": {"*"},
    "series": {"*"},
    "alternatives": {"*"},
    "share": {"share"},
    "casualties": {"killed", "wounded"},
    "displacement": {"displaced", "population"},
}
CHART_UNITS = {"share": {"percent", "concentr-percent"}, "casualties": {""},
               "displacement": {""}}
CHART_MAX_CLAIMS = 40  # charts.MAX_POINTS: more rows than that read better as a table


def check_brief(brief: Brief, errors: Collector) -> None:
    """The checks that span nodes: unique ids, references, figures, prose."""
    for name in ("sources", "parties", "events", "claims", "sections", "charts"):
        _check_unique(getattr(brief, name), name, errors)
    known = {
        "sources": {s.id for s in brief.sources},
        "parties": {p.id for p in brief.parties},
        "events": {e.id for e in brief.events},
        "claims": {c.id for c in brief.claims},
    }
    for node, field, ref in references(brief):
        values = getattr(node, field)
        for index, value in enumerate(values if isinstance(values, tuple) else (values,)):
            if value is not None and value not in known[ref]:
                where = node.where(f"{field}[{index}]" if isinstance(values, tuple) else field)
                errors.error(where, f"{_name(node)} refers to unknown {_SINGULAR[ref]} '{value}'"
                                    f"{_suggest(value, known[ref])}")
    for node, field in _required_lists(brief):
        if not getattr(node, field):
            errors.error(node.where(field), f"{_name(node)} must cite at least one "
                                            f"{_SINGULAR.get(field, 'paragraph')}")
    for claim in brief.claims:
        _check_figure(claim, errors)
    for event in brief.events:
        if event.end is not None and event.end.last_day() < event.start.first_day():
            errors.error(event.where("end"), f"event '{event.id}' ends ({event.end}) before "
                                             f"it starts ({event.start})")
    for chart in brief.charts:
        _check_chart(chart, brief, errors)
    for node, field, _ in translatable_fields(brief):
        _check_prose(node, field, known["claims"], errors)


_SINGULAR = {"sources": "source", "parties": "party", "events": "event", "claims": "claim",
             "sections": "section", "charts": "chart"}


def _check_unique(items, name: str, errors: Collector) -> None:
    seen = {}
    for item in items:
        if item.id in seen:
            errors.error(item.where("id"), f"duplicate {_SINGULAR[name]} id '{item.id}'; first "
                                           f"defined at line {seen[item.id].line}")
        else:
            seen[item.id] = item.where("id")


def _check_figure(claim, errors: Collector) -> None:
    has_value = claim.value is not None
    has_range = claim.low is not None or claim.high is not None
    if has_value and has_range:
        errors.error(claim.where("value"), f"claim '{claim.id}' gives both a value and a "
                                           "range; give value, or low and high")
    elif not has_value and not (claim.low is not None and claim.high is not None):
        errors.error(claim.loc, f"claim '{claim.id}' has no figure; give value, or low "
                                "and high")
    elif has_range and claim.low > claim.high:
        errors.error(claim.where("low"), f"claim '{claim.id}' has low {claim.low} above "
                                         f"its high {claim.high}")
    for field in ("value", "low", "high"):
        figure = getattr(claim, field)
        if figure is not None and figure < 0:
            errors.error(claim.where(field), f"claim '{claim.id}' has a negative {field} "
                                             f"({figure}); figures count, they are never "
                                             "below zero")
    if claim.metric == "share" and (claim.upper or 0) > 100:
        errors.error(claim.where("value" if has_value else "high"),
                     f"claim '{claim.id}' is a share above 100 percent")
    if claim.metric == "displaced" and claim.measure is None:
        errors.error(claim.where("metric"), f"claim '{claim.id}' counts displaced people "
                                            "but lacks 'measure': stock (people displaced "
                                            "at one time) or flow (new displacements)")
    if claim.metric != "displaced" and claim.measure is not None:
        errors.error(claim.where("measure"), f"claim '{claim.id}' has a 'measure', which "
                                             "only displacement claims take")
    if claim.revises == claim.id:
        errors.error(claim.where("revises"), f"claim '{claim.id}' revises itself")


def _check_chart(chart, brief: Brief, errors: Collector) -> None:
    metrics = CHART_METRICS.get(chart.kind)
    if metrics is None:
        errors.error(chart.where("kind"), f"chart '{chart.id}' has unknown kind "
                                          f"'{chart.kind}'; expected one of: "
                                          f"{', '.join(sorted(CHART_METRICS))}")
        return
    if len(chart.claims) > CHART_MAX_CLAIMS:
        errors.error(chart.where("claims"), f"chart '{chart.id}' plots {len(chart.claims)} "
                                            f"claims; a chart plots at most "
                                            f"{CHART_MAX_CLAIMS} (a table reads better)")
    units = CHART_UNITS.get(chart.kind)
    first_unit = None
    for index, claim_id in enumerate(chart.claims):
        claim = brief.claim_by_id.get(claim_id)
        if claim is None:
            continue
        where = chart.where(f"claims[{index}]")
        # shares are percents and durations days even where no unit is written
        unit = getattr(claim, "unit", None) or {"share": "percent",
                                                "duration_days": "duration-day"}.get(
                                                    claim.metric, "")
        if "*" not in metrics and claim.metric not in metrics:
            errors.error(where, f"chart '{chart.id}' ({chart.kind}) cannot plot claim "
                                f"'{claim_id}' of metric '{claim.metric}'; expected "
                                f"{' or '.join(sorted(metrics))}")
        elif units is not None and unit not in units:
            errors.error(where, f"chart '{chart.id}' ({chart.kind}) cannot plot claim "
                                f"'{claim_id}' in unit '{unit}'")
        elif first_unit is None:
            first_unit = (claim_id, unit)
        elif unit != first_unit[1] and chart.kind != "share":
            errors.error(where, f"chart '{chart.id}' mixes units: claim '{claim_id}' is in "
                                f"'{unit or 'people'}', claim '{first_unit[0]}' in "
                                f"'{first_unit[1] or 'people'}'; one chart, one unit")
        if chart.kind == "series" and claim.reported is None:
            errors.error(where, f"chart '{chart.id}' (series) needs a date for claim "
                                f"'{claim_id}'; give it 'reported'")


def _check_prose(node: Node, field: str, claims: set, errors: Collector) -> None:
    text = getattr(node, field)
    if text is None:
        return
    where = node.where(field)
    try:
        pieces = prose.parse(text)
    except prose.ProseError as exc:
        errors.error(where, str(exc))
        return
    for piece in pieces:
        if isinstance(piece, prose.Placeholder):
            if piece.kind == "claim" and piece.key not in claims:
                errors.error(where, f"{piece} refers to unknown claim '{piece.key}'"
                                    f"{_suggest(piece.key, claims)}")
            elif piece.kind == "date":
                try:
                    PartialDate.parse(piece.key)
                except ValueError as exc:
                    errors.error(where, f"{piece}: {exc}")
    for _, figure in prose.stray_figures(text):
        errors.error(where, f"figure '{figure}' typed into prose; every figure "
                                         "must be a claim, referenced as {claim-id}")


def _name(node: Node) -> str:
    kind = {"Prose": "text", "TimelineEntry": "timeline entry", "Brief": "brief",
            "Meta": "brief"}.get(type(node).__name__, type(node).__name__.lower())
    ident = getattr(node, "id", None)
    return f"{kind} '{ident}'" if ident and kind != "brief" else kind


def _suggest(value: str, known: set) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _required_lists(brief: Brief):
    for claim in brief.claims:
        yield claim, "sources"
    for entry in brief.timeline:
        yield entry, "sources"
    for chart in brief.charts:
        yield chart, "claims"
    for section in brief.sections:
        yield section, "paragraphs"
