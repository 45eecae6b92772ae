"""The Makefile as release pipelines use it, in a copy of the project."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, make_in

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

make = make_in


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("project"), with_make=True)


def built(result) -> list[str]:
    return [line.split(":")[0] for line in result.stdout.splitlines()
            if line.startswith("dist/") and "pages" in line]


def digests(directory: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.glob("*.pdf"))}


def test_briefs_builds_every_edition_then_nothing(project):
    first = make(project, "briefs")
    assert first.returncode == 0, first.stderr
    assert built(first) == ["dist/nagorno-karabakh.en.pdf", "dist/nagorno-karabakh.vi.pdf"]
    again = make(project, "briefs")
    assert again.returncode == 0
    assert built(again) == []
    assert again.stdout.strip() == "briefs: 2 editions up to date in dist/"


def test_editing_a_vietnamese_catalog_rebuilds_only_the_vietnamese_edition(project):
    make(project, "briefs")
    po = project / "locales" / "vi" / "LC_MESSAGES" / "facts" / "nagorno-karabakh.po"
    po.write_text(po.read_text("utf-8") + "\n# a translator's note\n", "utf-8")
    result = make(project, "briefs")
    assert result.returncode == 0, result.stderr
    assert built(result) == ["dist/nagorno-karabakh.vi.pdf"]


def test_parallel_build_gives_the_same_bytes(project):
    make(project, "briefs")
    serial = digests(project / "dist")
    shutil.rmtree(project / "dist")
    result = make(project, "-j2", "briefs")
    assert result.returncode == 0, result.stderr
    assert digests(project / "dist") == serial


def test_release_writes_checksums_and_manifest_and_repeats_itself(project):
    first = make(project, "release")
    assert first.returncode == 0, first.stderr
    sums = (project / "dist" / "SHA256SUMS").read_text()
    assert sums.splitlines() == [f"{digest}  {name}" for name, digest
                                 in digests(project / "dist").items()]
    assert sums in first.stdout
    import json
    manifest = json.loads((project / "dist" / "manifest.json").read_text())
    vi = next(e for e in manifest["editions"] if e["locale"] == "vi")
    assert vi["translation_coverage"] == {"messages": 100.0, "facts": 100.0}
    assert vi["pages"] > 5 and vi["claims"] > 10 and vi["sources"] == 5
    assert manifest["rendering"]["weasyprint"] == "70.0"
    second = make(project, "release")
    assert second.returncode == 0
    assert (project / "dist" / "SHA256SUMS").read_text() == sums


def test_check_reports_catalog_and_facts_problems_together_with_exit_2(project):
    po = project / "locales" / "vi" / "LC_MESSAGES" / "messages.po"
    facts = project / "facts" / "nagorno-karabakh.yaml"
    good_po, good_facts = po.read_text("utf-8"), facts.read_text("utf-8")
    try:
        po.write_text(good_po + '\nmsgid "Broken"\nmsgstr "Hỏng\n', "utf-8")
        facts.write_text(good_facts.replace("    date: 2023-09-19\n", "    date: 2023-09-31\n", 1),
                         "utf-8")
        result = make(project, "check")
        assert result.returncode == 2
        # Both problems in one run: msgfmt's and the compiler's.
        assert "messages.po:" in result.stderr
        assert ("facts/nagorno-karabakh.yaml:6:11: error: brief.as_of.date: '2023-09-31' is "
                "not a day of the calendar") in result.stderr
    finally:
        po.write_text(good_po, "utf-8")
        facts.write_text(good_facts, "utf-8")


def test_help_lists_each_target_with_one_line():
    result = make(ROOT, "help")
    targets = [line.split()[0] for line in result.stdout.splitlines()]
    for target in ("briefs", "check", "test", "release", "preview", "clean", "extract",
                   "update-locales", "init-locale", "bench"):
        assert target in targets


def test_a_build_into_another_directory_does_not_disturb_the_release(project):
    from conftest import run_process

    assert make(project, "briefs").returncode == 0
    elsewhere = run_process("build", "facts/nagorno-karabakh.yaml", "--locale", "en",
                            "--paper", "letter", "--out", "elsewhere", cwd=project)
    assert elsewhere.code == 0, elsewhere.err
    result = make(project, "release")
    assert result.returncode == 0, result.stderr
    sums = (project / "dist" / "SHA256SUMS").read_text()
    assert sums.splitlines() == [f"{digest}  {name}" for name, digest
                                 in digests(project / "dist").items()]
