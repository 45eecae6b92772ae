"""Section 9 of the benchmark: what a locator map costs a warm build (issue 13).

The goal: a warm build with a cached map costs no more than a build of the same brief
without the map plus the engine's time to draw the map's SVG. Measured on the
flagship's English edition, one core, whole process (CPU seconds), the chart and font-subset
caches warm: the brief as it is, against the same facts file with its map chart cut
out (runs alternate). "The engine's time to draw the SVG" is WeasyPrint's: the
``weasyprint`` command on the edition's HTML against the same HTML with the map's
figure cut out (runs alternate), so that the goal asks that our build add nothing to
what the engine itself spends on the map. For reference, in fresh interpreters, the
time matplotlib takes to draw the SVG from its localized data (pyplot imported first,
timed apart): a warm build never pays it, the drawing being cached.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import time
from pathlib import Path

import yaml

from .process import environment, in_fresh_process, run

BIN = Path(sys.prefix) / "bin"
FLAGSHIP = "facts/nagorno-karabakh.yaml"
LOCALE = "en"
# CPU seconds below which the engine's time with and without the map cannot be told
# apart on this machine kind, whatever the rounds' scatter.
NOISE = 0.1


def paired_difference(with_: list, without: list) -> tuple[float, float]:
    """The median of the rounds' differences (each round's two runs are seconds
    apart, while this machine's speed drifts by a fifth over minutes: the difference
    of two medians mixes that drift in), and the scatter of those differences (their
    median absolute deviation)."""
    differences = [a - b for a, b in zip(with_, without)]
    middle = statistics.median(differences)
    return middle, statistics.median(abs(d - middle) for d in differences)


def without_map(text: str) -> str:
    """The facts text with every chart of kind ``map`` cut out, lines and all."""
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    charts = next(value for key, value in root.value if key.value == "charts")
    lines = text.splitlines(keepends=True)
    cut = set()
    for item in charts.value:
        kind = next((v.value for k, v in item.value if k.value == "kind"), None)
        if kind == "map":
            # From the item's "- " line to its last line (its end mark stands at the
            # next item's "-", or at the start of the line after it).
            end = item.end_mark
            before = lines[end.line][:end.column] if end.line < len(lines) else ""
            cut.update(range(item.start_mark.line,
                             end.line if not before.strip() else end.line + 1))
    return "".join(line for number, line in enumerate(lines) if number not in cut)


def draw_map(root: str, facts: str = FLAGSHIP, locale: str = LOCALE) -> dict:
    """Seconds to import pyplot, then to draw the edition's map (in a fresh process)."""
    from briefing.build import Options, prepare
    from briefing.diagnostics import Collector
    from briefing.project import Project
    from briefing.render import maps

    import charts.map

    views = prepare([Path(root) / facts], Options(Project(Path(root)), locales=(locale,)),
                    Collector())
    chart = next(c for c in views[0].brief.charts if c.kind == "map")
    data = maps.map_data(views[0], chart)
    started = time.perf_counter()
    import matplotlib.pyplot  # noqa: F401
    imported = time.perf_counter() - started
    started = time.perf_counter()
    charts.map.draw(data)
    return {"import": imported, "draw": time.perf_counter() - started}


def bench_map(root: Path, repeats: int) -> dict:
    """Warm builds with and without the map, alternating, and the map's drawing."""
    env = environment(root)
    plain = root / "without-map" / Path(FLAGSHIP).name
    plain.parent.mkdir()
    # The same brief in every other respect: its previous edition beside it too.
    shutil.copytree(root / Path(FLAGSHIP).parent / "editions", plain.parent / "editions")
    plain.write_text(without_map((root / FLAGSHIP).read_text("utf-8")), "utf-8")
    builds = {name: [BIN / "briefing", "build", facts, "--locale", LOCALE, "--jobs", "1",
                     "--out", f"out/{name}"]
              for name, facts in (("with_map", FLAGSHIP), ("without_map", plain))}
    for command in builds.values():  # untimed: fill the chart and font-subset caches
        run(command, root, env)
    run([BIN / "briefing", "build", FLAGSHIP, "--locale", LOCALE, "--format", "html",
         "--out", "html"], root, env)
    html = root / "html" / f"{Path(FLAGSHIP).stem}.{LOCALE}.html"
    plain_html = root / "html" / "without-map.html"
    plain_html.write_text(re.sub(r'<figure class="chart map".*?</figure>', "",
                                 html.read_text("utf-8"), flags=re.S), "utf-8")
    engine = {name: [BIN / "weasyprint", "--pdf-variant", "pdf/ua-1", page,
                     root / "html" / f"{name}.pdf"]
              for name, page in (("engine_with_map", html),
                                 ("engine_without_map", plain_html))}
    samples = {"with_map": [], "without_map": [], "engine_with_map": [],
               "engine_without_map": [], "import": [], "draw": []}
    for index in range(repeats):
        print(f"bench: map: run {index + 1} of {repeats}", file=sys.stderr, flush=True)
        for name, command in (*builds.items(), *engine.items()):
            # CPU time: one process on one core, and far steadier than wall time on a
            # shared machine, where a 0.4 s difference drowns in seconds of noise.
            samples[name].append(run(command, root, env).cpu_seconds)
        drawn = in_fresh_process(root, "draw_map", str(root))
        samples["import"].append(drawn["import"])
        samples["draw"].append(drawn["draw"])
    seconds = {key: statistics.median(values) for key, values in samples.items()}
    extra, extra_scatter = paired_difference(samples["with_map"], samples["without_map"])
    engine_draw, engine_scatter = paired_difference(samples["engine_with_map"],
                                                    samples["engine_without_map"])
    seconds["engine_draw"] = engine_draw
    # A difference within twice the rounds' scatter (or below NOISE) is not the map's:
    # no ratio (SKIP).
    measured = engine_draw >= max(NOISE, 2 * engine_scatter, 2 * extra_scatter)
    return {"locale": LOCALE, "seconds": seconds, "samples": samples, "extra": extra,
            "scatter": {"extra": extra_scatter, "engine_draw": engine_scatter},
            "extra_vs_draw": extra / engine_draw if measured else None}
