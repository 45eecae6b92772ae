"""Typesetting marks in the HTML: the names a brief knows, kept whole on the page.

The print stylesheet never hyphenates a ``<span class="name">`` and never breaks a
``<span class="nobreak">``; this module puts those spans around the names in a text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from markupsafe import Markup, escape


def protect_names(text: str, names: Iterable[str]) -> Markup:
    """``text`` escaped for HTML, with every whole-word occurrence of one of ``names``
    wrapped in ``<span class="name">``; a hyphenated word inside a name is also wrapped
    in ``<span class="nobreak">``, so that "Nagorno-Karabakh" never breaks at its
    hyphen. The longest name wins where names overlap ("Nagorno-Karabakh" over
    "Karabakh"); text and names are compared in NFC, and the text is returned in NFC.
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
        out.append(Markup('<span class="name">{}</span>').format(_unbroken(match.group(0))))
        position = match.end()
    out.append(escape(text[position:]))
    return Markup("").join(out)


def _unbroken(name: str) -> Markup:
    """A name with each of its hyphenated words kept on one line."""
    return Markup("").join(
        Markup('<span class="nobreak">{}</span>').format(part) if "-" in part
        else escape(part)
        for part in re.split(r"(\s+)", name) if part)
