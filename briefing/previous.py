"""The previous edition a build compares against (``--since``, ``make ... SINCE=``).

``SINCE`` is either a git revision (a tag such as ``v1``, a commit): the facts file as
it was in that revision, read with ``git show``; or a path: a previous facts file, or a
folder of them, matched by brief id. A brief that the revision or folder does not hold
is new, and its editions carry no comparison (a warning says so). A previous facts file
that no longer loads (the format has moved on) is reported as warnings, located in that
file, and the edition carries no comparison; ``--strict`` makes them errors.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .diagnostics import Collector, InputError, Location
from .facts.load import MAX_BYTES, load_brief, parse_brief
from .facts.model import Brief, Meta
from .project import shown_path


@dataclass(frozen=True)
class Previous:
    brief: Brief
    since: str   # as the caller gave it: "v1", "archive/2023-11"
    shown: str   # where the previous facts were read: "v1:facts/x.yaml"


def named_files(brief: Brief, facts: Path) -> list[Path]:
    """The files a brief names: its maps' GeoJSON and its previous edition (the rest
    of what its editions are made from is listed by ``inputs.edition_files``)."""
    from .facts.geojson import files as geojson_files

    found = geojson_files(brief, facts)
    if brief.brief.previous:
        path = facts.parent / brief.brief.previous
        if path.is_file() and path.resolve().is_relative_to(facts.resolve().parent):
            found.append(path)
    return found


def find_previous(since: str, facts: Path, brief_id: str,
                  problems: Collector) -> Optional[Previous]:
    """The previous edition of the brief in ``facts``; None when there is none (a
    warning) or it cannot be read (an error, or warnings for a file that no longer
    loads)."""
    here = Location(shown_path(facts))
    if since.startswith("-") or not since.strip():
        problems.error(here, f"--since {since!r}: expected a git revision or a path")
        return None
    path, reported = Path(since), len(problems.diagnostics)
    if path.exists():
        found = _from_files(path, brief_id, problems)
    else:
        found = _from_git(since, facts, here, problems)
    if found is None and len(problems.diagnostics) == reported:
        problems.warning(here, f"no previous edition of '{brief_id}' in {since}: its "
                               "editions say nothing of what changed")
    return found


def declared_previous(meta: Meta, facts: Path, problems: Collector) -> Optional[Previous]:
    """The previous edition the facts file names (``brief.previous``): a file inside
    the facts file's folder, reached without leaving it through a symbolic link."""
    where = meta.where("previous")
    folder = facts.resolve().parent
    target = Path(meta.previous)
    if target.is_absolute() or ".." in target.parts:
        problems.error(where, f"previous edition '{meta.previous}' must be a path inside "
                              "the facts file's folder, like editions/x.1.yaml")
        return None
    path = (facts.parent / target)
    if not path.resolve().is_relative_to(folder):
        problems.error(where, f"previous edition '{meta.previous}' leads out of the facts "
                              "file's folder through a symbolic link")
        return None
    if not path.is_file():
        problems.error(where, f"previous edition '{meta.previous}' not found")
        return None
    found = _from_files(path, meta.id, problems)
    if found is None:
        problems.warning(where, f"previous edition '{meta.previous}' is not an edition "
                                f"of '{meta.id}': nothing to compare against")
    return found


def _from_files(path: Path, brief_id: str, problems: Collector) -> Optional[Previous]:
    for candidate in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
        brief = _loaded(lambda: load_brief(candidate), problems)
        if brief is not None and brief.brief.id == brief_id:
            return Previous(brief, str(path), shown_path(candidate))
    return None


def _from_git(since: str, facts: Path, here: Location,
              problems: Collector) -> Optional[Previous]:
    folder = facts.resolve().parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top is None:
        problems.error(here, f"--since {since!r}: no such file, and {shown_path(facts)} "
                             "is not in a git checkout")
        return None
    revision = _git(["rev-parse", "--verify", "--quiet", f"{since}^{{commit}}"], folder)
    if revision is None:
        problems.error(here, f"--since {since!r}: neither a file nor a git revision")
        return None
    inside = facts.resolve().relative_to(Path(top.decode().strip()).resolve()).as_posix()
    text = _git(["show", f"{revision.decode().strip()}:{inside}"], folder)
    if text is None:
        return None  # not in that revision: the brief is new since
    shown = f"{since}:{inside}"
    if len(text) > MAX_BYTES:
        problems.error(Location(shown), f"file is larger than {MAX_BYTES} bytes")
        return None
    # Its maps' GeoJSON files are read from the working tree: what changed is figures
    # and events, and a map's data only needs to load.
    brief = _loaded(lambda: parse_brief(text.decode("utf-8", "replace"), shown,
                                        folder=facts.parent), problems)
    return Previous(brief, since, shown) if brief is not None else None


def _loaded(read, problems: Collector) -> Optional[Brief]:
    """A previous brief, or None with its errors reported as warnings."""
    try:
        return read()
    except InputError as exc:
        for diagnostic in exc.diagnostics:
            problems.warning(diagnostic.location,
                             f"previous edition not compared: {diagnostic.message}")
        return None


def _git(args: list[str], folder: Path) -> Optional[bytes]:
    """git's output, or None when git fails or is not installed."""
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                              timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
