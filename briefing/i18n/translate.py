"""Translation: a Brief into the same frozen model, in the edition's language.

Every text a translator sees (``walk.translatable_fields``) is looked up in the
facts catalog by its message context; a translation that changes the placeholders
of its English is refused with the location of the English. What comes out is a
Brief like the one that went in, so later stages never ask which language a text
is in; the Translation also remembers where each translated text came from (its
.po entry) and which texts fell back to English.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Mapping

from ..diagnostics import Collector, Location
from ..facts import prose
from ..facts.model import Brief, Node
from ..facts.walk import translatable_fields
from .localizer import Localizer

FieldKey = tuple[Location, str]  # a node's location and one of its fields


class English(str):
    """A text an edition prints in English for want of a translation: the view
    formats its figures and dates in English and tags it with its language."""


@dataclass(frozen=True)
class Translation:
    brief: Brief                        # in the edition's language
    english: Brief                      # as the facts file has it
    origins: Mapping[FieldKey, Location]  # translated text -> its .po entry
    fallbacks: frozenset                # FieldKeys printed in English


def translate(brief: Brief, loc: Localizer, problems: Collector) -> Translation | None:
    """The brief in loc's language; None after reporting broken translations."""
    catalog = loc.catalogs.get("facts")
    texts: dict[FieldKey, str] = {}
    origins: dict[FieldKey, Location] = {}
    fallbacks = set()
    failed = False
    for node, name, context in translatable_fields(brief):
        english = getattr(node, name)
        key = (node.loc, name)
        translated = loc.prose(english, context, node.where(name))
        entry = catalog.lookup(english, context) if catalog else None
        if entry is None:
            if catalog is not None:
                fallbacks.add(key)
                translated = English(translated)
            texts[key] = translated
            continue
        try:
            found = prose.placeholders(translated)
        except prose.ProseError as exc:  # caught in the catalog check; kept as a guard
            problems.error(node.where(name), f"translation is malformed: {exc}")
            failed = True
            continue
        if found != prose.placeholders(english):
            problems.error(node.where(name), "translation changes the placeholders of "
                                             f"'{english[:50]}'")
            failed = True
            continue
        texts[key] = translated
        origins[key] = entry.location
    if failed:
        return None
    return Translation(_rebuild(brief, texts), brief, origins, frozenset(fallbacks))


def _rebuild(node: Node, texts: dict) -> Node:
    """A copy of node with its texts replaced, and so on down the tree."""
    changes = {}
    for f in dataclasses.fields(node):
        if f.metadata.get("internal"):
            continue
        value = getattr(node, f.name)
        if (node.loc, f.name) in texts:
            changes[f.name] = texts[(node.loc, f.name)]
        elif isinstance(value, Node):
            changes[f.name] = _rebuild(value, texts)
        elif isinstance(value, tuple) and value and isinstance(value[0], Node):
            changes[f.name] = tuple(_rebuild(item, texts) for item in value)
    return dataclasses.replace(node, **changes) if changes else node
