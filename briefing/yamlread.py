"""Reading YAML into located nodes, and typed model objects out of those nodes.

The facts files are read with PyYAML's composer (which keeps a line and column for
every node) and converted by the type hints of the model classes, so that every
problem of a file is collected with its location instead of stopping at the first.
"""

from __future__ import annotations

import dataclasses
import re
import typing
import unicodedata
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, Optional, Union

import yaml

from .diagnostics import Collector, Location
from .model import Node, PartialDate

MAX_BYTES = 2 * 1024 * 1024
INVALID = object()  # a value that could not be converted; its error is collected
_SCALARS = yaml.SafeLoader("")  # constructs numbers from scalar nodes


class Items(list):
    """A converted list: (value, location) pairs, so each item can be pointed at."""
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(path: Path, shown: str, errors: Collector) -> Optional[str]:
    """The file's text, NFC-normalized, or None after reporting why it cannot be read."""
    start = Location(shown, 1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            errors.error(start, f"file is too large ({size} bytes); a facts file may hold "
                                f"at most {MAX_BYTES} bytes")
            return None
        data = path.read_bytes()
    except OSError as exc:
        errors.error(start, f"cannot read file: {exc.strerror or exc}")
        return None
    if b"\0" in data:
        errors.error(start, "file is binary, not YAML text")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[:exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        errors.error(Location(shown, line, col),
                     f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8")
        return None
    if not text.strip():
        errors.error(start, "file is empty; expected a brief (see 'briefing schema')")
        return None
    return unicodedata.normalize("NFC", text)


def compose(text: str, shown: str, errors: Collector) -> Optional[yaml.Node]:
    """The YAML node tree of a text, or None after reporting the syntax error."""
    try:
        # Aliases are refused where they stand, before anything could expand them.
        aliases = [event.start_mark for event in yaml.parse(text, Loader=Loader)
                   if isinstance(event, yaml.AliasEvent)]
        for mark in aliases:
            errors.error(Location(shown, mark.line + 1, mark.column + 1),
                         "YAML aliases are not supported in facts files; write the value out")
        if aliases:
            return None
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else Location(shown)
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark:
            problem += f" ({exc.context} at line {exc.context_mark.line + 1})"
        errors.error(where, f"YAML syntax: {problem}")
        return None
    except yaml.YAMLError as exc:
        errors.error(Location(shown), f"YAML syntax: {exc}")
        return None
    if node is None:
        errors.error(Location(shown), "file holds no YAML document")
    return node


class Converter:
    """Turns located YAML nodes into model objects, collecting every error."""

    def __init__(self, shown: str, errors: Collector):
        self.shown = shown
        self.errors = errors

    def where(self, node: yaml.Node, offset: int = 0) -> Location:
        mark = node.start_mark
        col = mark.column + 1
        if offset and node.end_mark.line == mark.line:
            quoted = isinstance(node, yaml.ScalarNode) and node.style in ("'", '"')
            col += offset + (1 if quoted else 0)
        return Location(self.shown, mark.line + 1, col)

    def error(self, node: yaml.Node, message: str, offset: int = 0) -> Any:
        self.errors.error(self.where(node, offset), message)
        return INVALID

    # -- dispatch on the type hint -------------------------------------------------
    def convert(self, node: yaml.Node, hint: Any, what: str, meta: dict) -> Any:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin is Union:
            if _is_null(node):
                return None
            options = [a for a in args if a is not type(None)]
            if options == [int, float]:
                return self.number(node, what)
            return self.convert(node, options[0], what, meta)
        if origin is Literal:
            return self.choice(node, args, what)
        if origin is tuple:
            return self.sequence(node, args[0], what, meta)
        if dataclasses.is_dataclass(hint) and issubclass(hint, Node):
            return self.mapping(node, hint, what)
        if hint is PartialDate:
            return self.date(node, what)
        if hint is str:
            return self.string(node, what, meta)
        raise TypeError(f"no conversion for {hint!r}")  # a fault of ours

    def string(self, node: yaml.Node, what: str, meta: dict) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            return self.error(node, f"{what} must be text, not {_kind(node)}")
        value = node.value
        if not value.strip():
            return self.error(node, f"{what} must not be empty")
        pattern = meta.get("pattern")
        if pattern and not _fullmatch(pattern, value):
            return self.error(node, f"{what} '{value}' is not valid; expected "
                                    f"{_PATTERN_WORDS.get(pattern, 'to match ' + pattern)}")
        return value

    def number(self, node: yaml.Node, what: str) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.tag in (
                "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            try:
                value = _SCALARS.construct_object(node)
            except (yaml.YAMLError, ValueError):
                value = None
            if isinstance(value, (int, float)) and value == value and abs(value) != float("inf"):
                return value
        return self.error(node, f"{what} must be a number, not {_kind(node)}")

    def date(self, node: yaml.Node, what: str) -> Any:
        if not isinstance(node, yaml.ScalarNode) or _is_null(node):
            return self.error(node, f"{what} must be a date (YYYY, YYYY-MM or YYYY-MM-DD), "
                                    f"not {_kind(node)}")
        try:
            return PartialDate.parse(node.value)
        except ValueError as exc:
            return self.error(node, f"{what}: {exc}")

    def choice(self, node: yaml.Node, options: tuple, what: str) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.value in options:
            return node.value
        shown = node.value if isinstance(node, yaml.ScalarNode) else _kind(node)
        return self.error(node, f"{what} '{shown}' is not known; expected one of: "
                                f"{', '.join(options)}")

    def sequence(self, node: yaml.Node, item_hint: Any, what: str, meta: dict) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return self.error(node, f"{what} must be a list, not {_kind(node)}")
        items = Items()
        for index, item in enumerate(node.value):
            value = self.convert(item, item_hint, f"{what}[{index + 1}]", meta)
            if value is not INVALID:
                items.append((value, self.where(item)))
        return items

    def mapping(self, node: yaml.Node, cls: type, what: str) -> Any:
        if cls.__name__ == "Prose" and isinstance(node, yaml.ScalarNode) and not _is_null(node):
            # A paragraph may be written as plain text.
            text = self.string(node, what, {})
            if text is INVALID:
                return INVALID
            return cls(loc=self.where(node), locs=MappingProxyType({"text": self.where(node)}),
                       text=text)
        if not isinstance(node, yaml.MappingNode):
            return self.error(node, f"{what or 'the brief file'} must be a mapping of fields, "
                                    f"not {_kind(node)}")
        fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        locs: dict[str, Location] = {}
        failed = False
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in fields:
                self.error(key_node, f"unknown field '{key}' in {what or 'the brief file'}; "
                                     f"expected one of: {', '.join(fields)}")
                failed = True
                continue
            if key in values or key in locs:
                self.error(key_node, f"field '{key}' appears twice in "
                                     f"{what or 'the brief file'}")
                failed = True
                continue
            locs[key] = self.where(value_node)
            value = self.convert(value_node, hints[key], f"{what}.{key}" if what else key,
                                 dict(fields[key].metadata))
            if value is INVALID:
                failed = True
                continue
            if isinstance(value, Items):
                for index, (_, item_loc) in enumerate(value):
                    locs[f"{key}[{index}]"] = item_loc
                value = tuple(v for v, _ in value)
            values[key] = value
        for name, f in fields.items():
            if f.metadata.get("required") and name not in values and name not in locs:
                self.error(node, f"{what or 'the brief file'} lacks the required field "
                                 f"'{name}'")
                failed = True
        if failed:
            return INVALID
        return cls(loc=self.where(node), locs=MappingProxyType(locs), **values)


_PATTERN_WORDS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "lowercase letters, digits and single hyphens",
    r"^[a-z]{2,3}(?:_[A-Z]{2})?$": "a language code such as en or vi",
    r"^https?://\S+$": "an http or https address",
}


def _fullmatch(pattern: str, value: str) -> bool:
    return re.match(pattern, value) is not None


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if _is_null(node):
        return "nothing"
    tag = node.tag.rsplit(":", 1)[-1]
    words = {"int": "a number", "float": "a number", "bool": "true/false",
             "timestamp": "a date", "str": "text"}
    return f"{words.get(tag, tag)} '{node.value[:40]}'"
