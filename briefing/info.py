"""``briefing info``: the project, and where each template, catalog and cache comes from."""

from __future__ import annotations

from . import __version__
from .diagnostics import shown_path
from .project import SHIPPED_LOCALES, THEME, Project


def describe(project: Project) -> str:
    lines = [f"briefing {__version__}",
             f"project     {project.root}"
             + (f" ({shown_path(project.config_path)})" if project.config_path
                else " (no briefing.toml: the default settings)"),
             f"facts       {shown_path(project.facts_dir)}",
             f"locales     {shown_path(project.locales_dir)}",
             f"output      {project.out}",
             f"cache       {project.cache_dir}",
             "", "templates (the first folder that has a file gives it):"]
    names: dict[str, str] = {}
    for folder in project.template_dirs:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            names.setdefault(path.relative_to(folder).as_posix(), _where(project, path))
    lines += [f"  {name:32} {where}" for name, where in sorted(names.items())]
    lines += ["", "template catalogs (messages), by locale:"]
    for locale in project.locales():
        own = project.po_path(locale, "messages")
        shipped = project.shipped_po_path(locale)
        sources = [_where(project, p) for p in (own, shipped) if p is not None and p.is_file()]
        lines.append(f"  {locale:6} " + (" over ".join(sources) or "none (English)"))
    lines += ["", f"shipped theme     {THEME}", f"shipped catalogs  {SHIPPED_LOCALES}"]
    return "".join(line + "\n" for line in lines)


def _where(project: Project, path) -> str:
    """A project's file by its path, a file the tool ships as 'shipped'."""
    return shown_path(path) if path.resolve().is_relative_to(project.root) and not \
        path.resolve().is_relative_to(THEME) else "shipped"
