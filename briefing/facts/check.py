"""The checks of a brief that span nodes: unique ids, references, figures, prose.

Each check adds located errors to a Collector, so that all the problems of a file
are reported at once.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from decimal import Decimal
from typing import Optional

import charts

from ..diagnostics import Collector
from . import prose, units
from .model import BUILTIN_METRICS, PEOPLE_METRICS, Brief, Node, PartialDate
from .relations import check_relations
from .maps import check_map
from .walk import nodes, references, translatable_fields

# Which metrics each chart kind may plot ("*": any) and in which units ("" for people
# counts; a kind absent from CHART_UNITS plots any one unit per chart): read from the
# kind's own module in charts/, the one home of its rules.
CHART_METRICS = {kind: set(charts.kind_module(kind).METRICS) for kind in charts.KINDS}
CHART_UNITS = {kind: set(charts.kind_module(kind).UNITS) for kind in charts.KINDS
               if charts.kind_module(kind).UNITS is not None}
# The most items of each list of a brief: a brief of 1,000 claims is some 300 pages.
MAX_ITEMS = 1000
MAX_PER_LIST = 200  # a record's own lists: authors, keywords, a chart's claims, sources
MAX_POSITIONS = 10_000  # an outline's positions, as in a GeoJSON file
LISTS = ("sources", "parties", "events", "claims", "quotes", "key_points", "sections",
         "timeline", "charts")
# A figure prints with the digits it is written with: these many, at most.
MAX_DIGITS, MAX_DECIMALS = 15, 6
CHART_MAX_CLAIMS = charts.MAX_POINTS  # more rows than that read better as a table


def check_brief(brief: Brief, errors: Collector, broken_ids=frozenset()) -> None:
    """The checks that span nodes: unique ids, references, figures, relations, dates,
    prose. ``broken_ids`` are ids of nodes with errors of their own: known, so that
    their uses do not cascade into "unknown" errors."""
    for name in ("sources", "parties", "events", "claims", "quotes", "sections", "charts"):
        _check_unique(getattr(brief, name), name, errors)
    known = {
        "sources": {s.id for s in brief.sources},
        "parties": {p.id for p in brief.parties},
        "events": {e.id for e in brief.events},
        "claims": {c.id for c in brief.claims} | set(broken_ids),
        "quotes": {q.id for q in brief.quotes},
        "sections": {s.id for s in brief.sections},
    }
    for kind in ("sources", "parties", "events", "quotes"):
        known[kind] |= set(broken_ids)
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
    for field in LISTS:
        items = getattr(brief, field)
        if len(items) > MAX_ITEMS:
            errors.error(brief.where(field), f"'{field}' has {len(items)} items; a brief may "
                         f"have at most {MAX_ITEMS} (layout time grows faster than a brief's "
                         "length: split it into several briefs)")
    if not brief.brief.locales:
        errors.error(brief.brief.where("locales"), "brief lists no locales; give at least "
                                                   "one, such as [en], or the project's "
                                                   "[build] locales in briefing.toml")
    for locale in sorted({code for code in brief.brief.locales
                          if brief.brief.locales.count(code) > 1}):
        errors.error(brief.brief.where("locales"), f"brief lists locale '{locale}' more "
                                                   "than once; each edition is built once")
    for source in brief.sources:
        if source.publisher and re.search(r"[{}`]", source.publisher):
            errors.error(source.where("publisher"), f"publisher '{source.publisher}' holds "
                         f"'{re.search(r'[{}`]', source.publisher).group()}'; a publisher "
                         "prints as written, with no placeholders or `names`")
    for node in [*brief.sources, *brief.quotes]:
        if not _known_language(node.language):
            errors.error(node.where("language"), f"'{node.language}' is not a language CLDR "
                                                 "knows; give a code such as en or vi")
    for claim in brief.claims:
        _check_figure(claim, errors)
        _check_unit(claim, brief.brief.locales, errors)
    check_relations(brief, errors)
    for event in brief.events:
        if event.end is not None and event.end.last_day() < event.start.first_day():
            errors.error(event.where("end"), f"event '{event.id}' ends ({event.end}) before "
                                             f"it starts ({event.start})")
        if event.end is not None and event.ongoing:
            errors.error(event.where("ongoing"), f"event '{event.id}' is ongoing and has an "
                                                 "end; give one or the other")
    _check_timeline(brief, errors)
    _check_publication(brief.brief, errors)
    _check_lists(brief, errors)
    for chart in brief.charts:
        _check_chart(chart, brief, errors)
    inferred = {str(node) for node in nodes(brief) if getattr(node, "inferred", False)}
    qualified = {c.id: QUALIFIER_WORDS[c.qualifier] for c in brief.claims
                 if c.qualifier in QUALIFIER_WORDS}
    for node, field, _ in translatable_fields(brief):
        _check_prose(node, field, known, inferred, errors, qualified)


_SINGULAR = {"sources": "source", "parties": "party", "events": "event", "claims": "claim",
             "sections": "section", "charts": "chart", "quotes": "quotation"}


def _check_publication(meta, errors: Collector) -> None:
    """A publication date after the facts' date, and within the brief's own limit (a
    warning: an error when strict)."""
    published, as_of = meta.published, meta.as_of
    if published is None:
        return
    if published.last_day() < as_of.first_day():
        errors.warning(meta.where("published"), f"published {published} before the date "
                                                f"its facts are current to ({as_of})")
    elif meta.stale_after is not None and \
            (published.first_day() - as_of.last_day()).days > meta.stale_after:
        errors.warning(meta.where("published"), f"published {published}, more than "
                       f"{meta.stale_after} days after the facts' date ({as_of}): bring "
                       "them up to date, or raise stale_after")


def _check_lists(brief: Brief, errors: Collector) -> None:
    """Every list of a record has a limit (50,000 authors printed 219 pages), and a
    list of references names each thing once (a key figure listed three times printed
    three cards)."""
    for node in nodes(brief):
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if node is brief or f.metadata.get("internal") or not isinstance(value, tuple):
                continue
            limit = MAX_POSITIONS if f.name == "coordinates" else MAX_PER_LIST
            if len(value) > limit:
                errors.error(node.where(f.name), f"'{f.name}' has {len(value)} items; "
                                                 f"at most {limit} may be given")
    for node, field, _ in references(brief):
        value = getattr(node, field)
        if isinstance(value, tuple):
            seen: set = set()
            for index, item in enumerate(value):
                if item in seen and value.index(item, value.index(item) + 1) == index:
                    errors.error(node.where(f"{field}[{index}]"),  # once per thing
                                 f"'{item}' is listed twice in '{field}'; name it once")
                seen.add(item)


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
        if isinstance(figure, Decimal) and (-figure.as_tuple().exponent > MAX_DECIMALS or
                                            len(figure.as_tuple().digits) > MAX_DIGITS):
            errors.error(claim.where(field), f"claim '{claim.id}' has a {field} with more "
                         f"digits than a brief prints ({MAX_DIGITS} significant digits, "
                         f"{MAX_DECIMALS} after the decimal point); 1e-300 would print "
                         "300 zeros")
        if figure is not None and claim.metric in PEOPLE_METRICS and figure % 1:
            errors.error(claim.where(field), f"claim '{claim.id}' counts people "
                                             f"({claim.metric}) but its {field} {figure} "
                                             "is not a whole number")
        if figure is not None and figure < 0 and claim.metric != "change":
            errors.error(claim.where(field), f"claim '{claim.id}' has a negative {field} "
                                             f"({figure}); only a 'change' may be below "
                                             "zero")
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


def _check_unit(claim, locales, errors: Collector) -> None:
    default = BUILTIN_METRICS.get(claim.metric, "")
    if claim.unit is None and default == "":
        needs = "a currency code such as USD" if claim.metric in ("funding", "budget") \
            else "a unit such as power-megawatt or length-kilometer"
        what = "built-in" if claim.metric in BUILTIN_METRICS else "not a built-in metric"
        errors.error(claim.where("metric"), f"claim '{claim.id}' measures "
                                            f"'{claim.metric}' ({what}) but names no unit; "
                                            f"add 'unit:' ({needs})")
        return
    if claim.unit is not None:
        why = units.problem(claim.unit, tuple(locales))
        if why:
            errors.error(claim.where("unit"), f"claim '{claim.id}' has unit '{claim.unit}': "
                                              f"{why}")
    if units.kind(claim.unit_or_default) == "percent" and claim.metric != "change" \
            and (claim.upper or 0) > 100 and claim.metric != "share":
        errors.error(claim.where("value" if claim.value is not None else "high"),
                     f"claim '{claim.id}' is above 100 percent")


def _check_timeline(brief: Brief, errors: Collector) -> None:
    """Out of order, or after the date the facts are current to: warnings (errors
    with --strict)."""
    as_of = brief.brief.as_of
    previous = None
    for index, entry in enumerate(brief.timeline):
        where = brief.where(f"timeline[{index}]")
        if previous is not None and entry.date < previous:
            errors.warning(where, f"timeline entry of {entry.date} comes after one of "
                                  f"{previous}; keep the timeline in date order")
        if entry.date.first_day() > as_of.last_day():
            errors.warning(where, f"timeline entry of {entry.date} is after the brief's "
                                  f"as_of date ({as_of})")
        previous = entry.date


def _check_chart(chart, brief: Brief, errors: Collector) -> None:
    metrics = CHART_METRICS.get(chart.kind)
    if metrics is None:
        errors.error(chart.where("kind"), f"chart '{chart.id}' has unknown kind "
                                          f"'{chart.kind}'; expected one of: "
                                          f"{', '.join(sorted(CHART_METRICS))}")
        return
    if chart.kind == "map":
        check_map(chart, errors)
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
        unit = claim.unit_or_default or ""  # a share is a percent even unwritten
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


# What a qualified figure prints before its number in English ("about 30,000"): prose
# that writes the same words before the placeholder prints them twice.
QUALIFIER_WORDS = {"about": "about", "nearly": "nearly", "at_least": "at least",
                   "more_than": "more than", "up_to": "up to", "at_most": "at most",
                   "less_than": "less than"}


def _check_prose(node: Node, field: str, known: dict, inferred: set,
                 errors: Collector, qualified: Optional[dict] = None) -> None:
    text = getattr(node, field)
    if text is None:
        return
    where = node.where(field)
    try:
        pieces = prose.parse(text)
    except prose.ProseError as exc:
        errors.error(where, str(exc))
        return
    verbatim = next(f for f in dataclasses.fields(node) if f.name == field).metadata.get(
        "verbatim")
    before = ""
    for piece in pieces:
        if not isinstance(piece, prose.Placeholder):
            before = piece
            continue
        said, before = before, ""
        words = (qualified or {}).get(piece.key) if piece.kind == "claim" else None
        if words and re.search(rf"\b{words}\s*$", said, re.IGNORECASE):
            errors.error(where, f"'{words} {piece}' prints '{words}' twice: the claim is "
                                f"'{words}' already; write {piece} alone")
        if verbatim:
            errors.error(where, f"{piece} in the words of a quotation, which print as said; "
                                "give the figure or the date outside the quotation")
            continue
        if piece.kind in ("claim", "quote"):
            kind = "claims" if piece.kind == "claim" else "quotes"
            if piece.key not in known[kind]:
                errors.error(where, f"{piece} refers to unknown {_SINGULAR[kind]} "
                                    f"'{piece.key}'{_suggest(piece.key, known[kind])}")
            continue
        kind, parts = prose.date_parts(piece.key)  # one date, or two said together
        dates = []
        for part in parts:
            date = part.rstrip("?")
            try:
                dates.append(PartialDate.parse(date))
            except ValueError as exc:
                errors.error(where, f"{piece}: {exc}")
                continue
            if part.endswith("?") and date not in inferred:
                errors.error(where, f"{piece} marks {date} as inferred, but no date of "
                                    "the brief is inferred as that day with a basis; write "
                                    "it once as {date: ..., inferred: how} (the as-of date, "
                                    "an event, a timeline entry)")
        if len(dates) == 2 and not (dates[0].first_day() < dates[1].first_day()
                                    and dates[0].last_day() < dates[1].last_day()):
            what = "a period" if kind == "range" else "two dates said together"
            errors.error(where, f"{piece}: {what} must go forward in time, but "
                                f"{parts[0]} does not come before {parts[1]}")


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
        if chart.kind != "map":
            yield chart, "claims"
    for section in brief.sections:
        yield section, "paragraphs"


def _known_language(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True
