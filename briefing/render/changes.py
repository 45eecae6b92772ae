"""The "what changed since the last edition" box: each new, changed or withdrawn
figure and event, with who gives it, when, and its sources, in the edition's words.

A figure of this edition carries its note calls; one the previous edition had names
its sources in words, since they may no longer be in this edition's list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from babel.lists import format_list
from markupsafe import Markup, escape

from ..facts.changes import Change, compare
from ..facts.model import Claim, Event
from ..i18n.localizer import N_

if TYPE_CHECKING:
    from ..previous import Previous
    from .view import EditionView

KINDS = {"new": N_("New"), "changed": N_("Changed"), "withdrawn": N_("Withdrawn")}


@dataclass(frozen=True)
class ChangeRow:
    kind: str          # new, changed, withdrawn: the row's class
    kind_label: str    # in the edition's words
    what: str          # the figure's label or the event's name
    now: Markup        # as this edition has it, with note calls ("" when withdrawn)
    before: str        # as the previous edition had it ("" when new)


@dataclass(frozen=True)
class ChangesView:
    heading: str
    compared: str               # "Compared with the facts as of ..."
    rows: tuple[ChangeRow, ...]
    none: str                   # said when nothing changed
    record: dict                # what the release records of the comparison


def changes_view(view: "EditionView", before: "EditionView",
                 previous: "Previous") -> ChangesView:
    loc = view.loc
    found = compare(before.brief, view.brief)
    rows = [_claim_row(view, before, c) for c in found.claims] + \
        [_event_row(view, before, c) for c in found.events]
    edition = before.meta.edition
    heading = loc.translate("What changed since edition %(number)s") % {"number": edition} \
        if edition else loc.translate("What changed since the previous edition")
    as_of = loc.date(before.meta.as_of)
    return ChangesView(
        heading=heading,
        compared=loc.translate("Compared with the facts as of %(date)s.") % {"date": as_of},
        rows=tuple(rows),
        none=loc.translate("No figure or event has changed since then."),
        record={"since": previous.since, "read_from": previous.shown, "edition": edition,
                "as_of": str(before.meta.as_of), "new": _count(found, "new"),
                "changed": _count(found, "changed"), "withdrawn": _count(found, "withdrawn")})


def _count(found, kind: str) -> int:
    return sum(c.kind == kind for c in (*found.claims, *found.events))


def _claim_row(view: "EditionView", before: "EditionView", change: Change) -> ChangeRow:
    what = view.text(change.new.label) if change.new else before.text(change.old.label)
    now = Markup("")
    if change.new is not None:
        now = escape(_provenance(view, change.new)) + view.cite(change.new.sources)
    old = _provenance(before, change.old, sources=True) if change.old else ""
    return ChangeRow(change.kind, view.loc.translate(KINDS[change.kind]), what, now, old)


def _provenance(view: "EditionView", claim: Claim, sources: bool = False) -> str:
    """"5,000 (Armenia, 21 September 2023)", and with ``sources`` the publishers too."""
    who = view.text(claim.attribution) if claim.attribution else \
        view.party_name(claim.claimed_by)
    when = view.loc.date(claim.reported) if claim.reported else ""
    if when and not who:
        when = view.loc.translate("reported %(date)s") % {"date": when}
    parts = [", ".join(filter(None, [who, when]))]
    if sources:
        by_id = view.brief.source_by_id
        parts.append(format_list([by_id[s].publisher or view.text(by_id[s].title)
                                  for s in claim.sources], locale=view.loc.babel))
    shown = "; ".join(filter(None, parts))
    figure = view.figure_text(claim)
    return f"{figure} ({shown})" if shown else figure


def _event_row(view: "EditionView", before: "EditionView", change: Change) -> ChangeRow:
    now = Markup("")
    if change.new is not None:
        now = escape(_period(view, change.new))
    old = _named(before, change.old) if change.old else ""
    what = view.text(change.new.name) if change.new else before.text(change.old.name)
    return ChangeRow(change.kind, view.loc.translate(KINDS[change.kind]), what, now, old)


def _period(view: "EditionView", event: Event) -> str:
    return view.loc.interval(event.start, event.end, event.ongoing)


def _named(view: "EditionView", event: Event) -> str:
    return f"{view.text(event.name)}, {_period(view, event)}"
