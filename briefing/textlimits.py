"""What any input text may hold, checked where it is read (facts and translations).

No control characters (U+0000–U+001F but tab and newline, U+007F–U+009F): they
print as boxes and make the PDF's XMP metadata ill-formed. No word (a run of
characters with no space to break a line at) longer than ``MAX_WORD``: it cannot
fit a line, and laying it out takes time that grows faster than its length (a word
of 9,000 characters took minutes in WeasyPrint's table layout). No bidirectional
embedding, override or isolate (U+202A–U+202E, U+2066–U+2069): they reorder what the
reader sees without showing themselves ("Trojan Source"), so a figure or a name could
print in an order the facts file does not show; right-to-left text needs none of them.
"""

from __future__ import annotations

import re
from typing import Iterator

MAX_WORD = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Spaces a line can break at: any white space but the no-break spaces.
_WORD = re.compile(r"(?:[^\s]|[\u00a0\u2007\u202f])+")


def text_problems(text: str) -> Iterator[tuple[int, str, str]]:
    """Each problem of a text as (offset, the offending characters, message)."""
    for found in _CONTROL.finditer(text):
        yield (found.start(), found.group(), f"control character U+{ord(found.group()):04X} "
               "in text; remove it (it prints as a box and breaks the PDF's metadata)")
    for found in _BIDI.finditer(text):
        yield (found.start(), found.group(), f"bidirectional control U+{ord(found.group()):04X} "
               "in text; remove it (it reorders what the reader sees without showing "
               "itself)")
    for found in _WORD.finditer(text):
        if len(found.group()) > MAX_WORD:
            yield (found.start(), found.group(),
                   f"a word of {len(found.group())} characters; a word may have at most "
                   f"{MAX_WORD} (put spaces in it, or shorten it)")
