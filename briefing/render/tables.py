"""The tables of an edition: numbered, titled, with their source line and a key to
every style their rows use."""

from __future__ import annotations

from dataclasses import dataclass

# Row statuses whose figure prints in italics (templates/print.css).
ITALIC_STATUSES = ("revised", "alternative")


@dataclass(frozen=True)
class TableView:
    number: int
    title: str
    continued: str   # "Table 1 (continued)", for the pages the table runs on to
    sources: str     # "[1] Newshub, October 2020; ..."
    key: tuple[str, ...]  # one entry per style the table uses


def figures_table(view, number: int = 1) -> TableView:
    """The table of every figure, as numbered, titled and keyed in the edition
    (``view`` is the EditionView, which calls this)."""
    loc = view.loc
    rows = [row for _, group in view.figure_groups for row in group]
    key = []
    if any(row.status in ITALIC_STATUSES for row in rows):
        key.append(loc.translate("Figures in italics were later revised by their claimant "
                                 "or are given differently by other claimants."))
    if any(not row.reported for row in rows):
        key.append(loc.translate("— no date of report given."))
    return TableView(
        number=number,
        title=loc.translate("Every figure, by event"),
        # No-break spaces: the running head breaks before the phrase, never inside it.
        continued=(loc.translate("Table %(n)s (continued)") % {"n": number})
        .replace(" ", "\u00a0"),
        sources=view.source_line(claim.id for claim in view.brief.claims),
        key=tuple(key))


def source_line(view, claim_ids) -> str:
    """'[1] Newshub, 2020; [3] not stated, September 2022' for some claims."""
    ids = sorted({s for c in claim_ids for s in view.brief.claim_by_id[c].sources},
                 key=view.notes.get)
    parts = []
    for source in (view.brief.source_by_id[i] for i in ids):
        who = source.publisher or (view.text(source.kind) if source.kind
                                   else view.loc.translate("not stated"))
        when = view.loc.date(source.date, "short") if source.date else \
            view.loc.translate("date not stated")
        parts.append(f"[{view.notes[source.id]}] {who}, {when}")
    return "; ".join(parts)
