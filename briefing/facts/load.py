"""Loading a facts file: YAML text to located nodes to a checked, immutable Brief.

The file is read with PyYAML's composer, which keeps a line and column for every
node, and converted by the model's type hints (``types.field_type``), so that every
problem of a file is collected with its location instead of stopping at the first.
``load_brief`` raises InputError with all of them; a Brief that comes back is
complete and consistent.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Optional

import yaml

from ..diagnostics import Collector, Diagnostic, InputError, Location
from ..files import read_input
from ..project import shown_path
from .check import check_brief
from .geojson import with_geojson
from .shared import with_shared_frame
from .model import Brief
from .types import INVALID, field_type

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40  # the facts format nests about seven levels
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_brief(path: Path, warnings: Optional[Collector] = None,
               strict: bool = False, within: Optional[Path] = None) -> Brief:
    """Read and validate one facts file; raise InputError listing all its problems.
    Warnings of a file that loads go to ``warnings``; ``strict`` makes them errors.
    ``within`` is the project, which a symbolic link may not lead out of."""
    shown = shown_path(path)
    errors = Collector()
    text = read_input(path, shown, errors, limit=MAX_BYTES, expected="YAML text",
                      within=within)
    if text is not None and not text.strip():
        errors.error(Location(shown, 1, 1),
                     "file is empty; expected a brief (see 'briefing schema')")
    errors.raise_if_errors()
    return parse_brief(text, shown, warnings, strict, folder=path.parent)


def parse_brief(text: str, shown: str, warnings: Optional[Collector] = None,
                strict: bool = False, folder: Optional[Path] = None) -> Brief:
    """Validate the text of a facts file; ``shown`` names it in messages, ``folder``
    is where it stands (its maps' GeoJSON files are read from there; by default the
    folder of ``shown``)."""
    errors = Collector()
    node = compose(text, shown, errors)
    errors.raise_if_errors()
    converter = Converter(shown, errors, text)
    fields = [f.name for f in dataclasses.fields(Brief) if not f.metadata.get("internal")]
    if isinstance(node, yaml.MappingNode) and not any(
            isinstance(key, yaml.ScalarNode) and key.value in fields for key, _ in node.value):
        # Not one field of a brief: no facts file (a file of the system named by
        # mistake, maybe), and none of its keys is echoed.
        converter.error(node, f"the brief file has none of the fields of a brief "
                              f"({', '.join(fields)}); is it a facts file?")
        errors.raise_if_errors()
    brief = field_type(Brief).convert(converter, node, "", {})
    if brief is not INVALID:
        folder = Path(shown).parent if folder is None else folder
        brief = with_shared_frame(with_geojson(brief, folder, errors), folder, errors,
                                  converter)
        check_brief(brief, errors, converter.broken_ids)
    if strict:
        errors.diagnostics = [Diagnostic(d.location, "error", d.message)
                              for d in errors.diagnostics]
    errors.raise_if_errors()
    if warnings is not None:
        warnings.diagnostics.extend(errors.diagnostics)
    if brief is INVALID:  # pragma: no cover - conversion failures always report
        raise InputError([])
    return brief


def compose(text: str, shown: str, errors: Collector) -> Optional[yaml.Node]:
    """The YAML node tree of a text, or None after reporting the syntax error."""
    try:
        # Aliases are refused where they stand, before anything could expand them, and
        # so is nesting deeper than any brief's, before the composer recurses into it
        # (100,000 nested brackets crashed it with a segmentation fault).
        aliases, depth = [], 0
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent):
                aliases.append(event.start_mark)
            elif isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    errors.error(Location(shown, mark.line + 1, mark.column + 1),
                                 f"YAML nested more than {MAX_DEPTH} levels deep; a brief "
                                 "needs a few")
                    return None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
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
    """What the field types need while converting: where a node is, and a place to
    report what is wrong with it."""

    def __init__(self, shown: str, errors: Collector, text: str = ""):
        self.shown = shown
        self.errors = errors
        self.text = text
        # Ids of nodes that had errors of their own, so that their uses do not
        # cascade into "unknown claim" errors.
        self.broken_ids: set[str] = set()

    def where(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.shown, mark.line + 1, mark.column + 1)

    def error(self, node: yaml.Node, message: str) -> Any:
        self.errors.error(self.where(node), message)
        return INVALID

    def within(self, node: yaml.Node, value: str, offset: int, needle: str) -> Location:
        """Where ``needle``, found at ``offset`` of a scalar's value, stands in the file:
        the same occurrence in the scalar's source text (quotes, escapes and folded
        lines shift it), or the scalar's start when it cannot be found there."""
        raw = self.text[node.start_mark.index:node.end_mark.index]
        nth = value[:offset].count(needle)
        at = -1
        for _ in range(nth + 1):
            at = raw.find(needle, at + 1)
            if at < 0:
                return self.where(node)
        before = self.text[:node.start_mark.index + at]
        line = before.count("\n") + 1
        return Location(self.shown, line, len(before) - (before.rfind("\n") + 1) + 1)
