"""The translators' workflow: extract, update-locales and init-locale, in any order.

``briefing extract`` writes each brief's catalog template, ``locales/facts/<brief>.pot``
(only when its strings change, like Sphinx's gettext builder). ``briefing
update-locales`` extracts, then brings every catalog of every locale a brief lists (or
the project has a folder for) up to date: an existing catalog is merged with GNU
msgmerge (which keeps ``#|`` previous msgids, unlike Babel); a missing or empty one is
created from its template, in UTF-8 with a complete header. A locale the tool ships no
template catalog for gets the project's own ``messages.po`` from the shipped template.
``briefing init-locale`` starts a locale and never touches one that exists (``--force``
starts it again, after moving the old catalogs to ``locales/.backup/``).
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract as extract_messages
from babel.messages.pofile import read_po, write_po

from ..diagnostics import Collector, Location, shown_path
from ..files import write_atomically
from ..project import SHIPPED_LOCALES, SOURCE_LOCALE, Project
from .completeness import own_template_messages
from .extract import extract_facts

LOCALE_CODE = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2}|_[A-Z][a-z]{3})?")
_DATE = re.compile(r'^"POT-Creation-Date: .*\\n"$', re.MULTILINE)
WIDTH = 79


def briefs_of(project: Project, paths: list[Path], problems: Collector) -> dict:
    """Each brief by id: (facts file, locales it lists)."""
    from ..editions import editions

    found: dict[str, tuple[Path, tuple[str, ...]]] = {}
    for edition in editions(paths, project, (), problems):
        meta = edition.brief.brief
        found.setdefault(meta.id, (edition.path, meta.locales))
    return found


def template_path(project: Project, brief: str) -> Path:
    return project.locales_dir / "facts" / f"{brief}.pot"


def extract(project: Project, briefs: dict, say) -> None:
    """Write each brief's catalog template, and the template of the strings in the
    project's own templates (``locales/messages.pot``), when their strings changed."""
    own = own_template_messages(project)
    if own and not _is_the_tools(project.locales_dir / "messages.pot"):
        catalog = Catalog(project=project.root.name, charset="utf-8", fuzzy=True)
        for filename, line, message, context in own:
            catalog.add(message, None, [(Path(filename).as_posix(), line)], context=context)
        _install(project.locales_dir / "messages.pot", _po_text(catalog), say)
    for brief, (facts, _) in sorted(briefs.items()):
        catalog = Catalog(project=brief, charset="utf-8", fuzzy=True)
        shown = Path(shown_path(facts)).as_posix()
        with open(facts, "rb") as handle:
            for lineno, message, comments, context in extract_messages(
                    extract_facts, handle, keywords={"pgettext": ((1, "c"), 2)},
                    comment_tags=()):
                catalog.add(message, None, [(shown, lineno)], auto_comments=comments,
                            context=context)
        _install(template_path(project, brief), _po_text(catalog), say)


def _install(path: Path, text: str, say) -> None:
    try:
        old = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        old = None
    if old is not None and _DATE.sub("", old) == _DATE.sub("", text):
        say(f"{shown_path(path)}: unchanged")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, text.encode("utf-8"))
    say(f"{shown_path(path)}: {'updated' if old is not None else 'created'}")


def _po_text(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_by_file=True)
    return buffer.getvalue().decode("utf-8")


def locales_to_update(project: Project, briefs: dict, problems: Collector) -> list[str]:
    """Every locale a brief lists or the project has a folder of catalogs for (a
    folder not named as a locale is passed over, with a warning)."""
    listed = {locale for _, locales in briefs.values() for locale in locales}
    folders = sorted(project.locales_dir.iterdir()) if project.locales_dir.is_dir() else []
    for folder in (p for p in folders if (p / "LC_MESSAGES").is_dir()):
        if LOCALE_CODE.fullmatch(folder.name):
            listed.add(folder.name)
        else:
            problems.warning(Location(shown_path(folder) + "/"), "ignored: not a locale "
                             "name (letters, and _ before a region: pt_BR)")
    return sorted(listed - {SOURCE_LOCALE})


def update_locales(project: Project, briefs: dict, say, problems: Collector) -> None:
    extract(project, briefs, say)
    with tempfile.TemporaryDirectory(prefix="briefing-") as scratch:
        for locale in locales_to_update(project, briefs, problems):
            own = project.po_path(locale, "messages")
            pot = messages_template(project, locale, Path(scratch))
            if pot is not None:
                _update(own, pot, locale, say, problems)
            for brief in sorted(briefs):
                _update(project.po_path(locale, "facts", brief),
                        template_path(project, brief), locale, say, problems)


def _is_the_tools(pot: Path) -> bool:
    """Whether a project's messages template is the tool's own (in the tool's source)."""
    shipped = SHIPPED_LOCALES / "messages.pot"
    return pot.is_file() and shipped.is_file() and pot.resolve() == shipped.resolve()


def messages_template(project: Project, locale: str, scratch: Path) -> Optional[Path]:
    """The template a locale's ``messages.po`` in the project is merged with, or None
    when the project needs none for it. A locale the tool ships a catalog for needs
    one only for the strings of the project's own templates and for the shipped
    strings the project translates otherwise (its overrides, kept); any other locale
    needs every string of the tool and of the project's templates."""
    own_pot = project.locales_dir / "messages.pot"
    if _is_the_tools(own_pot):
        return own_pot
    shipped_pot = SHIPPED_LOCALES / "messages.pot"
    po = project.po_path(locale, "messages")
    kept = None
    if project.shipped_po_path(locale) is not None:
        if not _has_text(po):
            kept = set()
        else:
            with open(po, "rb") as handle:
                kept = {(m.context, m.id) for m in read_po(handle) if m.id}
    catalog = Catalog(project=project.root.name, charset="utf-8", fuzzy=True)
    for pot in (own_pot, shipped_pot):
        if not pot.is_file():
            continue
        with open(pot, "rb") as handle:
            for message in read_po(handle):
                if message.id and (pot == own_pot or kept is None
                                   or (message.context, message.id) in kept):
                    catalog.add(message.id, None, message.locations,
                                auto_comments=message.auto_comments,
                                context=message.context, flags=message.flags)
    if not len(catalog):
        return None
    path = scratch / f"messages.{locale}.pot"
    path.write_text(_po_text(catalog), "utf-8")
    return path


def _has_text(path: Path) -> bool:
    """Whether a catalog exists with anything in it (an empty file, as ``touch``
    leaves it, is created again rather than merged as plain ASCII)."""
    try:
        return path.is_file() and path.read_bytes().strip() != b""
    except OSError:
        return False


def _update(po: Path, pot: Path, locale: str, say, problems: Collector) -> None:
    if not _has_text(po):
        _create(po, pot, locale, say)
        return
    windows = b"\r\n" in po.read_bytes()  # merged as LF, given back with CRLF
    if windows:
        write_atomically(po, po.read_bytes().replace(b"\r\n", b"\n"))
    done = subprocess.run(["msgmerge", "--quiet", "--update", "--previous",
                           "--backup=none", f"--width={WIDTH}", "--", str(po), str(pot)],
                          capture_output=True, text=True)
    if done.returncode:
        for line in done.stderr.strip().splitlines() or ["msgmerge failed"]:
            problems.error(Location(shown_path(po)), line.strip())
    if windows:
        write_atomically(po, po.read_bytes().replace(b"\n", b"\r\n"))
    if not done.returncode:
        say(f"updated {shown_path(po)}")


def _create(po: Path, pot: Path, locale: str, say) -> None:
    """A new catalog from its template: UTF-8, with Language and Plural-Forms."""
    with open(pot, "rb") as handle:
        catalog = read_po(handle)
    catalog.locale = Locale.parse(locale)
    catalog.fuzzy = False
    catalog.revision_date = datetime.datetime.now(datetime.timezone.utc)
    catalog.charset = "utf-8"
    po.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(po, _po_text(catalog).encode("utf-8"))
    say(f"created {shown_path(po)}")


def locale_problem(locale: str) -> Optional[str]:
    """Why ``locale`` cannot be a new locale's code, if it cannot."""
    if not LOCALE_CODE.fullmatch(locale or ""):
        return (f"'{locale}' is not a locale code; give a language code such as fr, or "
                "one with a region, such as pt_BR")
    if locale == SOURCE_LOCALE:
        return "en is the source language: its texts are the facts files themselves"
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return f"'{locale}' is no locale CLDR knows; give a language code such as fr"
    return None


def init_locale(project: Project, briefs: dict, locale: str, force: bool, say,
                problems: Collector) -> None:
    """Start ``locale``'s catalogs; refuse, changing nothing, when it has any."""
    folder = project.locales_dir / locale
    why = locale_problem(locale)
    if why:
        problems.error(Location("LOCALE"), why)
        return
    existing = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    if existing and not force:
        problems.error(Location(shown_path(folder)), f"locale '{locale}' already exists "
                       f"({len(existing)} file{'s' if len(existing) != 1 else ''}); nothing "
                       "was changed. 'make update-locales' brings its catalogs up to date; "
                       f"'make init-locale LOCALE={locale} FORCE=1' starts it again "
                       "after moving it to locales/.backup/")
        return
    if existing:
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S")
        backup = project.locales_dir / ".backup" / f"{locale}-{stamp}"
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(folder), str(backup))
        say(f"moved {shown_path(folder)} to {shown_path(backup)}")
    extract(project, briefs, say)
    with tempfile.TemporaryDirectory(prefix="briefing-") as scratch:
        messages = messages_template(project, locale, Path(scratch))
        if messages is not None:
            _create(project.po_path(locale, "messages"), messages, locale, say)
    for brief in sorted(briefs):
        _create(project.po_path(locale, "facts", brief), template_path(project, brief),
                locale, say)
