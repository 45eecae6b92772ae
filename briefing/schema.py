"""The JSON Schema of the facts format, derived from the model classes.

Editors (VS Code's YAML extension, for one) use it to check and complete a facts file
as it is typed. It is made from the same type hints the loader converts by, so the two
cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, Literal, Union

from .model import Brief, Node, PartialDate

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def json_schema() -> dict:
    definitions: dict[str, Any] = {}
    root = _object(Brief, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "briefing facts file",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


def _object(cls: type, definitions: dict) -> dict:
    hints = typing.get_type_hints(cls)
    properties = {}
    required = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        prop = _type(hints[f.name], definitions)
        prop["description"] = f.metadata["doc"]
        if f.metadata.get("pattern") and prop.get("type") == "string":
            prop["pattern"] = f.metadata["pattern"]
        if f.metadata.get("pattern") and prop.get("type") == "array":
            prop["items"]["pattern"] = f.metadata["pattern"]
        properties[f.name] = prop
        if f.metadata.get("required"):
            required.append(f.name)
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def _type(hint: Any, definitions: dict) -> dict:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is Union:
        options = [a for a in args if a is not type(None)]
        if options == [int, float]:
            return {"type": "number", "minimum": 0}
        return _type(options[0], definitions)
    if origin is Literal:
        return {"enum": list(args)}
    if origin is tuple:
        return {"type": "array", "items": _type(args[0], definitions)}
    if hint is PartialDate:
        return {"type": ["string", "integer"], "pattern": DATE_PATTERN}
    if hint is str:
        return {"type": "string", "minLength": 1}
    if dataclasses.is_dataclass(hint) and issubclass(hint, Node):
        name = hint.__name__
        if name not in definitions:
            definitions[name] = {}
            definitions[name] = _object(hint, definitions)
        ref = {"$ref": f"#/$defs/{name}"}
        if name == "Prose":
            return {"anyOf": [{"type": "string", "minLength": 1}, ref]}
        return ref
    raise TypeError(f"no schema for {hint!r}")
