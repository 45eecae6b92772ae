"""A release built by N machines (issue 16): shards chosen by the edition's name, and
their records merged into the release one machine would write, byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing.editions import Shard, shard_of
from conftest import FIXTURES, copy_project, make_in, run_process

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

make = make_in


def test_an_editions_shard_depends_on_its_name_alone():
    # SHA-256 of the name: the same on every machine and in every process.
    names = ["minimal.en", "city-budget.en", "city-budget.vi", "river-dams.en",
             "other.en", "juliet.en", "nagorno-karabakh.en", "nagorno-karabakh.vi"]
    assert [shard_of(name, 3) for name in names] == [2, 2, 2, 3, 1, 1, 3, 1]
    assert [shard_of(name, 2) for name in names] == [2, 2, 1, 2, 1, 2, 2, 2]
    assert {shard_of(name, 1) for name in names} == {1}
    assert Shard.parse("2/3") == Shard(2, 3) and str(Shard(2, 3)) == "2/3"
    assert [Shard(1, 3).holds(name) for name in names[4:6]] == [True, True]


def test_build_with_a_shard_builds_only_its_editions(tmp_path):
    # Of city-budget.en, city-budget.vi and minimal.en, shard 1 of 2 holds the second.
    result = run_process("build", FIXTURES / "subjects" / "budget.yaml",
                         FIXTURES / "minimal.yaml", "--shard", "1/2", "--out", tmp_path)
    assert result.code == 0, result.err
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["city-budget.vi.pdf"]
    assert result.out.splitlines()[-1].startswith(f"wrote 1 edition to {tmp_path}/")


@pytest.mark.parametrize("value, message", [
    ("0/3", "'0/3': the part i must be from 1 to 3"),
    ("4/3", "'4/3': the part i must be from 1 to 3"),
    ("1/0", "'1/0': the number of parts N must be at least 1"),
    ("x", "'x' is not a shard; write i/N, such as 2/3 for the second of three parts"),
])
def test_a_bad_shard_is_a_usage_error(value, message, tmp_path):
    result = run_process("build", FIXTURES / "minimal.yaml", "--out", tmp_path,
                         "--shard", value)
    assert result.code == 2
    assert result.err.splitlines()[-1] == f"briefing build: error: argument --shard: {message}"
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """Five one-locale briefs: shard 1 of 3 holds juliet and other, shard 2 city-budget
    and minimal, shard 3 river-dams (with its charts)."""
    project = copy_project(tmp_path_factory.mktemp("shards") / "project", with_make=True)
    (project / "facts" / "nagorno-karabakh.yaml").unlink()
    minimal = (FIXTURES / "minimal.yaml").read_text("utf-8")
    for brief_id in ("minimal", "other", "juliet"):
        (project / "facts" / f"{brief_id}.yaml").write_text(
            minimal.replace("id: minimal", f"id: {brief_id}", 1), "utf-8")
    for name in ("budget", "energy"):  # en only: a release is strict about translations
        text = (FIXTURES / "subjects" / f"{name}.yaml").read_text("utf-8")
        (project / "facts" / f"{name}.yaml").write_text(
            text.replace("locales: [en, vi]", "locales: [en]", 1), "utf-8")
    # The river brief's map reads its GeoJSON from beside it.
    shutil.copytree(FIXTURES / "subjects" / "maps", project / "facts" / "maps")
    return project


def pdfs(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob("*.pdf"))


@pytest.fixture(scope="module")
def releases(project) -> Path:
    """A release made on one machine (single/) and by three shards, each in a
    directory of its own, copied into one (merged/) and merged there."""
    single = make(project, "-j2", "release", "DIST=single")
    assert single.returncode == 0, single.stderr
    merged = project / "merged"
    merged.mkdir()
    for index in (1, 2, 3):
        shard = make(project, "-j2", "release", f"SHARD={index}/3", f"DIST=shard-{index}")
        assert shard.returncode == 0, shard.stderr
        assert shard.stdout.splitlines()[-1] == (
            f"recorded shard {index}/3: {[2, 2, 1][index - 1]} editions in "
            f"shard-{index}/shards/{index}-of-3.json")
        # What a CI system does with each job's artifact: everything into one dist/.
        shutil.copytree(project / f"shard-{index}", merged, dirs_exist_ok=True)
    return project


def test_each_shard_builds_its_part_only(releases):
    assert pdfs(releases / "shard-1") == ["juliet.en.pdf", "other.en.pdf"]
    assert pdfs(releases / "shard-2") == ["city-budget.en.pdf", "minimal.en.pdf"]
    assert pdfs(releases / "shard-3") == ["river-dams.en.pdf"]
    result = make(releases, "briefs", "SHARD=2/3", "DIST=shard-2")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "briefs: 2 editions up to date in shard-2/ (shard 2/3)\n"


def test_three_merged_shards_are_the_release_of_one_machine(releases):
    merged = releases / "merged"
    result = make(releases, "release", "SHARDS=3", "DIST=merged")
    assert result.returncode == 0, result.stderr
    assert "briefing build" not in result.stdout  # a merge builds nothing
    single = releases / "single"
    assert pdfs(merged) == pdfs(single) == [
        "city-budget.en.pdf", "juliet.en.pdf", "minimal.en.pdf", "other.en.pdf",
        "river-dams.en.pdf"]
    for name in ("SHA256SUMS", "manifest.json", *pdfs(single)):
        assert (merged / name).read_bytes() == (single / name).read_bytes(), name
    assert (merged / "SHA256SUMS").read_text() in result.stdout


def merge(releases: Path, tmp_path: Path, *args: str):
    """A merge in a copy of merged/, changed first by the test."""
    return make(releases, "release", "SHARDS=3", f"DIST={tmp_path}", *args)


@pytest.fixture
def copied(releases, tmp_path) -> Path:
    copy = tmp_path / "dist"
    shutil.copytree(releases / "merged", copy)
    for name in ("SHA256SUMS", "manifest.json"):
        (copy / name).unlink(missing_ok=True)
    return copy


def test_a_merge_without_every_shard_is_refused(releases, copied):
    (copied / "shards" / "2-of-3.json").unlink()
    (copied / "shards" / "1-of-2.json").write_text("{}")
    result = make(releases, "release", "SHARDS=3", f"DIST={copied}")
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == [
        f"{copied}/shards/1-of-2.json:1:1: error: not the record of a shard of 3; a merge "
        f"of 3 shards reads {copied}/shards/<i>-of-3.json only: remove it",
        f"{copied}/shards/2-of-3.json:1:1: error: shard 2 of 3 is missing; copy the "
        "output of every shard's build here before merging"]
    assert not (copied / "SHA256SUMS").exists() and not (copied / "manifest.json").exists()


def test_an_edition_recorded_twice_with_other_bytes_is_refused(releases, copied):
    first = copied / "shards" / "1-of-3.json"
    third = json.loads((copied / "shards" / "3-of-3.json").read_text())
    record = json.loads(first.read_text())
    record["editions"]["river-dams.en"] = {**third["editions"]["river-dams.en"],
                                           "sha256": "0" * 64}
    first.write_text(json.dumps(record))
    result = make(releases, "release", "SHARDS=3", f"DIST={copied}")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"{copied}/river-dams.en.pdf:1:1: error: edition river-dams.en is recorded by "
        "shards 1 and 3 of 3 with different bytes or inputs")


def test_an_edition_missing_or_built_from_other_inputs_is_refused(releases, copied):
    (copied / "juliet.en.pdf").unlink()
    energy = releases / "facts" / "energy.yaml"
    text = energy.read_text("utf-8")
    try:
        energy.write_text(text.replace("Dams on the Example River", "Dams downstream"),
                          "utf-8")
        result = make(releases, "release", "SHARDS=3", f"DIST={copied}")
    finally:
        energy.write_text(text, "utf-8")
    assert result.returncode == 2
    assert [line for line in result.stderr.splitlines() if ": error: " in line] == [
        f"{copied}/juliet.en.pdf:1:1: error: no PDF that shard 1 of 3 recorded; copy the "
        "output of every shard's build here before merging",
        f"{copied}/river-dams.en.pdf:1:1: error: shard 3 of 3 built it from other inputs "
        "than this checkout's (facts, catalogs, code, SOURCE_DATE_EPOCH or options); "
        "build every shard from one commit"]


@pytest.mark.parametrize("variables, message", [
    (("SHARD=4/3",), "SHARD:1:1: error: '4/3': the part i must be from 1 to 3"),
    (("SHARD=x",), "SHARD:1:1: error: 'x' is not a shard; write i/N, such as 2/3 for the "
                   "second of three parts"),
    (("SHARDS=0",), "SHARDS:1:1: error: '0' is not a number of shards; write N, such as "
                    "3, to merge the records of N shards"),
])
def test_bad_shard_variables_are_located_errors(project, variables, message):
    result = make(project, "release", *variables, "DIST=bad")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == message
    assert not (project / "bad").exists()


def test_a_shard_and_a_merge_at_once_is_refused(project):
    result = make(project, "release", "SHARD=1/3", "SHARDS=3")
    assert result.returncode == 2
    assert "SHARD=i/N builds one shard of a release and SHARDS=N merges N of them; " \
           "give one" in result.stderr


def test_a_release_refuses_a_pdf_built_with_other_options(releases, tmp_path):
    dist = tmp_path / "dist"
    shutil.copytree(releases / "single", dist)
    letter = run_process("build", "facts/juliet.yaml", "--paper", "letter", "--out", dist,
                         cwd=releases)
    assert letter.code == 0, letter.err
    result = make(releases, "release", f"DIST={dist}")
    assert result.returncode == 2
    assert "juliet" not in result.stdout  # make finds it up to date: the release checks
    assert [line for line in result.stderr.splitlines() if ": error: " in line] == [
        f"{dist}/juliet.en.pdf:1:1: error: built from other inputs or options than this "
        "release's (facts, catalogs, code, SOURCE_DATE_EPOCH, --paper ...); remove it and "
        "run 'make release' again"]
