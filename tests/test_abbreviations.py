"""Abbreviations read back from the PDF: spelled out at their first use only, and
listed before the sources, saying so when the source gives no expansion."""

from __future__ import annotations

import re

from pypdf import PdfReader

from conftest import FIXTURES, run_process


def flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_spelled_out_at_first_use_and_listed(tmp_path):
    result = run_process("build", FIXTURES / "frame.yaml", "--locale", "en", "--out",
                         tmp_path)
    assert result.code == 0, result.err
    pages = [flat(p.extract_text()) for p in PdfReader(tmp_path / "framed.en.pdf").pages]
    text = " ".join(pages)
    assert "The war killed about 30,000[1] people, the Organization for Security and " \
        "Co-operation in Europe (OSCE) says." in text
    assert "The OSCE and TDI disagree." in text
    assert text.count("Organization for Security and Co-operation in Europe") == 2
    listing = next(page for page in pages if "Abbreviations" in page)
    assert "Abbreviations OSCE Organization for Security and Co-operation in Europe " \
        "TDI the source gives no expansion" in listing
    assert text.index("Abbreviations") < text.index("A report. Publisher: Example Press")
