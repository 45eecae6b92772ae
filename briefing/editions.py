"""The editions a run makes: each facts file that loads, in each locale it lists.

An edition is one brief in one locale, written to ``<brief-id>.<locale>.pdf``; the
build, the Make rules and the release manifest all list editions through here. A
shard (``--shard i/N``, ``make briefs SHARD=i/N``) is the part of them that one of N
machines builds: each edition's part is a hash of its name alone, so adding or
removing a brief moves no other edition to another part.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

from .diagnostics import Collector, InputError
from .project import Project

if TYPE_CHECKING:
    from .facts.model import Brief


@dataclass(frozen=True)
class Edition:
    """One brief in one locale: what a build makes one file of."""

    path: Path       # the facts file
    brief: Brief     # as written, in English
    locale: str

    @property
    def stem(self) -> str:
        """The name of the edition's files: <brief-id>.<locale>."""
        return f"{self.brief.brief.id}.{self.locale}"


@dataclass(frozen=True)
class Shard:
    """Part ``index`` of ``count`` (from 1): the editions whose name hashes to it."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> "Shard":
        """``i/N``; raise ValueError with a message saying what is wrong."""
        match = re.fullmatch(r"([0-9]{1,6})/([0-9]{1,6})", text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a shard; write i/N, such as 2/3 for the "
                             "second of three parts")
        index, count = int(match[1]), int(match[2])
        if count < 1:
            raise ValueError(f"'{text}': the number of parts N must be at least 1")
        if not 1 <= index <= count:
            raise ValueError(f"'{text}': the part i must be from 1 to {count}")
        return cls(index, count)

    def holds(self, stem: str) -> bool:
        return shard_of(stem, self.count) == self.index

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def shard_of(stem: str, count: int) -> int:
    """The part (1 to ``count``) an edition belongs to, from SHA-256 of its name, the
    same on every machine and in every run (Python's hash() is salted per process)."""
    digest = hashlib.sha256(stem.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def facts_paths(args: list[Path]) -> list[Path]:
    """The facts files named by ``args``: a directory stands for its ``*.yaml``."""
    found: list[Path] = []
    seen: set[Path] = set()
    for arg in args:
        for path in sorted(arg.glob("*.yaml")) if arg.is_dir() else [arg]:
            key = path.resolve() if path.exists() else path
            if key not in seen:  # a file named twice is one file, not a clash
                seen.add(key)
                found.append(path)
    return found


def editions(paths: list[Path], project: Project, locales: tuple[str, ...],
             problems: Collector, strict: bool = False,
             shard: Optional[Shard] = None) -> Iterator[Edition]:
    """Each edition of each facts file that loads (only ``locales``, when given; only
    those of ``shard``, when given); the errors of the others, and of locales that
    cannot be built, go to ``problems``."""
    from .facts import load_brief  # here: Make's no-change run needs only facts_paths

    declared: dict[str, Brief] = {}
    for path in paths:
        try:
            brief = load_brief(path, problems, strict, within=project.root)
        except InputError as exc:
            problems.diagnostics.extend(exc.diagnostics)
            continue
        first = declared.setdefault(brief.brief.id, brief)
        if first is not brief:  # their PDFs would overwrite each other
            problems.error(brief.brief.where("id"),
                           f"brief id '{brief.brief.id}' is also declared by "
                           f"{first.brief.where('id')}; each brief needs an id of its "
                           "own, since its PDFs are named after it")
            continue
        for locale in _locales_of(brief, project, locales, problems, strict):
            edition = Edition(path, brief, locale)
            if shard is None or shard.holds(edition.stem):
                yield edition


def _locales_of(brief: Brief, project: Project, wanted: tuple[str, ...],
                problems: Collector, strict: bool = False) -> list[str]:
    listed = brief.brief.locales
    for index, locale in enumerate(listed):
        if not known_locale(locale):
            problems.error(brief.brief.where(f"locales[{index}]"),
                           f"brief lists locale '{locale}', which CLDR does not know; "
                           "give a language code such as fr, or one with a region, "
                           "such as pt_BR")
        elif not project.has_locale(locale):  # built in English, in the locale's forms
            report = problems.error if strict else problems.warning
            report(brief.brief.where(f"locales[{index}]"),
                   f"brief lists locale '{locale}', which has no catalogs yet; its "
                   f"edition prints English text; 'make update-locales' creates them")
    for locale in wanted:
        if locale not in listed:
            problems.error(brief.brief.where("locales"),
                           f"--locale {locale}: brief '{brief.brief.id}' does not list "
                           f"this locale (it lists {', '.join(listed)})")
    return [locale for locale in wanted or listed if locale in listed and known_locale(locale)]


def known_locale(locale: str) -> bool:
    """Whether Babel has CLDR data for ``locale`` (an edition needs its forms)."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return False
    return True
