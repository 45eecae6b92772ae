"""A layout checker: reads a PDF back with PDFium and reports what a print editor marks.

Rules, each a ``Finding.rule``:

- ``overlap``: the ink of characters from different words (or table cells) overlaps;
- ``outside``: ink beyond the width of the text area or off the page (a long word, URL
  or label that ran out of its box);
- ``split-name``: a line ends in a hyphen inside a name the brief knows ("Azerbai-jan",
  and a derived form: "Arme-nian" is a break inside "Armenia");
- ``hyphen-ladder``: three or more lines in a row of one block end in a hyphen;
- ``page-split-word``: a word broken by a hyphen at the end of a page;
- ``empty-page``: a page more than a third empty, unless it is the last page or the next
  page opens a chapter (the caller says which headings open chapters);
- ``repeated-call``: one sentence carries two note calls (bracketed superscripts such as
  [3]) to the same source;
- ``split-range``: a line ends in the dash of a number range ("1988–" / "1994");
- ``split-date``: a line break inside a date ("4" / "July 2023", "September" / "2022",
  "ngày 14" / "tháng 9", "tháng 9" / "năm 2022");
- ``head-lines``: a running head or foot (the text in the top or bottom margin) takes
  more than one line.

Everything is measured from the PDF as a reader gets it: the characters PDFium finds,
their ink boxes and baselines. Positions in findings are in millimetres from the top
left corner of the page.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import pypdfium2
import pypdfium2.raw as pdfium_c

PT_PER_MM = 72 / 25.4
# The brief's page margins (templates/print.css, @page), top right bottom left, in mm:
# what lies outside them is a running head or foot, not the page's content.
BRIEF_MARGINS_MM = (22, 24, 24, 24)

HYPHENS = "-\u2010\u00ad"  # hyphen-minus (typed), hyphen (inserted by a break), soft
_CALL = re.compile(r"\[(\d+(?:,\d+)*)\]")


@dataclass(frozen=True)
class Finding:
    rule: str
    page: int  # 1-based
    x_mm: float
    y_mm: float
    text: str

    def __str__(self) -> str:
        return f"p.{self.page} at {self.x_mm:.0f},{self.y_mm:.0f} mm: {self.rule}: {self.text}"


@dataclass
class Char:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    x: float  # origin (on the baseline), PDF units, y upwards
    y: float

    @property
    def inked(self) -> bool:
        return not self.text.isspace() and self.right - self.left > 0.05 \
            and self.top - self.bottom > 0.05


@dataclass
class Line:
    chars: list[Char]

    @property
    def start(self) -> Char:
        return self.chars[0]

    @property
    def end(self) -> Char:
        return self.chars[-1]

    @property
    def baseline(self) -> float:
        return self.chars[0].y

    def ends_in_hyphen(self) -> bool:
        return self.end.text in HYPHENS


@dataclass
class Page:
    number: int
    width: float
    height: float
    chars: list[Char]           # characters in content-stream order
    object_boxes: list[tuple]   # (left, bottom, right, top) of every page object

    def position(self, char: Char) -> tuple[float, float]:
        return char.left / PT_PER_MM, (self.height - char.top) / PT_PER_MM


# -- reading --------------------------------------------------------------------------
def read_pages(pdf: Path | str) -> list[Page]:
    document = pypdfium2.PdfDocument(str(pdf))
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            chars = []
            x, y = ctypes.c_double(), ctypes.c_double()
            for i in range(textpage.count_chars()):
                code = pdfium_c.FPDFText_GetUnicode(textpage, i)
                if code == 0 or pdfium_c.FPDFText_IsGenerated(textpage, i) == 1 \
                        and chr(code) != " ":
                    continue  # line ends PDFium made up (its spaces are kept)
                left, bottom, right, top = textpage.get_charbox(i)
                pdfium_c.FPDFText_GetCharOrigin(textpage, i, x, y)
                # PDFium reads a typed hyphen that ends a line as U+0002
                text = "-" if code == 2 else chr(code)
                chars.append(Char(text, left, bottom, right, top, x.value, y.value))
            boxes = [obj.get_bounds() for obj in page.get_objects(max_depth=8)]
            pages.append(Page(index + 1, width, height, chars, boxes))
    finally:
        document.close()
    return pages


# Two characters follow one another on a line unless the next goes back left or down
# by more than a superscript's rise: note calls sit about a third of an em up.
_LINE_DROP = 5.5  # pt
_CELL_GAP = 8.0   # pt: a horizontal jump wider than a few spaces leaves the block


def lines_of(page: Page) -> list[Line]:
    """Characters in content-stream order, cut where the text goes back left or moves
    a line up or down. Cells of one table row on one baseline stay one line here."""
    lines: list[Line] = []
    current: list[Char] = []
    for char in page.chars:
        if current:
            previous = current[-1]
            if previous.y - char.y > _LINE_DROP or char.y - previous.y > _LINE_DROP \
                    or char.x < previous.x - 1:
                lines.append(Line(current))
                current = []
        current.append(char)
    if current:
        lines.append(Line(current))
    return lines


def _continues(line: Line, following: Line) -> bool:
    """Whether ``following`` is the next line of the same block as ``line``."""
    drop = line.baseline - following.baseline
    return _LINE_DROP < drop < 30 and abs(following.start.left - line.start.left) < 15


def blocks_of(page: Page) -> list[list[Line]]:
    """Lines grouped into blocks (paragraphs, cells, captions), each read in order."""
    blocks: list[list[Line]] = []
    for line in lines_of(page):
        for segment in _split_at_gaps(line):
            if blocks and _continues(blocks[-1][-1], segment):
                blocks[-1].append(segment)
            else:
                blocks.append([segment])
    return blocks


def _split_at_gaps(line: Line) -> list[Line]:
    out, current = [], [line.chars[0]]
    for char in line.chars[1:]:
        if char.left - current[-1].right > _CELL_GAP:
            out.append(Line(current))
            current = []
        current.append(char)
    out.append(Line(current))
    return out


def words_of(page: Page) -> list[list[Char]]:
    """Runs of inked characters with no space between them, line by line."""
    words = []
    for line in lines_of(page):
        current: list[Char] = []
        for char in line.chars:
            gap = current and char.left - current[-1].right > 2.5
            if char.text.isspace() or gap:
                if current:
                    words.append(current)
                current = [] if char.text.isspace() else [char]
            elif char.inked:
                current.append(char)
        if current:
            words.append(current)
    return words


def _text(chars: Sequence[Char]) -> str:
    return "".join(c.text for c in chars)


def block_text(block: list[Line]) -> tuple[str, list[Char | None]]:
    """A block as one string (line ends joined, break hyphens removed) with, for each
    character of the string, the PDF character it came from (None for a joining space)."""
    out: list[str] = []
    origin: list[Char | None] = []
    for index, line in enumerate(block):
        chars = line.chars
        last = index == len(block) - 1
        if not last and chars[-1].text in "\u2010\u00ad":
            chars = chars[:-1]  # a hyphen the line break made: not part of the text
        for char in chars:
            out.append(" " if char.text.isspace() else char.text)
            origin.append(char)
        if not last and not line.ends_in_hyphen():
            out.append(" ")
            origin.append(None)
    return "".join(out), origin


# -- rules ----------------------------------------------------------------------------
def overlaps(page: Page, tolerance: float = 0.3) -> list[Finding]:
    findings = []
    words = words_of(page)
    owner: dict[int, int] = {}
    grid: dict[tuple[int, int], list[Char]] = {}
    for number, word in enumerate(words):
        for char in word:
            owner[id(char)] = number
            for cell in _cells(char):
                grid.setdefault(cell, []).append(char)
    reported = set()
    for number, word in enumerate(words):
        for char in word:
            for cell in _cells(char):
                for other in grid[cell]:
                    other_word = owner[id(other)]
                    pair = (min(number, other_word), max(number, other_word))
                    if other_word == number or pair in reported:
                        continue
                    width = min(char.right, other.right) - max(char.left, other.left)
                    height = min(char.top, other.top) - max(char.bottom, other.bottom)
                    if width > tolerance and height > tolerance:
                        reported.add(pair)
                        x, y = page.position(char)
                        findings.append(Finding(
                            "overlap", page.number, x, y,
                            f"'{_text(words[pair[0]])}' overlaps '{_text(words[pair[1]])}'"))
    return findings


def outside(page: Page, margins_mm: Sequence[float] = BRIEF_MARGINS_MM,
            tolerance: float = 0.5) -> list[Finding]:
    """Characters whose ink leaves the text area's width (running heads included) or
    the page: a word, URL or label that ran out of its box. One finding per line."""
    left = margins_mm[3] * PT_PER_MM - tolerance
    right = page.width - margins_mm[1] * PT_PER_MM + tolerance
    findings = []
    for line in lines_of(page):
        out = [c for c in line.chars if c.inked and (
            c.left < left or c.right > right or c.bottom < 0 or c.top > page.height)]
        if out:
            x, y = page.position(out[0])
            findings.append(Finding("outside", page.number, x, y,
                                    f"'{_text(line.chars).strip()[:60]}' leaves the text "
                                    "area"))
    return findings


def _cells(char: Char, size: float = 20.0):
    for i in range(int(char.left // size), int(char.right // size) + 1):
        for j in range(int(char.bottom // size), int(char.top // size) + 1):
            yield i, j


def hyphenation(page: Page, names: Iterable[str],
                margins_mm: Sequence[float] = BRIEF_MARGINS_MM) -> list[Finding]:
    """Names split at a line-end hyphen, ladders of three hyphenated lines, and words
    broken at the foot of the page."""
    names = sorted({unicodedata.normalize("NFC", n) for n in names}, key=len, reverse=True)
    findings = []
    last = _last_body_line(lines_of(page), page, margins_mm)
    for block in blocks_of(page):
        run = 0
        for index, line in enumerate(block):
            if not line.ends_in_hyphen():
                run = 0
                continue
            run += 1
            following = block[index + 1] if index + 1 < len(block) else None
            before = _text(line.chars[-30:])
            after = _text(following.chars[:30]) if following else ""
            x, y = page.position(line.end)
            if run == 3:
                findings.append(Finding("hyphen-ladder", page.number, x, y,
                                        f"three hyphenated lines in a row, the third "
                                        f"ending '{before.split()[-1]}'"))
            if following is None and last is not None and line.end is last.end:
                findings.append(Finding("page-split-word", page.number, x, y,
                                        f"'{before.split()[-1]}' continues on the next page"))
                continue
            if following is None:
                continue
            hard = line.end.text == "-"
            joined = before[:-1] + ("-" if hard else "") + after
            split_at = len(before) - (0 if hard else 1)
            for name in names:
                for match in re.finditer(r"(?<!\w)" + re.escape(name), joined):
                    if match.start() < split_at < match.end():
                        findings.append(Finding(
                            "split-name", page.number, x, y,
                            f"'{name}' split: '{before.split()[-1]}' / "
                            f"'{(after.split() or [''])[0]}'"))
                        break
                else:
                    continue
                break
    return findings


def _last_body_line(lines: list[Line], page: Page,
                    margins_mm: Sequence[float] = BRIEF_MARGINS_MM) -> Line | None:
    """The lowest line inside the page's content area."""
    bottom = margins_mm[2] * PT_PER_MM
    top = page.height - margins_mm[0] * PT_PER_MM
    body = [line for line in lines if bottom <= line.baseline <= top]
    return min(body, key=lambda line: line.baseline) if body else None


def emptiness(page: Page, margins_mm: Sequence[float] = BRIEF_MARGINS_MM) -> float:
    """The share of the content area's height left empty below the lowest content."""
    top = page.height - margins_mm[0] * PT_PER_MM
    bottom = margins_mm[2] * PT_PER_MM
    inside = [box for box in page.object_boxes
              if bottom - 1 <= (box[1] + box[3]) / 2 <= top + 1]
    if not inside:
        return 1.0
    lowest = min(box[1] for box in inside)
    return max(0.0, (lowest - bottom) / (top - bottom))


def empty_pages(pages: list[Page], chapter_starts: Iterable[str] = (),
                margins_mm: Sequence[float] = BRIEF_MARGINS_MM) -> list[Finding]:
    starts = [unicodedata.normalize("NFC", s) for s in chapter_starts]
    findings = []
    for page, following in zip(pages, pages[1:]):  # the last page may be short
        share = emptiness(page, margins_mm)
        if share <= 1 / 3:
            continue
        opening = _first_body_text(following, margins_mm)
        if any(opening.startswith(start) for start in starts):
            continue
        y = page.height / PT_PER_MM * (1 - share) - margins_mm[2]
        findings.append(Finding("empty-page", page.number, margins_mm[3], y,
                                f"{share:.0%} of the page empty; the next page opens "
                                f"with '{opening[:40]}'"))
    return findings


def _first_body_text(page: Page, margins_mm: Sequence[float]) -> str:
    top = page.height - margins_mm[0] * PT_PER_MM
    bottom = margins_mm[2] * PT_PER_MM
    lines = [line for line in lines_of(page) if bottom <= line.baseline <= top]
    if not lines:
        return ""
    first = max(lines, key=lambda line: line.baseline)
    return _text(first.chars).replace("\u00a0", " ").strip()


def repeated_calls(page: Page) -> list[Finding]:
    findings = []
    for block in blocks_of(page):
        text, origin = block_text(block)
        text = text.replace("\u00a0", " ")
        for start, sentence in _sentences(text):
            first: dict[str, int] = {}
            reported = set()
            for match in _CALL.finditer(sentence):
                if not _raised(origin, start + match.start(), block):
                    continue  # "[2]" on the baseline is not a note call
                for number in match.group(1).split(","):
                    if number not in first:
                        first[number] = match.start()
                    elif number not in reported:
                        reported.add(number)
                        x, y = page.position(origin[start + match.start()])
                        excerpt = sentence[max(0, first[number] - 40):match.end()].strip()
                        findings.append(Finding(
                            "repeated-call", page.number, x, y,
                            f"source [{number}] called again in one sentence: '…{excerpt}'"))
    return findings


_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*(?:\[\d+(?:,\d+)*\])?\s+(?=[\"“‘(]?[^\W\d_])")


def _sentences(text: str) -> Iterable[tuple[int, str]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        following = text[match.end()]
        if following.isupper() or following in "\"“‘(":
            yield start, text[start:match.end()]
            start = match.end()
    yield start, text[start:]


def _raised(origin: list[Char | None], index: int, block: list[Line]) -> bool:
    char = origin[index]
    if char is None:
        return False
    line = next(line for line in block if any(c is char for c in line.chars))
    baseline = min(c.y for c in line.chars)
    return char.y - baseline > 1.0


_MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
           "November|December")
# (how a line may end, how the next may begin) for a line break inside a date
_DATE_SPLITS = [
    (re.compile(r"(?<![\d,.])\b([1-9]|[12]\d|3[01])$"), re.compile(rf"^(?:{_MONTHS})\b")),
    (re.compile(rf"\b(?:{_MONTHS})$"), re.compile(r"^\d{4}\b")),
    (re.compile(r"\b(?:ngày|tháng)$|\btháng \d{1,2} năm$"), re.compile(r"^\d")),
    (re.compile(r"\b(?:ngày|tháng) \d{1,2}$"), re.compile(r"^(?:tháng|năm)\b")),
]


def split_dates(page: Page) -> list[Finding]:
    """Line breaks inside a date, which is read as one."""
    findings = []
    for block in blocks_of(page):
        for line, following in zip(block, block[1:]):
            end = unicodedata.normalize("NFC", _text(line.chars).replace("\u00a0", " ")
                                        .rstrip())
            start = unicodedata.normalize("NFC", _text(following.chars).replace("\u00a0", " ")
                                          .lstrip())
            if any(a.search(end) and b.search(start) for a, b in _DATE_SPLITS):
                x, y = page.position(line.end)
                findings.append(Finding("split-date", page.number, x, y,
                                        f"'{end[-20:]}' / '{start[:20]}'"))
    return findings


def split_ranges(page: Page) -> list[Finding]:
    """Lines that end in the en dash of a number range whose second number opens the
    next line: a range is read as one figure ("1988–1994", "17–18 million")."""
    findings = []
    for block in blocks_of(page):
        for line, following in zip(block, block[1:]):
            chars = list(line.chars)
            while chars and chars[-1].text.isspace():
                chars.pop()
            if len(chars) >= 2 and chars[-1].text == "\u2013" and chars[-2].text.isdigit() \
                    and following.start.text.isdigit():
                x, y = page.position(chars[-1])
                findings.append(Finding(
                    "split-range", page.number, x, y,
                    f"'{_text(line.chars).split()[-1]}' / "
                    f"'{_text(following.chars).split()[0]}'"))
    return findings


_HEAD_LINE_GAP = 3.0  # pt: baselines closer than this are one line (a raised call)


def head_lines(page: Page, margins_mm: Sequence[float] = BRIEF_MARGINS_MM) -> list[Finding]:
    """A running head (the text above the top margin) or foot (below the bottom one)
    that takes more than one line."""
    findings = []
    top = page.height - margins_mm[0] * PT_PER_MM
    bottom = margins_mm[2] * PT_PER_MM
    for where, inside in (("head", lambda c: c.y > top), ("foot", lambda c: c.y < bottom)):
        chars = sorted((c for c in page.chars if c.inked and inside(c)), key=lambda c: -c.y)
        lines: list[list[Char]] = []
        for char in chars:
            if lines and lines[-1][0].y - char.y <= _HEAD_LINE_GAP:
                lines[-1].append(char)
            else:
                lines.append([char])
        if len(lines) > 1:
            x, y = page.position(lines[0][0])
            text = " / ".join(_spaced(sorted(line, key=lambda c: c.left)) for line in lines)
            findings.append(Finding("head-lines", page.number, x, y,
                                    f"the running {where} takes {len(lines)} lines: {text}"))
    return findings


def _spaced(chars: list[Char]) -> str:
    """Inked characters left to right, a space where a gap is wider than a thin space."""
    return "".join((" " if previous and char.left - previous.right > 1.5 else "") + char.text
                   for previous, char in zip([None] + chars, chars))


def break_hyphens(pdf: Path | str) -> list[Finding]:
    """Hyphens that a line break put into the text (U+2010, or a soft hyphen shown):
    copied or searched, the word reads with a hyphen inside it. Not part of ``check``:
    it tests the policy of no automatic hyphenation, not a rule of every layout."""
    findings = []
    for page in read_pages(pdf):
        for line in lines_of(page):
            if line.end.text in "\u2010\u00ad":
                x, y = page.position(line.end)
                word = _text(line.chars).split()[-1]
                findings.append(Finding("break-hyphen", page.number, x, y,
                                        f"'{word}' copies with its break hyphen"))
    return findings


# -- everything -----------------------------------------------------------------------
def check(pdf: Path | str, names: Iterable[str] = (), chapter_starts: Iterable[str] = (),
          margins_mm: Sequence[float] = BRIEF_MARGINS_MM) -> list[Finding]:
    names = list(names)
    pages = read_pages(pdf)
    findings = []
    for page in pages:
        findings += overlaps(page)
        findings += outside(page, margins_mm)
        findings += hyphenation(page, names, margins_mm)
        findings += repeated_calls(page)
        findings += split_ranges(page)
        findings += split_dates(page)
        findings += head_lines(page, margins_mm)
    findings += empty_pages(pages, chapter_starts, margins_mm)
    return sorted(findings, key=lambda f: (f.page, f.y_mm, f.x_mm, f.rule))


def report(findings: Iterable[Finding]) -> str:
    return "\n".join(str(f) for f in findings)
