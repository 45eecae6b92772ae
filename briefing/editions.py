"""The editions a run makes: each facts file that loads, in each locale it lists.

An edition is one brief in one locale, written to ``<brief-id>.<locale>.pdf``; the
build, the Make rules and the release manifest all list editions through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .diagnostics import Collector, InputError
from .facts import load_brief
from .facts.model import Brief
from .project import Project


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


def facts_paths(args: list[Path]) -> list[Path]:
    """The facts files named by ``args``: a directory stands for its ``*.yaml``."""
    found: list[Path] = []
    for arg in args:
        found += sorted(arg.glob("*.yaml")) if arg.is_dir() else [arg]
    return found


def editions(paths: list[Path], project: Project, locales: tuple[str, ...],
             problems: Collector, strict: bool = False) -> Iterator[Edition]:
    """Each edition of each facts file that loads (only ``locales``, when given); the
    errors of the others, and of locales that cannot be built, go to ``problems``."""
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
        for locale in _locales_of(brief, project, locales, problems):
            yield Edition(path, brief, locale)


def _locales_of(brief: Brief, project: Project, wanted: tuple[str, ...],
                problems: Collector) -> list[str]:
    listed = brief.brief.locales
    for index, locale in enumerate(listed):
        if not project.has_locale(locale):
            problems.error(brief.brief.where(f"locales[{index}]"),
                           f"brief lists locale '{locale}', which has no catalogs under "
                           f"locales/; run 'make init-locale LOCALE={locale}'")
    for locale in wanted:
        if locale not in listed:
            problems.error(brief.brief.where("locales"),
                           f"--locale {locale}: brief '{brief.brief.id}' does not list "
                           f"this locale (it lists {', '.join(listed)})")
    return [locale for locale in wanted or listed if project.has_locale(locale)]
