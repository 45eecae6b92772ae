"""The project a run works in: every path and cache the compiler reads or writes.

Nothing else guesses where the templates, catalogs or caches are: the command line
makes one Project and hands it down.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .diagnostics import Diagnostic, InputError, Location

SOURCE_LOCALE = "en"


def shown_path(path: Path) -> str:
    """A path as the user should see it in messages: relative when it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Project:
    root: Path
    out: Path = Path("dist")  # where editions are written; relative to the caller

    @classmethod
    def find(cls, out: Optional[Path] = None) -> "Project":
        """The current directory when it is a project (as with 'make'), else the
        checkout this package was installed from."""
        here = Path.cwd()
        if not ((here / "templates").is_dir() and (here / "locales").is_dir()):
            here = Path(__file__).resolve().parent.parent
        return cls(here, out if out is not None else Path("dist"))

    # -- inputs --------------------------------------------------------------------
    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    def po_path(self, locale: str, domain: str, brief: Optional[str] = None) -> Path:
        """A locale's catalog: ``messages.po`` for the words every brief shares,
        ``facts/<brief-id>.po`` for one brief's prose (a catalog per brief, so that
        msgmerge never fills one brief's entries from another's)."""
        folder = self.locales_dir / locale / "LC_MESSAGES"
        if domain == "facts":
            return folder / "facts" / f"{brief}.po"
        return folder / f"{domain}.po"

    def catalog_briefs(self, locale: str) -> list[str]:
        """The ids of the briefs that have a facts catalog in a locale, sorted."""
        folder = self.locales_dir / locale / "LC_MESSAGES" / "facts"
        return sorted(p.stem for p in folder.glob("*.po")) if folder.is_dir() else []

    def locales(self) -> list[str]:
        """Locales with catalogs, sorted; the source locale needs none."""
        if not self.locales_dir.is_dir():
            return []
        return sorted(p.name for p in self.locales_dir.iterdir()
                      if (p / "LC_MESSAGES").is_dir())

    def has_locale(self, locale: str) -> bool:
        return locale == SOURCE_LOCALE or locale in self.locales()

    # -- caches and records --------------------------------------------------------
    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def chart_cache(self) -> Path:
        return self.build_dir / "charts"

    @property
    def font_cache(self) -> Path:
        return self.build_dir / "fonts"

    @property
    def template_cache(self) -> Path:
        """The templates compiled to Python bytecode, by a hash of their source."""
        return self.build_dir / "templates"

    @property
    def subset_cache(self) -> Path:
        """Font subsets of past PDFs, by a hash of the font and its glyphs."""
        return self.build_dir / "subsets"

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
    if not value.isdigit() or int(value) > 253402300799:
        raise InputError([Diagnostic(Location("SOURCE_DATE_EPOCH"), "error",
                                     f"'{value}' is not a number of seconds since 1970 "
                                     "before the year 10000")])
    return int(value)
