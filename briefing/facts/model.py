"""The typed, immutable model of a brief's facts.

Each class is one kind of node of a facts file. Field metadata says how the field is
read from YAML (``doc`` for the JSON Schema, ``prose`` for text that is translated and
may reference claims). Every node keeps the location of itself and of each value it
was read from, so that later checks can point at the exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from types import MappingProxyType
from typing import ClassVar, Literal, Mapping, Optional, Union

from ..diagnostics import Location
from .dates import PartialDate  # noqa: F401  (part of the model)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LOCALE_PATTERN = r"^[a-z]{2,3}(?:_[A-Z]{2})?$"

METRIC_PATTERN = r"^[a-z][a-z0-9_]*$"
# Metrics with a meaning of their own (for charts and for the default unit): people
# counted need no unit; a share or a change is in percent; the others name a unit.
PEOPLE_METRICS = ("killed", "wounded", "displaced", "population", "troops", "cases",
                  "deaths", "people_in_need")
BUILTIN_METRICS = {
    **{metric: None for metric in PEOPLE_METRICS},
    "share": "percent", "change": "percent", "duration_days": "duration-day",
    "materiel": None, "funding": "", "budget": "", "capacity": "", "length": "",
    "area": "", "flow": "",
}
Qualifier = Literal["exact", "about", "nearly", "at_least", "more_than", "up_to",
                    "at_most", "less_than"]
LOWER_BOUNDS = ("at_least", "more_than")   # the true figure is this or above
UPPER_BOUNDS = ("up_to", "at_most", "less_than")  # the true figure is this or below
Measure = Literal["stock", "flow"]
Display = Literal["full", "compact"]
Layout = Literal["flash", "brief", "report"]
Number = Union[int, Decimal]  # decimals keep the digits they were written with

NO_LOCATION = Location("<none>", 0, 0)
_EMPTY: Mapping[str, Location] = MappingProxyType({})


def spec(doc: str, *, default=None, required: bool = True, prose: bool = False,
         pattern: str | None = None, ref: str | None = None, verbatim: bool = False):
    """Describe one YAML field: its documentation and how it is checked (``verbatim``:
    prose printed as written, where a placeholder would print its braces)."""
    metadata = {"doc": doc, "prose": prose, "pattern": pattern, "ref": ref,
                "required": required, "verbatim": verbatim}
    if required:
        return field(metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Node:
    """Base of every model class: where it stands in the facts file."""

    loc: Location = field(default=NO_LOCATION, compare=False, repr=False, kw_only=True,
                          metadata={"internal": True})
    locs: Mapping[str, Location] = field(default_factory=lambda: _EMPTY, compare=False,
                                         repr=False, kw_only=True,
                                         metadata={"internal": True})

    def where(self, key: str) -> Location:
        """Location of the value of ``key`` (or of a list item, ``key[2]``)."""
        return self.locs.get(key, self.loc)


@dataclass(frozen=True)
class InferredDate(PartialDate, Node):
    """A date the brief infers rather than a source states, with the basis."""

    basis: str = spec("How the date is inferred (printed in the list of inferred dates).",
                      required=False, default="", prose=True)
    inferred: ClassVar[bool] = True

    def stated(self) -> PartialDate:
        return PartialDate(self.year, self.month, self.day)

    def __str__(self) -> str:
        return PartialDate.__str__(self)


@dataclass(frozen=True)
class Meta(Node):
    id: str = spec("Brief id: lowercase letters, digits and hyphens; names the output files.",
                   pattern=ID_PATTERN)
    title: str = spec("Title of the brief.", prose=True)
    as_of: PartialDate = spec("Date the facts are current to (YYYY-MM-DD).")
    handling: str = spec("Handling line printed on every page.", prose=True)
    locales: tuple[str, ...] = spec("Editions to build, e.g. [en, vi]; when omitted, the "
                                    "project's (briefing.toml: [build] locales).",
                                    pattern=LOCALE_PATTERN, required=False, default=())
    subtitle: Optional[str] = spec("One-line subtitle.", required=False, prose=True)
    published: Optional[PartialDate] = spec(
        "The date of publication (YYYY-MM-DD), an editorial decision printed as "
        "'Published ...' in every build; no date is printed without it (the build's "
        "SOURCE_DATE_EPOCH dates only the PDF file).", required=False)
    stale_after: Optional[int] = spec("Days after as_of past which a publication date is "
                                      "warned of: the facts would be stale.",
                                      required=False)
    short_title: Optional[str] = spec("The title as the running head of every page but the "
                                      "first prints it, where the whole title would take "
                                      "two lines there; the title when omitted.",
                                      required=False, prose=True)
    institution: Optional[str] = spec("Issuing institution, printed above the title and in "
                                      "the citation; omit rather than write a placeholder.",
                                      required=False, prose=True)
    author: Optional[str] = spec("The older name of 'institution', still read: used as the "
                                 "institution when 'institution' is not given.",
                                 required=False, prose=True)
    authors: tuple[str, ...] = spec("Authors' names, as they sign (not translated); the "
                                    "PDF author, else the institution.", required=False,
                                    default=())
    contact: Optional[str] = spec("Where readers write to: an address, e-mail or telephone "
                                  "(printed as written).", required=False)
    edition: Optional[int] = spec("Edition number: 1 for the first issue, 2 for the next.",
                                  required=False)
    report_number: Optional[str] = spec("The institution's number for the report "
                                        "(printed as written, e.g. PB-2023-07).",
                                        required=False)
    copyright: Optional[str] = spec("Copyright line, e.g. '© 2023 Example Institute'.",
                                    required=False, prose=True)
    disclaimer: Optional[str] = spec("Disclaimer printed in the colophon.", required=False,
                                     prose=True)
    previous: Optional[str] = spec("The previous edition's facts file, kept as issued, "
                                   "relative to this one and inside its folder (e.g. "
                                   "editions/x.1.yaml): the editions say what changed "
                                   "since it. 'briefing build --since' overrides it.",
                                   required=False)
    keywords: tuple[str, ...] = spec("PDF keywords.", required=False, default=())
    layout: Layout = spec("Kind of brief: flash (one page: key points, key figures with "
                          "their sources, a compact source list; no contents, no figures "
                          "table), brief (the default) or report (adds an executive "
                          "summary heading).", required=False, default="brief")
    numbers: Display = spec("How figures print: full (1,200,000) or compact (1.2 million); "
                            "a claim's own 'display' wins.", required=False, default="full")


@dataclass(frozen=True)
class Prose(Node):
    SHORTHAND: ClassVar[str] = "text"  # may be written as plain text
    text: str = spec("Text; {claim-id} inserts a claim, {date:YYYY-MM-DD} a date.",
                     prose=True)
    sources: tuple[str, ...] = spec("Sources cited at the end of the text.", required=False,
                                    default=(), ref="sources")


@dataclass(frozen=True)
class Source(Node):
    id: str = spec("Source id.", pattern=ID_PATTERN)
    title: str = spec("Title of the document, or a description in brackets.", prose=True)
    language: str = spec("Language of the document (en, vi, ...).", pattern=LOCALE_PATTERN)
    kind: Optional[str] = spec("What the document is (news report, transcript, ...).",
                               required=False, prose=True)
    publisher: Optional[str] = spec("Publisher; omit when the document does not name one.",
                                    required=False)
    date: Optional[PartialDate] = spec("Publication date; omit when not stated.",
                                       required=False)
    url: Optional[str] = spec("Address of the document (printed, never fetched).",
                              required=False, pattern=r"^https?://\S+$")
    note: Optional[str] = spec("Note on the source.", required=False, prose=True)


@dataclass(frozen=True)
class Party(Node):
    id: str = spec("Party id.", pattern=ID_PATTERN)
    name: str = spec("Name of the party.", prose=True)


@dataclass(frozen=True)
class Event(Node):
    id: str = spec("Event id.", pattern=ID_PATTERN)
    name: str = spec("Name of the event or phase.", prose=True)
    start: PartialDate = spec("Start date.")
    end: Optional[PartialDate] = spec("End date, when it has ended.", required=False)
    ongoing: bool = spec("True when the event has not ended (prints 'since ...').",
                         required=False, default=False)
    note: Optional[str] = spec("Note on the event.", required=False, prose=True)


@dataclass(frozen=True)
class Claim(Node):
    id: str = spec("Claim id; prose refers to it as {id}.", pattern=ID_PATTERN)
    label: str = spec("Short label for tables and charts.", prose=True)
    metric: str = spec("What is measured: killed, wounded, displaced, population, troops, "
                       "cases, deaths, people_in_need (people, no unit); share, change "
                       "(percent); duration_days; materiel; funding, budget (a currency); "
                       "capacity, length, area, flow (a unit); or any other name with a "
                       "unit.", pattern=METRIC_PATTERN)
    sources: tuple[str, ...] = spec("Sources of the claim (at least one).", ref="sources")
    unit: Optional[str] = spec("Unit of the figure: a CLDR unit (power-megawatt, "
                               "length-kilometer, mass-tonne, volume-cubic-meter-per-"
                               "duration-second, percent, duration-day, ...) or a currency "
                               "code (USD, EUR, VND).", required=False)
    value: Optional[Number] = spec("The figure (or give low and high).", required=False)
    low: Optional[Number] = spec("Low end of a range.", required=False)
    high: Optional[Number] = spec("High end of a range.", required=False)
    qualifier: Qualifier = spec("How the figure is qualified.", required=False,
                                default="exact")
    event: Optional[str] = spec("Event the figure belongs to.", required=False, ref="events")
    party: Optional[str] = spec("Party the figure is about.", required=False, ref="parties")
    claimed_by: Optional[str] = spec("Party that makes the claim.", required=False,
                                     ref="parties")
    attribution: Optional[str] = spec("Who says so, in words.", required=False, prose=True)
    reported: Optional[PartialDate] = spec("When the claim was reported.", required=False)
    revises: Optional[str] = spec("Earlier claim of the same claimant that this one "
                                  "replaces.", required=False, ref="claims")
    quantity: Optional[str] = spec("Id of the quantity this figure measures; claims that "
                                   "share it are alternative figures for the same thing, "
                                   "printed side by side with who gave each and when.",
                                   required=False, pattern=ID_PATTERN)
    display: Optional[Display] = spec("full or compact; default: the brief's 'numbers'.",
                                      required=False)
    measure: Optional[Measure] = spec(
        "For displacement: stock (people displaced at one time) or flow (new displacements).",
        required=False)
    note: Optional[str] = spec("Note on the claim.", required=False, prose=True)

    @property
    def is_range(self) -> bool:
        return self.value is None

    @property
    def upper(self) -> Number:
        """The largest figure the claim admits (for charts and scales)."""
        return self.value if self.value is not None else self.high

    @property
    def unit_or_default(self) -> Optional[str]:
        """The claim's unit, or its metric's: None for people counted."""
        return self.unit or BUILTIN_METRICS.get(self.metric) or None

    @property
    def lower(self) -> Number:
        return self.value if self.value is not None else self.low

    @property
    def claimant(self) -> tuple:
        """Who gives the figure: a party, an attribution in words, or its sources."""
        return (self.claimed_by, self.attribution) if (self.claimed_by or self.attribution) \
            else (None, None, self.sources)


@dataclass(frozen=True)
class Quote(Node):
    id: str = spec("Quotation id; prose refers to it as {q:id}.", pattern=ID_PATTERN)
    text: str = spec("The words, as said (translated like any prose; the sources list "
                     "keeps the original); no placeholder, since they print as said.",
                     prose=True, verbatim=True)
    speaker: str = spec("Who said it, in words.", prose=True)
    sources: tuple[str, ...] = spec("Sources that report the words (at least one).",
                                    ref="sources")
    said_by: Optional[str] = spec("Party the speaker speaks for.", required=False,
                                  ref="parties")
    said: Optional[PartialDate] = spec("When it was said.", required=False)
    occasion: Optional[str] = spec("Where or on what occasion it was said.", required=False,
                                   prose=True)
    language: str = spec("Language the words were said or reported in.", required=False,
                         default="en", pattern=LOCALE_PATTERN)


@dataclass(frozen=True)
class Section(Node):
    id: str = spec("Section id.", pattern=ID_PATTERN)
    title: str = spec("Section heading.", prose=True)
    paragraphs: tuple[Prose, ...] = spec("Paragraphs: text, or {text, sources}.")


@dataclass(frozen=True)
class TimelineEntry(Node):
    date: PartialDate = spec("Date of the entry.")
    text: str = spec("What happened.", prose=True)
    sources: tuple[str, ...] = spec("Sources (at least one).", ref="sources")


LatLon = tuple[Number, Number]  # [latitude, longitude] in degrees (not GeoJSON's order)


@dataclass(frozen=True)
class MapPoint(Node):
    name: str = spec("Name printed beside the symbol.", prose=True)
    lat: Number = spec("Latitude in degrees, -90 (south) to 90 (north).")
    lon: Number = spec("Longitude in degrees, -180 (west) to 180 (east).")
    disputed: bool = spec("True for a disputed territory marked by a symbol where no "
                          "dataset gives its outline: drawn hatched, labelled disputed.",
                          required=False, default=False)


@dataclass(frozen=True)
class MapLine(Node):
    name: str = spec("Name printed beside the line (a corridor, a road, a river).",
                     prose=True)
    coordinates: tuple[LatLon, ...] = spec("At least two [lat, lon] pairs, in order.")


@dataclass(frozen=True)
class MapArea(Node):
    name: str = spec("Name printed inside the area.", prose=True)
    coordinates: tuple[LatLon, ...] = spec("At least three [lat, lon] pairs around the "
                                           "area's edge (closed automatically), taken "
                                           "from a published dataset, never drawn by hand.")
    disputed: bool = spec("True for a disputed area: hatched, labelled disputed.",
                          required=False, default=False)


@dataclass(frozen=True)
class MapLabel(Node):
    name: str = spec("A country's or a sea's name, printed centred at the position.",
                     prose=True)
    lat: Number = spec("Latitude in degrees of the name's centre.")
    lon: Number = spec("Longitude in degrees of the name's centre.")
    water: bool = spec("True for a sea or a lake (set in italics).", required=False,
                       default=False)


@dataclass(frozen=True)
class Chart(Node):
    id: str = spec("Chart id.", pattern=ID_PATTERN)
    kind: str = spec("Chart kind: comparison, series, alternatives, share, casualties, "
                     "displacement or map (the schema lists what each plots).")
    title: str = spec("Chart title.", prose=True)
    claims: tuple[str, ...] = spec("Claims the chart plots (every kind but map).",
                                   required=False, default=(), ref="claims")
    note: Optional[str] = spec("Note printed under the chart.", required=False, prose=True)
    section: Optional[str] = spec("Section the chart opens (printed under its heading); "
                                  "omitted: with the figures.", required=False,
                                  ref="sections")
    points: tuple[MapPoint, ...] = spec("map: places drawn as symbols (towns, capitals, "
                                        "a disputed territory without an outline).",
                                        required=False, default=())
    lines: tuple[MapLine, ...] = spec("map: lines (a corridor, a road).", required=False,
                                      default=())
    areas: tuple[MapArea, ...] = spec("map: areas by their outline (a zone of control).",
                                      required=False, default=())
    labels: tuple[MapLabel, ...] = spec("map: names of countries and seas.",
                                        required=False, default=())
    geojson: Optional[str] = spec("map: a GeoJSON file of more points, lines and areas "
                                  "(features named by properties.name), relative to "
                                  "the facts file, inside its folder.", required=False)
    places_source: Optional[str] = spec("map: where the coordinates of points, lines and "
                                        "areas come from (printed in the source line).",
                                        required=False, prose=True)


@dataclass(frozen=True)
class Abbreviation(Node):
    short: str = spec("The abbreviation as printed (OSCE).",
                      pattern=r"^[A-Za-z0-9][A-Za-z0-9&.-]*$")
    long: Optional[str] = spec("What it stands for, spelled out at its first use in the "
                               "prose; omit when the source gives no expansion.",
                               required=False, prose=True)


@dataclass(frozen=True)
class Brief(Node):
    brief: Meta = spec("Metadata of the brief.")
    sources: tuple[Source, ...] = spec("Documents the facts come from.")
    claims: tuple[Claim, ...] = spec("Every figure the brief prints.")
    quotes: tuple[Quote, ...] = spec("Quotations the prose cites as {q:id}.", required=False,
                                     default=())
    key_points: tuple[Prose, ...] = spec("Key points of page 1.", required=False, default=())
    key_figures: tuple[str, ...] = spec("Headline claims of page 1.", required=False,
                                        default=(), ref="claims")
    parties: tuple[Party, ...] = spec("Parties and actors.", required=False, default=())
    events: tuple[Event, ...] = spec("Events and phases.", required=False, default=())
    sections: tuple[Section, ...] = spec("Narrative sections.", required=False, default=())
    timeline: tuple[TimelineEntry, ...] = spec("Dated entries.", required=False, default=())
    charts: tuple[Chart, ...] = spec("Charts the brief wants.", required=False, default=())
    abbreviations: tuple[Abbreviation, ...] = spec(
        "Abbreviations: spelled out at their first use in the prose of each edition and "
        "listed before the sources.", required=False, default=())

    # Lookups by id, derived once from the tuples above.
    @cached_property
    def source_by_id(self) -> Mapping[str, Source]:
        return MappingProxyType({s.id: s for s in self.sources})

    @cached_property
    def claim_by_id(self) -> Mapping[str, Claim]:
        return MappingProxyType({c.id: c for c in self.claims})

    @cached_property
    def quote_by_id(self) -> Mapping[str, Quote]:
        return MappingProxyType({q.id: q for q in self.quotes})

    @cached_property
    def party_by_id(self) -> Mapping[str, Party]:
        return MappingProxyType({p.id: p for p in self.parties})

