"""The one dispatcher on the model's type hints: how each kind of field is read from
YAML and how it is described in the JSON Schema, side by side.

``field_type(hint)`` maps a type hint of the model to a FieldType; the loader calls
its ``convert`` and ``briefing schema`` its ``schema``, so the two cannot drift apart.
Decided against pydantic (docs/architecture.md): the loader keeps the line and column
of every value and reports all errors of a file at once, in a plain dispatcher.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
import re
import typing
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Literal, Union

import yaml

from ..textlimits import text_problems
from . import prose
from .model import InferredDate, Node, PartialDate


# A class's annotations, resolved once: resolving was half the time of converting a brief.
_type_hints = lru_cache(maxsize=None)(typing.get_type_hints)
INVALID = object()  # a value that could not be converted; its error is collected
_SCALARS = yaml.SafeLoader("")  # constructs numbers from scalar nodes
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# Patterns as the user reads them in an error message.
PATTERN_WORDS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "lowercase letters, digits and single hyphens",
    r"^[a-z]{2,3}(?:_[A-Z]{2})?$": "a language code such as en or vi",
    r"^https?://\S+$": "an http or https address",
    r"^[a-z][a-z0-9_]*$": "lowercase letters, digits and underscores, starting with a letter",
}


class Items(list):
    """A converted list: (value, location) pairs, so each item can be pointed at."""


class FieldType(ABC):
    """One kind of field: how it is read from YAML and how the schema describes it."""

    @abstractmethod
    def convert(self, conv, node: yaml.Node, what: str, meta: dict) -> Any:
        """The value of ``node``, or INVALID after reporting what is wrong."""

    @abstractmethod
    def schema(self, definitions: dict, meta: dict) -> dict:
        """The JSON Schema of the field."""


class Optional_(FieldType):
    def __init__(self, inner: FieldType):
        self.inner = inner

    def convert(self, conv, node, what, meta):
        return None if is_null(node) else self.inner.convert(conv, node, what, meta)

    def schema(self, definitions, meta):
        return self.inner.schema(definitions, meta)


MAX_FIGURE = 10 ** 15  # no count, budget or flow a brief prints comes near it


class Number(FieldType):
    """An int, or a Decimal that keeps the digits written (13.50 stays 13.50)."""

    def convert(self, conv, node, what, meta):
        tag = node.tag.rsplit(":", 1)[-1] if isinstance(node, yaml.ScalarNode) else None
        written = node.value.replace("_", "") if tag in ("int", "float") else ""
        if written.lower().lstrip("+-") in (".nan", ".inf"):
            return conv.error(node, f"{what} must be a finite number, not '{node.value}'")
        value = None
        if tag == "int" and re.fullmatch(r"[-+]?(?:0|[1-9][0-9]*)", written):
            value = int(written)
        elif tag == "float":
            try:
                value = Decimal(written)
            except InvalidOperation:
                pass
        if value is None and written:  # YAML 1.1: 017 is 15, 0x1F 31, 190:20:30 685230
            return conv.error(node, f"{what} '{node.value}' is not written in decimal digits;"
                                    " write the figure as it prints, such as 30000 or 13.5")
        if not isinstance(value, (int, Decimal)) or isinstance(value, bool):
            return conv.error(node, f"{what} must be a number, not {kind_of(node)}")
        if abs(value) > MAX_FIGURE:
            return conv.error(node, f"{what} {node.value} is beyond any figure a brief "
                                    f"prints (at most 10^15)")
        return value

    def schema(self, definitions, meta):
        return {"type": "number"}


class Whole(FieldType):
    """A positive whole number (an edition's number)."""

    def convert(self, conv, node, what, meta):
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            try:
                value = _SCALARS.construct_object(node)
            except (yaml.YAMLError, ValueError):
                value = None
            if isinstance(value, int) and 1 <= value <= 10 ** 6:
                return value
        shown = node.value if isinstance(node, yaml.ScalarNode) else kind_of(node)
        return conv.error(node, f"{what} must be a whole number from 1, not {shown}")

    def schema(self, definitions, meta):
        return {"type": "integer", "minimum": 1}


class Choice(FieldType):
    def __init__(self, options: tuple):
        self.options = options

    def convert(self, conv, node, what, meta):
        if isinstance(node, yaml.ScalarNode) and node.value in self.options:
            return node.value
        shown = node.value if isinstance(node, yaml.ScalarNode) else kind_of(node)
        return conv.error(node, f"{what} '{shown}' is not known; expected one of: "
                                f"{', '.join(self.options)}")

    def schema(self, definitions, meta):
        return {"enum": list(self.options)}


class Flag(FieldType):
    def convert(self, conv, node, what, meta):
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return node.value.lower() in ("true", "yes", "on")
        return conv.error(node, f"{what} must be true or false, not {kind_of(node)}")

    def schema(self, definitions, meta):
        return {"type": "boolean"}


class Date(FieldType):
    """YYYY, YYYY-MM or YYYY-MM-DD as a source states it; or, when the brief infers
    the date, {date: YYYY-MM-DD, inferred: how it is inferred}."""

    def convert(self, conv, node, what, meta):
        if isinstance(node, yaml.MappingNode):
            return self.inferred(conv, node, what)
        if not isinstance(node, yaml.ScalarNode) or is_null(node):
            return conv.error(node, f"{what} must be a date (YYYY, YYYY-MM or YYYY-MM-DD), "
                                    f"not {kind_of(node)}")
        try:
            return PartialDate.parse(node.value)
        except ValueError as exc:
            return conv.error(node, f"{what}: {exc}")

    def inferred(self, conv, node, what):
        fields = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in ("date", "inferred"):
                return conv.error(key_node, f"unknown field '{key}' in {what}; an inferred "
                                            "date has: date, inferred")
            fields[key] = value_node
        for key in ("date", "inferred"):
            if key not in fields:
                return conv.error(node, f"{what} lacks '{key}': write {{date: YYYY-MM-DD, "
                                        "inferred: how the brief infers it}")
        date = self.convert(conv, fields["date"], f"{what}.date", {})
        basis = Text().convert(conv, fields["inferred"], f"{what}.inferred", {})
        if date is INVALID or basis is INVALID:
            return INVALID
        return InferredDate(date.year, date.month, date.day, basis=basis,
                            loc=conv.where(node),
                            locs=MappingProxyType({"basis": conv.where(fields["inferred"]),
                                                   "date": conv.where(fields["date"])}))

    def schema(self, definitions, meta):
        stated = {"type": ["string", "integer"], "pattern": DATE_PATTERN}
        return {"anyOf": [stated, {
            "type": "object", "additionalProperties": False, "required": ["date", "inferred"],
            "description": "A date the brief infers rather than a source states; it prints "
                           "with a mark and its basis is listed.",
            "properties": {"date": stated,
                           "inferred": {"type": "string", "minLength": 1,
                                        "description": "How the date is inferred."}}}]}


class Text(FieldType):
    def convert(self, conv, node, what, meta):
        if not isinstance(node, yaml.ScalarNode) or is_null(node):
            return conv.error(node, f"{what} must be text, not {kind_of(node)}")
        value = node.value
        if not value.strip():
            return conv.error(node, f"{what} must not be empty")
        problems = list(text_problems(value))
        for offset, needle, message in problems:
            conv.errors.error(conv.within(node, value, offset, needle), message)
        if problems:
            return INVALID
        pattern = meta.get("pattern")
        if pattern and re.fullmatch(pattern.strip("^$"), value) is None:
            shown = value if value.isprintable() else repr(value)[1:-1]
            return conv.error(node, f"{what} '{shown}' is not valid; expected "
                                    f"{PATTERN_WORDS.get(pattern, 'to match ' + pattern)}")
        if meta.get("prose"):
            self.figure_rule(conv, node, value)
        return value

    @staticmethod
    def figure_rule(conv, node, value: str) -> None:
        """A figure typed into prose is an error where it stands."""
        try:
            found = list(prose.stray_figures(value))
        except prose.ProseError:
            return  # reported with the placeholders, by the checks
        for offset, figure in found:
            conv.errors.error(conv.within(node, value, offset, figure),
                              f"figure '{figure}' typed into prose; every figure must be a "
                              "claim, referenced as {claim-id} (a name with digits goes "
                              "between backticks: `Nam Theun 2`)")

    def schema(self, definitions, meta):
        out = {"type": "string", "minLength": 1}
        if meta.get("pattern"):
            out["pattern"] = meta["pattern"]
        return out


class Sequence(FieldType):
    def __init__(self, item: FieldType):
        self.item = item

    def convert(self, conv, node, what, meta):
        if not isinstance(node, yaml.SequenceNode):
            return conv.error(node, f"{what} must be a list, not {kind_of(node)}")
        items = Items()
        for index, item in enumerate(node.value):
            value = self.item.convert(conv, item, f"{what}[{index + 1}]", meta)
            if value is not INVALID:
                items.append((value, conv.where(item)))
        return items

    def schema(self, definitions, meta):
        return {"type": "array", "items": self.item.schema(definitions, meta)}


class Pair(FieldType):
    """Two values written as a list of two: a [lat, lon] position."""

    def __init__(self, item: FieldType):
        self.item = item

    def convert(self, conv, node, what, meta):
        if not isinstance(node, yaml.SequenceNode) or len(node.value) != 2:
            return conv.error(node, f"{what} must be a pair [lat, lon], not "
                                    f"{kind_of(node)}")
        values = tuple(self.item.convert(conv, item, what, meta) for item in node.value)
        return INVALID if INVALID in values else values

    def schema(self, definitions, meta):
        item = self.item.schema(definitions, meta)
        return {"type": "array", "items": item, "minItems": 2, "maxItems": 2}


class Record(FieldType):
    """A model class: a YAML mapping whose keys are the class's fields."""

    def __init__(self, cls: type):
        self.cls = cls

    def fields(self) -> dict:
        return {f.name: f for f in dataclasses.fields(self.cls)
                if not f.metadata.get("internal")}

    def convert(self, conv, node, what, meta):
        cls = self.cls
        where = what or "the brief file"
        if getattr(cls, "SHORTHAND", None) and isinstance(node, yaml.ScalarNode) \
                and not is_null(node):
            # A record that may be written as plain text (a paragraph), checked as the
            # field it stands for (prose: no figure typed into it).
            text = Text().convert(conv, node, what, self.fields()[cls.SHORTHAND].metadata)
            if text is INVALID:
                return INVALID
            return cls(loc=conv.where(node),
                       locs=MappingProxyType({cls.SHORTHAND: conv.where(node)}),
                       **{cls.SHORTHAND: text})
        if not isinstance(node, yaml.MappingNode):  # a whole file's text never echoed
            return conv.error(node, f"{where} must be a mapping of fields, not "
                                    f"{kind_of(node, quoted=bool(what))}")
        fields = self.fields()
        hints = _type_hints(cls)
        values: dict[str, Any] = {}
        locs: dict = {}
        failed = False
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in fields:
                conv.error(key_node, (f"unknown field '{key}'" if key is not None else f"a "
                           f"field name that is {kind_of(key_node)}") + f" in {where}; "
                           f"expected one of: {', '.join(fields)}")
                failed = True
                continue
            if key in locs:
                conv.error(key_node, f"field '{key}' appears twice in {where}")
                failed = True
                continue
            locs[key] = conv.where(value_node)
            value = field_type(hints[key]).convert(
                conv, value_node, f"{what}.{key}" if what else key, dict(fields[key].metadata))
            if value is INVALID:
                failed = True
                continue
            if isinstance(value, Items):
                for index, (_, item_loc) in enumerate(value):
                    locs[f"{key}[{index}]"] = item_loc
                value = tuple(v for v, _ in value)
            values[key] = value
        for name, f in fields.items():
            if f.metadata.get("required") and name not in locs:
                conv.error(node, f"{where} lacks the required field '{name}'")
                failed = True
        if failed:
            if isinstance(values.get("id"), str):
                conv.broken_ids.add(values["id"])
            return INVALID
        return cls(loc=conv.where(node), locs=MappingProxyType(locs), **values)

    def schema(self, definitions, meta):
        name = self.cls.__name__
        if name not in definitions:
            definitions[name] = {}  # a placeholder while the class describes itself
            definitions[name] = self.object_schema(definitions)
        ref = {"$ref": f"#/$defs/{name}"}
        if getattr(self.cls, "SHORTHAND", None):
            return {"anyOf": [{"type": "string", "minLength": 1}, ref]}
        return ref

    def object_schema(self, definitions: dict) -> dict:
        hints = _type_hints(self.cls)
        properties, required = {}, []
        for name, f in self.fields().items():
            prop = field_type(hints[name]).schema(definitions, dict(f.metadata))
            prop["description"] = f.metadata["doc"]
            properties[name] = prop
            if f.metadata.get("required"):
                required.append(name)
        schema = {"type": "object", "properties": properties, "additionalProperties": False}
        if required:
            schema["required"] = required
        return schema


@lru_cache(maxsize=None)
def field_type(hint: Any) -> FieldType:
    """The FieldType of a type hint of the model."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Union:
        options = [a for a in args if a is not type(None)]
        inner = Number() if options == [int, Decimal] else field_type(options[0])
        return Optional_(inner) if type(None) in args else inner
    if origin is Literal:
        return Choice(args)
    if origin is tuple and len(args) == 2 and args[1] is not Ellipsis:
        return Pair(field_type(args[0]))
    if origin is tuple:
        return Sequence(field_type(args[0]))
    if hint is PartialDate:
        return Date()
    if hint is bool:
        return Flag()
    if hint is int:
        return Whole()
    if hint is str:
        return Text()
    if dataclasses.is_dataclass(hint) and issubclass(hint, Node):
        return Record(hint)
    raise TypeError(f"no field type for {hint!r}")  # a fault of ours


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def kind_of(node: yaml.Node, quoted: bool = True) -> str:
    """What a YAML node is, in words (with the start of its text when ``quoted``)."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if is_null(node):
        return "nothing"
    tag = node.tag.rsplit(":", 1)[-1]
    words = {"int": "a number", "float": "a number", "bool": "true/false",
             "timestamp": "a date", "str": "text"}
    return f"{words.get(tag, tag)} '{node.value[:40]}'" if quoted else words.get(tag, tag)
