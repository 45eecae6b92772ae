"""The JSON Schema of the facts format, derived from the model classes.

Editors (VS Code's YAML extension, for one) use it to check and complete a facts file
as it is typed. It is made by the same dispatcher the loader converts by
(``types.field_type``), so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from .model import Brief
from .types import Record


def json_schema() -> dict:
    definitions: dict[str, Any] = {}
    root = Record(Brief).object_schema(definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "briefing facts file",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }
