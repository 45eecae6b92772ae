"""A project's ``briefing.toml``: where its files live and how it builds by default.

The file marks a briefs project, as ``mkdocs.yml`` marks a MkDocs site: ``briefing``
looks for it from the current directory upwards. Every key is optional:

    [paths]                 folders, relative to the file's folder, inside it
    facts = "facts"         the facts files (*.yaml), frame.toml, maps, editions/
    locales = "locales"     the gettext catalogs and each locale's conventions.toml
    templates = "templates" templates overriding the shipped ones, file by file
    out = "dist"            where editions are written

    [build]                 defaults of ``briefing build`` (its options override them)
    locales = ["en"]        the editions of a brief that lists no locales
    paper = "a4"            a4 or letter
    two_sided = false       mirrored margins
    pdf_variant = "pdf/ua-1"  pdf/ua-1, pdf/a-3b or plain

    [frame]                 what every brief of the project shares, where neither the
    institution = "..."     brief nor its folder's frame.toml gives it: institution,
                            contact, copyright, disclaimer (checked as prose, in
                            ``facts.shared``)

Every error of the file is reported at once, located, before anything is built.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Optional

from .diagnostics import Collector, shown_path
from .tomlfile import at_key, read_toml

CONFIG_NAME = "briefing.toml"
PAPERS = ("a4", "letter")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "plain")
FRAME_FIELDS = ("institution", "contact", "copyright", "disclaimer")
LOCALE = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2}|_[A-Z][a-z]{3})?")


@dataclass(frozen=True)
class Settings:
    """What a project's ``briefing.toml`` says, with the defaults of one that is empty."""

    facts: Path = Path("facts")
    locales: Path = Path("locales")
    templates: Path = Path("templates")
    out: Path = Path("dist")
    paper: str = "a4"
    two_sided: bool = False
    pdf_variant: str = "pdf/ua-1"
    default_locales: tuple[str, ...] = ()  # [build] locales
    frame: tuple[tuple[str, str], ...] = ()  # (field, text), as written


_SCHEMA = {
    "paths": {"facts": "folder", "locales": "folder", "templates": "folder", "out": "folder"},
    "build": {"paper": PAPERS, "two_sided": bool, "pdf_variant": PDF_VARIANTS,
              "locales": "locales"},
    "frame": {name: "text" for name in FRAME_FIELDS},
}


def project_file(start: Path) -> Optional[Path]:
    """The briefing.toml of the project ``start`` is in: the nearest upwards, if any."""
    here = start.resolve()
    return next((d / CONFIG_NAME for d in (here, *here.parents)
                 if (d / CONFIG_NAME).is_file()), None)


def load_settings(path: Path, problems: Collector) -> Settings:
    """The settings of the project whose config file is ``path``; the defaults, after
    reporting every problem to ``problems``, when the file has any."""
    shown = shown_path(path)
    read = read_toml(path, shown, problems, limit=64 * 1024, what="project file",
                     levels=f"{CONFIG_NAME} needs two", within=path.parent)
    if read is None:
        return Settings()
    data, text = read
    values, errors = {}, len(problems.errors)
    for table, items in data.items():
        keys = _SCHEMA.get(table)
        if keys is None or not isinstance(items, dict):
            problems.error(at_key(text, shown, table), f"unknown table [{table}]; "
                           f"{CONFIG_NAME} has " + ", ".join(f"[{t}]" for t in _SCHEMA))
            continue
        for key, value in items.items():
            kind = keys.get(key)
            where = at_key(text, shown, key)
            if kind is None:
                problems.error(where, f"unknown key '{table}.{key}'; expected one of "
                                      f"{', '.join(keys)}")
            elif kind == "folder":
                why = _folder_problem(value)
                if why:
                    problems.error(where, f"'{table}.{key}' {why}")
                else:
                    values[key] = Path(value)
            elif kind == "locales":
                if not isinstance(value, list) or not value or not all(
                        isinstance(v, str) and LOCALE.fullmatch(v) for v in value):
                    problems.error(where, f"'{table}.{key}' must be a list of locale codes, "
                                          'such as ["en", "vi"]')
                else:
                    values["default_locales"] = tuple(value)
            elif kind == "text":
                if not isinstance(value, str):
                    problems.error(where, f"'{table}.{key}' must be text")
                else:
                    values.setdefault("frame", ())
                    values["frame"] += ((key, value),)
            elif kind is bool:
                if not isinstance(value, bool):
                    problems.error(where, f"'{table}.{key}' must be true or false")
                else:
                    values[key] = value
            elif value not in kind:
                problems.error(where, f"'{table}.{key}' must be one of "
                                      f"{', '.join(map(repr, kind))}")
            else:
                values[key] = value
    if len(problems.errors) > errors:
        return Settings()
    return dataclasses.replace(Settings(), **values)


def _folder_problem(value) -> Optional[str]:
    """Why ``value`` cannot name a folder of the project, if it cannot."""
    if not isinstance(value, str) or not value.strip():
        return "must be a folder's name, as text"
    parts = PurePosixPath(value.replace("\\", "/")).parts
    if value.startswith(("/", "\\", "~")) or (len(value) > 1 and value[1] == ":"):
        return "must be relative to the project's folder"
    if ".." in parts:
        return "must stay inside the project's folder (no '..')"
    if any(not c.isprintable() for c in value):
        return "holds a control character"
    return None
