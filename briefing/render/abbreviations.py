"""Abbreviations: spelled out at their first use in an edition's prose, in reading
order (key points, sections, timeline), unless the text already spells them out."""

from __future__ import annotations

import re
from typing import Callable, Optional

from ..facts.model import Abbreviation, Brief
from ..i18n.translate import English


def _pattern(short: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])")


def reading_order(brief: Brief) -> list[tuple[tuple, str]]:
    """(key, text) of every prose text, in the order a reader meets them."""
    return [(("key", i), p.text) for i, p in enumerate(brief.key_points)] + \
        [(("section", s, j), p.text) for s, section in enumerate(brief.sections)
         for j, p in enumerate(section.paragraphs)] + \
        [(("timeline", i), entry.text) for i, entry in enumerate(brief.timeline)]


def first_uses(brief: Brief, text_of: Callable[[Optional[str]], str]) -> dict:
    """Which abbreviations each text spells out: {key: (Abbreviation, ...)}."""
    pending = [a for a in brief.abbreviations if a.long]
    out: dict = {}
    for key, text in reading_order(brief):
        for abbreviation in list(pending):
            long = text_of(abbreviation.long)
            found = _pattern(abbreviation.short).search(text)
            spelled = text.find(long)
            if spelled >= 0 and (found is None or spelled < found.start()):
                pending.remove(abbreviation)  # the text spells it out itself
            elif found:
                out.setdefault(key, []).append(abbreviation)
                pending.remove(abbreviation)
    return {key: tuple(found) for key, found in out.items()}


def spell_out(text: str, abbreviations: tuple[Abbreviation, ...],
              text_of: Callable[[Optional[str]], str]) -> str:
    """The text with the first use of each abbreviation as "long (SHORT)"."""
    result = text
    for abbreviation in abbreviations:
        result = _pattern(abbreviation.short).sub(
            lambda m: f"{text_of(abbreviation.long)} ({m.group(0)})", result, count=1)
    return English(result) if isinstance(text, English) else result


def listed(brief: Brief, text_of: Callable[[Optional[str]], str],
           translate: Callable[[str], str]) -> list[tuple[str, str]]:
    """(abbreviation, what it stands for) in alphabetical order, for the list."""
    none = translate("the source gives no expansion")
    return sorted((a.short, text_of(a.long) if a.long else none)
                  for a in brief.abbreviations)
