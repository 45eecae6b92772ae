"""TOML input files (briefing.toml, conventions.toml, frame.toml), read with located errors.

tomllib gives positions for syntax errors only; a value's problem is reported at the
line that sets its key, found in the text (``at_key``). Nesting is bounded before
parsing, since tomllib recurses into nested arrays and tables.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Optional

from .diagnostics import Collector, Location
from .files import read_input

MAX_DEPTH = 20
_TOKENS = re.compile(r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[{]|[\]}]')


def read_toml(path: Path, shown: str, problems: Collector, *, limit: int, what: str,
              levels: str, within: Optional[Path] = None) -> Optional[tuple[dict, str]]:
    """The parsed file and its text, or None after reporting why not; ``levels``
    says how deep the file needs to nest, for the message when it nests too deep."""
    text = read_input(path, shown, problems, limit=limit, what=what,
                      expected="TOML text", within=within)
    if text is None:
        return None
    deep = too_deep(text)
    if deep is not None:
        problems.error(Location(shown, *deep), f"TOML nested more than {MAX_DEPTH} levels "
                                               f"deep; {levels}")
        return None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        problems.error(Location(shown, line, col), f"invalid TOML: "
                                                   f"{str(exc).split(' (at ')[0]}")
        return None


def too_deep(text: str) -> Optional[tuple[int, int]]:
    """Line and column where arrays and inline tables (outside strings and comments)
    nest deeper than MAX_DEPTH, if they do."""
    depth, closing = 0, None
    for token in _TOKENS.finditer(text):
        found = token.group()
        if closing is not None:  # inside a multi-line string
            closing = None if found == closing else closing
        elif found in ('"""', "'''"):
            closing = found
        elif found in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                before = text[:token.start()]
                return before.count("\n") + 1, token.start() - before.rfind("\n")
        elif found in "]}":
            depth -= 1
    return None


def at_key(text: str, shown: str, key: str, quoted: bool = False,
           table: Optional[str] = None) -> Location:
    """Where ``key`` is set (its first line; with ``table``, the first after that
    table's header), or with ``quoted``, where a regex of a quoted value stands; the
    file's start when neither is found."""
    start = 0
    if table:
        header = re.search(rf"^\s*\[\s*{re.escape(table)}\s*\]", text, re.MULTILINE)
        start = header.end() if header else 0
    pattern = re.compile(f"[\"']{key}[\"']" if quoted else
                         rf"^\s*\[?\s*(?:[\w.]+\.)?{re.escape(key)}\b", re.MULTILINE)
    found = pattern.search(text, start) or pattern.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    return Location(shown, line, 1)
