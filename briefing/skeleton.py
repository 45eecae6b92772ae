"""``briefing new DIR``: a briefs project that builds at once.

The project is copied from ``newproject/`` (package data): ``briefing.toml``, a short
complete starter brief in ``facts/``, ``locales/``, a ``.gitignore``, a Makefile with
the usual targets and an example CI workflow. Nothing is ever overwritten: a folder
that exists and holds anything is refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .diagnostics import Diagnostic, InputError, Location, shown_path

STARTER = Path(__file__).resolve().parent / "newproject"
# Files kept under other names in the package (a dot-file is no package data).
RENAMED = {"gitignore": ".gitignore", "github/briefs.yml": ".github/workflows/briefs.yml"}


def new_project(directory: Path) -> None:
    """Create the project in ``directory`` and say what to do next."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise InputError([Diagnostic(Location(shown_path(directory)), "error",
                                     "already exists and is not an empty folder; "
                                     "'briefing new' writes only into a new folder")])
    for source in sorted(p for p in STARTER.rglob("*") if p.is_file()
                         and "__pycache__" not in p.parts):
        name = source.relative_to(STARTER).as_posix()
        target = directory / RENAMED.get(name, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (directory / "locales").mkdir(exist_ok=True)
    shown = shown_path(directory)
    print(f"created the briefs project {shown}/\n"
          f"  cd {shown} && make briefs   builds dist/first-brief.en.pdf\n"
          "  facts/first-brief.yaml   the starter brief: change it, or copy it for a new "
          "one\n"
          "  make help                the other targets")
