"""Translation status: per brief, locale and domain, what is translated and what is not.

Counted as GNU ``msgfmt --statistics`` counts, from the .po files themselves (Babel's
``compile --statistics`` counts fuzzy entries and empty plurals as translated): the
header is skipped, a fuzzy entry is fuzzy, an entry with every string filled in is
translated, anything else untranslated. Entries whose placeholders are broken are
counted apart, since a build refuses them. A brief is complete in a locale when both
of its catalogs there are; only the locales a brief lists count against it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..diagnostics import Collector, Diagnostic, InputError, Location
from ..facts import load_brief
from ..project import SOURCE_LOCALE, Project
from .catalogs import DOMAINS, percent_translated, project_catalog
from .conventions import locale_conventions

COLUMNS = ("translated", "fuzzy", "untranslated", "broken", "obsolete")


def locale_status(project: Project, paths: list[Path],
                  only: Optional[str] = None) -> tuple[str, bool]:
    """The status table, and whether every brief is complete in the locales it lists."""
    listed = _listed_locales(paths, project)
    orphans = {brief for locale in project.locales()
               for brief in project.catalog_briefs(locale)} - set(listed)
    if only is not None and only not in listed and only not in orphans:
        raise InputError([Diagnostic(Location("BRIEF"), "error", f"no brief with id "
                                     f"'{only}' among {', '.join(map(str, paths))}")])
    rows = [("brief", "locale", "domain", *COLUMNS, "percent", "")]
    complete = True
    for brief in sorted(set(listed) | orphans):
        if only is not None and brief != only:
            continue
        wanted = set(listed.get(brief, ())) - {SOURCE_LOCALE}
        having = {locale for locale in project.locales()
                  if brief in project.catalog_briefs(locale)}
        for locale in sorted(wanted | having):
            allowed = locale_conventions(project, locale, Collector()).allowed
            note = "" if locale in wanted else (
                "no facts file" if brief in orphans else "not listed by the brief")
            for domain in DOMAINS:
                path = project.po_path(locale, domain, brief)
                catalog = project_catalog(project, locale, domain, brief, Collector(),
                                          allowed=allowed)
                stats, percent = catalog.stats, percent_translated(catalog.stats)
                if locale in wanted and (percent < 100.0 or not catalog.readable):
                    complete = False
                shown = f"{percent:.1f}%" if catalog.readable else \
                    "unreadable" if path.exists() else "missing"
                rows.append((brief, locale, domain, *(str(stats[c]) for c in COLUMNS),
                             shown, note))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i < 3 or i == len(row) - 1 else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
             for row in rows]
    return "\n".join(lines) + "\n", complete


def _listed_locales(paths: list[Path], project: Project) -> dict[str, tuple[str, ...]]:
    """Each brief's id and the locales it lists; every facts error at once."""
    problems, listed = Collector(), {}
    for path in paths:
        try:
            brief = load_brief(path, within=project.root).brief
        except InputError as exc:
            problems.diagnostics.extend(exc.diagnostics)
            continue
        listed[brief.id] = tuple(brief.locales)
    problems.raise_if_errors()
    return listed
