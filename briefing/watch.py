"""A live preview: ``briefing watch FACTS...`` rebuilds what each saved change affects.

The facts files' folders, the project's locales, the templates in use (the project's
and the shipped theme, the stylesheet with them) and the chart code are watched with watchfiles (inotify, debounced, so an editor's save is
one change). A facts file rebuilds its own editions, and so does a file it names (a
map's GeoJSON, its previous edition); a catalog or ``conventions.toml``
of a locale, that locale's editions (of one brief, for its facts catalog); a template,
the stylesheet or a chart module, every edition. Bad input prints its located errors
and keeps the last good PDF (a build writes all or nothing); Ctrl-C stops the loop,
ending any build under way as it would end ``briefing build``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Optional

from .diagnostics import InputError, emit, printable

Builder = Callable[[list[Path], object], object]  # returns build()'s report


def watch(args: list[Path], options, run: Builder, stop=None,
          png: Optional[Path] = None) -> int:
    """Build every edition of ``args``, then rebuild on each change until Ctrl-C;
    with ``png``, each rebuilt edition's changed pages are written there as PNG."""
    import watchfiles

    from .editions import facts_paths

    project = options.project
    rebuild(facts_paths(args), options, run, png)
    import charts

    roots = sorted({p.parent.resolve() if not p.is_dir() else p.resolve() for p in args}
                   | {folder.resolve() for folder in (project.locales_dir,
                                                      *project.template_dirs,
                                                      Path(charts.__file__).parent)
                      if folder.is_dir()})
    announced = False
    try:
        for changes in watchfiles.watch(*roots, watch_filter=_relevant, debounce=300,
                                        step=50, rust_timeout=200, yield_on_timeout=True,
                                        stop_event=stop):
            if not announced:  # the first (empty) yield: the watcher is running
                say(f"watch: waiting for changes to {len(facts_paths(args))} facts "
                    "file(s), catalogs, templates and charts; Ctrl-C to stop")
                announced = True
            if not changes:
                continue
            changed = sorted({Path(path) for _, path in changes})
            say("watch: changed " + ", ".join(_shown(p) for p in changed))
            for paths, locales in affected(changed, facts_paths(args), project):
                if options.locales and locales and locales[0] not in options.locales:
                    continue  # watching only the locales asked for
                rebuild(paths, replace(options, locales=locales or options.locales), run,
                        png)
    except KeyboardInterrupt:
        pass
    say("watch: stopped")
    return 0


def _relevant(change, path: str) -> bool:
    name = Path(path).name
    return not name.startswith(".") and "__pycache__" not in path and name.endswith(
        (".yaml", ".po", ".toml", ".j2", ".css", ".py", ".geojson"))


def affected(changed: Iterable[Path], facts: list[Path], project
             ) -> list[tuple[list[Path], tuple[str, ...]]]:
    """What to rebuild: (facts files, locales; empty for every locale they list)."""
    every = {f.resolve(): f for f in facts}
    whole: set[Path] = set()
    by_locale: dict[str, set[Path]] = {}
    locales_dir = project.locales_dir.resolve()
    for path in (p.resolve() for p in changed):
        if path in every:
            whole.add(every[path])
        elif path.is_relative_to(locales_dir):
            parts = path.relative_to(locales_dir).parts
            if len(parts) < 2 or path.suffix == ".pot":
                continue
            briefs = set(facts)
            if parts[-2] == "facts":  # one brief's catalog: that brief only
                briefs = {f for f in facts if _brief_id(f) == path.stem}
            by_locale.setdefault(parts[0], set()).update(briefs)
        elif path.suffix in (".j2", ".css", ".py"):
            whole.update(facts)
        else:  # a map's GeoJSON file, a previous edition: the briefs that name it
            whole.update(f for f in facts if path in _files_named_by(f))
    jobs = [(sorted(whole), ())] if whole else []
    for locale, briefs in sorted(by_locale.items()):
        briefs = [f for f in sorted(briefs - whole) if locale in _locales(f)]
        if briefs:
            jobs.append((briefs, (locale,)))
    return jobs


def _files_named_by(path: Path) -> set[Path]:
    """The files beside a facts file that it names: maps' GeoJSON, its previous edition."""
    brief = _load(path)
    if brief is None:
        return set()
    from .inputs import brief_files
    from .previous import named_files

    return {named.resolve() for named in brief_files(path, named_files(brief, path))}


def _brief_id(path: Path) -> Optional[str]:
    brief = _load(path)
    return brief.brief.id if brief else None


def _locales(path: Path) -> tuple[str, ...]:
    brief = _load(path)
    return tuple(brief.brief.locales) if brief else ()


def _load(path: Path):
    from .facts import load_brief

    try:
        return load_brief(path)
    except InputError:
        return None  # its errors are printed when it is rebuilt


def rebuild(paths: list[Path], options, run: Builder, png: Optional[Path] = None) -> None:
    """One build; bad input is printed and the previous editions stay. With ``png``,
    the pages that changed are rendered there, for a viewer that reloads them."""
    try:
        report = run(paths, options)
    except InputError as exc:
        emit(exc.diagnostics)
        say("watch: not rebuilt; the editions stay as they were")
        return
    if png is None or report is None:
        return
    from .preview import refresh_pages

    for output in report.outputs:
        if output.path.suffix == ".pdf":
            changed = refresh_pages(output.path, png)
            say(f"watch: {len(changed)} page image(s) of {output.path.name} changed"
                + (": " + ", ".join(_shown(p) for p in changed) if changed else ""))


def say(message: str) -> None:
    print(printable(message), flush=True)


def _shown(path: Path) -> str:
    from .project import shown_path

    return shown_path(path)
