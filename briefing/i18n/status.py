"""Translation status: per locale and domain, what is translated and what is not.

Counted as GNU ``msgfmt --statistics`` counts, from the .po files themselves (Babel's
``compile --statistics`` counts fuzzy entries and empty plurals as translated): the
header is skipped, a fuzzy entry is fuzzy, an entry with every string filled in is
translated, anything else untranslated. Entries whose placeholders are broken are
counted apart, since a build refuses them.
"""

from __future__ import annotations

from ..diagnostics import Collector
from ..project import Project, shown_path
from .catalogs import DOMAINS, load_catalog, percent_translated

COLUMNS = ("translated", "fuzzy", "untranslated", "broken", "obsolete")


def locale_status(project: Project) -> tuple[str, bool]:
    """The status table, and whether every catalog is complete."""
    rows = [("locale", "domain", *COLUMNS, "percent")]
    complete = True
    for locale in project.locales():
        for domain in DOMAINS:
            path = project.po_path(locale, domain)
            stats = load_catalog(path, shown_path(path), domain, Collector()).stats
            percent = percent_translated(stats)
            if percent < 100.0 or not path.exists():
                complete = False
            rows.append((locale, domain, *(str(stats[c]) for c in COLUMNS),
                         f"{percent:.1f}%" if path.exists() else "missing"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i < 2 else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
             for row in rows]
    return "\n".join(lines) + "\n", complete
