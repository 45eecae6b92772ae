"""Make rules: each edition of each facts file, and the files it is built from."""

from __future__ import annotations

import os
from pathlib import Path

from .diagnostics import Collector
from .editions import editions
from .i18n.catalogs import DOMAINS
from .project import SOURCE_LOCALE, Project


def make_rules(paths: list[Path], project: Project) -> str:
    problems = Collector()
    lines, briefs = [], {}
    for edition in editions(paths, project, (), problems):
        briefs.setdefault(edition.brief.brief.id, edition.path)
        target = project.out / f"{edition.stem}.pdf"
        catalogs = [] if edition.locale == SOURCE_LOCALE else [
            os.path.relpath(project.po_path(edition.locale, d, edition.brief.brief.id))
            for d in DOMAINS]
        lines += [f"EDITIONS += {target}",
                  f"FACTS_OF_{edition.stem} := {edition.path}",
                  f"{target}: {' '.join([str(edition.path), *catalogs])} $(ENGINE)"]
    # The briefs by id, for extracting each brief's catalog template on its own.
    for brief, path in briefs.items():
        lines += [f"BRIEF_IDS += {brief}", f"FACTS_OF_BRIEF_{brief} := {path}"]
    problems.raise_if_errors()
    return "".join(line + "\n" for line in lines)
