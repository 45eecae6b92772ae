"""Relations between claims, worked out once per brief in linear time.

A *revision* is a claim that names, with ``revises``, an earlier claim it replaces.
Claims *dispute* one another when they give different figures for the same thing
(the same metric, event and party; an event is required) and come from someone else
(another claimant, or other sources).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from .model import Brief, Claim


@dataclass(frozen=True)
class Relations:
    revised_by: Mapping[str, str]   # claim id -> the first claim that revises it
    disputed: frozenset             # ids of claims that another claimant contradicts

    def status(self, claim: Claim) -> str:
        """"revised", "revision", "disputed" or "" (in that order of precedence)."""
        if claim.id in self.revised_by:
            return "revised"
        if claim.revises:
            return "revision"
        return "disputed" if claim.id in self.disputed else ""


def relate(brief: Brief) -> Relations:
    revised_by: dict[str, str] = {}
    for claim in brief.claims:
        if claim.revises:
            revised_by.setdefault(claim.revises, claim.id)
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in brief.claims:
        if claim.event is not None:
            groups[(claim.metric, claim.event, claim.party)].append(claim)
    disputed = set()
    for group in groups.values():
        # A claim is disputed when some other claim of its group differs from it in
        # both figure and claimant: count, rather than compare every pair.
        figures = Counter(_figure(c) for c in group)
        whos = Counter(_who(c) for c in group)
        both = Counter((_figure(c), _who(c)) for c in group)
        for claim in group:
            key = (_figure(claim), _who(claim))
            differing = len(group) - figures[key[0]] - whos[key[1]] + both[key]
            if differing > 0:
                disputed.add(claim.id)
    return Relations(MappingProxyType(revised_by), frozenset(disputed))


def _figure(claim: Claim) -> tuple:
    return (claim.value, claim.low, claim.high)


def _who(claim: Claim) -> tuple:
    return (claim.claimed_by, claim.sources)
