"""What every brief of a folder, or of a project, shares: ``frame.toml`` beside the facts
files, and the ``[frame]`` of the project's ``briefing.toml``.

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

from ..config import FRAME_FIELDS, load_settings, project_file
from ..diagnostics import Collector
from ..project import shown_path
from ..tomlfile import read_toml
from .model import Brief, Meta
from .types import INVALID, Text

NAME = "frame.toml"
FIELDS = FRAME_FIELDS
MAX_BYTES = 64 * 1024


def path_of(folder: Path) -> Path:
    return folder / NAME


def with_shared_frame(brief: Brief, folder: Path, errors: Collector, converter) -> Brief:
    """The brief with the frame its folder shares (``frame.toml``), then its project's
    (``briefing.toml``: ``[frame]``, and ``[build] locales`` when it lists none),
    filled in where it gives none."""
    path = path_of(folder)
    if path.is_file() or path.is_symlink():
        shown = shown_path(path)
        read = read_toml(path, shown, errors, limit=MAX_BYTES, what="file",
                         levels=f"{NAME} needs one")
        if read is not None:
            values, text = read
            for key in values:
                if key not in FIELDS:
                    node = _node(text, shown, key, values[key])
                    type(converter)(shown, errors, text).error(
                        node, f"unknown field '{key}'; {NAME} may give {', '.join(FIELDS)}")
            brief = _fill(brief, values.items(), shown, text, errors, converter)
    config = project_file(folder)
    if config is None:
        return brief
    settings = load_settings(config, errors)
    text = config.read_text("utf-8")
    brief = _fill(brief, settings.frame, shown_path(config), text, errors, converter)
    if not brief.brief.locales and settings.default_locales:
        meta = brief.brief
        where = _node(text, shown_path(config), "locales", "")
        locs = {**meta.locs, "locales": converter.where(where)}
        brief = dataclasses.replace(brief, brief=dataclasses.replace(
            meta, locales=settings.default_locales, locs=locs))
    return brief


def _fill(brief: Brief, values, shown: str, text: str, errors: Collector,
          converter) -> Brief:
    """The brief with each (field, text) of a shared frame where it gives none."""
    meta, changes = brief.brief, {}
    locs = dict(meta.locs)
    conv = type(converter)(shown, errors, text)
    for key, value in values:
        if key not in FIELDS:
            continue
        node = _node(text, shown, key, value)
        if not isinstance(value, str):
            conv.error(node, f"{key} must be text, not {type(value).__name__}")
            continue
        spec = next(f for f in dataclasses.fields(Meta) if f.name == key).metadata
        checked = Text().convert(conv, node, key, spec)
        if checked is not INVALID and getattr(meta, key) is None:
            changes[key] = checked
            locs[key] = conv.where(node)
    if not changes:
        return brief
    return dataclasses.replace(brief, brief=dataclasses.replace(meta, **changes, locs=locs))


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
