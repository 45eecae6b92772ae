"""The view: a translated brief as the typed rows the templates lay out.

Here prose placeholders become figures with their note calls, sources get their
endnote numbers, disputed and revised figures are marked, and the parts of the
brief are numbered. Every text field goes through the one placeholder expander
(``text`` for plain text, ``prose`` for HTML with note calls); templates compute nothing.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Iterable, Optional

from markupsafe import Markup, escape

from ..facts import prose as prose_parser
from ..facts.model import Claim, PartialDate
from ..facts.walk import nodes
from ..facts.relations import Relations
from ..i18n.extract import KEYWORDS_CONTEXT
from ..i18n.localizer import INFERRED_MARK, NBSP, Localizer, capitalize
from ..i18n.translate import English, Translation
from ..project import SOURCE_LOCALE
from ..typeset import WORD_JOINER, note_call, protect_names
from . import abbreviations
from .frame import Frame
from .rows import Figure, Part, QuoteRow, SectionView, SourceRow, TimelineRow
from .tables import TableView, figures_table, source_line

# The end of a sentence: at the end of a literal, or before more text in it.
_END = r"[.!?…][\"'”’)\]]*"
_SENTENCE_AT_END = re.compile(_END + r"\s*$")
_SENTENCE_INSIDE = re.compile(_END + r"\s+\S")
NEW_SENTENCE = object()  # a marker between the pieces of a text


class EditionView:
    """What the templates read: every string already in the edition's language."""

    def __init__(self, translation: Translation, loc: Localizer, relations: Relations):
        self.brief = translation.brief
        self.translation = translation
        self.loc = loc
        self.relations = relations
        self.meta = self.brief.brief
        self.lang = loc.locale
        self.notes = {source.id: number for number, source in enumerate(self.brief.sources, 1)}
        self.changes = None  # the "what changed" box (render/changes.py), when compared
        # The names the print keeps whole: parties, publishers, the brief's keywords.
        self.names = [self.text(p.name) for p in self.brief.parties] + \
            [s.publisher for s in self.brief.sources if s.publisher] + list(self.meta.keywords)

    @property
    def stem(self) -> str:
        """The name of the edition's files: <brief-id>.<locale>."""
        return f"{self.meta.id}.{self.lang}"

    # -- the one placeholder expander ----------------------------------------------
    def cite(self, source_ids: Iterable[str]) -> Markup:
        """Note calls to the sources, as superscript links to the endnotes."""
        return note_call(sorted({self.notes[s] for s in source_ids}))

    @cached_property
    def first_uses(self) -> dict:
        return abbreviations.first_uses(self.brief, self.text)

    def prose_at(self, key: tuple, text: str, sources: Iterable[str] = ()) -> Markup:
        """A prose text of the body, with the abbreviations it uses first spelled out."""
        return self.prose(abbreviations.spell_out(text, self.first_uses.get(key, ()),
                                                  self.text), sources)

    def prose(self, text: str, sources: Iterable[str] = ()) -> Markup:
        """A prose text as HTML: text escaped with the names the brief knows kept
        whole, claims and dates filled in with note calls, and the sources of the whole
        text called after its last word. A source is called once per sentence; a text
        left in English is formatted in English and tagged with its language."""
        loc, english = self._localizer_of(text)
        out, called = [], set()
        pieces = prose_parser.parse(text)
        for piece, shown in self._expand(pieces, loc):
            if piece is NEW_SENTENCE:
                called = set()  # a new sentence calls its sources afresh
            elif isinstance(piece, str):
                out.append(shown)  # plain text, marked up below
            elif piece.kind == "claim":
                claim = self.brief.claim_by_id[piece.key]
                out.append(Markup('<span class="figure" data-claim="{}">{}{}</span>').format(
                    claim.id, shown, self.cite(s for s in claim.sources if s not in called)))
                called.update(claim.sources)
            elif piece.kind == "quote":
                quote = self.brief.quote_by_id[piece.key]
                out.append(Markup('<span class="quote">{}</span>{}').format(
                    shown, self.cite(s for s in quote.sources if s not in called)))
                called.update(quote.sources)
            else:
                out.append(escape(shown))
        sources = tuple(s for s in sources if s not in called)
        # A word joiner keeps the note call on the line of the word it follows; a
        # nowrap span round both made WeasyPrint 70 end the line before too early.
        closing = Markup(WORD_JOINER) + self.cite(sources) if sources else Markup("")
        html = Markup("").join(part if isinstance(part, Markup) else self.mark(part)
                               for part in out) + closing
        if english:
            return Markup('<span lang="{}">{}</span>').format(english, html)
        return html

    def mark(self, text: str) -> Markup:
        """Plain text for the page, with the names the brief knows kept whole."""
        return protect_names(text, self.names)

    def text(self, text: Optional[str]) -> str:
        """A text field as plain text, placeholders filled in (titles, labels,
        captions, notes, PDF metadata, alt texts)."""
        if text is None:
            return ""
        loc, _ = self._localizer_of(text)
        return "".join(shown for piece, shown in self._expand(prose_parser.parse(text), loc)
                       if piece is not NEW_SENTENCE)

    def _expand(self, pieces: list, loc: Localizer):
        """(piece, text shown) for each piece of a text, with NEW_SENTENCE where a
        sentence begins after the first. Generated text opening a sentence is
        capitalized; a word the text already says before a date is not repeated
        ("ngày {date}" with a date that reads "ngày 19 tháng 9 năm 2023")."""
        opening, pending, before = True, False, ""
        held = None  # the last text, yielded once what follows it is known
        for piece in pieces:
            if isinstance(piece, str):
                if held:
                    yield held
                if _SENTENCE_INSIDE.search(piece):
                    yield NEW_SENTENCE, ""
                held = (piece, piece)
                if piece.strip():
                    opening = pending = bool(_SENTENCE_AT_END.search(piece))
                    before = piece
                continue
            shown = self._placeholder(piece, loc)
            if piece.kind == "date":
                said = before.rstrip().rsplit(None, 1)[-1:] if before[-1:].isspace() else []
                first, _, rest = shown.replace(NBSP, " ").partition(" ")
                rest = shown[len(first) + 1:] if rest else rest  # its own spaces kept
                if said and rest and said[0].casefold() == first.casefold():
                    shown, opening = rest, False
                    # the text's word joins the date as the date's own would have
                    held = (held[0], held[1].rstrip() + NBSP) if held else held
            if held:
                yield held
                held = None
            if pending:
                yield NEW_SENTENCE, ""
            yield piece, capitalize(shown) if opening else shown
            opening = pending = False
            before = ""
        if held:
            yield held

    def _localizer_of(self, text: str) -> tuple[Localizer, str]:
        """Who formats a text's figures and dates: the edition's Localizer, or for a
        text left in English, the English one (and the language to tag it with)."""
        if isinstance(text, English) and self.loc.locale != SOURCE_LOCALE:
            return self.loc.english, self.loc.english.document_language
        return self.loc, ""

    def _placeholder(self, piece, loc: Localizer) -> str:
        """The text a placeholder stands for: a figure, a date, two dates as one."""
        if piece.kind == "claim":
            return self.figure_text(self.brief.claim_by_id[piece.key], loc)
        if piece.kind == "quote":
            return loc.quoted(self.brief.quote_by_id[piece.key].text)
        return self.date_placeholder(piece.key, loc)

    def date_placeholder(self, key: str, loc: Optional[Localizer] = None) -> str:
        """A date, two dates said together ("2023-03,2023-04") or a period
        ("2020-09/2020-11") as one phrase; inferred ones ('?') carry the mark."""
        loc = loc or self.loc
        kind, parts = prose_parser.date_parts(key)
        first, *rest = (PartialDate.parse(part.rstrip("?")) for part in parts)
        text = loc.date_pair(first, rest[0]) if kind == "pair" else \
            loc.interval(first, rest[0]) if kind == "range" else loc.date(first)
        return text + INFERRED_MARK if any(p.endswith("?") for p in parts) else text

    def figure_text(self, claim: Claim, loc: Optional[Localizer] = None) -> str:
        """A claim's figure: compact or full as the claim or the brief says, else as
        the locale's press writes it (conventions.toml)."""
        compact = claim.display == "compact" if claim.display else (
            True if self.meta.numbers == "compact" else None)
        return (loc or self.loc).figure(claim, compact=compact)

    # -- the masthead --------------------------------------------------------------
    @property
    def title(self) -> str:
        return self.text(self.meta.title)

    @property
    def title_unbroken(self) -> Markup:
        """The title with no line break at its hyphens ("Nagorno-Karabakh")."""
        return Markup(" ").join(
            Markup('<span class="nobreak">{}</span>').format(word) if "-" in word
            else escape(word) for word in self.title.split(" "))

    @property
    def running_title(self) -> str:
        """The title in the running heads: the short title where the brief gives one."""
        return self.text(self.meta.short_title) or self.title

    @property
    def subtitle(self) -> str:
        return self.text(self.meta.subtitle)

    @cached_property
    def frame(self) -> Frame:
        """Institution, authors, edition, publication date, citation."""
        return Frame(self.meta, self.loc, self.text)

    @property
    def citation(self) -> str:
        return self.frame.citation(self.title)

    @property
    def handling(self) -> str:
        return self.text(self.meta.handling)

    @property
    def as_of(self) -> str:
        """The date of the facts, in the masthead and every page's footer."""
        return self.loc.date(self.meta.as_of)

    inferred_mark = INFERRED_MARK

    @property
    def keywords(self) -> str:
        """The PDF's keywords, translated as one text (context 'brief keywords')."""
        if not self.meta.keywords:
            return ""
        return self.loc.prose(", ".join(self.meta.keywords), KEYWORDS_CONTEXT,
                              self.meta.where("keywords"))

    @property
    def document_language(self) -> str:
        return self.loc.document_language

    @property
    def direction(self) -> str:
        return self.loc.direction

    @property
    def source_count(self) -> int:
        return len(self.brief.sources)

    # -- the parts, numbered once --------------------------------------------------
    @cached_property
    def sections(self) -> list[SectionView]:
        return [SectionView(Part(f"section-{s.id}", number, self.text(s.title)),
                            tuple(self.prose_at(("section", number - 1, j), p.text,
                                                p.sources)
                                  for j, p in enumerate(s.paragraphs)))
                for number, s in enumerate(self.brief.sections, 1)]

    @cached_property
    def parts(self) -> dict[str, Part]:
        """The closing parts the brief has, numbered after its sections."""
        wanted = []
        # A flash update lists its figures on page one; its charts, if any, still print.
        if self.layout != "flash" or self.brief.charts:
            wanted.append(("figures", self.loc.translate("The figures and who gives them")))
        if self.brief.timeline:
            wanted.append(("timeline", self.loc.translate("Timeline")))
        wanted.append(("sources", self.loc.translate("Sources")))
        first = len(self.brief.sections) + 1
        return {anchor: Part(anchor, number, title)
                for number, (anchor, title) in enumerate(wanted, first)}

    @property
    def layout(self) -> str:
        """flash, brief or report: which parts the edition prints."""
        return self.meta.layout

    @property
    def contents(self) -> list[Part]:
        return [s.part for s in self.sections] + list(self.parts.values())

    # -- page one ------------------------------------------------------------------
    @property
    def key_points(self) -> list[Markup]:
        return [self.prose_at(("key", i), p.text, p.sources)
                for i, p in enumerate(self.brief.key_points)]

    @property
    def key_figures(self) -> list[Figure]:
        return [self.figure(self.brief.claim_by_id[i]) for i in self.brief.key_figures]

    # -- figures, timeline, sources ------------------------------------------------
    def cell(self, text: str) -> str:
        """Generated text as it opens a table cell or box ("Khoảng 30.000" in vi)."""
        return self.loc.capitalize_cell(text)

    def party_name(self, party_id: Optional[str]) -> str:
        return self.text(self.brief.party_by_id[party_id].name) if party_id else ""

    def figure(self, claim: Claim) -> Figure:
        status = self.relations.status(claim)
        status_note = ""
        if status == "alternative":
            others = [self.brief.claim_by_id[i] for i in self.relations.alternatives(claim)]
            status_note = self.loc.translate("other claimants give: %(figures)s") % {
                "figures": "; ".join(self.attributed(o) for o in others)}
        if status == "revised":
            later = self.brief.claim_by_id[self.relations.revised_by[claim.id]]
            status_note = self.loc.translate("revised later: see %(label)s") % {
                "label": self.text(later.label)}
        elif status == "revision":
            status_note = self.loc.translate("revises an earlier figure: %(label)s") % {
                "label": self.text(self.brief.claim_by_id[claim.revises].label)}
        claimed_by = self.text(claim.attribution) if claim.attribution else \
            self.party_name(claim.claimed_by)
        return Figure(
            id=claim.id, label=self.text(claim.label), figure=self.figure_text(claim),
            cites=self.cite(claim.sources), claimed_by=claimed_by,
            reported=self.loc.capitalize_cell(self.loc.date(claim.reported, "short"))
            if claim.reported else "",
            status=status, status_note=status_note, note=self.text(claim.note))

    def attributed(self, claim: Claim) -> str:
        """"105 (TDI, 4 July 2023)": a figure with who gives it and when."""
        who = self.text(claim.attribution) if claim.attribution else \
            self.party_name(claim.claimed_by)
        details = ", ".join(filter(None, [who, self.loc.date(claim.reported)
                                          if claim.reported else ""]))
        return f"{self.figure_text(claim)} ({details})" if details else \
            self.figure_text(claim)

    @property
    def figure_groups(self) -> list[tuple[str, list[Figure]]]:
        """Every claim, grouped under its event (events in date order, then the rest)."""
        groups = []
        events = sorted(self.brief.events, key=lambda e: (e.start.first_day(), e.id))
        for event in events:
            rows = [self.figure(c) for c in self.brief.claims if c.event == event.id]
            if rows:
                name = self.text(event.name)
                period = self.loc.interval(event.start, event.end, event.ongoing, "short")
                # "Clashes of 2016", not "Clashes of 2016 (2016)"
                groups.append((name if period in name else f"{name} ({period})", rows))
        rest = [self.figure(c) for c in self.brief.claims if c.event is None]
        if rest:
            groups.append((self.loc.translate("Not tied to one event"), rest))
        return groups

    @cached_property
    def figures_table(self) -> TableView:
        return figures_table(self)

    @property
    def timeline(self) -> list[TimelineRow]:
        return [TimelineRow(self.loc.capitalize_cell(self.loc.date(entry.date, "short")),
                            self.prose_at(("timeline", i), entry.text, entry.sources))
                for i, entry in enumerate(self.brief.timeline)]

    @property
    def abbreviations(self) -> list[tuple[str, str]]:
        return abbreviations.listed(self.brief, self.text, self.loc.translate)

    @property
    def sources(self) -> list[SourceRow]:
        not_stated = self.loc.translate("not stated")
        return [SourceRow(
            number=self.notes[source.id], title=self.text(source.title),
            kind=self.text(source.kind), publisher=source.publisher or not_stated,
            publisher_stated=bool(source.publisher),
            date=self.loc.date(source.date, "short") if source.date else not_stated,
            date_stated=source.date is not None,
            language=self.loc.language_name(source.language), url=source.url or "",
            note=self.text(source.note)) for source in self.brief.sources]

    @property
    def inferred_dates(self) -> list[tuple[str, str]]:
        """(date as printed, how the brief infers it), each once, in date order; the
        dates in their short form, as in a table ("19/9/2023†" in Vietnamese)."""
        seen = {}
        for node in nodes(self.brief):
            if getattr(node, "inferred", False):
                seen.setdefault((node.first_day(), self.loc.date(node, "short")),
                                self.text(node.basis))
        return [(date, basis) for (_, date), basis in sorted(seen.items())]

    @property
    def quotations(self) -> list[QuoteRow]:
        """Quotations printed in another language, in the words they were said in."""
        originals = self.translation.english.quote_by_id
        return [QuoteRow(self.loc.quoted(originals[q.id].text), self.text(q.speaker),
                         self.cite(q.sources))
                for q in self.brief.quotes if q.text != originals[q.id].text]

    def source_line(self, claim_ids: Iterable[str]) -> str:
        return source_line(self, claim_ids)
