"""Layouts read back from the PDF: a flash update is one page; a report opens with
an executive summary; parts a brief does not have are left out and the rest numbered
in order."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, run_process

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier


def flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def build(facts, out, *args):
    result = run_process("build", facts, "--locale", "en", "--out", out, *args)
    assert result.code == 0, result.err
    return PdfReader(next(out.glob("*.en.pdf")))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_flash_update_is_one_page(tmp_path, paper):
    pdf = build(FIXTURES / "flash.yaml", tmp_path, "--paper", paper)
    assert len(pdf.pages) == 1
    text = flat(pdf.pages[0].extract_text())
    for shown in ("Flash update: the border clashes of September 2022",
                  "FLASH UPDATE", "Facts as of 16 September 2022", "KEY POINTS", "KEY FIGURES",
                  "Armenian soldiers killed", "According to Armenia", "1. Sources",
                  "Statement on the losses of the armed forces",
                  "Suggested citation: Flash update: the border clashes of September 2022. "
                  "Edition 1."):  # no publication date: the brief gives none
        assert shown in text
    for absent in ("CONTENTS", "The figures and who gives them", "Executive summary"):
        assert absent not in text


def with_layout(tmp_path, facts, layout):
    text = (FIXTURES / facts).read_text("utf-8")
    text = re.sub(r"^(  handling: .*)$", rf"\1\n  layout: {layout}", text, count=1,
                  flags=re.M)
    path = tmp_path / facts
    path.write_text(text, "utf-8")
    return path


def test_report_opens_with_an_executive_summary(tmp_path):
    pdf = build(with_layout(tmp_path, "minimal.yaml", "report"), tmp_path / "out")
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    assert "REPORT A minimal brief" in text
    assert re.search(r"Executive summary KEY POINTS", text)
    for heading in ("1. Background", "2. The figures and who gives them", "3. Timeline",
                    "4. Sources"):
        assert heading in text


def test_flash_with_sections_numbers_what_it_prints(tmp_path):
    pdf = build(with_layout(tmp_path, "minimal.yaml", "flash"), tmp_path / "out")
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    for heading in ("1. Background", "2. Timeline", "3. Sources"):
        assert heading in text
    for absent in ("CONTENTS", "The figures and who gives them", "Executive summary"):
        assert absent not in text
