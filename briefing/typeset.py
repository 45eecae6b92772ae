"""Typesetting decisions made in the text: names kept whole, note calls thinned.

The print stylesheet never breaks a ``<span class="nobreak">`` and never hyphenates a
``<span class="name">``; ``protect_names`` puts those spans where the names a brief
knows need them.
``note_call`` writes a call of the endnotes; ``typeset_words`` marks the words that
may break anywhere and keeps number ranges on one line.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Sequence

from markupsafe import Markup, escape


def protect_names(text: str, names: Iterable[str]) -> Markup:
    """``text`` escaped for HTML, with each hyphenated word of a whole-word occurrence
    of one of ``names`` wrapped in ``<span class="nobreak">``, so that
    "Nagorno-Karabakh" never breaks at its hyphen. The stylesheet hyphenates only at
    soft hyphens (hyphens: manual), so an occurrence that has one is wrapped in
    ``<span class="name">`` (hyphens: none) as well; any other span would only cost
    the engine boxes (a tenth of the flagship's work). The longest name wins where
    names overlap ("Nagorno-Karabakh" over "Karabakh"); text and names are compared in
    NFC, and the text is returned in NFC.
    """
    if isinstance(text, Markup):
        raise TypeError("protect_names takes plain text, not HTML")
    text = unicodedata.normalize("NFC", text)
    wanted = sorted({unicodedata.normalize("NFC", n).strip() for n in names} - {""},
                    key=lambda n: (-len(n), n))
    if not wanted:
        return escape(text)
    pattern = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(map(re.escape, wanted)))
    out = []
    position = 0
    for match in pattern.finditer(text):
        out.append(escape(text[position:match.start()]))
        name = _unbroken(match.group(0))
        out.append(Markup('<span class="name">{}</span>').format(name)
                   if SOFT_HYPHEN in match.group(0) else name)
        position = match.end()
    out.append(escape(text[position:]))
    return Markup("").join(out)


SOFT_HYPHEN = "\u00ad"

# A hyphenated word longer than this is not kept on one line: it could be wider than
# a table cell or a card, and is broken where it must be, as any long word is.
WHOLE_MAX = 30


def _unbroken(name: str) -> Markup:
    """A name with each of its hyphenated words (up to WHOLE_MAX characters) kept on
    one line."""
    return Markup("").join(
        Markup('<span class="nobreak">{}</span>').format(part)
        if "-" in part and len(part) <= WHOLE_MAX else escape(part)
        for part in re.split(r"(\s+)", name) if part)


def note_call(numbers: Sequence[int]) -> Markup:
    """The call of the endnotes ``numbers``, raised and in brackets (after a figure it
    never reads as an exponent): one link for one note, brackets included, or a link
    a note. Each element of a call splits its line into more boxes for the engine."""
    if len(numbers) < 2:
        return Markup('<a class="cite" href="#source-{0}">[{0}]</a>').format(
            numbers[0]) if numbers else Markup("")
    links = Markup(",").join(Markup('<a href="#source-{0}">{0}</a>').format(n)
                             for n in numbers)
    return Markup('<sup class="cite">[{}]</sup>').format(links)


# -- Words longer than their box --------------------------------------------------
# The stylesheet lets a line break inside a word only where the word fits on no line
# (overflow-wrap: break-word). That is enough wherever the width of a box is given
# (the column of body text, a fixed-width float): a word wider than its line is still
# broken there. It is not enough in a box sized to its content (a column of an
# automatic table, a float without a width), which cannot shrink
# below its longest word; `overflow-wrap: anywhere`, which lets it, makes the engine
# measure every text of such a box a character at a time (2.7 times the line layouts
# of the flagship). So a word that could be wider than such a box, LONG_WORD
# characters or more (about 20 mm of body text, a fifth of a table's width at its
# 8 pt), is marked <span class="long-word"> (`anywhere`) inside those boxes only; in
# running text a span would only cost the engine a box (5% of the flagship's calls).
LONG_WORD = 13

# Elements whose first letter is styled (::first-letter): the engine finds that letter
# only in the element's own text, so a long word that opens one is left unmarked.
_FIRST_LETTER = re.compile(r'<[a-z]+ class="status">$')
# A name's hyphenated word never wraps (.nobreak, up to WHOLE_MAX characters): breaking
# it anywhere is not wanted, and marking it would only cost the engine a box.
_UNBROKEN = '<span class="nobreak">'
_TAG = re.compile(r"(<[^>]*>)")
_START = re.compile(r"<([a-zA-Z][\w-]*)")
_END = re.compile(r"</([a-zA-Z][\w-]*)")
_CLASS = re.compile(r'\bclass="([^"]*)"')
# The boxes of templates/print.css that are sized to their content: table cells (an
# automatic table) and the floats that have no width (tests/test_typeset.py reads the
# stylesheet's floats, and finds no flex or inline-block box, to keep this complete).
SIZED_TAGS = frozenset({"td", "th"})
SIZED_CLASSES = frozenset({"report-number", "handling"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "source", "track", "wbr"})
_RAW = {"<style": "</style>", "<script": "</script>", "<svg": "</svg>", "<title": "</title>"}
# A break opportunity ends a word: a space, a tab, a line end, a zero-width space. A
# no-break space joins words, so "19 tháng 9" is one word to the engine. An entity
# (&amp;) is one character of the word.
_WORD = re.compile(r"(?:&#?\w+;|[^ \t\r\n\u200b&]|&)+")
_ENTITY = re.compile(r"&#?\w+;")


# A number range ("1988–1994", "17–18 million") reads as one figure, but a line may
# break after its en dash (UAX #14); a word joiner after the dash, which prints nothing
# and is not copied out of the PDF, keeps the range on one line. A spaced range
# ("12 July 2020 – 25 September 2020") still breaks at its spaces.
_RANGE_DASH = re.compile(r"(?<=\d)\u2013(?=\d)")
WORD_JOINER = "\u2060"


def join_ranges(text: str) -> str:
    """``text`` with a word joiner after the en dash of every unspaced number range."""
    return _RANGE_DASH.sub("\u2013" + WORD_JOINER, text)


def typeset_words(html: str, dates: re.Pattern | None = None) -> str:
    """The HTML document with every word of LONG_WORD characters or more in the text of
    a box sized to its content (SIZED_TAGS, SIZED_CLASSES) wrapped in ``<span
    class="long-word">``, every number range joined (``join_ranges``) and every date
    ``dates`` finds (a typed "September 2022") bound by no-break spaces; tags,
    attributes and the content of raw-text elements (style, script, svg, title) are
    left as they are."""
    start = html.find("<body")
    if start < 0:
        return html
    out, closing, previous = [], None, ""
    open_elements: list[tuple[str, bool]] = []  # (name, inside a sized box)
    for token in _TAG.split(html[start:]):
        if token.startswith("<"):
            if closing is None:
                closing = next((end for start, end in _RAW.items()
                                if token.lower().startswith(start)), None)
                if closing is None:
                    _track(token, open_elements)
            elif token.lower().startswith(closing):
                closing = None
            out.append(token)
            previous = token
            continue
        if closing is None and "\u2013" in token:
            token = join_ranges(token)
        if closing is None and dates is not None and token:
            token = dates.sub(lambda match: match.group(0).replace(" ", "\u00a0"), token)
        sized = bool(open_elements) and open_elements[-1][1]
        if closing is None and sized and token and previous != _UNBROKEN:
            token = _mark(token, keep_first=bool(_FIRST_LETTER.search(previous)))
        out.append(token)
        if token:
            previous = ""
    return html[:start] + "".join(out)


def _track(tag: str, open_elements: list) -> None:
    """Keep the stack of open elements, each with whether it is in a sized box."""
    if end := _END.match(tag):
        name = end.group(1).lower()
        if any(open_name == name for open_name, _ in open_elements):
            while open_elements.pop()[0] != name:
                pass
        return
    found = _START.match(tag)
    if not found or tag.endswith("/>") or found.group(1).lower() in _VOID:
        return
    name = found.group(1).lower()
    classes = _CLASS.search(tag)
    sized = (bool(open_elements) and open_elements[-1][1]) or name in SIZED_TAGS or (
        classes is not None and not SIZED_CLASSES.isdisjoint(classes.group(1).split()))
    open_elements.append((name, sized))


def _mark(text: str, keep_first: bool) -> str:
    def wrap(match: re.Match) -> str:
        word = match.group(0)
        if len(_ENTITY.sub("&", word)) < LONG_WORD or (keep_first and match.start() == 0):
            return word
        return f'<span class="long-word">{word}</span>'
    return _WORD.sub(wrap, text)
