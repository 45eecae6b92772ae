"""The project a run works in, and the tool's own files: every path and cache read or written.

A project is a folder with a ``briefing.toml`` (see ``config``), found from the current
directory upwards; a folder without one anywhere above is a project with the default
settings. The tool ships its templates and template catalogs as package data (the
theme); a project's own ``templates/`` overrides them file by file, and its
``locales/<lang>/LC_MESSAGES/messages.po`` adds to the shipped catalog. Prepared fonts,
font subsets, drawn charts and compiled templates are content-addressed and kept in
the user's cache directory, shared by every project and outliving ``make clean``.
Nothing else guesses where these are: the command line makes one Project and hands
it down.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .config import CONFIG_NAME, Settings, load_settings, project_file
from .diagnostics import Collector, Diagnostic, InputError, Location, shown_path

SOURCE_LOCALE = "en"
# The shipped files: inside the installed package, or beside it in a source checkout.
_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


THEME = _shipped("templates")          # the default templates and print CSS
SHIPPED_LOCALES = _shipped("locales")  # the template catalogs: <lang>/LC_MESSAGES/messages.po


def cache_root() -> Path:
    """The user's cache directory for briefing (``BRIEFING_CACHE_DIR`` overrides)."""
    given = os.environ.get("BRIEFING_CACHE_DIR", "").strip()
    if given:
        return Path(given).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_cache_dir("briefing", appauthor=False))


@dataclass(frozen=True)
class Project:
    root: Path
    out: Path = Path("dist")  # where editions are written; relative to the caller
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def find(cls, out: Optional[Path] = None, start: Optional[Path] = None) -> "Project":
        """The project holding ``start`` (the current directory): the nearest folder
        upwards with a briefing.toml, else ``start`` itself with the default settings.
        Raise InputError when the project file has errors."""
        here = (start or Path.cwd()).resolve()
        config = project_file(here)
        if config is None:
            return cls(here, out if out is not None else Path("dist"))
        root = config.parent
        problems = Collector()
        settings = load_settings(config, problems)
        problems.raise_if_errors()
        if out is None:
            out = Path(os.path.relpath(root / settings.out)) if root != here else settings.out
        return cls(root, out, settings)

    @property
    def config_path(self) -> Optional[Path]:
        path = self.root / CONFIG_NAME
        return path if path.is_file() else None

    # -- inputs --------------------------------------------------------------------
    @property
    def facts_dir(self) -> Path:
        return self.root / self.settings.facts

    def default_facts(self) -> list[Path]:
        """What a command given no facts file reads: the facts folder, as a path from
        the current directory, so that messages name its files as the user sees them."""
        return [Path(shown_path(self.facts_dir))]

    @property
    def templates(self) -> Path:
        """The project's own templates (which may not exist)."""
        return self.root / self.settings.templates

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Where templates are looked up, first match wins: the project's, the theme."""
        own = self.templates
        if own.is_dir() and own.resolve() != THEME.resolve():
            return (own, THEME)
        return (THEME,)

    @property
    def locales_dir(self) -> Path:
        return self.root / self.settings.locales

    def po_path(self, locale: str, domain: str, brief: Optional[str] = None) -> Path:
        """A locale's catalog in the project: ``messages.po`` for the words every brief
        shares (adding to the shipped one), ``facts/<brief-id>.po`` for one brief's
        prose (a catalog per brief, so that msgmerge never fills one brief's entries
        from another's)."""
        folder = self.locales_dir / locale / "LC_MESSAGES"
        if domain == "facts":
            return folder / "facts" / f"{brief}.po"
        return folder / f"{domain}.po"

    def shipped_po_path(self, locale: str) -> Optional[Path]:
        """The template catalog the tool ships for a locale, unless it is the
        project's own file (this repository is the tool and a project)."""
        path = SHIPPED_LOCALES / locale / "LC_MESSAGES" / "messages.po"
        if not path.is_file() or path.resolve() == self.po_path(locale, "messages").resolve():
            return None
        return path

    def conventions_path(self, locale: str) -> Path:
        """The ``conventions.toml`` a locale's editions follow: the project's own, else
        the tool's for that locale (which may not exist either)."""
        own = self.locales_dir / locale / "conventions.toml"
        return own if own.is_file() else SHIPPED_LOCALES / locale / "conventions.toml"

    def catalog_briefs(self, locale: str) -> list[str]:
        """The ids of the briefs that have a facts catalog in a locale, sorted."""
        folder = self.locales_dir / locale / "LC_MESSAGES" / "facts"
        return sorted(p.stem for p in folder.glob("*.po")) if folder.is_dir() else []

    def locales(self) -> list[str]:
        """Locales with catalogs, the project's or shipped ones, sorted; the source
        locale needs none."""
        found = set()
        for folder in (self.locales_dir, SHIPPED_LOCALES):
            if folder.is_dir():
                found |= {p.name for p in folder.iterdir() if (p / "LC_MESSAGES").is_dir()}
        return sorted(found)

    def has_locale(self, locale: str) -> bool:
        return locale == SOURCE_LOCALE or locale in self.locales()

    # -- caches and records --------------------------------------------------------
    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def cache_dir(self) -> Path:
        return cache_root()

    @property
    def chart_cache(self) -> Path:
        return self.cache_dir / "charts"

    @property
    def font_cache(self) -> Path:
        return self.cache_dir / "fonts"

    @property
    def template_cache(self) -> Path:
        """The templates compiled to Python bytecode, by a hash of their source."""
        return self.cache_dir / "templates"

    @property
    def subset_cache(self) -> Path:
        """Font subsets of past PDFs, by a hash of the font and its glyphs."""
        return self.cache_dir / "subsets"

    def record_path(self, stem: str, out: Optional[Path] = None) -> Path:
        """Where a build records what the release manifest needs of an edition:
        beside the edition itself, so that a build elsewhere disturbs nothing here."""
        return (out or self.out) / ".records" / f"{stem}.json"


def source_date_epoch() -> Optional[int]:
    """The one "now" of a build (SOURCE_DATE_EPOCH), or None when it is not set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    # 253402300799 is 9999-12-31T23:59:59Z, the last second a PDF date can hold.
    if not re.fullmatch(r"[0-9]{1,12}", value) or int(value) > 253402300799:
        raise InputError([Diagnostic(Location("SOURCE_DATE_EPOCH"), "error",
                                     f"'{value}' is not a number of seconds since 1970 "
                                     "before the year 10000")])
    return int(value)
