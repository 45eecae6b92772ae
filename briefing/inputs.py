"""What an edition is made from: the one answer Make, watch and the release ask.

An edition (one brief in one locale) is made from its facts file, the files the brief
names (its maps' GeoJSON, its previous edition), the frame its folder shares
(``frame.toml``), its locale's ``conventions.toml`` and catalogs (the brief's facts
catalog, the project's ``messages.po`` and the one the tool ships), and the engine:
the compiler's code, its charts, the templates in use (the shipped theme and the
project's overrides) and the versions of the libraries that shape the bytes (and, for the chart cache, what
draws each kind of chart). A file
that may exist and does not is an input too, recorded as absent: adding it, or
removing it again, changes what the edition is made from, and is never an error here
(the build says whether the edition needs it).
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from importlib import metadata
from pathlib import Path
from typing import Optional

from .config import project_file
from .project import SHIPPED_LOCALES, SOURCE_LOCALE, Project

ABSENT = "absent"
FRAME = "frame.toml"
CONVENTIONS = "conventions.toml"
# The libraries whose versions shape an edition's bytes (the maps' data among them).
RENDERING = ("weasyprint", "pydyf", "fonttools", "jinja2", "babel", "matplotlib",
             "fontpkg-noto-serif", "fontpkg-noto-sans")
_PACKAGE = Path(__file__).resolve().parent


def edition_files(project: Project, facts: Path, locale: str, brief: str,
                  named: list[Path]) -> list[Path]:
    """Every file one edition is made from besides the engine, facts file first;
    ``named`` are the files the brief names (``previous.named_files``)."""
    files = [facts, *brief_files(facts, named), project.locales_dir / locale / CONVENTIONS,
             project.conventions_path(locale)]
    if locale != SOURCE_LOCALE:
        # The shipped catalog is listed even where it is the project's own (in the
        # tool's source) or absent, so that the list has the same shape everywhere.
        files += [project.po_path(locale, "facts", brief),
                  project.po_path(locale, "messages"),
                  SHIPPED_LOCALES / locale / "LC_MESSAGES" / "messages.po"]
    return files


def brief_files(facts: Path, named: list[Path]) -> list[Path]:
    """What every edition of a brief is made from beside its facts file, whatever the
    locale: the files it names, the frame its folder shares and its project's file
    (which may give its frame and its locales)."""
    project = project_file(facts.parent)
    return [*named, facts.parent / FRAME, *([project] if project else [])]


def file_digest(path: Path) -> str:
    """SHA-256 of a regular file's bytes; ``absent`` when there is no such file, and
    what else it is when it is no regular file or a link out of its folder's tree
    (never read: a FIFO would block, a link may reach a file that is not ours; the
    build reports either)."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return ABSENT
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    if not stat.S_ISREG(info.st_mode):
        return f"special:{stat.S_IFMT(info.st_mode)}"
    if path.is_symlink():
        return f"link:{os.readlink(path)}"
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def engine_digest(project: Project) -> str:
    """The engine by content (not by place: a copy of the project, or of the tool, is
    the same engine): the compiler's code, the charts, the templates in use (for each
    name, the file the project's chain gives), and the versions of the rendering
    libraries."""
    return _engine(tuple(d.resolve() for d in project.template_dirs))


@functools.lru_cache(maxsize=None)
def _engine(template_dirs: tuple[Path, ...]) -> str:
    import charts as chart_code  # its package alone, not matplotlib

    digest = hashlib.sha256()
    files: dict[str, Path] = {}
    for label, top, pattern in (("briefing", _PACKAGE, "*.py"),
                                ("charts", Path(chart_code.__file__).resolve().parent, "*.py"),
                                *(("templates", d, "*") for d in template_dirs)):
        for path in sorted(top.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                files.setdefault(f"{label}/{path.relative_to(top).as_posix()}", path)
    for name, path in sorted(files.items()):
        digest.update(f"{name}\0".encode() + path.read_bytes() + b"\0")
    for name in (*RENDERING, "basemap-data"):
        digest.update(f"{name}={metadata.version(name)}\0".encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=None)
def drawing_code(kind: str) -> bytes:
    """What a chart of one kind is drawn by, for the chart cache's keys (finer than the
    engine, so that a change to one kind redraws only its charts): its modules and
    the versions of the packages that shape its drawing, read once per process."""
    import charts as chart_code

    folder = Path(chart_code.__file__).resolve().parent
    code = b"".join((folder / name).read_bytes()
                    for name in ("__init__.py", "style.py", "rows.py", "scale.py", f"{kind}.py"))
    return code + b"".join(metadata.version(package).encode()
                           for package in ("matplotlib", "fontpkg-noto-sans", "basemap-data"))


def edition_digest(project: Project, files: list[Path], settings: dict,
                   epoch: Optional[str]) -> str:
    """A digest of everything an edition's bytes are made from, computed alike by the
    build that writes it and the release that ships it."""
    import json

    made_from = {"files": [file_digest(path) for path in files],
                 "engine": engine_digest(project), "settings": settings,
                 "epoch": (epoch or "").strip()}
    return hashlib.sha256(json.dumps(made_from, sort_keys=True).encode()).hexdigest()
