"""Glyph coverage: every character an edition prints must be in the pinned fonts.

A character the fonts lack would print as an empty box, or in some other font the
machine happens to have. The check runs on the edition's HTML and on the labels of its
charts and maps (text inside their drawings) before anything is written and names the character, its code point and where it comes from: the facts
file for English text, the .po entry for a translation.
"""

from __future__ import annotations

import base64
import unicodedata
from html.parser import HTMLParser

from ..diagnostics import Collector, Location
from ..facts.walk import translatable_fields
from .metrics import metrics


class _Text(HTMLParser):
    """The text content of an HTML document, without its style sheet."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script", "title")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def covered(faces) -> frozenset:
    """Code points every family has (a text may be set in either)."""
    families: dict[str, set] = {}
    for face, path in faces:
        families.setdefault(face.family, set()).update(metrics(path).advances)
    return frozenset.intersection(*map(frozenset, families.values()))


def check_glyphs(edition, html: str, faces, problems: Collector, charts=()) -> None:
    """Every character of the edition's text and of its charts' and maps' labels
    (which print inside their drawings) must have a glyph."""
    parser = _Text()
    parser.feed(html)
    for chart in charts:
        parser.feed(_drawing(chart.src))
    text = "".join(parser.parts)
    have = covered(faces)
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in have
                      and unicodedata.category(c) not in ("Cc", "Cf")})
    by_place: dict[Location, list[str]] = {}
    for char in missing:
        by_place.setdefault(_origin(edition, char), []).append(
            f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})")
    for place, chars in by_place.items():
        problems.error(place, f"no glyph in the pinned fonts (Noto Serif, Noto Sans) for "
                              f"{', '.join(chars)}; it would print as a box")


def _drawing(src: str) -> str:
    """The SVG of a chart's data: URI, whose text elements are its labels."""
    head, _, data = src.partition(",")
    return base64.b64decode(data).decode("utf-8") if head.endswith(";base64") else ""


def _origin(edition, char: str) -> Location:
    """Where a character was typed: a facts field, or the translation of one."""
    translation = edition.translation
    for node, field, _ in translatable_fields(translation.brief):
        if char in getattr(node, field):
            return translation.origins.get((node.loc, field), node.where(field))
    for catalog in edition.loc.catalogs.values():
        for entry in catalog.entries.values():
            if any(char in s for s in entry.strings):
                return entry.location
    return Location(str(edition.brief.loc.path))
