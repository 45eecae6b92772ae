"""Gettext catalogs: reading the translators' .po files and checking them.

GNU msgfmt judges the syntax (it accepts everything gettext tools write, obsolete
entries and ``#~|`` previous msgids included, and rejects what they would reject);
Babel's ``read_po`` then reads the entries. The build reads the .po files
themselves rather than compiled .mo files: it needs their line numbers to point
translators at a problem, and it must not repeat the traps of compiling (a fuzzy
header skips the whole catalog; an empty plural becomes the English singular). A catalog becomes a plain lookup table of the entries that
are translated, not fuzzy and well formed; everything else is a located diagnostic.
"""

from __future__ import annotations

import dataclasses
import gettext
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from babel.messages.catalog import Message
from babel.messages.pofile import PoFileError, read_po

from ..diagnostics import Collector, Location
from ..facts import prose
from ..files import read_input
from ..project import Project, shown_path
from ..textlimits import text_problems
from .figures import Allowed, added_figures, position

DOMAINS = ("messages", "facts")
MAX_BYTES = 8 * 1024 * 1024
_STRAY_PERCENT = re.compile(r"%")
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
# Anything Python's %-formatting reads as one conversion, however unusual.
_ANY_PERCENT = re.compile(r"%(?:\((\w*)\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?[a-zA-Z%]")


@dataclass(frozen=True)
class Entry:
    """One usable translation, and where it stands in its .po file."""

    strings: tuple[str, ...]  # one string, or one per plural form
    location: Location


@dataclass
class Catalog:
    """The usable translations of one domain of one locale."""

    domain: str
    path: Optional[str] = None
    readable: bool = False  # the file exists and is a catalog (else: reported once)
    entries: dict[tuple[Optional[str], str], Entry] = field(default_factory=dict)
    # msgids present in the .po but not usable: (context, msgid) -> (location, why)
    unusable: dict[tuple[Optional[str], str], tuple[Location, str]] = field(
        default_factory=dict)
    plural: Callable[[int], int] = field(default=lambda n: int(n != 1))  # English rule
    stats: Counter = field(default_factory=Counter)
    # Usable translations of obsolete entries ('#~'), kept by msgmerge when a text left
    # the facts: what the previous edition's texts read like ("what changed" box).
    retired: dict[tuple[Optional[str], str], Entry] = field(default_factory=dict)

    def lookup(self, msgid: str, context: Optional[str] = None) -> Optional[Entry]:
        return self.entries.get((context, msgid))


def merged(shipped: Catalog, own: Catalog) -> Catalog:
    """The shipped template catalog with a project's own ``messages.po`` over it: an
    entry the project translates wins; one it leaves fuzzy or empty keeps the
    shipped translation. A project file that cannot be read is the answer, unreadable."""
    if not own.readable:  # a file that is there and broken: its errors stop the build
        return own
    entries = {**shipped.entries, **own.entries}
    unusable = {key: value for key, value in {**shipped.unusable, **own.unusable}.items()
                if key not in entries}
    stats = Counter({"translated": len(entries), "obsolete": own.stats["obsolete"]})
    stats.update(why for _, why in unusable.values())
    return dataclasses.replace(own, entries=entries, unusable=unusable, stats=stats,
                               retired={**shipped.retired, **own.retired})


def percent_translated(stats: Counter) -> float:
    """Usable translations as a share of all entries (fuzzy, empty, broken count
    against it; obsolete ones are not entries)."""
    total = sum(stats[k] for k in ("translated", "fuzzy", "untranslated", "broken"))
    return 100.0 * stats["translated"] / total if total else 100.0


def load_catalog(path: Path, shown: str, domain: str, problems: Collector,
                 strict: bool = False, allowed: tuple[Allowed, ...] = (),
                 within: Optional[Path] = None) -> Catalog:
    """Read one .po file. Broken placeholders and figures its English lacks (but the
    numbers ``allowed`` by the locale's conventions) are errors; a missing catalog is
    a warning, or an error when ``strict``. Which entries an edition lacks is the
    business of ``completeness``, which names each once."""
    catalog = Catalog(domain, shown)
    if not path.exists() or _empty(path):  # an empty file, as 'touch' leaves it, too
        report = problems.error if strict else problems.warning
        report(Location(shown, 1, 1), f"catalog missing: no {domain} translations for "
                                      f"this locale; run 'make update-locales'")
        return catalog
    text = read_input(path, shown, problems, limit=MAX_BYTES, what="catalog",
                      expected="a .po file", within=within)
    if text is None:
        return catalog
    text = text.replace("\r\n", "\n")  # saved by a Windows editor: read as it means
    syntax = msgfmt_problems(path, shown)
    lines = text.splitlines()
    for line, col, message in syntax or ():
        if message == "syntax error" and 0 < line <= len(lines):  # say what it met
            message += f" at '{short(lines[line - 1].strip(), 40)}'"
        problems.error(Location(shown, line, col), f"invalid .po syntax: {message}")
    if syntax:
        return catalog
    try:
        po = read_po(_for_babel(text), abort_invalid=True)
    except PoFileError as exc:
        problems.error(Location(shown, exc.lineno, 1), f"invalid .po syntax: "
                                                       f"{str(exc).rsplit(' on ', 1)[0]}")
        return catalog
    except Exception as exc:  # babel raises assorted errors on truncated files
        problems.error(Location(shown, 1, 1), f"invalid .po file: {exc}")
        return catalog
    header = Location(shown, 1, 1)
    if not _HEADER.match(text):
        problems.error(header, "catalog has no header entry (msgid \"\") giving its "
                               "Language and Plural-Forms; start it with 'make "
                               "update-locales' or 'make init-locale'")
        return catalog
    charset = re.search(r'^"Content-Type:[^"\n]*charset=([^"\\;\s]+)', text, re.MULTILINE)
    if charset and charset.group(1).lower().replace("-", "") != "utf8":
        problems.error(header, f"catalog header declares charset={charset.group(1)}, but "
                               "catalogs are read as UTF-8; save it as UTF-8 and write "
                               "charset=UTF-8 in its Content-Type")
        return catalog
    catalog.readable = True
    if po.fuzzy:
        problems.error(header, "catalog header is marked fuzzy, so gettext tools ignore "
                               "the whole catalog; remove 'fuzzy' from the header entry")
    if po.plural_expr:
        try:
            catalog.plural = gettext.c2py(po.plural_expr)
            wrong = next((n for n in range(1000)
                          if not 0 <= catalog.plural(n) < po.num_plurals), None)
        except (ValueError, ArithmeticError):
            wrong = "any"
        if wrong is not None:
            problems.error(header, f"Plural-Forms expression '{short(po.plural_expr)}' is "
                                   "invalid"
                           + (f": for n={wrong} it gives no form of the {po.num_plurals}"
                              if wrong != "any" else ""))
            catalog.plural = lambda n: 0
    for message in po:
        if not message.id:
            continue
        _add(catalog, message, shown, problems, (lines, allowed))
    catalog.stats["obsolete"] = len(po.obsolete)
    retired = Catalog(domain, shown)
    for message in po.obsolete.values():
        # unchecked entries are not used
        _add(retired, message, shown, Collector(), (lines, allowed))
    catalog.retired = retired.entries
    return catalog


def _empty(path: Path) -> bool:
    try:
        return path.is_file() and path.stat().st_size < 4096 and not path.read_bytes().strip()
    except OSError:
        return False


def _add(catalog: Catalog, message: Message, shown: str, problems: Collector,
         figures: tuple[list[str], tuple[Allowed, ...]]) -> None:
    where = Location(shown, message.lineno or 1, 1)
    key = (message.context, message.id if isinstance(message.id, str) else message.id[0])
    msgids = (message.id,) if isinstance(message.id, str) else message.id
    strings = (message.string,) if isinstance(message.string, str) else message.string
    shown_id = short(key[1])
    if message.fuzzy or not all(strings):
        why = "fuzzy" if message.fuzzy else "untranslated"
        catalog.stats[why] += 1
        catalog.unusable[key] = (where, why)  # reported by what needs it, once
        return
    broken = False
    for index, string in enumerate(strings):
        source = msgids[min(index, len(msgids) - 1)]
        for problem in placeholder_problems(source, string, msgids):
            problems.error(where, f"translation of '{shown_id}' {problem}")
            broken = True
        for _, _, problem in text_problems(string):
            problems.error(where, f"translation of '{shown_id}': {problem}")
            broken = True
        if not broken:
            broken = _figure_rule(source, string, message, index, shown, problems, figures)
    if broken:
        catalog.stats["broken"] += 1
        catalog.unusable[key] = (where, "broken")
        return
    catalog.stats["translated"] += 1
    catalog.entries[key] = Entry(tuple(strings), where)


def _figure_rule(msgid: str, msgstr: str, message: Message, index: int, shown: str,
                 problems: Collector, figures: tuple[list[str], tuple[Allowed, ...]]) -> bool:
    """Report each number msgstr writes that its English does not, where it stands."""
    lines, allowed = figures
    keyword = f"msgstr[{index}]" if message.pluralizable else "msgstr"
    found = False
    for offset, number in added_figures(msgid, msgstr, allowed):
        line, col = position(lines, message.lineno or 1, keyword, offset) or (
            message.lineno or 1, 1)
        problems.error(Location(shown, line, col), f"translation of '{short(msgid)}' adds "
                       f"the figure '{number}', which the English does not have; a figure "
                       "prints through its claim's placeholder (numbers that are no figure: "
                       "[figures] allowed, in the locale's conventions.toml)")
        found = True
    return found


def _for_babel(text: str) -> list[str]:
    """The lines of a .po file as Babel's parser can take them: it does not know the
    previous msgids of obsolete entries ('#~|'), valid gettext that msgmerge writes,
    so they become empty comments (line numbers stay as they are)."""
    return ["#\n" if line.startswith("#~|") else line
            for line in text.splitlines(keepends=True)]


def msgfmt_problems(path: Path, shown: str) -> Optional[list[tuple[int, int, str]]]:
    """(line, column, message) for each error GNU msgfmt finds in a .po file: gettext's
    own parser is the authority on syntax. None when msgfmt is not installed."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return None
    done = subprocess.run([msgfmt, "-o", os.devnull, "--", str(path)], capture_output=True,
                          text=True, errors="replace", env={**os.environ, "LC_ALL": "C"})
    if done.returncode == 0:
        return []
    found = []
    prefix = str(path) + ":"
    for line in done.stderr.splitlines():
        if not line.startswith(prefix):
            continue
        match = _MSGFMT_LINE.match(line[len(prefix):])
        if not match or match.group(3).startswith("warning:"):
            continue
        if match.group(3).startswith("...") and found:  # a note on the error above
            number, col, message = found[-1]
            found[-1] = (number, col, f"{message.rstrip('.')} (first at line "
                                      f"{match.group(1)})")
            continue
        found.append((int(match.group(1)), int(match.group(2) or 1), match.group(3)))
    return found or [(1, 1, done.stderr.strip().splitlines()[-1] if done.stderr.strip()
                      else "msgfmt rejects this file")]


_HEADER = re.compile(r'(?:[ \t]*(?:#[^\n]*)?\n)*msgid ""[ \t]*\nmsgstr ')
_MSGFMT_LINE = re.compile(r"^(\d+):(?:(\d+):)? (.*)$")


def placeholder_problems(msgid: str, msgstr: str, msgids: tuple = ()) -> list[str]:
    """What a translation does wrong with the placeholders of its English."""
    problems = []
    try:
        want = prose.placeholders(msgid)
    except prose.ProseError:
        want = Counter()
    try:
        have = prose.placeholders(msgstr)
    except prose.ProseError as exc:
        return [f"has a malformed placeholder: {exc}"]
    for name in sorted(want - have):
        problems.append(f"drops the placeholder {name}")
    for name in sorted(have - want):
        problems.append(f"adds the placeholder {name}, which the English does not have")
    # %(name)s placeholders: a plural translation may use any of the forms' names.
    want_pct = set().union(*(_percent_names(m) for m in (msgids or (msgid,))))
    have_pct = _percent_names(msgstr)
    for name in sorted(want_pct - have_pct):
        if len(msgids) < 2:  # a plural form may leave out the count
            problems.append(f"drops the placeholder %({name})s")
    for name in sorted(have_pct - want_pct):
        problems.append(f"adds the placeholder %({name})s, which the English does not have")
    # Each placeholder exactly as the English writes it: a width, precision, flag or
    # other conversion ("%(figure).2s", "%(figure)r", "%(n)999999999s") would change
    # the figure printed, or never end.
    written = {m.group(0) for m in (msgids or (msgid,)) for m in _ANY_PERCENT.finditer(m)}
    for match in _ANY_PERCENT.finditer(msgstr):
        spec = match.group(0)
        if spec != "%%" and spec not in written and (match.group(1) or "") in want_pct:
            problems.append(f"writes the placeholder {spec} where the English writes "
                            f"%({match.group(1)})s; keep each placeholder exactly as the "
                            "English writes it")
    if want_pct and _STRAY_PERCENT.search(_PERCENT.sub("", msgstr)):
        problems.append("has a '%' that is no placeholder; write '%%' for a percent sign")
    return problems


def _percent_names(text: str) -> set[str]:
    return {m.group(1) or "" for m in _PERCENT.finditer(text) if not m.group(0).endswith("%")}


def short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def project_catalog(project: Project, locale: str, domain: str, brief: str,
                    problems: Collector, strict: bool = False, allowed: tuple = ()) -> Catalog:
    """One domain of a locale as an edition reads it: the brief's facts catalog, or the
    template catalog the tool ships with the project's own ``messages.po`` over it
    (either may be missing, not both)."""
    path = project.po_path(locale, domain, brief)
    shipped = project.shipped_po_path(locale) if domain == "messages" else None
    if shipped is None:
        return load_catalog(path, shown_path(path), domain, problems, strict, allowed,
                            project.root)
    base = load_catalog(shipped, shown_path(shipped), domain, problems, strict, allowed,
                        shipped.parent)
    if not path.exists() or _empty(path):  # what it lacks goes in the project's file
        return dataclasses.replace(base, path=shown_path(path))
    return merged(base, load_catalog(path, shown_path(path), domain, problems, strict,
                                     allowed, project.root))
