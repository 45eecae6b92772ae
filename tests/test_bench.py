"""The benchmark cannot rot: its report on made-up figures, its inputs, its build hook.

The benchmark itself takes minutes and measures time; these tests take seconds and
measure nothing. They check that the table and the targets are computed from the
results as documented, that its synthetic briefs are valid facts, and that the
stages it reports come from build() itself.
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path

import pytest

from benchmarks import bench, inputs, many, maps, report
from briefing.pdf import pool

from conftest import FIXTURES, ROOT


def made_up_results(growth: bool = True) -> dict:
    case = {"chapters": 8, "target": 10, "pages": 11, "seconds": 2.0, "max_rss": 100 * 2 ** 20}
    scale = {"cases": [case], "memory_vs_peer": 1.05,
             "peer": {"pages": 11, "seconds": 1.9, "max_rss": 95 * 2 ** 20}}
    if growth:
        scale["growth_160_vs_40"] = {"pages": 4.1, "seconds": 4.3, "max_rss": 3.0}
        scale["per_page"] = {"pages": 167, "layout_and_write": 0.21, "freeing": 0.004,
                             "plain_text": 0.1, "vs_plain_text": 2.1}
    stages = bench.stage_shares({"import weasyprint": 0.5, "import briefing": 0.1,
                                 "render": 0.1, "layout": 1.0, "PDF write": 0.3},
                                {"en": 9, "vi": 9})
    return {
        "machine": {"platform": "Linux", "cpus": 2, "memory_bytes": 2 ** 33,
                    "load_average_at_start": 0.5, "load_average_at_end": 1.5},
        "versions": {"python": "3.11", **{name: "1.0" for name in report.VERSIONS_OF}},
        "settings": {"repeats": 3, "scale_repeats": 1, "source_date_epoch": 1700000000,
                     "peer": "weasyprint --pdf-variant pdf/ua-1",
                     "harfbuzz_subset": {"ours": False, "peer": True}},
        "one_edition": {"locale": "en", "pages": 9, "ours": 2.0, "peer": 1.6,
                        "vs_peer": 1.25},
        "flagship": {"seconds": {"cold": 3.0, "warm": 2.0, "peer": 4.0},
                     "cold_vs_peer": 0.75, "warm_vs_peer": 0.5},
        "stages": stages,
        "scale": scale,
        "make": {"first": {"seconds": 4.0, "rebuilt": 2},
                 "no_change": {"seconds": 0.012, "rebuilt": 0},
                 "catalog_edit": {"file": "locales/vi/LC_MESSAGES/facts.po",
                                  "seconds": 2.0, "rebuilt": 1}},
        "throughput": {"briefs": 8, "j1": {"seconds": 30.0, "cores_busy": 1.0, "editions": 16},
                       "j2": {"seconds": 20.0, "cores_busy": 1.9, "editions": 16},
                       "speedup": 1.5},
        "per_page": {"pages": 18, "warm_build": 0.11, "layout_and_write": 0.072,
                     "freeing": 0.002,
                     "plain_text": 0.036, "vs_plain_text": 2.0, "naive": 0.5,
                     "vs_naive": 0.144},
        "identical": {"cold build = warm build": True,
                      "one core (--jobs 1) = forked workers": False},
        "map": {"locale": "en", "extra": 0.3, "extra_vs_draw": 0.75,
                "seconds": {"with_map": 2.3, "without_map": 2.0, "draw": 0.45,
                            "engine_with_map": 2.1, "engine_without_map": 1.7,
                            "engine_draw": 0.4,
                            "import": 0.6}},
        "many": {"briefs": 50, "locales": 3, "editions": 150,
                 "j1": {"seconds": 300.0, "cores_busy": 1.0, "editions": 150},
                 "j2": {"seconds": 160.0, "cores_busy": 1.9, "editions": 150},
                 "speedup": 1.875, "no_change": {"seconds": 0.61, "rebuilt": 0},
                 "one_process": {"seconds": 80.0, "cores_busy": 1.9, "editions": 150,
                                 "charts_drawn": 0, "font_fingerprints": 1,
                                 "vs_make_j2": 0.5},
                 "same_pdfs": True},
    }


def test_stage_shares_split_ours_from_weasyprints():
    stages = bench.stage_shares({"import weasyprint": 1.0, "render": 0.5, "layout": 2.0,
                                 "PDF write": 0.5}, {"en": 3})
    assert stages["total"] == 4.0
    assert stages["not_weasyprint_share"] == 0.125
    assert stages["layout_and_write"] == 2.5
    assert stages["shares"]["layout"] == 0.5


def test_targets_judge_each_value_against_its_limit():
    results = made_up_results(growth=False)
    verdicts = {(t["issue"], t["target"]): t["pass"] for t in report.targets(results)}
    assert verdicts[16, "one edition, one core / weasyprint command"] is False  # 1.25
    assert verdicts[16, "layout + PDF write per page / plain text"] is True  # 2.0 <= 2.0
    assert verdicts[7, "make -j2 speed-up over -j1"] is False  # 1.5 < 1.6
    assert verdicts[7, "no-change make briefs, seconds"] is True
    assert verdicts[16, "time of 160 pages / time of 40 pages"] is None  # not measured
    assert verdicts[16, "the same, largest synthetic brief"] is None
    assert verdicts[16, "50 briefs × 3 locales: make -j2 speed-up over -j1"] is True
    assert verdicts[16, "50 briefs × 3 locales: no-change make briefs, seconds"] is False
    assert verdicts[16, "50 briefs × 3 locales: one briefing build / make -j2"] is True


def test_the_printed_report_has_every_section_and_a_line_per_target():
    results = made_up_results()
    results["targets"] = report.targets(results)
    text = report.format_report(results)
    lines = text.splitlines()
    assert "Fonts subset by HarfBuzz (libharfbuzz-subset): ours no, peer yes; " \
           "otherwise by fontTools; ours keeps its subsets" in lines
    headings = [line for line in lines
                if line.split(" ", 1)[0] in {str(n) for n in range(1, 11)}]
    expected = ["1 One edition (en, 9 pages), one core", "2 Flagship, both editions",
                "3 Stages of one warm build --jobs 1", "4 Scale", "5 Make", "6 Throughput",
                "7 Per page, flagship (18 pages)",
                "8 Identical PDFs, SOURCE_DATE_EPOCH=1700000000",
                "9 Locator map, flagship (en), warm, --jobs 1, whole process (medians)",
                "10 Many briefs: 50 briefs × 3 locales from an empty dist (charts cached)"]
    assert len(headings) == len(expected)
    assert all(line.startswith(start) for line, start in zip(headings, expected)), headings
    first_row = lines[lines.index(next(line for line in lines if line.startswith("1 "))) + 1]
    assert first_row.split()[-5:] == ["2.00", "s", "1.60", "s", "1.25×"]
    assert "  after editing locales/vi/LC_MESSAGES/facts.po" in text
    assert "  one core (--jobs 1) = forked workers" in text and text.count(" NO") == 1
    verdicts = [line for line in lines if line[:4] in {"PASS", "FAIL", "SKIP"}]
    assert len(verdicts) == len(results["targets"]) == 18
    assert "FAIL  #16  the same, largest synthetic brief: 2.100 <= 2.0" in verdicts
    row = next(line for line in lines if line.startswith("  largest, per page (167)"))
    assert row.split()[-3:] == ["0.210", "s", "2.10×"]
    row = lines[lines.index(row) + 1]  # the time it leaves out, shown beside it
    assert row.startswith("  then freeing the laid-out document (not in the ratio)")
    assert row.split()[-2:] == ["0.004", "s"]
    assert "FAIL  #16  50 briefs × 3 locales: no-change make briefs, seconds: 0.610 < 0.5" \
        in verdicts
    assert "  in it: charts drawn, font fingerprints computed" in text
    row = next(line for line in lines if line.startswith("  one briefing build / make -j2"))
    assert row.split()[-1] == "0.50×"
    assert verdicts[0] == "FAIL  #16  one edition, one core / weasyprint command: " \
                          "1.250 <= 0.9"
    assert "PASS  #7   time of 160 pages / time of 40 pages: 4.300 <= 4.4" in verdicts
    assert verdicts[-1] == "PASS  #13  warm build's extra time for a cached map / the " \
                           "engine drawing its SVG: 0.750 <= 1.0"
    assert "  the engine drawing the map's SVG (each round's difference)" in text
    assert "  extra time for the cached map" in text and "0.30 s" in text


def test_the_results_file_is_dated_and_has_a_row_per_target(tmp_path):
    """docs/benchmark-results.md as a run writes it: its date, commit and machine, a
    row per target (no issue numbers), then the printed table, fenced."""
    results = made_up_results()
    results["targets"] = [
        {"issue": 16, "target": "one edition, one core / weasyprint command",
         "value": 0.6944, "op": "<=", "limit": 0.9, "pass": True},
        {"issue": 7, "target": "make -j2 speed-up over -j1", "value": 1.5, "op": ">=",
         "limit": 1.6, "pass": False},
        {"issue": 13, "target": "a map", "value": None, "op": "<=", "limit": 1.0,
         "pass": None}]
    results |= {"date": "2026-11-23", "commit": "647d1b3"}
    path = tmp_path / "docs" / "benchmark-results.md"
    bench.write_results(path, results)
    lines = path.read_text("utf-8").splitlines()
    assert lines[:15] == [
        "# Benchmark results",
        "",
        "Written by `make bench` (`python -m benchmarks.bench`); what it measures, how, "
        "and the goals: [performance.md](performance.md).",
        "",
        "- Date: 2026-11-23 (UTC)",
        "- Commit: 647d1b3",
        "- Machine: 2 cores, 8.0 GiB, Linux; load average 0.50 at start, 1.50 at end",
        "- Python 3.11, weasyprint 1.0, matplotlib 1.0, babel 1.0, jinja2 1.0, "
        "fonttools 1.0",
        "- Medians of 3 alternating runs (1 for scale)",
        "",
        "| target | value | limit | result |",
        "| --- | ---: | --- | --- |",
        "| one edition, one core / weasyprint command | 0.694 | <= 0.9 | PASS |",
        "| make -j2 speed-up over -j1 | 1.500 | >= 1.6 | FAIL |",
        "| a map | not measured | <= 1.0 | SKIP |",
    ]
    assert lines[15:19] == ["", "Every figure, as `make bench` prints them:", "", "```"]
    assert lines[19:-1] == report.table_lines(results)
    assert lines[19].startswith("1 One edition (en, 9 pages), one core")
    assert lines[-1] == "```"
    assert not any("#" in line for line in lines[1:])  # no issue numbers
    assert list(tmp_path.rglob("*.tmp")) == []


def test_the_results_file_names_no_commit_outside_a_checkout(tmp_path):
    assert report.commit(tmp_path) is None
    results = made_up_results()
    results |= {"targets": report.targets(results), "date": "2026-01-02", "commit": None}
    text = report.results_markdown(results)
    assert "- Commit: unknown\n" in text
    assert text.count("\n| ") == 2 + 18  # the heading, its rule, a row per target


def test_the_map_target_is_skipped_when_the_engine_time_does_not_tell_the_map():
    """Section 9 on a run where the engine took no longer with the map than without:
    the ratio is not computed, and the target says SKIP, not a PASS of -100."""
    results = made_up_results()
    results["map"]["extra_vs_draw"] = None
    results["targets"] = report.targets(results)
    lines = report.format_report(results).splitlines()
    assert "SKIP  #13  warm build's extra time for a cached map / the engine drawing " \
           "its SVG: not measured" in lines


def test_the_map_check_takes_each_rounds_difference_not_the_difference_of_medians():
    """The machine ran faster in the second round: the difference of the medians
    (2.9 - 2.0 = 0.9 s) is drift; each round's two runs differ by 0.3 s but one."""
    difference, scatter = maps.paired_difference([3.0, 2.0, 2.9], [2.7, 1.7, 2.0])
    assert round(difference, 6) == 0.3 and round(scatter, 6) == 0.0
    difference, scatter = maps.paired_difference([1.0, 1.4, 1.0, 1.2], [1.0, 1.0, 0.8, 1.1])
    assert round(difference, 6) == 0.15 and round(scatter, 6) == 0.1


def test_the_scale_sizes_take_turns_and_growth_is_the_median_rounds_ratio(
        tmp_path, monkeypatch):
    """Section 4 on a machine that slowed down for the second round: the two sizes run
    in turns, and the growth is the median of each round's own ratio (20/5, 32/8,
    30/5: 4.0), not the ratio of the medians (30 s / 5 s = 6.0)."""
    (tmp_path / "facts").mkdir()
    times = iter([5.0, 20.0, 8.0, 32.0, 5.0, 30.0])
    order = []

    def fake_run(cmd, cwd, env):
        words = [str(word) for word in cmd]
        if "--format" in words or "weasyprint" in words[0]:
            return bench.Run(1.0, 1.0, 100, "")
        order.append(next(word for word in words if word.endswith(".yaml")))
        return bench.Run(next(times), 0.0, 200, "")
    monkeypatch.setattr(bench, "run", fake_run)
    monkeypatch.setattr(bench, "page_count", lambda pdf: 168 if "160" in pdf.name else 40)
    result = bench.bench_scale(tmp_path, [(40, 2), (160, 3)], 3, None)
    assert [Path(name).name for name in order] == \
        ["synthetic-40.yaml", "synthetic-160.yaml"] * 3
    assert [case["seconds"] for case in result["cases"]] == [5.0, 30.0]
    assert result["growth_160_vs_40"] == {"pages": 4.2, "max_rss": 1.0, "seconds": 4.0}


def test_the_map_target_is_skipped_when_not_measured():
    results = made_up_results()
    del results["map"]
    verdicts = {(t["issue"], t["target"]): t["pass"] for t in report.targets(results)}
    assert verdicts[13, "warm build's extra time for a cached map / the engine drawing its "
                        "SVG"] \
        is None


def test_the_brief_without_its_map_is_the_flagship_less_its_map_chart(cli, tmp_path):
    text = (ROOT / "facts" / "nagorno-karabakh.yaml").read_text("utf-8")
    facts = tmp_path / "nagorno-karabakh.yaml"
    facts.write_text(maps.without_map(text), "utf-8")
    shutil.copytree(ROOT / "facts" / "editions", tmp_path / "editions")
    assert cli("check", facts).code == 0
    from briefing.facts import load_brief
    assert [c.id for c in load_brief(facts).charts] == [
        "casualties", "clashes-2022", "displacement"]


def test_synthetic_briefs_are_valid_facts(cli, tmp_path):
    facts = tmp_path / "synthetic-3.yaml"
    facts.write_text(inputs.synthetic_brief("synthetic-3", 3), "utf-8")
    result = cli("check", facts)
    assert result.code == 0, result.err
    assert result.err == ""


def test_the_naive_equivalent_inlines_charts_and_uses_the_full_fonts():
    svg = "<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg'></svg>"
    html = ('<style>@font-face { font-family: "Noto Serif"; src: url("x.ttf") }</style>'
            '<img src="data:image/svg+xml;base64,' + base64.b64encode(svg.encode()).decode()
            + '" alt="a chart">')
    naive = inputs.naive_html(html)
    assert "<svg xmlns='http://www.w3.org/2000/svg'></svg>" in naive
    assert "<img" not in naive and "x.ttf" not in naive
    assert "NotoSerif%5Bwdth%2Cwght%5D.ttf" in naive or "NotoSerif[wdth,wght].ttf" in naive


def test_stages_come_from_the_builds_own_report(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    measured = bench.staged_build(str(ROOT), str(tmp_path),
                                  str(FIXTURES / "minimal.yaml"))
    assert list(measured["seconds"]) == [
        "import weasyprint", "import briefing (jinja2, babel, yaml)",
        "load, catalogs, translate, relate", "chart", "render", "layout", "PDF write",
        "freeing the laid-out documents", "write"]
    assert all(seconds >= 0 for seconds in measured["seconds"].values())
    # The three parts of the "lay out" stage add up to it, and the first two are the
    # span the peer is timed over (render and write_pdf: LaidOut's seconds).
    laid = {}
    real_write_pdf = pool.write_pdf

    def write_pdf(*args, **kwargs):
        laid["seconds"] = (result := real_write_pdf(*args, **kwargs)).seconds
        return result
    monkeypatch.setattr(pool, "write_pdf", write_pdf)
    again = bench.staged_build(str(ROOT), str(tmp_path), str(FIXTURES / "minimal.yaml"))
    assert again["seconds"]["layout"] + again["seconds"]["PDF write"] == \
        pytest.approx(laid["seconds"], abs=1e-9)
    assert again["seconds"]["freeing the laid-out documents"] > 0
    assert measured["pages"] == {"en": 2}
    assert (tmp_path / "minimal.en.pdf").read_bytes().startswith(b"%PDF-")


def test_many_briefs_in_a_reduced_form(tmp_path):
    """Section 10 on one brief (the shortest, without charts) × three locales: each
    make builds every edition once, the no-change make none, and one process builds
    the same PDFs as make, computing the prepared fonts' fingerprint once."""
    from benchmarks.process import project_copy

    root = project_copy(tmp_path / "many")
    result = many.bench_many(root, briefs=1, repeats=1)
    assert sorted(p.name for p in (root / "dist").glob("*.pdf")) == [
        "city-budget-1.en.pdf", "city-budget-1.fr.pdf", "city-budget-1.vi.pdf"]
    assert (result["j1"]["editions"], result["j2"]["editions"]) == (3, 3)
    assert result["no_change"]["rebuilt"] == 0
    one = result["one_process"]
    assert (one["editions"], one["font_fingerprints"]) == (3, 1)
    assert result["same_pdfs"] is True


def test_every_brief_of_section_10_checks_clean(tmp_path):
    """The briefs section 10 makes from each fixture carry what they name (a map's
    GeoJSON file): `briefing check` of them passes (run raises otherwise), so a full
    run cannot stop at its last section."""
    from benchmarks.process import environment, project_copy, run

    root = project_copy(tmp_path / "many")
    assert many.write_briefs(root, len(many.FIXTURES)) == 3 * len(many.FIXTURES)
    run([many.BIN / "briefing", "check", "facts"], root, environment(root))
