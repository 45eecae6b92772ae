"""What a build prints: each edition as it is laid out, a summary, -q and --json."""

from __future__ import annotations

import json
import re

from conftest import FIXTURES

BUDGET = FIXTURES / "subjects" / "budget.yaml"  # two editions: city-budget.en, .vi


def test_each_edition_is_told_as_it_is_laid_out_then_a_summary(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("build", BUDGET, "--out", out)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) == 3
    assert sorted(re.sub(r"\d+ pages, \d+\.\d\d s$", "P pages, S s", line)
                  for line in lines[:2]) == [f"{out}/city-budget.en.pdf: P pages, S s",
                                             f"{out}/city-budget.vi.pdf: P pages, S s"]
    assert re.fullmatch(rf"wrote 2 editions to {re.escape(str(out))}/ \(\d+\.\d\d s\)",
                        lines[2])


def test_quiet_prints_nothing_and_still_builds(cli, tmp_path):
    result = cli("build", BUDGET, "--out", tmp_path, "--format", "html", "-q")
    assert result.code == 0, result.err
    assert result.out == ""
    assert sorted(p.name for p in tmp_path.glob("*.html")) == [
        "city-budget.en.html", "city-budget.vi.html"]


def test_json_lines_for_pipelines(cli, tmp_path):
    result = cli("build", BUDGET, "--out", tmp_path, "--format", "html", "--json")
    assert result.code == 0, result.err
    events = [json.loads(line) for line in result.out.splitlines()]
    assert sorted((e["event"], e["file"]) for e in events[:2]) == [
        ("laid-out", f"{tmp_path}/city-budget.en.html"),
        ("laid-out", f"{tmp_path}/city-budget.vi.html")]
    assert events[2]["event"] == "written"
    assert events[2]["files"] == [f"{tmp_path}/city-budget.en.html",
                                  f"{tmp_path}/city-budget.vi.html"]
    assert len(events) == 3

    bad = tmp_path / "bad.yaml"
    bad.write_text(BUDGET.read_text("utf-8") + "bogus: [\n", "utf-8")
    result = cli("build", bad, "--out", tmp_path, "--json")
    assert result.code == 2
    [failed] = [json.loads(line) for line in result.out.splitlines()]
    assert failed["event"] == "failed" and failed["status"] == 2
    assert failed["errors"] == [line for line in result.err.splitlines() if ": error: " in line]
    assert len(failed["errors"]) == 1
