"""Relations between claims: revisions and alternatives, checked and worked out once.

Two relations, never confused:
- a *revision* (``revises: earlier-claim``) is the same claimant replacing its own
  earlier figure;
- *alternatives* are figures for the same quantity (claims sharing ``quantity:``)
  given by different claimants, printed side by side with who gave each and when.
A claim revising itself, a cycle of revisions, a revision by another claimant and
alternatives that measure different things (metric or unit) are errors.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from ..diagnostics import Collector
from .model import Brief, Claim


@dataclass(frozen=True)
class Relations:
    revised_by: Mapping[str, str]          # claim id -> the claim that revises it
    quantities: Mapping[str, tuple]        # quantity id -> its claims, in file order
    claimants: Mapping[str, int]           # quantity id -> how many claimants give it

    def alternatives(self, claim: Claim) -> tuple[str, ...]:
        """Ids of the other claimants' figures for the claim's quantity."""
        if not claim.quantity or self.claimants.get(claim.quantity, 0) < 2:
            return ()
        return tuple(c.id for c in self.quantities[claim.quantity]
                     if c.claimant != claim.claimant)

    def status(self, claim: Claim) -> str:
        """"revised", "revision", "alternative" or "" (in that order of precedence)."""
        if claim.id in self.revised_by:
            return "revised"
        if claim.revises:
            return "revision"
        return "alternative" if self.claimants.get(claim.quantity, 0) > 1 else ""


def relate(brief: Brief) -> Relations:
    """The relations of a checked brief, in one pass over its claims."""
    revised_by: dict[str, str] = {}
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in brief.claims:
        if claim.revises:
            revised_by.setdefault(claim.revises, claim.id)
        if claim.quantity:
            groups[claim.quantity].append(claim)
    claimants = {q: len({c.claimant for c in group}) for q, group in groups.items()}
    return Relations(MappingProxyType(revised_by),
                     MappingProxyType({q: tuple(g) for q, g in groups.items()}),
                     MappingProxyType(claimants))


MAX_ALTERNATIVES = 40  # as many as a chart holds


def check_relations(brief: Brief, errors: Collector) -> None:
    by_id = brief.claim_by_id
    for claim in brief.claims:
        if claim.revises is None or claim.revises not in by_id:
            continue  # an unknown id is reported with the other references
        earlier = by_id[claim.revises]
        if earlier.id == claim.id:
            errors.error(claim.where("revises"), f"claim '{claim.id}' revises itself")
        elif earlier.claimant != claim.claimant:
            errors.error(claim.where("revises"),
                         f"claim '{claim.id}' revises '{earlier.id}', which another "
                         "claimant gave; a revision is the same claimant replacing its own "
                         "figure (same claimed_by or attribution). Figures of different "
                         "claimants are alternatives: give both the same 'quantity'")
    _check_cycles(brief, errors)
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in brief.claims:
        if claim.quantity:
            groups[claim.quantity].append(claim)
    for quantity, group in groups.items():
        first = group[0]
        if len(group) > MAX_ALTERNATIVES:  # each prints beside all the others
            errors.error(group[MAX_ALTERNATIVES].where("quantity"),
                         f"quantity '{quantity}' is given by {len(group)} claims; at most "
                         f"{MAX_ALTERNATIVES} figures may give one quantity, since each "
                         "prints beside all the others (a table reads better)")
        for claim in group[1:]:
            if claim.metric != first.metric or claim.unit_or_default != first.unit_or_default:
                errors.error(claim.where("quantity"),
                             f"claim '{claim.id}' measures {_measure(claim)} but quantity "
                             f"'{quantity}' is {_measure(first)} (claim '{first.id}'); "
                             "alternatives must measure the same thing")


def _check_cycles(brief: Brief, errors: Collector) -> None:
    """Each chain of revisions followed once: linear in the number of claims."""
    by_id = brief.claim_by_id
    state: dict[str, int] = {}  # 1: on the current chain, 2: done
    for start in brief.claims:
        chain = []
        claim = start
        while claim is not None and state.get(claim.id) is None:
            state[claim.id] = 1
            chain.append(claim)
            claim = by_id.get(claim.revises) if claim.revises else None
            if claim is not None and claim.id == chain[-1].id:
                claim = None  # a claim revising itself is reported above
        if claim is not None and state.get(claim.id) == 1:
            cycle = chain[[c.id for c in chain].index(claim.id):]
            names = " → ".join(c.id for c in cycle + [claim])
            for member in cycle:
                errors.error(member.where("revises"), f"revisions run in a circle: {names}")
        for member in chain:
            state[member.id] = 2


def _measure(claim: Claim) -> str:
    unit = claim.unit_or_default
    return f"'{claim.metric}'" + (f" in {unit}" if unit else "")
