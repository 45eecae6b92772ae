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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..diagnostics import Collector
from ..project import Project, shown_path
from ..tomlfile import at_key, read_toml
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
    """The conventions of one of the project's locales: its own file, else the one
    the tool ships for the locale, else CLDR's alone."""
    path = project.conventions_path(locale)
    within = project.root if path.is_relative_to(project.root) else path.parent
    return load_conventions(path, shown_path(path), problems, within=within)


def load_conventions(path: Path, shown: str, problems: Collector,
                     within: Optional[Path] = None) -> Conventions:
    """A locale's conventions, or CLDR's alone when it has no file; every error of
    the file at once, located."""
    if not path.exists():
        return Conventions()
    read = read_toml(path, shown, problems, limit=256 * 1024, what="conventions file",
                     levels="conventions need two", within=within)
    if read is None:
        return Conventions()
    data, text = read
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
                      f" expected one of {', '.join(allowed)}", table=where)
        elif not isinstance(pattern, str):
            ok = _bad(problems, text, shown, precision, f"'{where}.{precision}' must be a "
                      "string", table=where)
        else:
            why = (range_problem(pattern) if where.endswith("range")
                   else date_pattern_problem(pattern, _NEEDED[where.split(".")[-1]][precision]))
            if why:
                ok = _bad(problems, text, shown, precision, f"'{where}.{precision}' {why}",
                          table=where)
    return ok


# What a date pattern must show at each precision (shared_year leaves the year out).
_NEEDED = {"long": {"day": "dMy", "month": "My", "year": "y"},
           "short": {"day": "dMy", "month": "My", "year": "y"},
           "shared_year": {"day": "dM", "month": "M"}}
# The CLDR fields a date pattern may use, with the widths each may have.
_FIELDS = {"d": (1, 2), "M": (1, 2, 3, 4), "L": (1, 2, 3, 4), "y": (1, 2, 4), "E": (1, 2, 3, 4)}
_PATTERN_TOKEN = re.compile(r"'(?:[^']|'')*'|'|([A-Za-z])\1*|[^A-Za-z']+")


def date_pattern_problem(pattern: str, needed: str) -> Optional[str]:
    """Why a CLDR date pattern from a conventions file cannot be used, if it cannot: it
    may hold the fields of a date (d, M or L, y, E) and literal text, quoted when it
    has letters, with no digit (a date prints only its own numbers)."""
    fields = set()
    for token in _PATTERN_TOKEN.finditer(pattern):
        found = token.group(0)
        if found == "'":
            return "has a quote that is not closed; write '' for a quote sign"
        if token.group(1):
            letter, width = token.group(1), len(found)
            if letter not in _FIELDS:
                return (f"uses the field '{found}', which is no part of a date; a date "
                        "pattern has d (day), M or L (month), y (year), E (weekday) and "
                        "words in quotes")
            if width not in _FIELDS[letter]:
                return f"writes the field '{letter}' {width} times, which CLDR does not define"
            fields.add("M" if letter == "L" else letter)
        elif re.search(r"[\d{}]", found):
            return "holds a digit or a brace outside its fields; a date prints only its own numbers"
    missing = [f for f in needed if f not in fields]
    if missing:
        names = {"d": "the day (d)", "M": "the month (M)", "y": "the year (y)"}
        return "does not show " + " and ".join(names[f] for f in missing)
    return None


def range_problem(pattern: str) -> Optional[str]:
    """Why a [dates.range] pattern cannot be used, if it cannot: {first} and {second}
    once each, nothing else between braces, no digit."""
    import string

    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:
        return "has a brace that is no {first} or {second}; write a literal brace as {{ or }}"
    seen = []
    for literal, name, spec, conversion in parts:
        if re.search(r"\d", literal):
            return "holds a digit; a range prints only the numbers of its two dates"
        if name is None:
            continue
        if name not in ("first", "second") or spec or conversion:
            return f"holds '{{{name}{'!' + conversion if conversion else ''}" \
                   f"{':' + spec if spec else ''}}}'; a range holds {{first}} and {{second}} only"
        seen.append(name)
    if sorted(seen) != ["first", "second"]:
        return "must hold {first} and {second}, once each"
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
         quoted: bool = False, table: Optional[str] = None) -> bool:
    """Report at the line that sets key (in ``table``, when given), or with ``quoted``,
    where the quoted value stands."""
    problems.error(at_key(text, shown, key, quoted, table), message)
    return False
