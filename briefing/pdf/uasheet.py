"""WeasyPrint's default stylesheet without six rules that apply to every element.

WeasyPrint 70's user-agent stylesheet (``css/html5_ua.css``) styles six
pseudo-elements of every element: ``::marker`` (tabular figures, no text-transform),
and the calls and markers of footnotes and notes (``::footnote-call``,
``::footnote-marker``, ``::note-call``, ``::note-marker``, ``::note-callback``). The
engine computes a style for each of them for each element: 3,900 styles for the 650
elements of the English flagship, 2.7% of the calls of its layout and writing. A brief's
markers are its list items' and it has no footnotes or notes, so ``for_document`` gives
a stylesheet in which ``::marker`` is scoped to ``li`` and the five others are left
out. A document that makes another element a list item, or floats something
to a footnote or a note, gets the stock stylesheet. The PDFs are the same either way
(tested, byte for byte, on every brief of the suite).

The scoped sheet is WeasyPrint's own parsed sheet with another selector index: the six
rules' entries taken out of the index of rules for every element, ``::marker``'s put
back under ``li`` with the specificity of ``li::marker``. Parsing a changed copy of the
sheet's text instead cost 55 to 85 ms a process, as long as WeasyPrint's own parse
at import.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache

# The pseudo-elements whose rules apply to every element in the stock sheet; the
# first is kept for list items.
KEPT_FOR_LI = "marker"
SCOPED = (KEPT_FOR_LI, "footnote-call", "footnote-marker", "note-call", "note-marker",
          "note-callback")
# What a document writes to need the stock rules.
_NEEDS_STOCK = re.compile(r"list-item|float:\s*(?:footnote|note)\b|<summary\b", re.I)


@lru_cache(maxsize=None)
def _scoped_sheet():
    """The scoped stylesheet, made once per process; None if the stock sheet is not
    the one this module knows (another WeasyPrint): then the stock one is used."""
    from weasyprint.html import UA_STYLESHEET

    stock = UA_STYLESHEET.matcher
    # cssselect2's index entry: (test, specificity, order, pseudo-element, payload)
    everywhere = [entry for entry in stock.other_selectors if entry[3] in SCOPED]
    elsewhere = [stock.lang_attr_selectors, *(
        entries for index in (stock.id_selectors, stock.class_selectors,
                              stock.lower_local_name_selectors, stock.namespace_selectors)
        for entries in index.values())]
    if sorted(entry[3] for entry in everywhere) != sorted(SCOPED) or any(
            entry[3] in SCOPED for entries in elsewhere for entry in entries):
        return None
    test, (ids, classes, types), order, pseudo, payload = next(
        entry for entry in everywhere if entry[3] == KEPT_FOR_LI)
    matcher = copy.copy(stock)
    matcher.other_selectors = [entry for entry in stock.other_selectors
                               if entry[3] not in SCOPED]
    matcher.lower_local_name_selectors = {
        name: list(entries) for name, entries in stock.lower_local_name_selectors.items()}
    matcher.lower_local_name_selectors.setdefault("li", []).append(
        (test, (ids, classes, types + 1), order, pseudo, payload))
    sheet = copy.copy(UA_STYLESHEET)
    sheet.matcher = matcher
    return sheet


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
