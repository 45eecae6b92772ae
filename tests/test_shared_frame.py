"""frame.toml: what every brief of a folder shares (institution, contact, copyright,
disclaimer), printed in each brief that gives none of its own, checked and located like
the brief's own fields, and an input Make and watch follow."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pypdf import PdfReader

from conftest import FIXTURES, ROOT, run_process
from briefing.inputs import edition_files
from briefing.makerules import load_editions
from briefing.diagnostics import Collector
from briefing.project import Project

SHARED = FIXTURES / "shared-frame"


def flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_every_brief_of_the_folder_carries_the_shared_frame(tmp_path):
    result = run_process("build", SHARED, "--out", tmp_path)
    assert result.code == 0, result.err
    one = flat(" ".join(p.extract_text() for p in PdfReader(tmp_path / "shared-one.en.pdf").pages))
    assert "EXAMPLE INSTITUTE FOR POLICY STUDIES" in one
    assert "Contact: briefs@example.org" in one
    assert "© Example Institute for Policy Studies" in one
    assert "The views in this brief are its authors' and not the institute's." in one
    assert "Suggested citation: Example Institute for Policy Studies. A minimal brief." in one
    # A brief's own field wins; what it does not give still comes from the folder.
    two = flat(" ".join(p.extract_text() for p in PdfReader(tmp_path / "shared-two.en.pdf").pages))
    assert "EXAMPLE REGIONAL OFFICE" in two
    assert "EXAMPLE INSTITUTE FOR POLICY STUDIES" not in two
    assert "Contact: briefs@example.org" in two


def test_bad_shared_frames_are_located_in_frame_toml(tmp_path):
    shutil.copy(SHARED / "one.yaml", tmp_path / "one.yaml")
    (tmp_path / "frame.toml").write_text(
        '# shared\n'
        'institution = "Example Institute"\n'
        'motto = "Facts first"\n'
        'contact = 42\n'
        'disclaimer = "Read with care: 3 of our 5 sources are unverified."\n', "utf-8")
    result = run_process("check", tmp_path / "one.yaml")
    assert result.code == 2
    errors = [line for line in result.err.splitlines() if ": error: " in line]
    expected = [
        r"frame\.toml:3:9: error: unknown field 'motto'; frame\.toml may give institution, "
        r"contact, copyright, disclaimer",
        r"frame\.toml:4:11: error: contact must be text, not int",
        r"frame\.toml:5:31: error: figure '3' typed into prose",
        r"frame\.toml:5:40: error: figure '5' typed into prose",
    ]
    assert len(errors) == 4, result.err
    for line, pattern in zip(errors, expected):
        assert re.search(pattern, line), (line, pattern)
    # Each figure's column is where it stands in the file: 'disclaimer = "' is 14
    # characters, 'Read with care: ' 16 more, '3 of our ' 9 more (counted by hand).


def test_invalid_toml_is_a_located_error(tmp_path):
    shutil.copy(SHARED / "one.yaml", tmp_path / "one.yaml")
    (tmp_path / "frame.toml").write_text('institution = "Example\ncontact = 1\n', "utf-8")
    result = run_process("check", tmp_path / "one.yaml")
    assert result.code == 2
    assert re.search(r"frame\.toml:1:\d+: error: invalid TOML: ", result.err), result.err
    assert "Traceback" not in result.err


def test_make_and_watch_follow_the_shared_frame():
    problems = Collector()
    editions = load_editions([SHARED / "one.yaml"], Project(ROOT), problems)
    assert problems.diagnostics == []
    [edition] = editions
    files = edition_files(Project(ROOT), Path(edition["facts"]), edition["locale"],
                          edition["brief"], edition["named"])
    assert files[:2] == [SHARED / "one.yaml", SHARED / "frame.toml"]
    from briefing.watch import affected
    assert affected([SHARED / "frame.toml"], [SHARED / "one.yaml", SHARED / "two.yaml"],
                    Project(ROOT)) == [([SHARED / "one.yaml", SHARED / "two.yaml"], ())]
