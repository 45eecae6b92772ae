"""What changed between two editions of a brief: figures and events new, changed or
withdrawn, matched by their ids.

A figure has changed when what a reader would cite has: the figure itself (value,
range, qualifier, unit), who gives it, when it was reported, or its sources. A new
label or note alone is an edit of the prose, not a change of the figure. An event has
changed when its name or its dates have.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

from .model import Brief, Claim, Event, Node

Kind = Literal["new", "changed", "withdrawn"]

CLAIM_FIELDS = ("value", "low", "high", "qualifier", "unit", "claimed_by", "attribution",
                "reported", "sources")
EVENT_FIELDS = ("name", "start", "end", "ongoing")


@dataclass(frozen=True)
class Change:
    kind: Kind
    old: Optional[Node]   # as the previous edition had it (None when new)
    new: Optional[Node]   # as this edition has it (None when withdrawn)


@dataclass(frozen=True)
class Changes:
    claims: tuple[Change, ...]
    events: tuple[Change, ...]

    def __bool__(self) -> bool:
        return bool(self.claims or self.events)


def compare(old: Brief, new: Brief) -> Changes:
    """New and changed in this edition's order, then withdrawn in the previous one's."""
    return Changes(_compare(old.claims, new.claims, CLAIM_FIELDS),
                   _compare(old.events, new.events, EVENT_FIELDS))


def _compare(old: tuple, new: tuple, fields: tuple[str, ...]) -> tuple[Change, ...]:
    before = {node.id: node for node in old}
    after = {node.id: node for node in new}
    found = []
    for node in new:
        previous = before.get(node.id)
        if previous is None:
            found.append(Change("new", None, node))
        elif _key(previous, fields) != _key(node, fields):
            found.append(Change("changed", previous, node))
    found.sort(key=lambda change: change.kind != "new")  # stable: new, then changed
    found += [Change("withdrawn", node, None) for node in old if node.id not in after]
    return tuple(found)


def _key(node: Claim | Event, fields: tuple[str, ...]) -> tuple:
    return tuple(getattr(node, name) for name in fields)
