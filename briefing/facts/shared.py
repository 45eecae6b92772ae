"""What every brief of a folder shares: ``frame.toml`` beside the facts files.

An institution's briefs share its name, contact, copyright line and disclaimer. They
are written once in ``frame.toml`` in the facts folder and stand in each brief's
``brief:`` block wherever the brief does not give its own. Each value is checked as
the same field of a facts file is (text, no control characters, no figure typed into
prose), with errors located in ``frame.toml``, and is translated through each brief's
facts catalog like the brief's own fields.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import yaml

from ..diagnostics import Collector, Location
from ..project import shown_path
from ..tomlfile import read_toml
from .model import Brief, Meta
from .types import INVALID, Text

NAME = "frame.toml"
FIELDS = ("institution", "contact", "copyright", "disclaimer")
MAX_BYTES = 64 * 1024


def path_of(folder: Path) -> Path:
    return folder / NAME


def with_shared_frame(brief: Brief, folder: Path, errors: Collector, converter) -> Brief:
    """The brief with the frame its folder shares filled in where it gives none."""
    path = path_of(folder)
    if not path.is_file() and not path.is_symlink():
        return brief
    shown = shown_path(path)
    read = read_toml(path, shown, errors, limit=MAX_BYTES, what="file",
                     levels=f"{NAME} needs one")
    if read is None:
        return brief
    values, text = read
    meta, changes = brief.brief, {}
    locs = dict(meta.locs)
    conv = type(converter)(shown, errors, text)
    for key, value in values.items():
        node = _node(text, shown, key, value)
        if key not in FIELDS:
            conv.error(node, f"unknown field '{key}'; {NAME} may give "
                             f"{', '.join(FIELDS)}")
            continue
        if not isinstance(value, str):
            conv.error(node, f"{key} must be text, not {type(value).__name__}")
            continue
        prose = dataclasses.fields(Meta)
        spec = next(f for f in prose if f.name == key).metadata
        checked = Text().convert(conv, node, key, spec)
        if checked is not INVALID and getattr(meta, key) is None:
            changes[key] = checked
            locs[key] = conv.where(node)
    if not changes:
        return brief
    shared = dataclasses.replace(meta, **changes, locs=locs)
    return dataclasses.replace(brief, brief=shared)


def _node(text: str, shown: str, key: str, value) -> yaml.ScalarNode:
    """A scalar standing where ``key``'s value is written, for the field checks."""
    found = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=[ \t]*", text, re.MULTILINE)
    start = found.end() if found else 0
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text.count("\n", 0, start)
    column = start - (text.rfind("\n", 0, start) + 1)
    return yaml.ScalarNode("tag:yaml.org,2002:str", value if isinstance(value, str) else "",
                           start_mark=yaml.Mark(shown, start, line, column, None, None),
                           end_mark=yaml.Mark(shown, end, line, column + end - start,
                                              None, None))
