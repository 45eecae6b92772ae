"""What changed since the previous edition: figures and events matched by id, the box
read back from the PDF with each figure's provenance, in every locale; the previous
edition named in the facts, by --since as a file or a git revision; bad references
located; the release records what each edition was compared with."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from pypdf import PdfReader

from conftest import FIXTURES, run_process
from briefing.facts.changes import compare
from briefing.facts.load import load_brief
import pytest

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

ENERGY = (FIXTURES / "subjects" / "energy.yaml").read_text("utf-8")
TURBINES = """\
  - id: turbines
    label: "Turbines installed"
    metric: materiel
    value: 12
    claimed_by: commission
    reported: 2024-03
    sources: [commission]
"""
DAMS_PLANNED = """\
  - id: dams-planned
    label: "Dams planned upstream"
    metric: materiel
    value: 11
    attribution: "Example University"
    reported: 2023-11
    sources: [study]
"""


def current() -> str:
    """The energy fixture as edition 2, with one figure more than edition 1."""
    return ENERGY.replace("claims:\n", "claims:\n" + TURBINES, 1)


def previous() -> str:
    """Edition 1: another river length, a figure since withdrawn, an earlier as-of."""
    text = ENERGY.replace("as_of: 2024-03-31", "as_of: 2023-12-31\n  edition: 1", 1)
    text = text.replace("value: 4350", "value: 4300", 1)
    return text.replace("claims:\n", "claims:\n" + DAMS_PLANNED, 1)


def place(folder, name: str, text: str):
    """A facts file in ``folder``, with the map data the fixture draws from beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "maps").exists():
        shutil.copytree(FIXTURES / "subjects" / "maps", folder / "maps")
    (folder / name).write_text(text, "utf-8")
    return folder / name


def flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def pdf_text(path) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


# -- the comparison -------------------------------------------------------------------
def test_figures_and_events_are_new_changed_or_withdrawn_by_id(tmp_path):
    old = load_brief(place(tmp_path, "old.yaml", previous().replace("Construction of the",
                                                                    "Building of the")))
    new = load_brief(place(tmp_path, "new.yaml", current().replace(
        "label: \"Peak flow at the border\"", "label: \"Highest flow at the border\"")))
    found = compare(old, new)
    assert [(c.kind, (c.new or c.old).id) for c in found.claims] == [
        ("new", "turbines"), ("changed", "river-length"), ("withdrawn", "dams-planned")]
    # A renamed event has changed; a relabelled figure has not (its figure is the same).
    assert [(c.kind, c.new.id) for c in found.events] == [("changed", "dam-construction")]


def test_same_facts_compare_equal():
    fixture = FIXTURES / "subjects" / "energy.yaml"
    assert not compare(load_brief(fixture), load_brief(fixture))


# -- the box in the PDF -------------------------------------------------------------
def test_the_box_lists_each_change_with_its_provenance(tmp_path):
    place(tmp_path / "editions", "river-dams.1.yaml", previous())
    facts = place(tmp_path, "river-dams.yaml", current().replace(
        "  handling:", "  edition: 2\n  previous: editions/river-dams.1.yaml\n  handling:", 1))
    result = run_process("build", facts, "--locale", "en", "--out", tmp_path / "out")
    assert result.code == 0, result.err
    text = pdf_text(tmp_path / "out" / "river-dams.en.pdf")
    assert "WHAT CHANGED SINCE EDITION 1 Compared with the facts as of 31 December 2023." \
        in text
    assert "NEW Turbines installed: 12 (Example River Commission, March 2024)[1]" in text
    assert "CHANGED Length of the river: about 4,350 km (Example River Commission)[1]; " \
        "before: about 4,300 km (Example River Commission; Example River Commission)" in text
    assert "WITHDRAWN Dams planned upstream: 11 (Example University, November 2023; " \
        "Example University)" in text
    record = json.loads((tmp_path / "out" / ".records" / "river-dams.en.json").read_text())
    compared = record["compared_with"]
    assert {k: v for k, v in compared.items() if k not in ("since", "read_from")} == {
        "edition": 1, "as_of": "2023-12-31", "new": 1, "changed": 1, "withdrawn": 1}
    assert compared["since"].endswith("editions/river-dams.1.yaml")
    assert compared["read_from"].endswith("editions/river-dams.1.yaml")


def test_the_flagships_vietnamese_box_reads_in_vietnamese(flagship_dist):
    text = flat(" ".join(p.extract_text() for p in
                         PdfReader(flagship_dist / "nagorno-karabakh.vi.pdf").pages[:3]))
    assert "NHỮNG THAY ĐỔI SO VỚI ẤN BẢN 1 Đối chiếu với thông tin tính đến ngày 30 tháng 6 " \
        "năm 2023." in text
    assert "MỚI Dân số Nagorno-Karabakh: 120.000 (công bố tháng 9 năm 2023†)[1]" in text
    assert "MỚI Chiến dịch quân sự của Azerbaijan tại Nagorno-Karabakh: ngày 19 tháng 9 " \
        "năm 2023†" in text
    english = flat(" ".join(p.extract_text() for p in
                            PdfReader(flagship_dist / "nagorno-karabakh.en.pdf").pages[:3]))
    assert "NEW Population of Nagorno-Karabakh: 120,000 (reported September 2023†)[1]" \
        in english


def test_since_a_git_revision(tmp_path):
    facts = place(tmp_path, "river-dams.yaml", previous())
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "river-dams.yaml", "maps"], check=True)
    subprocess.run([*git, "commit", "-qm", "edition 1"], check=True)
    subprocess.run([*git, "tag", "edition-1"], check=True)
    facts.write_text(current(), "utf-8")
    result = run_process("build", facts, "--locale", "en", "--format", "html", "--since",
                         "edition-1", "--out", tmp_path / "out")
    assert result.code == 0, result.err
    html = (tmp_path / "out" / "river-dams.en.html").read_text("utf-8")
    assert "What changed since edition 1" in html
    assert re.search(r'<li class="withdrawn"><span class="change-kind">Withdrawn</span> '
                     r'Dams planned upstream: 11 \(Example University', html)
    wrong = run_process("build", facts, "--format", "html", "--since", "edition-9",
                        "--out", tmp_path / "out")
    assert wrong.code == 2
    assert re.search(r"river-dams\.yaml:1:1: error: --since 'edition-9': neither a file "
                     r"nor a git revision$", wrong.err, re.MULTILINE), wrong.err


# -- bad references -----------------------------------------------------------------
def test_an_unknown_revision_is_a_located_error(tmp_path):
    facts = place(tmp_path, "river-dams.yaml", current())
    result = run_process("build", facts, "--since", "no-such-tag", "--out", tmp_path)
    assert result.code == 2
    assert re.search(r"river-dams\.yaml:1:1: error: --since 'no-such-tag': no such file, "
                     r"and \S*river-dams\.yaml is not in a git checkout$", result.err,
                     re.MULTILINE), result.err
    assert "Traceback" not in result.err
    assert not list(tmp_path.glob("*.pdf"))


def test_a_previous_edition_outside_the_facts_folder_is_refused(tmp_path):
    place(tmp_path / "facts", "unused.yml", "")
    (tmp_path / "old.yaml").write_text(previous(), "utf-8")
    (tmp_path / "facts" / "link.yaml").symlink_to(tmp_path / "old.yaml")
    for target, message in (
            ("../old.yaml", "previous edition '../old.yaml' must be a path inside the facts "
                            "file's folder, like editions/x.1.yaml"),
            ("link.yaml", "previous edition 'link.yaml' leads out of the facts file's "
                          "folder through a symbolic link"),
            ("editions/none.yaml", "previous edition 'editions/none.yaml' not found")):
        facts = tmp_path / "facts" / "river-dams.yaml"
        facts.write_text(current().replace(
            "  handling:", f"  previous: {target}\n  handling:", 1), "utf-8")
        assert run_process("check", facts).code == 2
        result = run_process("build", facts, "--format", "html", "--out", tmp_path / "out")
        assert result.code == 2, (target, result.err)
        line = current().splitlines().index('  handling: "Illustrative — test fixture"') + 1
        assert re.search(rf"river-dams\.yaml:{line}:13: error: {re.escape(message)}$",
                         result.err, re.MULTILINE), result.err
