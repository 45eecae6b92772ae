"""The HTML parser's character-run expressions compiled once, not once per run.

WeasyPrint parses HTML with tinyhtml5, whose tokenizer reads a run of characters (an
attribute name, a quoted value, text up to the next ``<`` or ``&``) with
``HTMLUnicodeInputStream.chars_until``. That method keeps a cache of the regular
expression for each set of characters, but tinyhtml5 2.1 files each expression under
a key made of the expression itself (``characters = cache[key] = regex`` assigns
``characters`` first), so the cache never answers: every run builds the pattern's
source again and looks it up in ``re``'s own cache. It was about 0.4 s of a 167-page
brief's parsing (cProfile), over 40,000 runs, two thirds of them attribute names and
values, of which our HTML has many.

While ``compiled_runs`` is active the module's cache is a dictionary that compiles a
missing expression exactly as ``chars_until`` does and keeps it under the key
``chars_until`` asks for, so the lookup answers from the second run on. The parse,
and so the document, is the same (tested).
"""

from __future__ import annotations

import re
from contextlib import contextmanager

from .engine import replaced


class _Runs(dict):
    """``(characters, opposite)`` → the expression ``chars_until`` would compile."""

    def __missing__(self, key):
        characters, opposite = key
        pattern = "".join(f"\\x{ord(character):02x}" for character in characters)
        if not opposite:
            pattern = f"^{pattern}"
        found = self[key] = re.compile(f"[{pattern}]+")
        return found


@contextmanager
def compiled_runs():
    """While active, tinyhtml5 finds its character-run expressions in a working cache."""
    from tinyhtml5 import inputstream

    with replaced(inputstream, "characters_until_regex", _Runs()):
        yield
