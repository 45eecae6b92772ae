"""Prose with placeholders, names and the figure rule.

``{claim-id}`` prints a claim, ``{date:YYYY-MM-DD}`` a date (``{date:YYYY-MM-DD?}``
one the brief infers), ``{date:2023-03,2023-04}`` two dates said together,
``{date:2020-09-27/2020-11-10}`` a period, ``{q:quote-id}`` a quotation. A name or
designation with digits in it is written between backticks (```Nam Theun 2```,
```Resolution 2334```) and prints without them. ``{{`` and ``}}`` stand for literal braces.

One parser serves the validator, the renderer and the catalog checks, so that the
three agree on what a placeholder is. The figure rule: a number typed into the
literal text of prose (outside placeholders and backtick names) is an error, so
that every printed figure traces to a claim; a year alone (1000–2099) is allowed,
but not when a unit or a percent sign follows it ("1285 MW", "2000 km").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator, Union

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|`([^`]*)`|[{}`]")
_SUPERSCRIPTS = "\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089"
# Numbers written as one character: vulgar fractions (½), circled and parenthesized
# numbers (③, ⑽); like superscripts, never part of a word.
_SIGNS = "\u00bc-\u00be\u2150-\u215f\u2460-\u24ff\u2776-\u2793"
_DIGIT = rf"\d{_SUPERSCRIPTS}{_SIGNS}"
# A run of digits (any script's, \d, with the separators figures are written with,
# a space before a group of three: "4 000"), with an exponent ("1e6"); what stands
# before and after it decides whether it is a figure or part of a name.
_NUMBER = re.compile(rf"[{_DIGIT}](?:[{_DIGIT},.\u00a0\u202f]| (?=\d{{3}}(?!\d)))*"
                     r"(?:[eE][-+]?\d+(?!\w))?")
# Letters glued after a figure that still make a word: "20th", "3D", "1990s".
_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b|s\b")
_YEAR = re.compile(r"^(1[0-9]|20)[0-9][0-9]$")
_UNIT = re.compile(
    r"\s?(%|‰|[kMGT]?Wh?\b|km[²2]?\b|m[²³23]?\b|cm\b|mm\b|kg\b|t\b|tonnes?\b|tons?\b|"
    r"ha\b|hectares?\b|metres?\b|meters?\b|kilomet(?:re|er)s?\b|miles?\b|"
    r"per ?cent\b|percent\b|people\b|persons?\b|dead\b|killed\b|dollars?\b|euros?\b|"
    r"million\b|billion\b|trillion\b|thousand\b|triệu\b|tỷ\b|nghìn\b|ngàn\b|người\b)",
    re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"[$€£¥₫]\s?$|(?:US|USD|EUR|VND)\s?\$?\s?$")


class ProseError(ValueError):
    """A malformed placeholder; ``offset`` is where it starts in the text."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Placeholder:
    kind: str  # "claim", "date" or "quote"
    key: str   # the claim or quote id, or the date as written (a final "?": inferred)

    def __str__(self) -> str:
        prefix = {"claim": "", "date": "date:", "quote": "q:"}[self.kind]
        return "{%s%s}" % (prefix, self.key)


Piece = Union[str, Placeholder]


def parse(text: str) -> list[Piece]:
    """Split prose into literal strings (names unquoted) and placeholders."""
    pieces: list[Piece] = []
    literal: list[str] = []
    position = 0
    for match in _TOKEN.finditer(text):
        literal.append(text[position:match.start()])
        position = match.end()
        token = match.group(0)
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        if token in ("{", "}"):
            raise ProseError(f"unmatched '{token}'; write '{token * 2}' for a literal brace",
                             match.start())
        if token == "`":
            raise ProseError("unmatched '`'; a name with digits goes between two "
                             "backticks, as in `Nam Theun 2`", match.start())
        if match.group(2) is not None:  # a `name`
            literal.append(match.group(2))
            continue
        placeholder = _placeholder(match.group(1), match.start())
        if literal and "".join(literal):
            pieces.append("".join(literal))
        literal = []
        pieces.append(placeholder)
    literal.append(text[position:])
    if "".join(literal):
        pieces.append("".join(literal))
    return pieces


def _placeholder(body: str, offset: int) -> Placeholder:
    inner = body.strip()
    if inner.startswith("date:"):
        return Placeholder("date", inner[5:].strip())
    if inner.startswith("q:") and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", inner[2:].strip()):
        return Placeholder("quote", inner[2:].strip())
    if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", inner):
        return Placeholder("claim", inner)
    raise ProseError(f"'{{{body}}}' is not a placeholder; expected {{claim-id}}, "
                     "{date:YYYY-MM-DD} or {q:quote-id}", offset)


def date_parts(key: str) -> tuple[str, list[str]]:
    """What a date placeholder holds: ("date", [d]), two dates said together
    ("pair", [d1, d2], written d1,d2) or a period ("range", [d1, d2], ISO 8601's
    d1/d2), so that a language can write them as one phrase."""
    for mark, kind in ((",", "pair"), ("/", "range")):
        if mark in key:
            return kind, [part.strip() for part in key.split(mark, 1)]
    return "date", [key]


def placeholders(text: str) -> Counter:
    """The placeholders of a text, as a multiset of their written forms."""
    return Counter(str(p) for p in parse(text) if isinstance(p, Placeholder))


def names(text: str) -> list[str]:
    """The `names` of a text, as written between backticks."""
    return [m.group(2) for m in _TOKEN.finditer(text) if m.group(2) is not None]


def name_spans(text: str) -> Iterator[re.Match]:
    """The `names` of a text as matches: group 2 is the name, where it stands."""
    return (m for m in _TOKEN.finditer(text) if m.group(2) is not None)


def literal_text(text: str) -> str:
    """The text with its placeholders and `names` blanked out, offsets kept."""
    return _TOKEN.sub(lambda m: " " * len(m.group(0)), text)


def numbers(text: str) -> Iterator[tuple[int, str]]:
    """Every number written in a text, in any script or form: (offset, as written)."""
    for match in _NUMBER.finditer(text):
        yield match.start(), match.group(0).rstrip(",.\u00a0\u202f ")


def is_year(number: str) -> bool:
    """A year as the figure rule allows one alone: 1000 to 2099, in ASCII digits."""
    return _YEAR.match(number) is not None


def stray_figures(text: str) -> Iterator[tuple[int, str]]:
    """Figures typed into the literal text of prose: (offset, figure as written)."""
    blank = literal_text(text)
    for match in _NUMBER.finditer(blank):
        start, end = match.start(), match.end()
        figure = match.group(0).rstrip(",.\u00a0\u202f ")
        end = start + len(figure)
        before = blank[max(0, start - 2):start]
        after = blank[end:]
        if re.search(f"[{_SIGNS}]|[eE]", figure):
            yield start, figure  # "½", "③", "1e6": a figure however it stands
            continue
        if re.search(f"[{_SUPERSCRIPTS}]", figure):
            if figure in ("\u00b2", "\u00b3") and before.endswith("m"):
                continue  # m², km³: a unit, not a figure
            yield start, figure  # a figure dressed as an exponent or a note call
            continue
        if before[-1:].isalnum() or re.match(r"\w-$", before):
            continue  # part of a word or name: "F-16", "H2O", "COVID-19"
        range_end = re.match(rf"[-–][\d{_SUPERSCRIPTS}][\d{_SUPERSCRIPTS},.]*", after)
        unit = _UNIT.match(after)
        if not unit and after[:1].isalpha() and (
                _SUFFIX.match(after) or len(figure) <= 2):
            continue  # "20th", "3D", "1990s"
        if range_end:
            second = range_end.group(0)[1:].rstrip(",.")
            if _YEAR.match(figure) and _YEAR.match(second) and not _UNIT.match(
                    after[len(range_end.group(0)):]):
                continue  # a span of years, "1988–1994"
            yield start, figure + range_end.group(0)[0] + second
            continue
        if _YEAR.match(figure) and not unit and not _CURRENCY_BEFORE.search(blank[:start]) \
                and not after.startswith(("-odd", "-plus", "+")):
            continue
        yield start, figure
