"""Completeness: the strings an edition needs, found by extraction, and which of them
its catalogs lack.

What an edition needs is what extraction finds, not what one rendering happened to
print: every string of the templates and of the compiler (the ``messages`` catalog,
as their catalog template lists them, and those of a project's own templates) and every text of
the brief (its own ``facts`` catalog). Each missing string is named once, at its
``.po`` entry when it has one, else where its English stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

from ..diagnostics import Location
from ..facts.model import Brief
from ..facts.walk import translatable_fields
from ..project import SHIPPED_LOCALES, THEME, Project, shown_path
from .catalogs import Catalog, short
from .extract import keywords_text

# The keywords of 'make extract' for the messages catalog.
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "npgettext": ((1, "c"), 2, 3), "translate": None, "N_": None}


@dataclass(frozen=True)
class Needed:
    """A string an edition prints: its catalog, context, English and where that is."""

    domain: str
    context: Optional[str]
    msgid: str
    where: Location


def needed(project: Project, brief: Brief) -> list[Needed]:
    """Every string an edition of this brief needs translated, in source order."""
    found = list(template_strings(project))
    found += [Needed("facts", context, getattr(node, name), node.where(name))
              for node, name, context in translatable_fields(brief)]
    keywords = keywords_text(brief)
    if keywords:
        meta, context, text = keywords
        found.append(Needed("facts", context, text, meta.where("keywords")))
    return found


@lru_cache(maxsize=None)
def template_strings(project: Project) -> tuple[Needed, ...]:
    """The messages catalog's strings: those of the template the tool ships (which
    extraction of its templates and code wrote), of the project's own template
    (``locales/messages.pot``: the whole tool's in its source), then those its own
    templates hold now."""
    from babel.messages.pofile import read_po

    seen, out = set(), []

    def add(context, message, where: Location) -> None:
        msgid = message if isinstance(message, str) else message[0]
        if msgid and (context, msgid) not in seen:
            seen.add((context, msgid))
            out.append(Needed("messages", context, msgid, where))

    for pot in (SHIPPED_LOCALES / "messages.pot", project.locales_dir / "messages.pot"):
        if pot.is_file():
            with open(pot, "rb") as handle:
                for message in read_po(handle):
                    name, line = (message.locations or [("", None)])[0]
                    add(message.context, message.id,
                        Location(name, line, 1) if name and line else Location(shown_path(pot)))
    for filename, line, message, context in own_template_messages(project):
        add(context, message, Location(filename, line, 1))
    return tuple(out)


def own_template_messages(project: Project) -> list[tuple[str, int, object, Optional[str]]]:
    """(file as shown, line, message, context) of every string the project's own
    templates (not the shipped theme) hold, in file order."""
    from babel.messages.extract import extract_from_dir

    found = []
    for folder in project.template_dirs:
        if folder == THEME:
            continue
        for filename, line, message, _, context in extract_from_dir(
                str(folder), [("**.j2", "jinja2.ext:babel_extract")],
                {"**.j2": {"silent": "false", "newstyle_gettext": "true",
                           "trimmed": "true"}}, keywords=KEYWORDS):
            found.append((shown_path(folder / filename), line, message, context))
    return found


def missing(needs: list[Needed],
            catalogs: dict[str, Catalog]) -> Iterator[tuple[Location, str]]:
    """(location, message) for each needed string the catalogs cannot give, once: at its
    .po entry when it is fuzzy or untranslated, else at its English. A catalog that
    is missing altogether is reported by itself when it is loaded."""
    seen = set()
    for need in needs:
        catalog = catalogs.get(need.domain)
        key = (need.context, need.msgid)
        if catalog is None or not catalog.readable \
                or catalog.lookup(need.msgid, need.context) or (need.domain, key) in seen:
            continue
        seen.add((need.domain, key))
        unusable = catalog.unusable.get(key)
        context = f" (context '{need.context}')" if need.context else ""
        if unusable is None:
            yield need.where, (f"'{short(need.msgid)}'{context} has no entry in "
                               f"{catalog.path}; run 'make update-locales'")
        elif unusable[1] != "broken":  # a broken entry is an error already
            yield unusable[0], f"{unusable[1]} translation of '{short(need.msgid)}'{context}"
