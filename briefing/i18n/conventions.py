"""Locale conventions: where a locale's editorial style differs from CLDR, as data.

Babel's CLDR data knows how a locale writes a date or a number, not how its press
and its editors do: Vietnamese prose writes "ngày 19 tháng 9 năm 2023" where CLDR
gives "19 tháng 9, 2023", and its tables "19/9/2023". Each locale may keep a
``locales/<lang>/conventions.toml`` overriding CLDR where its editors differ; a locale
without one is formatted by CLDR alone. Adding a locale needs no code.

Keys (all optional; date patterns are CLDR date patterns, literal words in quotes):

    [dates.long]          in running text, by precision: day, month, year
    [dates.short]         in tables, the timeline and footers: day, month, year
    [dates.shared_year]   the first of two dates of one year, which leaves the year
                          to the second ("tháng 3 và tháng 4 năm 2023"): day, month
    [dates.range]         from one date to another, by precision: "{first}–{second}"
    [text]
    capitalize_cells      capitalize generated text opening a table cell (false)
    language_names        "as-is" or "lowercase" in running text ("tiếng Anh")
    [numbers]
    compact_from          write figures from this value on in words ("1 triệu")
    compact_digits        ... when that takes at most this many significant digits
    [figures]
    allowed               numbers a translation may write that are no figure of a
                          claim, as text with slots {low-high}: ["tháng {1-12}"]
                          (see ``figures``)
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..diagnostics import Collector, Location
from ..files import read_input
from ..project import Project, shown_path
from .figures import Allowed, allowance

PRECISIONS = ("day", "month", "year")
_SCHEMA = {
    "dates": {"long": PRECISIONS, "short": PRECISIONS, "shared_year": ("day", "month"),
              "range": PRECISIONS},
    "text": {"capitalize_cells": bool, "language_names": ("as-is", "lowercase")},
    "numbers": {"compact_from": int, "compact_digits": int},
    "figures": {"allowed": list},
}


@dataclass(frozen=True)
class Conventions:
    long: dict = field(default_factory=dict)         # precision -> CLDR pattern
    short: dict = field(default_factory=dict)
    shared_year: dict = field(default_factory=dict)
    range: dict = field(default_factory=dict)        # precision -> "{first}…{second}"
    capitalize_cells: bool = False
    language_names: str = "as-is"
    compact_from: Optional[int] = None
    compact_digits: int = 2
    allowed: tuple[Allowed, ...] = ()   # numbers a translation writes that are no figure


def locale_conventions(project: Project, locale: str, problems: Collector) -> Conventions:
    """The conventions of one of the project's locales."""
    path = project.locales_dir / locale / "conventions.toml"
    return load_conventions(path, shown_path(path), problems, within=project.root)


def load_conventions(path: Path, shown: str, problems: Collector,
                     within: Optional[Path] = None) -> Conventions:
    """A locale's conventions, or CLDR's alone when it has no file; every error of
    the file at once, located."""
    if not path.exists():
        return Conventions()
    text = read_input(path, shown, problems, limit=256 * 1024, what="conventions file",
                      expected="TOML text", within=within)
    if text is None:
        return Conventions()
    deep = _too_deep(text)
    if deep is not None:  # tomllib recurses into nested arrays and tables
        problems.error(Location(shown, *deep), f"TOML nested more than {MAX_DEPTH} levels "
                                               "deep; conventions need two")
        return Conventions()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        problems.error(Location(shown, line, col), f"invalid TOML: "
                                                   f"{str(exc).split(' (at ')[0]}")
        return Conventions()
    values, ok = {}, True
    for table, value in data.items():
        keys = _SCHEMA.get(table)
        if keys is None or not isinstance(value, dict):
            ok = _bad(problems, text, shown, table, f"unknown table [{table}]; expected "
                      + ", ".join(f"[{t}]" for t in _SCHEMA))
            continue
        for key, item in value.items():
            allowed = keys.get(key)
            where = f"{table}.{key}"
            if allowed is None:
                ok = _bad(problems, text, shown, key, f"unknown key '{where}'; expected one "
                          f"of {', '.join(keys)}")
            elif table == "dates":
                ok = _dates(problems, text, shown, where, item, allowed) and ok
                values[key] = dict(item) if isinstance(item, dict) else {}
            elif allowed is list:
                kinds = _allowed(problems, text, shown, where, item)
                ok = kinds is not None and ok
                values[key] = kinds or ()
            elif allowed is bool or allowed is int:
                if type(item) is not allowed:
                    ok = _bad(problems, text, shown, key, f"'{where}' must be "
                              f"{'true or false' if allowed is bool else 'a whole number'}")
                values[key] = item
            elif item not in allowed:
                ok = _bad(problems, text, shown, key, f"'{where}' must be one of "
                          f"{', '.join(map(repr, allowed))}")
            else:
                values[key] = item
    return Conventions(**values) if ok else Conventions()


def _dates(problems, text, shown, where, item, allowed) -> bool:
    if not isinstance(item, dict):
        return _bad(problems, text, shown, where.split(".")[-1],
                    f"[{where}] must be a table of {', '.join(allowed)}")
    ok = True
    for precision, pattern in item.items():
        if precision not in allowed:
            ok = _bad(problems, text, shown, precision, f"unknown key '{where}.{precision}';"
                      f" expected one of {', '.join(allowed)}")
        elif not isinstance(pattern, str):
            ok = _bad(problems, text, shown, precision, f"'{where}.{precision}' must be a "
                      "string")
        elif where.endswith("range") and not ("{first}" in pattern and "{second}" in pattern):
            ok = _bad(problems, text, shown, precision, f"'{where}.{precision}' must hold "
                      "{first} and {second}")
    return ok


MAX_DEPTH = 20
_TOKENS = re.compile(r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[{]|[\]}]')


def _too_deep(text: str) -> Optional[tuple[int, int]]:
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


def _allowed(problems, text, shown, where, item) -> Optional[tuple[Allowed, ...]]:
    if not isinstance(item, list) or not all(isinstance(p, str) for p in item):
        _bad(problems, text, shown, "allowed", f"'{where}' must be a list of strings")
        return None
    kinds, ok = [], True
    for pattern in item:
        kind = allowance(pattern)
        if isinstance(kind, str):
            ok = _bad(problems, text, shown, re.escape(pattern), f"'{where}' entry "
                      f"'{pattern}' {kind}", quoted=True)
        else:
            kinds.append(kind)
    return tuple(kinds) if ok else None


def _bad(problems: Collector, text: str, shown: str, key: str, message: str,
         quoted: bool = False) -> bool:
    """Report at the line that sets key (TOML parsers give no positions), or with
    ``quoted``, at the line where a regex of a quoted value stands."""
    found = re.search(f"[\"']{key}[\"']" if quoted else
                      rf"^\s*\[?\s*(?:[\w.]+\.)?{re.escape(key)}\b", text, re.MULTILINE)
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    problems.error(Location(shown, line, 1), message)
    return False
