"""facts/relations.py: revisions and alternatives, worked out once."""

from __future__ import annotations

from briefing.diagnostics import Collector
from briefing.facts.model import Brief, Claim, Meta, PartialDate
from briefing.facts.relations import check_relations, relate


def claim(id, **fields) -> Claim:
    return Claim(**{"id": id, "label": id, "metric": "killed", "sources": ("s",),
                    "value": 1, **fields})


def brief(*claims) -> Brief:
    meta = Meta(id="b", title="B", as_of=PartialDate(2024), locales=("en",), handling="x")
    return Brief(brief=meta, sources=(), claims=claims)


def test_alternatives_are_other_claimants_of_the_same_quantity():
    b = brief(claim("am-first", claimed_by="am", quantity="q"),
              claim("am-later", claimed_by="am", quantity="q", revises="am-first", value=2),
              claim("tdi", attribution="TDI", quantity="q", value=3),
              claim("alone", quantity="other"))
    relations = relate(b)
    by_id = {c.id: c for c in b.claims}
    assert relations.alternatives(by_id["tdi"]) == ("am-first", "am-later")
    assert relations.alternatives(by_id["am-first"]) == ("tdi",)
    assert relations.alternatives(by_id["alone"]) == ()
    assert [relations.status(c) for c in b.claims] == [
        "revised", "revision", "alternative", ""]


def test_the_rule_is_linear_in_the_claims():
    """Twenty thousand claims of one quantity are related in one pass, without
    listing every pair; a claim's alternatives are found when asked for."""
    many = [claim(f"c{i}", claimed_by=f"p{i % 2}", quantity="q") for i in range(20000)]
    relations = relate(brief(*many))
    assert relations.claimants == {"q": 2}
    assert relations.status(many[0]) == "alternative"
    assert len(relations.alternatives(many[0])) == 10000


def test_a_long_chain_of_revisions_is_checked_without_recursion():
    chain = [claim("c0", claimed_by="am")] + [
        claim(f"c{i}", claimed_by="am", revises=f"c{i - 1}") for i in range(1, 5000)]
    errors = Collector()
    check_relations(brief(*chain), errors)
    assert errors.diagnostics == []
