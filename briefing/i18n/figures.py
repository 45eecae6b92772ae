"""The figure rule for translations: a translation prints no figure its English lacks.

Every figure of a brief is a claim with its sources, printed through a placeholder;
English prose that types a number is refused where it is read. A translation is held
to the same rule against its own English: a number written in it is an error unless

- the English writes the same number (a year in a title, "the 1990s");
- it is a year alone, as the English rule allows ("năm 2020");
- it is a number the locale writes where it is no figure, as its
  ``conventions.toml`` declares under ``[figures] allowed``: a month ("tháng 4"),
  an ordinal ("thứ 2"), a day and a month. Each entry is text with slots
  ``{low-high}``, each standing for a whole number from low to high.

The error points at the number itself, by line and column of the .po file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from ..facts import prose

MAX_SLOT = 99  # a slot spans at most 100 numbers: days, months, ordinals
_SLOT = re.compile(r"\{(\d{1,4})-(\d{1,4})\}")
_PERCENT = re.compile(r"%(?:\([\w-]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
# A slot's number ends where the number does: not before more digits ("tháng 4.000").
_END = r"(?![\w]|[,.\u00a0\u202f]\d)"


@dataclass(frozen=True)
class Allowed:
    """One kind of number a locale writes that is no figure, as declared."""

    pattern: str
    regex: re.Pattern
    bounds: tuple[tuple[int, int], ...]

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        for match in self.regex.finditer(text):
            if all(low <= int(value) <= high
                   for value, (low, high) in zip(match.groups(), self.bounds)):
                yield match.span()


def allowance(pattern: str) -> Allowed | str:
    """An entry of ``[figures] allowed``, or why it is not one."""
    slots = list(_SLOT.finditer(pattern))
    if not slots:
        return "holds no slot {low-high} for its number, as in \"tháng {1-12}\""
    rest = _SLOT.sub("", pattern)
    if re.search(r"[{}]", rest):
        return "has a brace that is no slot; a slot is {low-high}, as in {1-12}"
    if re.search(r"\d", rest):
        return "holds a digit outside its slots"
    bounds = tuple((int(m.group(1)), int(m.group(2))) for m in slots)
    if any(low > high for low, high in bounds):
        return "has a slot whose low end is above its high end"
    # Words and small fixed shapes, never a number range: "{0-9999}" alone would let a
    # translation print any such number as if it were no figure.
    if any(high - low > MAX_SLOT for low, high in bounds):
        return f"has a slot of more than {MAX_SLOT + 1} numbers; a slot stands for a day, a " \
               "month, an ordinal, never a range of figures"
    if len(slots) < 2 and not re.search(r"[^\W\d_]", rest):
        return "holds no word; a number alone is a figure, which prints through its claim"
    parts, position = [], 0
    for slot in slots:
        parts.append(_words(pattern[position:slot.start()]))
        parts.append(r"(\d{1,4})")
        position = slot.end()
    parts.append(_words(pattern[position:]))
    regex = re.compile(r"(?<![\w,.])" + "".join(parts) + _END, re.IGNORECASE)
    return Allowed(pattern, regex, bounds)


def _words(literal: str) -> str:
    """Literal text of a pattern: any run of spaces matches any run of spaces."""
    return r"[\s\u00a0\u202f]+".join(re.escape(word) for word in re.split(r"\s+", literal))


def added_figures(msgid: str, msgstr: str,
                  allowed: tuple[Allowed, ...] = ()) -> Iterator[tuple[int, str]]:
    """The numbers msgstr writes that its English does not: (offset, as written)."""
    english = {_canonical(number) for _, number in prose.numbers(msgid)}
    # A `name` keeps its digits only when the English writes the same name: between
    # backticks, a translation could otherwise print any number.
    known = set(prose.names(msgid))
    for match in prose.name_spans(msgstr):
        name = match.group(2)
        if name not in known:
            for offset, number in prose.numbers(name):
                if _canonical(number) not in english:
                    yield match.start(2) + offset, number
    text = prose.literal_text(_PERCENT.sub(lambda m: " " * len(m.group(0)), msgstr))
    spans = [span for kind in allowed for span in kind.spans(text)]  # all on one text
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    flagged = {offset for offset, _ in prose.stray_figures(text)}
    for offset, number in prose.numbers(text):
        canonical = _canonical(number)
        if canonical in english or canonical.translate(_SWAP) in english:
            continue
        if offset not in flagged and prose.is_year(number) and _alone(text, offset, number):
            continue
        yield offset, number


_SWAP = str.maketrans(",.", ".,")
_ESCAPED = set('\\"tnr')


def _canonical(number: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]", "", number)


def _alone(text: str, offset: int, number: str) -> bool:
    """A year not glued to a word ("năm 2020", not "người2020")."""
    before = text[offset - 1:offset]
    after = text[offset + len(number):offset + len(number) + 1]
    return not before.isalnum() and not after.isalnum()


def position(lines: list[str], first: int, keyword: str, offset: int
             ) -> Optional[tuple[int, int]]:
    """Line and column (from 1) in a .po file of the character ``offset`` of the
    string ``keyword`` ("msgstr", "msgstr[1]") of the entry whose msgid is on line
    ``first``; None when the file is not laid out as expected."""
    number = first - 1
    while number < len(lines) and not lines[number].lstrip().startswith(keyword + " "):
        number += 1
    seen = 0
    while number < len(lines):
        line = lines[number]
        quote = line.find('"')
        if quote < 0 or (seen and not line.lstrip().startswith('"')):
            return None
        col = quote + 1
        while col < len(line) and line[col] != '"':
            # the escapes Babel reads as one character (it keeps any other backslash)
            width = 2 if line[col] == "\\" and line[col + 1:col + 2] in _ESCAPED else 1
            if seen == offset:
                return number + 1, col + 1
            seen += 1
            col += width
        number += 1
    return None
