"""Prose with placeholders: ``{claim-id}`` for a claim, ``{date:YYYY-MM-DD}`` for a date.

One parser serves the validator, the renderer and the catalog checks, so that the
three agree on what a placeholder is. ``{{`` and ``}}`` stand for literal braces.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator, Union

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
# A figure typed into prose: digits standing alone ("49", "5,000", "3.5"), not part of
# a name ("F-16") and not a four-digit year, which prose may name freely.
_FIGURE = re.compile(r"(?<![\w\-/])\d[\d,.\u00a0\u202f]*(?![\w\-/])")
_YEAR = re.compile(r"^(1[0-9]|20)\d\d$")


class ProseError(ValueError):
    """A malformed placeholder; ``offset`` is where it starts in the text."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Placeholder:
    kind: str  # "claim" or "date"
    key: str   # the claim id, or the date as written

    def __str__(self) -> str:
        return "{%s}" % (self.key if self.kind == "claim" else f"date:{self.key}")


Piece = Union[str, Placeholder]


def parse(text: str) -> list[Piece]:
    """Split prose into literal strings and placeholders."""
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
        body = match.group(1).strip()
        if body.startswith("date:"):
            placeholder = Placeholder("date", body[5:].strip())
        elif re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", body):
            placeholder = Placeholder("claim", body)
        else:
            raise ProseError(f"'{{{match.group(1)}}}' is not a placeholder; expected "
                             "{claim-id} or {date:YYYY-MM-DD}", match.start())
        if literal:
            pieces.append("".join(literal))
            literal = []
        pieces.append(placeholder)
    literal.append(text[position:])
    if "".join(literal):
        pieces.append("".join(literal))
    return pieces


def placeholders(text: str) -> Counter:
    """The placeholders of a text, as a multiset of their written forms."""
    return Counter(str(p) for p in parse(text) if isinstance(p, Placeholder))


def stray_figures(text: str) -> Iterator[tuple[int, str]]:
    """Figures typed into the literal parts of prose (offset, figure), years excepted."""
    for match in _FIGURE.finditer(_blank_placeholders(text)):
        figure = match.group(0).rstrip(",.\u00a0\u202f")
        if not _YEAR.match(figure):
            yield match.start(), figure


def _blank_placeholders(text: str) -> str:
    return _TOKEN.sub(lambda m: " " * len(m.group(0)), text)
