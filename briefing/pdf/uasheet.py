"""WeasyPrint's default stylesheet without six rules that apply to every element.

WeasyPrint 70's user-agent stylesheet (``css/html5_ua.css``) styles six
pseudo-elements of every element: ``::marker`` (tabular figures, no text-transform),
and the calls and markers of footnotes and notes (``::footnote-call``,
``::footnote-marker``, ``::note-call``, ``::note-marker``, ``::note-callback``). The
engine computes a style for each of them for each element: 3,900 styles for the 650
elements of the English flagship, 2.7% of the calls of its layout and writing. A brief's
markers are its list items' and it has no footnotes or notes, so ``for_document`` gives
a stylesheet in which ``::marker`` is scoped to ``li`` and the five others to a class no
element has. A document that makes another element a list item, or floats something
to a footnote or a note, gets the stock stylesheet. The PDFs are the same either way
(tested, byte for byte, on every brief of the suite).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# (rule as the stock sheet writes it, the same rule scoped)
SCOPED = (("::marker {", "li::marker {"),) + tuple(
    (f"::{name} {{", f".briefing-never::{name} {{")
    for name in ("footnote-call", "footnote-marker", "note-call", "note-marker",
                 "note-callback"))
# What a document writes to need the stock rules.
_NEEDS_STOCK = re.compile(r"list-item|float:\s*(?:footnote|note)\b|<summary\b", re.I)


@lru_cache(maxsize=None)
def _scoped_sheet():
    """The scoped stylesheet, parsed once per process; None if the stock sheet is not
    the one this module knows (another WeasyPrint): then the stock one is used."""
    import weasyprint
    from weasyprint import CSS

    text = (Path(weasyprint.__file__).parent / "css" / "html5_ua.css").read_text("utf-8")
    for stock, scoped in SCOPED:
        if text.count(stock) != 1:
            return None
        text = text.replace(stock, scoped)
    return CSS(string=text)


@lru_cache(maxsize=None)
def _scoped_html():
    """WeasyPrint's HTML class with the scoped stylesheet, or None (see above)."""
    from weasyprint import HTML

    sheet = _scoped_sheet()
    if sheet is None:
        return None

    class ScopedHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [sheet, *super()._ua_stylesheets(forms)[1:]]

    return ScopedHTML


def _stock():
    from weasyprint import HTML

    return HTML


def for_document(html: str):
    """The HTML class to lay ``html`` out with: one whose default stylesheet has the
    six rules scoped, or WeasyPrint's own."""
    scoped = None if _NEEDS_STOCK.search(html) else _scoped_html()
    return scoped or _stock()
