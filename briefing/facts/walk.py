"""Walking a brief: every node, and every text a translator sees with its context.

The extractor, the validator, the translator and the glyph check all walk the brief
through here, so the context a translation is filed under is the context it is
looked up by.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Iterator

from .model import Brief, InferredDate, Node

# The role of a node in the brief, which names its message context for translators.
_ROLES = {"Meta": "brief", "Source": "source", "Party": "party", "Event": "event",
          "Claim": "claim", "Section": "section", "TimelineEntry": "timeline",
          "Chart": "chart", "Quote": "quote", "InferredDate": "date",
          "MapPoint": "map point", "MapLine": "map line", "MapArea": "map area",
          "MapLabel": "map label", "Abbreviation": "abbreviation"}


def nodes(brief: Brief) -> Iterator[Node]:
    """Every node of the brief, in file order within each collection; an inferred
    date follows the node it dates."""
    for node in _structure(brief):
        yield node
        yield from inferred_dates(node)


def inferred_dates(node: Node) -> Iterator[InferredDate]:
    for f in fields(node):
        value = getattr(node, f.name)
        if isinstance(value, InferredDate):
            yield value


def _structure(brief: Brief) -> Iterator[Node]:
    yield brief
    yield brief.brief
    yield from brief.key_points
    for collection in (brief.sources, brief.parties, brief.events, brief.claims,
                       brief.quotes, brief.timeline, brief.abbreviations):
        yield from collection
    for chart in brief.charts:
        yield chart
        for places in (chart.points, chart.lines, chart.areas, chart.labels):
            yield from places
    for section in brief.sections:
        yield section
        yield from section.paragraphs


def translatable_fields(brief: Brief) -> Iterator[tuple[Node, str, str]]:
    """(node, field, message context) for every text of the brief a translator sees."""
    for node, role in _roled_nodes(brief):
        for f in fields(node):
            if f.metadata.get("prose") and getattr(node, f.name) is not None:
                yield node, f.name, f"{role} {f.name}"


def references(brief: Brief) -> Iterator[tuple[Node, str, str]]:
    """(node, field, kind of id) for every field that refers to another node."""
    for node in nodes(brief):
        for f in fields(node):
            ref = f.metadata.get("ref")
            if ref:
                yield node, f.name, ref


def _roled_nodes(brief: Brief):
    yield brief.brief, "brief"
    for point in brief.key_points:
        yield point, "key point"
    for node in nodes(brief):
        role = _ROLES.get(type(node).__name__)
        if role and node is not brief.brief:
            yield node, role
    for section in brief.sections:
        for paragraph in section.paragraphs:
            yield paragraph, "paragraph"
