"""The typed rows the templates lay out: a figure, a source, a part, a quotation, a
timeline entry, each already in the edition's language."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class SourceRow:
    number: int
    title: str
    kind: str
    publisher: str
    publisher_stated: bool
    date: str
    date_stated: bool
    language: str
    url: str
    note: str


@dataclass(frozen=True)
class Part:
    """A numbered part of the brief, as headed and listed in the contents."""

    anchor: str
    number: int
    title: str


@dataclass(frozen=True)
class SectionView:
    part: Part
    paragraphs: tuple[Markup, ...]


@dataclass(frozen=True)
class QuoteRow:
    """A quotation in the words it was said in, for the sources part."""

    words: str
    speaker: str
    cites: Markup


@dataclass(frozen=True)
class TimelineRow:
    date: str
    text: Markup
