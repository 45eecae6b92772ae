"""The benchmark: how fast and how lean ``briefing build`` is, measured against WeasyPrint.

``make bench`` runs ``python -m benchmarks.bench --out build/bench.json``. It prints one
table, then one PASS/FAIL line per target of issue 7, and writes the same figures as
JSON with the machine, its load and the versions of the libraries that matter. It is a
report, not a test: a missed target prints FAIL and the exit status stays 0; only a
crash exits non-zero.

What it measures:

1. The flagship, both editions in one ``briefing build`` process, cold (empty chart
   cache; the fonts are prepared, as they are once per machine) and warm (charts
   cached), against the peer: the ``weasyprint`` command rendering the two HTML files
   that ``briefing build --format html`` emits, one after the other, asked for the
   same PDF variant as our build. Medians of alternating runs; ratios ours/peer.
2. The stages of one warm build: the imports, load and validate, catalogs, charts,
   templating, glyph check, WeasyPrint layout, PDF write, file write. Each sample is a
   fresh interpreter running `staged_build`, which follows ``briefing.build`` step by
   step with the same functions (its PDFs are checked against those of the command).
3. Scale: synthetic briefs of about 10, 40 and 160 pages (`synthetic_brief`), time and
   peak memory of a warm build of each, the growth from 40 to 160 pages, and the peak
   memory of the ``weasyprint`` command on the same HTML as the largest.
4. Make: a no-change ``make briefs``, and the rebuild after editing the vi facts catalog.
5. Throughput: eight briefs × two locales with ``make -j1`` and with ``make -j2``.
6. The per-page cost of the flagship's layout and PDF writing against that of a
   plain-text document of the same page count and fonts, each in a fresh process.
7. Whether the PDFs of a cold build, a warm build and the staged build are identical.

How: everything is built in temporary copies of the project (``.venv`` linked to ours,
the prepared fonts copied in), never in the working tree. Child processes run in the
copy with ``PYTHONPATH=<copy>``, so that the copy's code, and with it the copy's
``build/``, is the one used, and with ``SOURCE_DATE_EPOCH=1700000000``. Times are
wall-clock seconds; peak memory is the ``ru_maxrss`` that ``os.wait4`` reports for a
child process (with the children it waited for). ``--quick`` runs 3 repetitions
instead of 5 and skips the 160-page brief.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = Path(sys.prefix)
BIN = VENV / "bin"
EPOCH = "1700000000"
FLAGSHIP = "facts/nagorno-karabakh.yaml"
FLAGSHIP_ID = "nagorno-karabakh"
# What a copy of the project needs to build and to run its Makefile.
PROJECT_FILES = ("briefing", "charts", "templates", "locales", "facts",
                 "Makefile", "pyproject.toml", "constraints.txt")
# (pages aimed at, chapters of the synthetic brief that give about as many).
SCALE = ((10, 8), (40, 33), (160, 143))
THROUGHPUT_BRIEFS = 8
VERSIONS_OF = ("weasyprint", "matplotlib", "babel", "jinja2", "fonttools")
WEASYPRINT_STAGES = ("import weasyprint", "layout", "PDF write")


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# -- running things ------------------------------------------------------------------

@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user and system time
    max_rss: int        # bytes
    stdout: str


def run(cmd: list, cwd: Path, env: dict) -> Run:
    """Run a command to completion: its wall and CPU time, peak memory and output.

    Raises RuntimeError, with the end of its stderr, if the command fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env,
                                   stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            tail = err.read().decode(errors="replace")[-3000:]
            raise RuntimeError(f"{' '.join(map(str, cmd))} (in {cwd}) exited with "
                               f"{process.returncode}:\n{tail}")
        out.seek(0)
        return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
                   out.read().decode(errors="replace"))


def run_sequence(cmds: list[list], cwd: Path, env: dict) -> Run:
    """Several commands one after the other: total times, the largest peak memory."""
    runs = [run(cmd, cwd, env) for cmd in cmds]
    return Run(sum(r.seconds for r in runs), sum(r.cpu_seconds for r in runs),
               max(r.max_rss for r in runs), "".join(r.stdout for r in runs))


def environment(root: Path) -> dict:
    """The environment of a child process that builds in the project copy ``root``.

    The variables of an enclosing make (``make bench``, maybe with -j) are dropped so
    that the make runs measured here do not join its job server."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MAKE") and k != "MFLAGS"}
    env.update(SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(root))
    return env


def in_fresh_process(root: Path, function: str, *args) -> dict:
    """Call a function of this module in a new interpreter running the copy's code."""
    script = (f"import json, sys; from benchmarks.bench import {function}; "
              f"json.dump({function}(*sys.argv[1:]), sys.stdout)")
    result = run([sys.executable, "-c", script, *args], root, environment(root))
    return json.loads(result.stdout)


def briefing(*args) -> list:
    return [BIN / "briefing", *args]


def weasyprint(html: Path, pdf: Path, variant: str | None) -> list:
    return [BIN / "weasyprint", *(("--pdf-variant", variant) if variant else ()), html, pdf]


def default_pdf_variant() -> str | None:
    """The PDF variant ``briefing build`` writes unless told otherwise."""
    from briefing.build import Options

    return Options().pdf_variant


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


# -- project copies ------------------------------------------------------------------

def project_copy(dest: Path, caches_from: Path | None = None) -> Path:
    """A copy of the project to build in, its ``.venv`` a link to ours.

    The prepared fonts come from ``caches_from`` (another copy) or from the working
    tree; with ``caches_from`` the chart cache comes along too."""
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        else:
            shutil.copy2(source, dest / name)
    (dest / ".venv").symlink_to(VENV)
    for cache in ("fonts", "charts") if caches_from else ("fonts",):
        source = (caches_from or REPO) / "build" / cache
        if source.is_dir():
            shutil.copytree(source, dest / "build" / cache)
    return dest


def check_install_stamp(root: Path) -> None:
    """Refuse to run make in a copy whose install stamp is out of date: the stamp's
    rule would ``pip install -e`` the copy into our virtual environment."""
    stamp = VENV / ".installed"
    newest = max((root / name).stat().st_mtime
                 for name in ("pyproject.toml", "constraints.txt"))
    if not stamp.exists() or stamp.stat().st_mtime < newest:
        raise RuntimeError(f"{stamp} is older than pyproject.toml or constraints.txt; "
                           "run 'make venv' first")


def same_pdfs(one: Path, other: Path) -> bool:
    """Whether two directories hold the same PDFs, byte for byte."""
    names = sorted(p.name for p in one.glob("*.pdf"))
    return bool(names) and names == sorted(p.name for p in other.glob("*.pdf")) and all(
        (one / n).read_bytes() == (other / n).read_bytes() for n in names)


# -- 1. the flagship against the weasyprint command ----------------------------------

def bench_flagship(root: Path, repeats: int, variant: str | None) -> dict:
    """Cold and warm whole-process builds of both editions, and the peer on their HTML.

    A first, untimed build of the HTML prepares the fonts if the working tree had
    none for this version of the code."""
    env = environment(root)
    run(briefing("build", FLAGSHIP, "--format", "html", "--out", "html"), root, env)
    (root / "peer").mkdir()
    peer = [weasyprint(html, root / "peer" / f"{html.stem}.pdf", variant)
            for html in sorted((root / "html").glob("*.html"))]
    samples = {"cold": [], "warm": [], "peer": []}
    for index in range(repeats):
        log(f"flagship: run {index + 1} of {repeats} (cold, warm, weasyprint)")
        shutil.rmtree(root / "build" / "charts", ignore_errors=True)
        samples["cold"].append(run(briefing("build", FLAGSHIP, "--out", "out/cold"),
                                   root, env).seconds)
        samples["warm"].append(run(briefing("build", FLAGSHIP, "--out", "out/warm"),
                                   root, env).seconds)
        samples["peer"].append(run_sequence(peer, root, env).seconds)
    seconds = {key: statistics.median(values) for key, values in samples.items()}
    return {"seconds": seconds, "samples": samples,
            "cold_vs_peer": seconds["cold"] / seconds["peer"],
            "warm_vs_peer": seconds["warm"] / seconds["peer"]}


# -- 2. the stages of a warm build ---------------------------------------------------

class Stopwatch:
    """Seconds accumulated under named stages, in the order they first ran."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started


def staged_build(root: str, out: str) -> dict:
    """One warm build of the flagship's editions, timed stage by stage.

    Meant for a fresh interpreter (see `bench_stages`), so that the imports and every
    first use cost what they cost in ``briefing build``. It follows ``build.build``,
    ``render_edition`` and ``write_edition`` step by step with the same functions and
    options, and writes the same PDFs."""
    clock = Stopwatch()
    with clock("import weasyprint"):
        from weasyprint import HTML
    with clock("import briefing (jinja2, babel, yaml)"):
        from briefing import build, diagnostics, edition, facts, figures, fonts, glyphs, \
            i18n, pdf, render
    root_dir = Path(root)
    options = build.Options(out=Path(out), root=root_dir)
    build_dir = root_dir / "build"
    problems = diagnostics.Collector()
    with clock("load and validate"):
        brief = facts.load_brief(root_dir / FLAGSHIP)
    with clock("catalogs (load, localize)"):
        editions = [edition.build_edition(brief, i18n.Localizer.load(root_dir, locale,
                                                                     problems))
                    for locale in build.editions_of(brief, options, problems)]
        problems.raise_if_errors()
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(build.source_date_epoch()))
    documents = []
    for view in editions:
        with clock("charts"):
            charts = figures.draw_charts(view, root_dir)
        with clock("templating"):
            faces = fonts.prepared_faces(build_dir)
            html = render.render_html(view, root_dir, charts, faces, paper=options.paper,
                                      two_sided=options.two_sided, created=created)
        with clock("glyph check"):
            glyphs.check_glyphs(view, html, faces, problems)
        documents.append(html)
    problems.raise_if_errors()
    pages = {}
    roots = [root_dir / "templates", *fonts.font_roots(build_dir)]
    variant = {"pdf_variant": options.pdf_variant} if options.pdf_variant else {}
    for view, html in zip(editions, documents):
        with pdf.captured_warnings():
            with clock("layout"):
                document = HTML(string=html, base_url=str(roots[0]) + os.sep,
                                url_fetcher=pdf.LockedFetcher(roots)).render()
            with clock("PDF write"):
                data = document.write_pdf(**variant)
        with clock("file write"):
            pdf.write_atomically(options.out / f"{view.meta.id}.{view.lang}.pdf", data)
            build.record_edition(build_dir, view, data, len(document.pages))
        pages[view.lang] = len(document.pages)
    return {"seconds": clock.seconds, "pages": pages}


def bench_stages(root: Path, repeats: int) -> dict:
    """Median seconds of each stage over fresh-process builds, and their shares."""
    samples = []
    for index in range(repeats):
        log(f"stages: run {index + 1} of {repeats}")
        samples.append(in_fresh_process(root, "staged_build", root, root / "out/staged"))
    seconds = {name: statistics.median(s["seconds"][name] for s in samples)
               for name in samples[0]["seconds"]}
    total = sum(seconds.values())
    ours = sum(v for name, v in seconds.items() if name not in WEASYPRINT_STAGES)
    return {"seconds": seconds, "shares": {k: v / total for k, v in seconds.items()},
            "total": total, "not_weasyprint_share": ours / total,
            "layout_and_write": seconds["layout"] + seconds["PDF write"],
            "pages": samples[0]["pages"]}


# -- 3. scale ------------------------------------------------------------------------

SYLLABLES = ("ka", "ren", "do", "mi", "sha", "lu", "vor", "te", "ban", "ni", "sal", "om")
WORDS = ("the talks resumed after weeks of shelling along the line of contact while "
         "envoys from both capitals traded accusations over supplies roads villages "
         "and the return of prisoners observers reported convoys moving at night "
         "officials denied any plan to expand operations and called for restraint "
         "local councils asked for shelter water power and medical care for families "
         "who had fled the valley").split()


def _name(number: int) -> str:
    """A pronounceable name for the n-th chapter, without digits: prose holds no figures."""
    letters = ""
    while True:
        number, digit = divmod(number, len(SYLLABLES))
        letters += SYLLABLES[digit]
        if number == 0:
            return letters.capitalize()


def synthetic_brief(brief_id: str, chapters: int) -> str:
    """A valid facts file (English only) that grows with ``chapters``.

    Each chapter has an event, a source, four claims (a first report, its revision, a
    wounded count, a displacement range), a section of four paragraphs of about a
    hundred words citing them, and three timeline entries; every other chapter adds a
    chart, of casualties and of displacement in turn."""
    rng = random.Random(chapters)
    q = json.dumps  # a JSON string is a YAML double-quoted scalar

    def sentence(words: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    def paragraph(lead: str) -> str:
        return q(f"{sentence(rng.randint(12, 20))[:-1]}, {lead}. "
                 + " ".join(sentence(rng.randint(10, 18)) for _ in range(4)))

    parts: dict[str, list[str]] = {key: [] for key in (
        "sources", "events", "claims", "sections", "timeline", "charts")}
    for i in range(chapters):
        name, year = _name(i), 1990 + i % 33
        month = f"{year}-{i % 12 + 1:02d}"
        day = f"{month}-{i % 28 + 1:02d}"
        first, later = rng.randrange(40, 40000), rng.randrange(40, 60000)
        cite = f"sources: [source-{i}]"
        parts["sources"].append(
            f"{{id: source-{i}, title: {q(f'Report on the {name} phase')}, "
            f"publisher: {q(f'{name} Press')}, date: {month}, language: en}}")
        parts["events"].append(f"{{id: event-{i}, name: {q(f'The {name} phase')}, "
                               f"start: {month}, end: {year + 1}}}")
        parts["claims"] += [
            f"{{id: killed-{i}-first, label: {q(f'Killed in the {name} phase, first report')},"
            f" metric: killed, event: event-{i}, party: am, value: {first}, claimed_by: am,"
            f" reported: {day}, {cite}}}",
            f"{{id: killed-{i}-later, label: {q(f'Killed in the {name} phase, later report')},"
            f" metric: killed, event: event-{i}, party: am, value: {later}, qualifier: about,"
            f" revises: killed-{i}-first, reported: {year + 1}, note: {q(sentence(14))},"
            f" {cite}}}",
            f"{{id: wounded-{i}, label: {q(f'Wounded in the {name} phase')}, metric: wounded,"
            f" event: event-{i}, value: {rng.randrange(100, 90000)}, qualifier: at_least,"
            f" attribution: {q(f'{name} Press')}, {cite}}}",
            f"{{id: displaced-{i}, label: {q(f'Displaced in the {name} phase')},"
            f" metric: displaced, measure: flow, event: event-{i}, low: {first * 10},"
            f" high: {first * 30}, {cite}}}",
        ]
        leads = (f"on {{date:{day}}} {{killed-{i}-first}} people were killed",
                 f"a later report put the toll at {{killed-{i}-later}}",
                 f"at least {{wounded-{i}}} were wounded",
                 f"{{displaced-{i}}} people fled")
        parts["sections"].append(
            f"id: chapter-{i}\n    title: {q(f'The {name} phase')}\n    paragraphs:\n"
            + "\n".join(f"      - {{text: {paragraph(lead)}, {cite}}}" for lead in leads))
        parts["timeline"] += [
            f"{{date: {month}, text: {q(sentence(16))}, {cite}}}",
            f"{{date: {day}, text: {q(sentence(12)[:-1] + f': {{killed-{i}-first}} killed.')},"
            f" {cite}}}",
            f"{{date: {year + 1}, text: {q(sentence(20))}, {cite}}}"]
        if i % 4 == 1:
            parts["charts"].append(
                f"{{id: chart-{i}, kind: casualties, title: {q(f'Killed, {name} phase')},"
                f" claims: [killed-{i - 1}-first, killed-{i - 1}-later, killed-{i}-first,"
                f" killed-{i}-later]}}")
        elif i % 4 == 3:
            parts["charts"].append(
                f"{{id: chart-{i}, kind: displacement, title: {q(f'Displaced, {name} phase')},"
                f" claims: [displaced-{i - 1}, displaced-{i}]}}")
    head = (f"brief: {{id: {brief_id}, title: {q(f'A synthetic brief: {_name(chapters)}')},"
            " as_of: 2023-09-19, locales: [en], handling: \"Benchmark input\"}\n"
            "parties: [{id: am, name: Armenia}, {id: az, name: Azerbaijan}]\n"
            "key_points: [{text: \"The first phase killed {killed-0-first} people.\"}]\n"
            "key_figures: [killed-0-first, wounded-0, displaced-0]\n")
    return head + "".join(f"{key}:\n" + "".join(f"  - {item}\n" for item in items)
                          for key, items in parts.items() if items)


def bench_scale(root: Path, sizes, repeats: int, variant: str | None) -> dict:
    """Warm builds of synthetic briefs (time, peak memory, pages; an untimed HTML build
    draws the charts first), the peer on the largest, and the growth from about 40 to
    about 160 pages."""
    env = environment(root)
    cases = []
    for target, chapters in sizes:
        brief_id = f"synthetic-{target}"
        facts = root / "facts" / f"{brief_id}.yaml"
        facts.write_text(synthetic_brief(brief_id, chapters), "utf-8")
        log(f"scale: about {target} pages ({chapters} chapters)")
        run(briefing("build", facts, "--format", "html", "--out", "html"), root, env)
        runs = [run(briefing("build", facts, "--out", "out"), root, env)
                for _ in range(repeats)]
        cases.append({"target": target, "chapters": chapters,
                      "pages": page_count(root / "out" / f"{brief_id}.en.pdf"),
                      "seconds": statistics.median(r.seconds for r in runs),
                      "max_rss": max(r.max_rss for r in runs)})
    largest = cases[-1]
    log(f"scale: weasyprint command on the {largest['pages']}-page HTML")
    html = root / "html" / f"synthetic-{largest['target']}.en.html"
    peer = run(weasyprint(html, root / "peer.pdf", variant), root, env)
    result = {"cases": cases,
              "peer": {"pages": largest["pages"], "seconds": peer.seconds,
                       "max_rss": peer.max_rss},
              "memory_vs_peer": largest["max_rss"] / peer.max_rss}
    by_target = {case["target"]: case for case in cases}
    if 40 in by_target and 160 in by_target:
        big, small = by_target[160], by_target[40]
        result["growth_160_vs_40"] = {key: big[key] / small[key]
                                      for key in ("pages", "seconds", "max_rss")}
    return result


# -- 4. and 5. Make ------------------------------------------------------------------

def make(root: Path, *args) -> Run:
    return run(["make", "--no-print-directory", *args], root, environment(root))


def rebuilt(result: Run) -> int:
    """How many editions a make run built (make echoes each recipe)."""
    return sum("briefing build" in line for line in result.stdout.splitlines())


def bench_make(root: Path, repeats: int) -> dict:
    """A first ``make briefs``, then no-change runs, then rebuilds after a catalog edit."""
    check_install_stamp(root)
    log("make: first build")
    first = make(root, "briefs")
    unchanged = [make(root, "briefs") for _ in range(repeats)]
    catalog = root / "locales/vi/LC_MESSAGES/facts/nagorno-karabakh.po"
    edited = []
    for index in range(repeats):
        log(f"make: rebuild after editing the vi catalog, {index + 1} of {repeats}")
        with catalog.open("a", encoding="utf-8") as handle:
            handle.write(f"\n# benchmark edit {index + 1}\n")
        edited.append(make(root, "briefs"))
    return {"first": {"seconds": first.seconds, "rebuilt": rebuilt(first)},
            "no_change": {"seconds": statistics.median(r.seconds for r in unchanged),
                          "rebuilt": max(rebuilt(r) for r in unchanged)},
            "catalog_edit": {"seconds": statistics.median(r.seconds for r in edited),
                             "rebuilt": max(rebuilt(r) for r in edited)}}


def bench_throughput(root: Path) -> dict:
    """Eight copies of the flagship in both locales, built with make -j1 and with -j2,
    each from an empty dist/ (fonts and charts cached). The CPU time over the wall time
    (cores busy) tells whether -j2 had a second core to itself."""
    check_install_stamp(root)
    flagship = (root / FLAGSHIP).read_text("utf-8")
    (root / FLAGSHIP).unlink()
    for index in range(1, THROUGHPUT_BRIEFS + 1):
        brief_id = f"brief-{index}"
        text, count = re.subn(rf"^(\s*id:\s*){FLAGSHIP_ID}\s*$", rf"\g<1>{brief_id}",
                              flagship, count=1, flags=re.MULTILINE)
        if count != 1:
            raise RuntimeError(f"no 'id: {FLAGSHIP_ID}' line in {FLAGSHIP}")
        (root / "facts" / f"{brief_id}.yaml").write_text(text, "utf-8")
    make(root, "build/editions.mk", "build/source-date-epoch")
    result = {}
    for jobs in (1, 2):
        log(f"throughput: make -j{jobs}, {THROUGHPUT_BRIEFS} briefs")
        shutil.rmtree(root / "dist", ignore_errors=True)
        outcome = make(root, f"-j{jobs}", "briefs")
        result[f"j{jobs}"] = {"seconds": outcome.seconds, "editions": rebuilt(outcome),
                              "cores_busy": outcome.cpu_seconds / outcome.seconds}
    result["speedup"] = result["j1"]["seconds"] / result["j2"]["seconds"]
    return result


# -- 6. per-page cost ----------------------------------------------------------------

def plain_text_html(paragraphs: int, font_css: str) -> str:
    """A naive document: paragraphs of running text in the brief's body font and page."""
    rng = random.Random(paragraphs)
    body = "".join("<p>" + " ".join(rng.choice(WORDS) for _ in range(110)).capitalize()
                   + ".</p>\n" for _ in range(paragraphs))
    return (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><style>{font_css}\n"
            "@page { size: A4; margin: 22mm 20mm 24mm 22mm }\n"
            "html { font: 10pt/1.45 'Noto Serif' } p { margin: 0 0 0.6em }"
            f"</style></head><body>\n{body}</body></html>")


def fit_plain_text(pages: int, font_css: str) -> str:
    """The plain-text document of exactly ``pages`` pages, found by bisection."""
    from weasyprint import HTML

    low, high = 1, pages * 20  # a page holds fewer than 20 of these paragraphs
    while low <= high:
        middle = (low + high) // 2
        html = plain_text_html(middle, font_css)
        found = len(HTML(string=html).render().pages)
        if found == pages:
            return html
        low, high = (middle + 1, high) if found < pages else (low, middle - 1)
    raise RuntimeError(f"no plain-text document has exactly {pages} pages")


def render_documents(variant: str, *paths: str) -> dict:
    """Lay out and write each HTML file in this (fresh) process: seconds and pages."""
    from weasyprint import HTML

    options = {"pdf_variant": variant} if variant else {}
    seconds, pages = 0.0, 0
    for path in paths:
        started = time.perf_counter()
        document = HTML(filename=path).render()
        document.write_pdf(**options)
        seconds += time.perf_counter() - started
        pages += len(document.pages)
    return {"seconds": seconds, "pages": pages}


def naive_html(html: str) -> str:
    """The same brief as a naive pipeline would feed WeasyPrint: the font packages'
    full variable fonts, and the charts as inline SVG rather than images."""
    from briefing import fonts

    faces = "\n".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{face.source.as_uri()}"); '
        f'font-weight: {face.weight}; font-style: {face.style}; }}' for face in fonts.FACES)
    html = re.sub(r"(@font-face\s*\{[^}]*\}\s*)+", faces + "\n", html, count=1)

    def inline(match: re.Match) -> str:
        svg = base64.b64decode(match.group(1)).decode("utf-8")
        return svg[svg.index("<svg"):]

    return re.sub(r'<img src="data:image/svg\+xml;base64,([^"]+)"[^>]*>', inline, html)


def bench_per_page(root: Path, warm: float, stages: dict, repeats: int,
                   variant: str | None) -> dict:
    """Seconds per page of the flagship (whole warm build; layout and PDF write) and of
    plain-text documents matching each edition's page count, in the same fonts."""
    flagship_html = next((root / "html").glob("*.html")).read_text("utf-8")
    font_css = "\n".join(re.findall(r"@font-face\s*\{[^}]*\}", flagship_html))
    documents = []
    for lang, pages in stages["pages"].items():
        path = root / "plain" / f"plain.{lang}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_text(fit_plain_text(pages, font_css), "utf-8")
        documents.append(path)
    naive = []
    for path in sorted((root / "html").glob("*.html")):
        copy = root / "naive" / path.name
        copy.parent.mkdir(exist_ok=True)
        copy.write_text(naive_html(path.read_text("utf-8")), "utf-8")
        naive.append(copy)
    samples, naive_samples = [], []
    for index in range(repeats):
        log(f"per page: plain text and naive equivalent, run {index + 1} of {repeats}")
        samples.append(in_fresh_process(root, "render_documents", variant or "", *documents))
        naive_samples.append(in_fresh_process(root, "render_documents", variant or "",
                                              *naive))
    pages = sum(stages["pages"].values())
    plain = statistics.median(s["seconds"] for s in samples) / samples[0]["pages"]
    naive_cost = (statistics.median(s["seconds"] for s in naive_samples)
                  / naive_samples[0]["pages"])
    ours = stages["layout_and_write"] / pages
    return {"pages": pages, "warm_build": warm / pages, "layout_and_write": ours,
            "plain_text": plain, "vs_plain_text": ours / plain,
            "naive": naive_cost, "vs_naive": ours / naive_cost}


# -- the report ----------------------------------------------------------------------

def machine() -> dict:
    return {"platform": platform.platform(), "cpus": os.cpu_count(),
            "memory_bytes": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"),
            "load_average_at_start": os.getloadavg()[0]}


def versions() -> dict:
    return {"python": platform.python_version(),
            **{name: metadata.version(name) for name in VERSIONS_OF}}


def targets(r: dict) -> list[dict]:
    """The targets of issue 7: what, the value measured, the limit, whether it holds
    (None when the run did not measure it)."""
    scale = r["scale"]
    rows = [
        ("warm build / weasyprint command", r["flagship"]["warm_vs_peer"], "<=", 0.9),
        ("cold build / weasyprint command", r["flagship"]["cold_vs_peer"], "<=", 1.1),
        ("share of a warm build that is not WeasyPrint",
         r["stages"]["not_weasyprint_share"], "<=", 0.15),
        ("time of 160 pages / time of 40 pages",
         scale.get("growth_160_vs_40", {}).get("seconds"), "<=", 4.4),
        (f"peak memory / weasyprint command ({scale['peer']['pages']} pages)",
         scale["memory_vs_peer"], "<=", 1.2),
        ("no-change make briefs, seconds", r["make"]["no_change"]["seconds"], "<", 0.5),
        ("make -j2 speed-up over -j1", r["throughput"]["speedup"], ">=", 1.6),
        ("flagship per page / its naive equivalent", r["per_page"]["vs_naive"], "<", 1.0),
    ]
    holds = {"<=": lambda v, t: v <= t, "<": lambda v, t: v < t, ">=": lambda v, t: v >= t}
    return [{"target": name, "value": value, "op": op, "limit": limit,
             "pass": None if value is None else holds[op](value, limit)}
            for name, value, op, limit in rows]


def _s(value: float) -> str:
    return f"{value:.2f} s"


def _mb(value: int) -> str:
    return f"{value / 2 ** 20:.0f} MB"


def _x(value: float) -> str:
    return f"{value:.2f}×"


def table(r: dict) -> list[tuple[str, str, str, str]]:
    """The rows of the printed table: a label and three columns; section headings
    name their columns."""
    fl, st, sc, mk, tp, pp = (r[k] for k in ("flagship", "stages", "scale", "make",
                                             "throughput", "per_page"))
    pages = " + ".join(f"{lang} {n}" for lang, n in st["pages"].items())
    rows = [(f"1 Flagship, both editions ({pages} pages), whole process",
             "ours", "peer", "ours/peer"),
            ("  cold: chart cache empty, fonts prepared", _s(fl["seconds"]["cold"]),
             _s(fl["seconds"]["peer"]), _x(fl["cold_vs_peer"])),
            ("  warm: charts cached", _s(fl["seconds"]["warm"]), _s(fl["seconds"]["peer"]),
             _x(fl["warm_vs_peer"])),
            ("2 Stages of one warm build, fresh process, editions one after another", "seconds", "share", "")]
    rows += [(f"  {name}{' *' if name in WEASYPRINT_STAGES else ''}", _s(seconds),
              f"{st['shares'][name]:.1%}", "") for name, seconds in st["seconds"].items()]
    rows += [("  total (* WeasyPrint's part)", _s(st["total"]),
              f"{1 - st['not_weasyprint_share']:.1%} *", ""),
             ("  stages one after another vs the whole warm build, which lays out",
              "", "", ""),
             ("    editions in parallel: saved", _s(st["total"] - fl["seconds"]["warm"]),
              "", ""),
             ("3 Scale: synthetic briefs, warm build", "seconds", "peak RSS", "pages")]
    rows += [(f"  about {c['target']} pages ({c['chapters']} chapters)", _s(c["seconds"]),
              _mb(c["max_rss"]), str(c["pages"])) for c in sc["cases"]]
    rows += [("  peer on the HTML of the largest", _s(sc["peer"]["seconds"]),
              _mb(sc["peer"]["max_rss"]), str(sc["peer"]["pages"])),
             ("  peak memory ours/peer, largest", "", _x(sc["memory_vs_peer"]), "")]
    if "growth_160_vs_40" in sc:
        growth = sc["growth_160_vs_40"]
        rows.append(("  growth from 40 to 160 pages", _x(growth["seconds"]),
                     _x(growth["max_rss"]), _x(growth["pages"])))
    rows += [("4 Make", "seconds", "", "rebuilt"),
             ("  first make briefs (an edition a process)", _s(mk["first"]["seconds"]), "",
              str(mk["first"]["rebuilt"])),
             ("  no-change make briefs", f"{mk['no_change']['seconds'] * 1000:.0f} ms", "",
              str(mk["no_change"]["rebuilt"])),
             ("  after editing locales/vi/LC_MESSAGES/facts/nagorno-karabakh.po",
              _s(mk["catalog_edit"]["seconds"]), "", str(mk["catalog_edit"]["rebuilt"])),
             (f"5 Throughput: {THROUGHPUT_BRIEFS} briefs × 2 locales from an empty dist",
              "seconds", "cores busy", "editions")]
    rows += [(f"  make -{jobs} briefs", _s(tp[jobs]["seconds"]),
              f"{tp[jobs]['cores_busy']:.2f}", str(tp[jobs]["editions"]))
             for jobs in ("j1", "j2")]
    rows += [("  speed-up of -j2 over -j1", _x(tp["speedup"]), "", ""),
             (f"6 Per page, flagship ({pp['pages']} pages)", "s/page", "", "vs plain"),
             ("  warm build, whole process", f"{pp['warm_build']:.3f}", "", ""),
             ("  layout + PDF write", f"{pp['layout_and_write']:.3f}", "",
              _x(pp["vs_plain_text"])),
             ("  plain text, same pages and fonts: layout + PDF write",
              f"{pp['plain_text']:.3f}", "", _x(1.0)),
             ("  naive equivalent (full variable fonts, inline SVG charts)",
              f"{pp['naive']:.3f}", "", _x(pp["naive"] / pp["plain_text"])),
             (f"7 Identical PDFs, SOURCE_DATE_EPOCH={EPOCH}", "", "", "")]
    rows += [(f"  {name}", "", "", "yes" if same else "NO")
             for name, same in r["identical"].items()]
    return rows


def print_report(r: dict) -> None:
    m, v, settings = r["machine"], r["versions"], r["settings"]
    print(f"briefing benchmark on {m['platform']}, {m['cpus']} CPUs, "
          f"{m['memory_bytes'] / 2 ** 30:.1f} GiB; load average "
          f"{m['load_average_at_start']:.2f} at start, {m['load_average_at_end']:.2f} at end")
    print(f"Python {v['python']}, " + ", ".join(f"{name} {v[name]}" for name in VERSIONS_OF))
    print(f"Medians of {settings['repeats']} runs ({settings['scale_repeats']} for scale); "
          f"peer: {settings['peer']} on the HTML that briefing emits\n")
    rows = table(r)
    width = max(len(label) for label, *_ in rows)
    for label, *cells in rows:
        print((label.ljust(width) + "".join(f"{cell:>12}" for cell in cells)).rstrip())
    print()
    for t in r["targets"]:
        verdict = {True: "PASS", False: "FAIL", None: "SKIP"}[t["pass"]]
        value = "not measured (--quick)" if t["value"] is None else f"{t['value']:.3f}"
        print(f"{verdict}  {t['target']}: {value} {t['op']} {t['limit']}")


# -- main ----------------------------------------------------------------------------

def parse_args(argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the figures as JSON to this file")
    parser.add_argument("--quick", action="store_true",
                        help="3 runs instead of 5, and no 160-page brief")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    repeats = 3 if args.quick else 5
    scale_repeats = 1 if args.quick else 2
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    variant = default_pdf_variant()
    results = {"machine": machine(), "versions": versions(),
               "settings": {"quick": args.quick, "repeats": repeats,
                            "scale_repeats": scale_repeats, "source_date_epoch": int(EPOCH),
                            "peer": "weasyprint" + (f" --pdf-variant {variant}" if variant
                                                    else "")}}
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        base = project_copy(Path(tmp) / "flagship")
        results["flagship"] = bench_flagship(base, repeats, variant)
        results["stages"] = bench_stages(base, repeats)
        results["per_page"] = bench_per_page(base, results["flagship"]["seconds"]["warm"],
                                             results["stages"], repeats, variant)
        results["identical"] = {
            "cold build = warm build": same_pdfs(base / "out/cold", base / "out/warm"),
            "staged build = warm build": same_pdfs(base / "out/staged", base / "out/warm"),
        }
        results["scale"] = bench_scale(project_copy(Path(tmp) / "scale", base),
                                       SCALE[:-1] if args.quick else SCALE, scale_repeats,
                                       variant)
        results["make"] = bench_make(project_copy(Path(tmp) / "make", base), repeats)
        results["throughput"] = bench_throughput(project_copy(Path(tmp) / "throughput",
                                                              base))
    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    results["targets"] = targets(results)
    print_report(results)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                            "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
