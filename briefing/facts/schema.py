"""The JSON Schema of the facts format, derived from the model classes.

Editors (VS Code's YAML extension, for one) use it to check and complete a facts file
as it is typed. It is made by the same dispatcher the loader converts by
(``types.field_type``), so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any

import charts

from .check import CHART_METRICS
from .model import Brief
from .types import Record


DESCRIPTION = (
    "A brief's facts: its sources, parties, events, every figure as a claim with its "
    "provenance, quotations, and prose that refers to them as {claim-id}, {q:quote-id} "
    "and {date:YYYY-MM-DD} ({date:YYYY-MM-DD?} for a date the brief infers). Relations: "
    "'revises' is the same claimant replacing its own earlier figure; claims sharing a "
    "'quantity' are alternative figures from different claimants, printed side by side. "
    "A date the brief infers rather than a source states is written {date: ..., "
    "inferred: how}. A name with digits goes between backticks: `Nam Theun 2`.")


def json_schema() -> dict:
    definitions: dict[str, Any] = {}
    root = Record(Brief).object_schema(definitions)
    kind = definitions["Chart"]["properties"]["kind"]
    kind["enum"] = sorted(CHART_METRICS)
    kind["description"] = "Chart kind, and what each plots. " + " ".join(
        f"{name}: {_accepts(name)}." for name in sorted(CHART_METRICS))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "briefing facts file",
        "description": DESCRIPTION,
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def _accepts(kind: str) -> str:
    """What a kind plots, as its module states it."""
    return charts.kind_module(kind).RULES