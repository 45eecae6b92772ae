"""The edition: a brief translated and formatted for one locale, ready to lay out.

This is where prose placeholders become figures with their note calls, sources get
their endnote numbers, and disputed figures are marked. The templates receive only
what is built here and compute nothing themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from babel import Locale
from markupsafe import Markup, escape

from . import prose
from .diagnostics import Collector
from .facts import translatable_fields
from .i18n import Localizer
from .model import Brief, Claim, PartialDate


@dataclass
class Figure:
    """One claim as printed: figure, label, who says it, when, and its sources."""

    id: str
    label: str
    figure: str
    cites: Markup
    claimed_by: str = ""
    reported: str = ""
    status: str = ""  # "", "revised", "revision", "disputed"
    status_note: str = ""
    note: str = ""


def build_edition(brief: Brief, loc: Localizer) -> "EditionView":
    texts = {}
    problems = Collector()
    for node, name, context in translatable_fields(brief):
        english = getattr(node, name)
        translated = loc.prose(english, context)
        try:
            found = prose.placeholders(translated)
        except prose.ProseError as exc:  # caught in the catalog check; kept as a guard
            problems.error(node.where(name), f"translation is malformed: {exc}")
            continue
        if found != prose.placeholders(english):
            problems.error(node.where(name), "translation changes the placeholders of "
                                             f"'{english[:50]}'")
            continue
        texts[(id(node), name)] = translated
    problems.raise_if_errors()
    return EditionView(brief, loc, texts)


class EditionView:
    """What the templates read: every string already in the edition's language."""

    def __init__(self, brief: Brief, loc: Localizer, texts: dict):
        self.brief = brief
        self.loc = loc
        self._texts = texts
        self.notes = {source.id: number for number, source in enumerate(brief.sources, 1)}
        self.meta = brief.brief
        self.lang = loc.locale

    # -- text helpers --------------------------------------------------------------
    def t(self, node, name: str) -> str:
        return self._texts[(id(node), name)]

    def cite(self, source_ids) -> Markup:
        """Note calls to the sources, as superscript links to the endnotes."""
        numbers = sorted({self.notes[s] for s in source_ids})
        if not numbers:
            return Markup("")
        links = Markup(",").join(
            Markup('<a href="#source-{0}">{0}</a>').format(n) for n in numbers)
        # Brackets, so that a note call after a figure never reads as an exponent.
        return Markup('<sup class="cite">[{}]</sup>').format(links)

    def render_prose(self, node, name: str, sources=()) -> Markup:
        """A prose field as HTML: text escaped, claims and dates filled in."""
        out = []
        pieces = prose.parse(self.t(node, name))
        for piece in pieces:
            if isinstance(piece, str):
                out.append(escape(piece))
            elif piece.kind == "claim":
                claim = self.brief.claim_by_id[piece.key]
                out.append(Markup('<span class="figure" data-claim="{}">{}{}</span>').format(
                    claim.id, self.loc.figure(claim), self.cite(claim.sources)))
            else:
                out.append(escape(self.loc.date(PartialDate.parse(piece.key))))
        if sources and pieces and isinstance(pieces[-1], str):
            # Keep the note call on the line of the word it follows.
            head, space, last = str(out.pop()).rpartition(" ")
            out.append(Markup('{}{}<span class="nobreak">{}{}</span>').format(
                Markup(head), space, Markup(last), self.cite(sources)))
        elif sources:
            out.append(self.cite(sources))
        return Markup("").join(out)

    def plain(self, node, name: str) -> str:
        """A prose field as plain text (for PDF metadata and alt texts)."""
        out = []
        for piece in prose.parse(self.t(node, name)):
            if isinstance(piece, str):
                out.append(piece)
            elif piece.kind == "claim":
                out.append(self.loc.figure(self.brief.claim_by_id[piece.key]))
            else:
                out.append(self.loc.date(PartialDate.parse(piece.key)))
        return "".join(out)

    # -- views ---------------------------------------------------------------------
    def unbroken(self, node, name: str) -> Markup:
        """A heading's text with no line break at its hyphens ("Nagorno-Karabakh")."""
        return Markup(" ").join(
            Markup('<span class="nobreak">{}</span>').format(word) if "-" in word
            else escape(word) for word in self.plain(node, name).split(" "))

    @property
    def as_of(self) -> str:
        return self.loc.date(self.meta.as_of)

    def party_name(self, party_id: Optional[str]) -> str:
        return self.t(self.brief.party_by_id[party_id], "name") if party_id else ""

    def figure(self, claim: Claim) -> Figure:
        revised_by = [c for c in self.brief.claims if c.revises == claim.id]
        status, status_note = "", ""
        if revised_by:
            status = "revised"
            status_note = self.loc.translate("revised later: see %(label)s") % {
                "label": self.t(revised_by[0], "label")}
        elif claim.revises:
            status = "revision"
            status_note = self.loc.translate("revises an earlier figure: %(label)s") % {
                "label": self.t(self.brief.claim_by_id[claim.revises], "label")}
        elif self.rivals(claim):
            status = "disputed"
            status_note = self.loc.translate("other sources give a different figure")
        claimed_by = self.t(claim, "attribution") if claim.attribution else \
            self.party_name(claim.claimed_by)
        return Figure(
            id=claim.id, label=self.t(claim, "label"), figure=self.loc.figure(claim),
            cites=self.cite(claim.sources), claimed_by=claimed_by,
            reported=self.loc.date(claim.reported) if claim.reported else "",
            status=status, status_note=status_note,
            note=self.plain(claim, "note") if claim.note else "")

    def rivals(self, claim: Claim) -> list[Claim]:
        """Claims by someone else about the same thing (metric, event, party) that give
        another figure: a dispute, as opposed to a revision by the same claimant."""
        return [c for c in self.brief.claims if c.id != claim.id
                and claim.event is not None
                and (c.metric, c.event, c.party) == (claim.metric, claim.event, claim.party)
                and (c.value, c.low, c.high) != (claim.value, claim.low, claim.high)
                and (c.claimed_by, c.sources) != (claim.claimed_by, claim.sources)]

    @property
    def key_figures(self) -> list[Figure]:
        return [self.figure(self.brief.claim_by_id[i]) for i in self.brief.key_figures]

    @property
    def figure_groups(self) -> list[tuple[str, list[Figure]]]:
        """Every claim, grouped under its event (events in date order, then the rest)."""
        groups = []
        events = sorted(self.brief.events, key=lambda e: (e.start.first_day(), e.id))
        for event in events:
            rows = [self.figure(c) for c in self.brief.claims if c.event == event.id]
            if rows:
                name, period = self.t(event, "name"), self.loc.interval(event.start, event.end)
                # "Clashes of 2016", not "Clashes of 2016 (2016)"
                groups.append((name if period in name else f"{name} ({period})", rows))
        rest = [self.figure(c) for c in self.brief.claims if c.event is None]
        if rest:
            groups.append((self.loc.translate("The region and its people"), rest))
        return groups

    @property
    def sources(self) -> list[dict]:
        out = []
        not_stated = self.loc.translate("not stated")
        for source in self.brief.sources:
            out.append({
                "number": self.notes[source.id],
                "publisher": source.publisher or not_stated,
                "publisher_stated": bool(source.publisher),
                "title": self.t(source, "title"),
                "kind": self.t(source, "kind") if source.kind else "",
                "date": self.loc.date(source.date) if source.date else not_stated,
                "date_stated": source.date is not None,
                "language": Locale.parse(source.language).get_display_name(self.loc.babel),
                "url": source.url or "",
                "note": self.plain(source, "note") if source.note else "",
            })
        return out

    def source_line(self, claim_ids) -> str:
        """'Newshub (2020); not stated (September 2022)' for the sources of some claims."""
        ids = sorted({s for c in claim_ids for s in self.brief.claim_by_id[c].sources},
                     key=self.notes.get)
        parts = []
        for source in (self.brief.source_by_id[i] for i in ids):
            who = source.publisher or (self.t(source, "kind") if source.kind
                                       else self.loc.translate("not stated"))
            when = self.loc.date(source.date) if source.date else \
                self.loc.translate("date not stated")
            parts.append(f"[{self.notes[source.id]}] {who}, {when}")
        return "; ".join(parts)

