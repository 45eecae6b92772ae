"""The benchmark: how fast and how lean ``briefing build`` is, against WeasyPrint alone.

``make bench`` runs ``python -m benchmarks.bench --out build/bench.json``. It prints one
table, then a PASS/FAIL line per target (issue 16's goals first, then issue 7's), and
writes the same figures as JSON with the machine, its load, the library versions and
whether fonts were subset by HarfBuzz, and the targets and the table as
``docs/benchmark-results.md`` (``--results``), dated and naming the commit. It is a report, not a test: a missed target
prints FAIL and the exit status stays 0; only a crash exits non-zero.

What it measures (medians of runs that alternate ours and the peer's):

1. One edition (en) of the flagship, one core (``--jobs 1``), warm, whole process,
   against the peer: the ``weasyprint`` command on the HTML that
   ``briefing build --format html`` emits, asked for the same PDF variant.
2. Both editions in one process, cold (empty chart and font-subset caches, fonts
   prepared) and warm, against the peer run on both HTML files one after the other.
3. The stages of one warm ``--jobs 1`` build in a fresh interpreter, as ``build()``
   reports them (``Report.stages``, with layout and PDF writing apart from
   ``Report.outputs``), plus the two imports timed here.
4. Scale: synthetic briefs of about 10, 40 and 160 pages (``inputs.synthetic_brief``),
   time and peak memory, the peer's peak memory on the largest, and section 7's
   measure per page on the largest.
5. Make: a first, a no-change and an after-a-catalog-edit ``make briefs``.
6. Throughput: eight briefs × two locales with ``make -j1`` and ``make -j2``.
7. Per page: the flagship's layout and PDF writing against a plain-text document of
   the same page count and fonts, and against a naive equivalent of the brief, run
   in turns (a round of each) and compared round by round.
8. Whether a cold, a warm and a one-core build write identical PDFs.
9. A locator map (``maps.py``): a warm build with the map cached against the same
   brief without it, and the time to draw the map's SVG.
10. Many briefs (``many.py``): fifty small briefs × three locales from an empty
    ``dist/``: ``make -j1`` and ``-j2 briefs``, a no-change ``make briefs``, and one
    ``briefing build`` of them all in one process, with what it shares.

Everything is built in temporary copies of the project (``.venv`` linked to ours, the
prepared fonts copied in), never in the working tree, with
``SOURCE_DATE_EPOCH=1700000000``. Times are wall-clock seconds; peak memory is the
``ru_maxrss`` that ``os.wait4`` reports for a child process. ``--quick`` runs 3
repetitions instead of 5 and skips the 160-page brief.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import inputs, many, report
from .maps import bench_map, draw_map  # noqa: F401 - draw_map runs in fresh processes
from .process import (EPOCH, REPO, Run, check_install_stamp, environment, in_fresh_process,
                      page_count, project_copy, run, same_pdfs)

BIN = Path(sys.prefix) / "bin"
FLAGSHIP = "facts/nagorno-karabakh.yaml"
FLAGSHIP_ID = "nagorno-karabakh"
ONE_LOCALE = "en"
# (pages aimed at, chapters of the synthetic brief that give about as many).
SCALE = ((10, 8), (40, 33), (160, 143))
THROUGHPUT_BRIEFS = 8
RESULTS = REPO / "docs" / "benchmark-results.md"


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# -- commands ----------------------------------------------------------------------

def briefing(*args) -> list:
    return [BIN / "briefing", *args]


def weasyprint(html: Path, pdf: Path, variant: str | None) -> list:
    return [BIN / "weasyprint", *(("--pdf-variant", variant) if variant else ()), html, pdf]


def harfbuzz_subset(env: dict) -> bool:
    """Whether WeasyPrint, started with ``env``, finds HarfBuzz's subsetter (it then
    subsets fonts with it rather than with fontTools)."""
    script = "from weasyprint.text.ffi import harfbuzz_subset as h; print(h is not None)"
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", script], env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip() == "True"


# -- 1 and 2. the flagship against the weasyprint command ----------------------------

def bench_flagship(root: Path, repeats: int, variant: str | None) -> tuple[dict, dict]:
    """One edition on one core, and both editions cold and warm, each against the peer
    on the same HTML; every repetition runs each of them once, in turn.

    A first, untimed build of the HTML prepares the fonts if the working tree had
    none for this version of the code."""
    env = environment(root)
    run(briefing("build", FLAGSHIP, "--format", "html", "--out", "html"), root, env)
    (root / "peer").mkdir()
    htmls = sorted((root / "html").glob("*.html"))
    one_html = root / "html" / f"{FLAGSHIP_ID}.{ONE_LOCALE}.html"
    one_build = briefing("build", FLAGSHIP, "--locale", ONE_LOCALE, "--jobs", "1",
                         "--out", "out/one")
    samples = {"cold": [], "warm": [], "peer": [], "one": [], "one_peer": []}
    for index in range(repeats):
        log(f"flagship: run {index + 1} of {repeats} (one edition, cold, warm, peer)")
        samples["one"].append(run(one_build, root, env).seconds)
        samples["one_peer"].append(run(weasyprint(one_html, root / "peer/one.pdf", variant),
                                       root, env).seconds)
        for cache in ("charts", "subsets"):
            shutil.rmtree(root / "build" / cache, ignore_errors=True)
        samples["cold"].append(run(briefing("build", FLAGSHIP, "--out", "out/cold"),
                                   root, env).seconds)
        samples["warm"].append(run(briefing("build", FLAGSHIP, "--out", "out/warm"),
                                   root, env).seconds)
        samples["peer"].append(sum(run(weasyprint(html, root / "peer" / f"{html.stem}.pdf",
                                                  variant), root, env).seconds
                                   for html in htmls))
    seconds = {key: statistics.median(values) for key, values in samples.items()}
    one = {"locale": ONE_LOCALE, "ours": seconds["one"], "peer": seconds["one_peer"],
           "vs_peer": seconds["one"] / seconds["one_peer"],
           "pages": page_count(root / "out/one" / f"{FLAGSHIP_ID}.{ONE_LOCALE}.pdf")}
    both = {"seconds": {k: seconds[k] for k in ("cold", "warm", "peer")},
            "samples": samples,
            "cold_vs_peer": seconds["cold"] / seconds["peer"],
            "warm_vs_peer": seconds["warm"] / seconds["peer"]}
    return one, both


# -- 3. the stages of a warm build ---------------------------------------------------

def staged_build(root: str, out: str, facts: str = FLAGSHIP) -> dict:
    """One warm ``--jobs 1`` build, its seconds per stage as ``build()`` reports them.

    Meant for a fresh interpreter (see `bench_stages`), so that the imports and every
    first use cost what they cost in ``briefing build``. Only the imports are timed
    here; WeasyPrint's part of the "lay out" stage is split with the seconds each
    output reports into layout, PDF writing (from the HTML to the PDF's bytes, the
    span section 7 times for the peer: ``render()`` and ``write_pdf()``), and the
    rest: freeing each document (`report.FREEING`), which the peer's timer leaves out."""
    seconds = {}
    started = time.perf_counter()
    import briefing.pdf.engine  # noqa: F401  (WeasyPrint, imported as the build does)
    seconds["import weasyprint"] = time.perf_counter() - started
    started = time.perf_counter()
    from briefing.build import Options, build
    from briefing.project import Project
    seconds["import briefing (jinja2, babel, yaml)"] = time.perf_counter() - started

    project = Project(Path(root), Path(out))
    result = build([Path(root) / facts], Options(project, jobs=1))
    layout = sum(output.layout_seconds for output in result.outputs)
    laid_out = sum(output.seconds for output in result.outputs)
    for name, value in result.stages.items():
        if name == "lay out":
            seconds["layout"] = layout
            seconds["PDF write"] = laid_out - layout
            seconds[report.FREEING] = value - laid_out
        else:
            seconds[name] = value
    pages = {output.path.suffixes[-2].lstrip("."): output.pages
             for output in result.outputs}
    return {"seconds": seconds, "pages": pages}


def bench_stages(root: Path, repeats: int) -> dict:
    """Median seconds of each stage over fresh-process builds, and their shares."""
    samples = []
    for index in range(repeats):
        log(f"stages: run {index + 1} of {repeats}")
        samples.append(in_fresh_process(root, "staged_build", root, root / "out/one-core"))
    seconds = {name: statistics.median(s["seconds"][name] for s in samples)
               for name in samples[0]["seconds"]}
    return stage_shares(seconds, samples[0]["pages"])


def stage_shares(seconds: dict, pages: dict) -> dict:
    total = sum(seconds.values())
    ours = sum(v for name, v in seconds.items() if name not in report.WEASYPRINT_STAGES)
    return {"seconds": seconds, "shares": {k: v / total for k, v in seconds.items()},
            "total": total, "not_weasyprint_share": ours / total,
            "layout_and_write": seconds["layout"] + seconds["PDF write"], "pages": pages}


# -- 4. scale ------------------------------------------------------------------------

def bench_scale(root: Path, sizes, repeats: int, variant: str | None) -> dict:
    """Warm builds of synthetic briefs (time, peak memory, pages; an untimed HTML build
    draws the charts first), the peer on the largest, and the growth from about 40 to
    about 160 pages.

    The sizes take turns, one build of each a round, and the growth is the median of
    the rounds' own ratios: on a shared machine whose speed drifts by a fifth over a
    minute, builds of one size run back to back can all land in a slow spell."""
    env = environment(root)
    facts = {}
    for target, chapters in sizes:
        brief_id = f"synthetic-{target}"
        facts[target] = root / "facts" / f"{brief_id}.yaml"
        facts[target].write_text(inputs.synthetic_brief(brief_id, chapters), "utf-8")
        run(briefing("build", facts[target], "--format", "html", "--out", "html"), root, env)
    runs = {target: [] for target, _ in sizes}
    for index in range(repeats):
        for target, chapters in sizes:
            log(f"scale: about {target} pages ({chapters} chapters), "
                f"round {index + 1} of {repeats}")
            runs[target].append(run(briefing("build", facts[target], "--out", "out"),
                                    root, env))
    cases = [{"target": target, "chapters": chapters,
              "pages": page_count(root / "out" / f"synthetic-{target}.en.pdf"),
              "seconds": statistics.median(r.seconds for r in runs[target]),
              "max_rss": max(r.max_rss for r in runs[target])}
             for target, chapters in sizes]
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
                                      for key in ("pages", "max_rss")}
        result["growth_160_vs_40"]["seconds"] = statistics.median(
            b.seconds / s.seconds for b, s in zip(runs[160], runs[40]))
    return result


def bench_per_page_largest(root: Path, scale: dict, repeats: int,
                           variant: str | None) -> dict:
    """Section 7's measure on the largest synthetic brief (issue 16 asks for it on
    the flagship and on a 160-page brief): its layout and PDF writing per page against
    plain text of as many pages."""
    largest = scale["cases"][-1]
    brief_id = f"synthetic-{largest['target']}"
    return per_page_rounds(root, f"facts/{brief_id}.yaml",
                           [root / "html" / f"{brief_id}.en.html"],
                           {"en": largest["pages"]}, repeats, variant)


# -- 5 and 6. Make -------------------------------------------------------------------

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
    # The flagship's vi prose: one catalog per brief, or one for all briefs before that.
    messages = root / "locales/vi/LC_MESSAGES"
    catalog = next(path for path in (messages / "facts" / f"{FLAGSHIP_ID}.po",
                                     messages / "facts.po") if path.exists())
    edited = []
    for index in range(repeats):
        log(f"make: rebuild after editing the vi catalog, {index + 1} of {repeats}")
        with catalog.open("a", encoding="utf-8") as handle:
            handle.write(f"\n# benchmark edit {index + 1}\n")
        edited.append(make(root, "briefs"))
    return {"first": {"seconds": first.seconds, "rebuilt": rebuilt(first)},
            "no_change": {"seconds": statistics.median(r.seconds for r in unchanged),
                          "rebuilt": max(rebuilt(r) for r in unchanged)},
            "catalog_edit": {"file": str(catalog.relative_to(root)),
                             "seconds": statistics.median(r.seconds for r in edited),
                             "rebuilt": max(rebuilt(r) for r in edited)}}


def bench_throughput(root: Path) -> dict:
    """Copies of the flagship in both locales, built with make -j1 and with -j2, each
    from an empty dist/ (fonts and charts cached). The CPU time over the wall time
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
        for catalog in (root / "locales").glob(f"*/LC_MESSAGES/facts/{FLAGSHIP_ID}.po"):
            shutil.copy2(catalog, catalog.with_name(f"{brief_id}.po"))  # its translation
    for catalog in (root / "locales").glob(f"*/LC_MESSAGES/facts/{FLAGSHIP_ID}.po"):
        catalog.unlink()
    make(root, "build/editions.mk", "build/source-date-epoch")
    result = {"briefs": THROUGHPUT_BRIEFS}
    for jobs in (1, 2):
        log(f"throughput: make -j{jobs}, {THROUGHPUT_BRIEFS} briefs")
        shutil.rmtree(root / "dist", ignore_errors=True)
        outcome = make(root, f"-j{jobs}", "briefs")
        result[f"j{jobs}"] = {"seconds": outcome.seconds, "editions": rebuilt(outcome),
                              "cores_busy": outcome.cpu_seconds / outcome.seconds}
    result["speedup"] = result["j1"]["seconds"] / result["j2"]["seconds"]
    return result


# -- 7. per-page cost ----------------------------------------------------------------

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


def bench_per_page(root: Path, warm: float, stages: dict, repeats: int,
                   variant: str | None) -> dict:
    """Seconds per page of the flagship (layout and PDF write, both editions in one
    fresh process, as section 3 measures them), of plain-text documents matching each
    edition's page count in the same fonts, and of the naive equivalent of each
    edition (`per_page_rounds`)."""
    htmls = sorted((root / "html").glob("*.html"))
    result = per_page_rounds(root, FLAGSHIP, htmls, stages["pages"], repeats, variant,
                             naive=True)
    return {"warm_build": warm / result["pages"]} | result


def per_page_rounds(root: Path, facts: str, htmls: list, pages: dict, repeats: int,
                    variant: str | None, naive: bool = False) -> dict:
    """A brief's layout and PDF writing per page (its editions ``pages``, built from
    ``facts`` in a fresh process by `staged_build`) against plain text of the same
    page counts in the fonts of its HTML files ``htmls``, and if ``naive``, against
    the naive equivalent of those files. Each is timed over the same span, from its
    HTML to its PDF's bytes (``render()`` and ``write_pdf()``); freeing our documents
    afterwards is reported apart (``freeing``), as the peer's timer stops before its
    document is freed.

    They are measured in turns, one run of each per round, and each ratio is the
    median of the rounds' ratios: on a machine whose speed drifts (this kind's
    timings scatter by a fifth between identical runs) a ratio of runs made seconds
    apart is steadier than a ratio of medians taken minutes apart."""
    font_css = "\n".join(re.findall(r"@font-face\s*\{[^}]*\}", htmls[0].read_text("utf-8")))
    folder = root / f"per-page-{Path(facts).stem}"
    folder.mkdir()
    documents = {"plain": [folder / f"plain.{lang}.html" for lang in pages]}
    for path, count in zip(documents["plain"], pages.values()):
        path.write_text(inputs.fit_plain_text(count, font_css), "utf-8")
    if naive:
        documents["naive"] = [folder / f"naive.{path.name}" for path in htmls]
        for path, copy in zip(htmls, documents["naive"]):
            copy.write_text(inputs.naive_html(path.read_text("utf-8")), "utf-8")
    total = sum(pages.values())
    rounds = []
    for index in range(repeats):
        log(f"per page, {Path(facts).stem}: ours, {' and '.join(documents)}, round "
            f"{index + 1} of {repeats}")
        staged = in_fresh_process(root, "staged_build", root, root / "out/one-core", facts)
        ours = staged["seconds"]["layout"] + staged["seconds"]["PDF write"]
        rounds.append({"ours": ours / total,
                       "freeing": staged["seconds"][report.FREEING] / total} | {
            key: in_fresh_process(root, "render_documents", variant or "",
                                  *paths)["seconds"] / total
            for key, paths in documents.items()})
    median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    result = {"pages": total, "layout_and_write": median["ours"],
              "freeing": median["freeing"], "plain_text": median["plain"],
              "vs_plain_text": statistics.median(r["ours"] / r["plain"] for r in rounds)}
    if naive:
        result |= {"naive": median["naive"],
                   "vs_naive": statistics.median(r["ours"] / r["naive"] for r in rounds)}
    return result


# -- main ----------------------------------------------------------------------------

def parse_args(argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the figures as JSON to this file")
    parser.add_argument("--results", type=Path, default=RESULTS, metavar="PATH",
                        help="write the dated results as Markdown to this file (default "
                             f"{RESULTS.relative_to(REPO).as_posix()})")
    parser.add_argument("--quick", action="store_true",
                        help="3 runs instead of 5, and no 160-page brief")
    parser.add_argument("--many-briefs", type=int, default=many.BRIEFS, metavar="N",
                        help=f"briefs of section 10, each in 3 locales (default "
                             f"{many.BRIEFS})")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    repeats = 3 if args.quick else 5
    scale_repeats = 1 if args.quick else 3
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    from briefing.build import Options

    variant = Options.__dataclass_fields__["pdf_variant"].default
    # Ours always subsets with fontTools (briefing/pdf/subsets.py); the peer uses
    # HarfBuzz's subsetter when the system has it.
    peer_hb = harfbuzz_subset(environment(REPO))
    results = {"date": report.run_date(), "commit": report.commit(REPO),
               "machine": report.machine(), "versions": report.versions(),
               "settings": {"quick": args.quick, "repeats": repeats,
                            "scale_repeats": scale_repeats, "source_date_epoch": int(EPOCH),
                            "peer": "weasyprint" + (f" --pdf-variant {variant}" if variant
                                                    else ""),
                            "harfbuzz_subset": {"ours": False, "peer": peer_hb}}}
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        base = project_copy(Path(tmp) / "flagship")
        results["one_edition"], results["flagship"] = bench_flagship(base, repeats, variant)
        results["stages"] = bench_stages(base, repeats)
        results["per_page"] = bench_per_page(base, results["flagship"]["seconds"]["warm"],
                                             results["stages"], repeats, variant)
        results["identical"] = {
            "cold build = warm build": same_pdfs(base / "out/cold", base / "out/warm"),
            "one core (--jobs 1) = forked workers": same_pdfs(base / "out/one-core",
                                                              base / "out/warm"),
        }
        results["map"] = bench_map(project_copy(Path(tmp) / "map", base), repeats)
        scale = project_copy(Path(tmp) / "scale", base)
        results["scale"] = bench_scale(scale, SCALE[:-1] if args.quick else SCALE,
                                       scale_repeats, variant)
        if not args.quick:
            results["scale"]["per_page"] = bench_per_page_largest(
                scale, results["scale"], scale_repeats, variant)
        results["make"] = bench_make(project_copy(Path(tmp) / "make", base), repeats)
        results["throughput"] = bench_throughput(project_copy(Path(tmp) / "throughput",
                                                              base))
        results["many"] = many.bench_many(project_copy(Path(tmp) / "many", base),
                                          args.many_briefs, repeats)
    results["machine"]["load_average_at_end"] = os.getloadavg()[0]
    results["targets"] = report.targets(results)
    print(report.format_report(results))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                            "utf-8")
    write_results(args.results, results)
    return 0


def write_results(path: Path, results: dict) -> None:
    """The results file (docs/benchmark-results.md), replaced whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(report.results_markdown(results), "utf-8")
    temporary.replace(path)
    log(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
