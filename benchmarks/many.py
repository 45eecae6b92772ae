"""Many briefs (issue 16, goal 4): fifty small briefs in three locales.

The briefs are the test suite's fixtures (those of ``tests/fixtures/subjects/`` and
its two chart briefs) taken in turn, each given an id and a title of its own, in the locales they list (en, vi) and a third, French,
started from the messages template as ``make init-locale`` would (their prose catalogs in vi
and fr are empty, so it prints in English, as a brief waiting for its translators
does). From an empty ``dist/``, with the charts drawn beforehand and no font subsets
kept (each timed run does the same work), this measures ``make -j1 briefs`` and
``make -j2 briefs`` (an edition a process), a no-change ``make briefs``, and one
``briefing build`` of every brief in one process: its imports paid once, its fonts
prepared once, its charts taken from the cache, which it reports as it goes.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import sys
from pathlib import Path

from .inputs import _name
from .process import REPO, Run, check_install_stamp, environment, run, same_pdfs

# The test suite's briefs on other subjects, and its two chart briefs (the subject
# briefs have none), taken in turn; the shortest first, for the test's single brief.
FIXTURES = tuple(REPO / "tests" / "fixtures" / name for name in (
    "subjects/budget.yaml", "charts-energy.yaml", "subjects/energy.yaml",
    "charts-health.yaml", "subjects/health.yaml"))
BRIEFS = 50
THIRD_LOCALE = "fr"
BIN = Path(sys.prefix) / "bin"


def write_briefs(root: Path, count: int) -> int:
    """Replace the copy's facts with ``count`` briefs made from the subject fixtures,
    each listing three locales, with an empty prose catalog in vi and fr, and start
    the third locale from the messages template; returns the number of editions."""
    for old in (root / "facts").glob("*.yaml"):
        old.unlink()
    fixtures = FIXTURES
    for number in range(1, count + 1):
        text = fixtures[(number - 1) % len(fixtures)].read_text("utf-8")
        text, ids = re.subn(r"^(  id: )([a-z0-9-]+)$", rf"\g<1>\g<2>-{number}", text,
                            count=1, flags=re.MULTILINE)
        text, titles = re.subn(r'^(  title: ".*)"$', rf'\g<1>: {_name(number)}"', text,
                               count=1, flags=re.MULTILINE)  # prose holds no digits
        text, lists = re.subn(r"^(  locales: \[en, vi)\]$", rf"\g<1>, {THIRD_LOCALE}]",
                              text, count=1, flags=re.MULTILINE)
        if (ids, titles, lists) != (1, 1, 1):
            raise RuntimeError(f"{fixtures[(number - 1) % len(fixtures)]}: no brief id, "
                               "title or 'locales: [en, vi]' line where expected")
        (root / "facts" / f"brief-{number}.yaml").write_text(text, "utf-8")
        for locale in ("vi", THIRD_LOCALE):
            empty_catalog(root / "locales" / locale / "LC_MESSAGES" / "facts" /
                          f"{ids_of(text)}.po", locale)
    for folder in {fixture.parent / "maps" for fixture in fixtures}:
        if folder.is_dir():  # the GeoJSON files a fixture's map names, beside it
            shutil.copytree(folder, root / "facts" / "maps", dirs_exist_ok=True)
    run([BIN / "pybabel", "-q", "init", "-i", "locales/messages.pot", "-d", "locales",
         "-D", "messages", "-l", THIRD_LOCALE, "--width=79"], root, environment(root))
    return count * 3


def ids_of(text: str) -> str:
    return re.search(r"^  id: ([a-z0-9-]+)$", text, flags=re.MULTILINE)[1]


def empty_catalog(path: Path, locale: str) -> None:
    """A brief's prose catalog with nothing translated yet (a translator's to fill)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, Catalog(locale=locale, fuzzy=False), width=79)


def make(root: Path, *args) -> Run:
    return run(["make", "--no-print-directory", *args], root, environment(root))


def rebuilt(result: Run) -> int:
    return sum("briefing build" in line for line in result.stdout.splitlines())


def from_empty_dist(root: Path, out: str) -> None:
    """No PDF and no kept font subset: every timed run does the same work."""
    for path in (root / out, root / "build" / "subsets"):
        shutil.rmtree(path, ignore_errors=True)


def one_process(root: str, out: str) -> dict:
    """``briefing build`` of every brief in this (fresh) process, as the command runs
    it, with what it shares: the imports (the modules loaded once), the prepared fonts
    (one fingerprint, computed once) and the chart cache (charts drawn, not found)."""
    import os
    import time

    from briefing.build import Options, build
    from briefing.editions import facts_paths
    from briefing.project import Project
    from briefing.render import fonts

    charts = Path(root) / "build" / "charts"
    drawn = lambda: set(os.listdir(charts)) if charts.is_dir() else set()  # noqa: E731
    before = drawn()
    project = Project(Path(root), Path(root) / out)
    started = time.perf_counter()
    report = build(facts_paths([Path(root) / "facts"]), Options(project))
    return {"seconds_in_build": time.perf_counter() - started,
            "editions": len(report.outputs),
            "charts_drawn": len(drawn() - before),
            "font_fingerprints_computed": fonts.fingerprint.cache_info().misses,
            "stages": report.stages}


def bench_many(root: Path, briefs: int = BRIEFS, repeats: int = 3) -> dict:
    """The figures of section 10 (see the module's notes)."""
    check_install_stamp(root)
    editions = write_briefs(root, briefs)
    env = environment(root)
    def log(message: str) -> None:
        print(f"bench: many briefs: {message}", file=sys.stderr, flush=True)

    log(f"{briefs} briefs × 3 locales; drawing their charts first (untimed)")
    run([BIN / "briefing", "build", "facts", "--format", "html", "--out", "html", "-q"],
        root, env)
    make(root, "build/editions.mk", "build/source-date-epoch")
    result: dict = {"briefs": briefs, "locales": 3, "editions": editions}
    for jobs in (1, 2):
        log(f"make -j{jobs} briefs")
        from_empty_dist(root, "dist")
        outcome = make(root, f"-j{jobs}", "briefs")
        result[f"j{jobs}"] = {"seconds": outcome.seconds, "editions": rebuilt(outcome),
                              "cores_busy": outcome.cpu_seconds / outcome.seconds}
    result["speedup"] = result["j1"]["seconds"] / result["j2"]["seconds"]
    log("no-change make briefs")
    unchanged = [make(root, "briefs") for _ in range(repeats)]
    result["no_change"] = {"seconds": statistics.median(r.seconds for r in unchanged),
                           "rebuilt": max(rebuilt(r) for r in unchanged)}
    log("one briefing build of every brief")
    from_empty_dist(root, "one")
    script = ("import json, sys; from benchmarks.many import one_process; "
              "json.dump(one_process(*sys.argv[1:]), sys.stdout)")
    outcome = run([sys.executable, "-c", script, root, "one"], root, env)
    shared = json.loads(outcome.stdout)
    result["one_process"] = {"seconds": outcome.seconds, "editions": shared["editions"],
                             "cores_busy": outcome.cpu_seconds / outcome.seconds,
                             "charts_drawn": shared["charts_drawn"],
                             "font_fingerprints": shared["font_fingerprints_computed"],
                             "vs_make_j2": outcome.seconds / result["j2"]["seconds"]}
    result["same_pdfs"] = same_pdfs(root / "dist", root / "one")
    return result
