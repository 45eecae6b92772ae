"""Sequences of make goals as people and pipelines run them (issue 17), each in a fresh
copy of the project whose facts are small briefs, so that every build is quick."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, copy_project, make_in, run_process

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

make = make_in
OLD = 946684800  # 2000-01-01: a timestamp older than any PDF the tests build


@pytest.fixture
def small(tmp_path) -> Path:
    """A project copy whose only brief is the minimal fixture, facts/minimal.yaml."""
    project = copy_project(tmp_path / "project", with_make=True)
    (project / "facts" / "nagorno-karabakh.yaml").unlink()
    add_brief(project, "minimal.yaml", "minimal")
    return project


def add_brief(project: Path, name: str, brief_id: str) -> Path:
    text = (FIXTURES / "minimal.yaml").read_text("utf-8")
    path = project / "facts" / name
    path.write_text(text.replace("id: minimal", f"id: {brief_id}", 1), "utf-8")
    return path


def built(result) -> list[str]:
    return [line.split(":")[0] for line in result.stdout.splitlines()
            if line.startswith("dist/") and "pages" in line]


def test_the_edition_list_follows_the_facts_files(small, tmp_path):
    add_brief(small, "other.yaml", "other")
    assert built(make(small, "briefs")) == ["dist/minimal.en.pdf", "dist/other.en.pdf"]

    # Renamed, same content: nothing to rebuild, and no rule names the old file.
    (small / "facts" / "other.yaml").rename(small / "facts" / "renamed.yaml")
    result = make(small, "briefs")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "briefs: 2 editions up to date in dist/\n"

    # Removed: its PDF is no longer an edition.
    kept = tmp_path / "renamed.yaml"
    (small / "facts" / "renamed.yaml").rename(kept)
    result = make(small, "briefs")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "briefs: 1 edition up to date in dist/\n"

    # Moved back with timestamps older than its PDF: rebuilt all the same.
    os.utime(kept, (OLD, OLD))
    kept.rename(small / "facts" / "other.yaml")
    assert built(make(small, "briefs")) == ["dist/other.en.pdf"]

    # Edited, then dated back before its PDF: the content decides.
    other = small / "facts" / "other.yaml"
    other.write_text(other.read_text("utf-8").replace("A minimal brief", "Another"), "utf-8")
    os.utime(other, (OLD, OLD))
    assert built(make(small, "briefs")) == ["dist/other.en.pdf"]

    # Removed again: make release neither lists nor leaves the PDF of the gone brief.
    other.unlink()
    result = make(small, "release")
    assert result.returncode == 0, result.stderr
    assert "removed dist/other.en.pdf: not an edition of any facts file" in result.stderr
    assert sorted(p.name for p in (small / "dist").glob("*.pdf")) == ["minimal.en.pdf"]
    sums = (small / "dist" / "SHA256SUMS").read_text().splitlines()
    assert [line.split("  ")[1] for line in sums] == ["minimal.en.pdf"]


def test_clean_and_other_goals_in_one_command_run_in_order(small):
    assert make(small, "briefs").returncode == 0
    result = make(small, "clean", "briefs")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "rm -rf dist build preview"
    assert built(result) == ["dist/minimal.en.pdf"]
    assert result.stdout.splitlines()[-1] == "briefs: 1 edition up to date in dist/"
    result = make(small, "briefs", "clean")
    assert result.returncode == 0, result.stderr
    assert not (small / "dist").exists()


@pytest.mark.parametrize("goals", [("briefs",), ("check",), ("release",), ("check", "briefs"),
                                   ("clean", "briefs"), ("dist/minimal.en.pdf",)])
def test_each_facts_error_is_printed_once(small, goals):
    facts = small / "facts" / "minimal.yaml"
    facts.write_text(facts.read_text("utf-8").replace("2023-09-19", "2023-09-31"), "utf-8")
    result = make(small, *goals)
    assert result.returncode == 2
    error = ("facts/minimal.yaml:4:10: error: brief.as_of: '2023-09-31' is not a day of "
             "the calendar\n")
    assert result.stderr.count(error) == 1, result.stderr
    assert not (small / "dist" / "minimal.en.pdf").exists()


@pytest.mark.parametrize("name, characters", [
    ("a;touch pwned.yaml", "' ' ';'"),
    ("a b.yaml", "' '"),
    ("$(touch pwned).yaml", "' ' '$' '(' ')'"),
    ("a'b`touch pwned`.yaml", "' ' \"'\" '`'"),
    ("x%y#z.yaml", "'#' '%'"),
])
def test_a_facts_file_name_that_a_shell_would_read_is_refused(small, name, characters):
    add_brief(small, name, "other")
    for goal in ("briefs", "check"):
        result = make(small, goal)
        assert result.returncode == 2
        assert result.stderr.splitlines()[0] == (
            f"facts/{name}:1:1: error: file name holds {characters}, which Make or a shell "
            "would read specially; name facts files with letters, digits, '.', '_', '+' "
            "and '-' only")
        assert not (small / "pwned").exists()
        assert not (small / "dist").exists()


def test_a_locale_folder_that_a_shell_would_read_is_ignored_with_a_warning(small):
    """update-locales loops over the locales in a shell: a folder named '$(touch
    pwned)' ran its command."""
    for name in ("$(touch pwned)", "a;touch pwned2;b", "x y"):
        (small / "locales" / name / "LC_MESSAGES").mkdir(parents=True)
    result = make(small, "update-locales")
    assert result.returncode == 0, result.stderr
    assert sorted(line for line in result.stderr.splitlines() if "ignored" in line) == [
        f"locales/{name}/:1:1: warning: ignored: not a locale name (letters, and _ before a "
        "region: pt_BR)" for name in ("$(touch pwned)", "a;touch pwned2;b", "x y")]
    assert "updated locales/vi/LC_MESSAGES/messages.po" in result.stdout
    assert not (small / "pwned").exists() and not (small / "pwned2").exists()


def test_two_facts_files_with_one_brief_id_are_an_error(small):
    add_brief(small, "copy.yaml", "minimal")
    error = ("facts/minimal.yaml:2:7: error: brief id 'minimal' is also declared by "
             "facts/copy.yaml:2:7; each brief needs an id of its own, since its PDFs are "
             "named after it\n")
    for goal in ("briefs", "check", "release"):
        result = make(small, goal)
        assert result.returncode == 2
        assert result.stderr.count(error) == 1, result.stderr
    assert not (small / "dist").exists()


def test_an_id_with_a_trailing_newline_never_reaches_the_rules(small):
    facts = small / "facts" / "minimal.yaml"
    facts.write_text(facts.read_text("utf-8").replace("id: minimal", 'id: "minimal\\n"', 1))
    result = make(small, "briefs")
    assert result.returncode == 2
    assert result.stderr.startswith("facts/minimal.yaml:2:7: error: brief.id 'minimal")
    assert "minimal\n" not in (small / "build" / "editions.mk").read_text()


def test_init_locale_reads_LOCALE_and_LANG_only_from_the_command_line(small):
    result = make(small, "init-locale", env={"LANG": "C.UTF-8"})
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "usage: make init-locale LOCALE=xx (a language code such as fr or pt_BR); "
        "LANG=C.UTF-8 is the shell's own locale (from the environment) and is not read")
    assert make(small, "init-locale", "LOCALE=fr").returncode == 0
    assert make(small, "init-locale", "LANG=pt_BR").returncode == 0
    for locale in ("fr", "pt_BR"):
        catalogs = small / "locales" / locale / "LC_MESSAGES"
        assert (catalogs / "messages.po").is_file()
        assert (catalogs / "facts" / "minimal.po").is_file()  # one per brief
    result = make(small, "init-locale", "LOCALE=French")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "usage: make init-locale LOCALE=xx (a language code such as fr or pt_BR); "
        "'French' is not one")


def creation_date(pdf: Path) -> str:
    return PdfReader(pdf).metadata["/CreationDate"]


def test_without_git_the_date_of_record_is_never_empty(small):
    unset = {"SOURCE_DATE_EPOCH": None}
    # The newest input's modification time.
    os.utime(small / "facts" / "minimal.yaml", (2000000000, 2000000000))
    first = make(small, "briefs", env=unset)
    assert first.returncode == 0, first.stderr
    assert (small / "build" / "source-date-epoch").read_text() == "2000000000\n"
    pdf = small / "dist" / "minimal.en.pdf"
    assert creation_date(pdf) == "D:20330518033320Z"
    data = pdf.read_bytes()
    shutil.rmtree(small / "dist")
    second = make(small, "briefs", env=unset)
    assert second.returncode == 0, second.stderr
    assert pdf.read_bytes() == data

    # The SOURCE_DATE_EPOCH file of a source archive comes first.
    (small / "SOURCE_DATE_EPOCH").write_text("1700000000\n")
    third = make(small, "briefs", env=unset)
    assert built(third) == ["dist/minimal.en.pdf"]
    assert creation_date(pdf) == "D:20231114221320Z"


def test_a_build_elsewhere_then_release(small):
    assert make(small, "briefs").returncode == 0
    letter = run_process("build", "facts/minimal.yaml", "--paper", "letter",
                         "--out", "elsewhere", cwd=small)
    assert letter.code == 0, letter.err
    result = make(small, "release")
    assert result.returncode == 0, result.stderr
    digest = hashlib.sha256((small / "dist" / "minimal.en.pdf").read_bytes()).hexdigest()
    assert (small / "dist" / "SHA256SUMS").read_text() == f"{digest}  minimal.en.pdf\n"
    # Catalogs are read as .po; nothing compiles them to .mo.
    assert sorted(small.rglob("*.mo")) == []


def test_make_rules_take_an_absolute_facts_path(tmp_path):
    facts = tmp_path / "brief.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", facts)
    result = run_process("make-rules", facts, "--out", "dist")
    assert result.code == 0, result.err
    assert result.out == (
        "# Written by briefing.makerules from the facts files; remade by Make.\n"
        "EDITIONS := dist/minimal.en.pdf\n"
        f"FACTS_OF_minimal.en := {facts}\n"
        "dist/minimal.en.pdf: build/inputs/minimal.en $(ENGINE)\n"
        "BRIEF_IDS := minimal\n"
        f"FACTS_OF_BRIEF_minimal := {facts}\n")


@pytest.mark.parametrize("value", ["`touch pwned`", "1'; touch pwned; '", "1\"; touch pwned; \"",
                                   "²"])
def test_a_date_of_record_that_is_no_number_runs_nothing_and_is_refused(small, value):
    """The Makefile echoed SOURCE_DATE_EPOCH through a shell, which ran the command in
    it; '²' passed str.isdigit() and ended in a traceback."""
    result = make(small, "briefs", env={"SOURCE_DATE_EPOCH": value})
    assert result.returncode == 2
    assert f"SOURCE_DATE_EPOCH:1:1: error: '{value}' is not a number of seconds since " \
           "1970 before the year 10000" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (small / "pwned").exists()
    assert (small / "build" / "source-date-epoch").read_text() == value + "\n"


def test_options_that_shape_the_bytes_rebuild_and_strict_does_not(small):
    assert make(small, "briefs").returncode == 0
    letter = make(small, "briefs", "BUILD_FLAGS=--paper letter")
    assert letter.returncode == 0 and "briefing build" in letter.stdout
    width, height = PdfReader(small / "dist" / "minimal.en.pdf").pages[0].mediabox[2:]
    assert (round(float(width)), round(float(height))) == (612, 792)  # 8.5 × 11 in
    for flags in ("BUILD_FLAGS=--paper letter", "BUILD_FLAGS=--paper letter --strict"):
        again = make(small, "briefs", flags)
        assert again.returncode == 0 and "briefing build" not in again.stdout, flags
    back = make(small, "briefs")
    assert "briefing build" in back.stdout
