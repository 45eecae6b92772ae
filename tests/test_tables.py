"""The figures table read back from the PDF: numbered and titled above, its sources
and a key to its styles below, and "(continued)" on the pages it runs on to."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, run_process


def flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def pages(pdf) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(pdf).pages]


EXPECTED = {
    "en": {"title": "Table 1. Every figure, by event",
           "continued": "Table 1 (continued)",
           "key": "Figures in italics were later revised by their claimant or are given "
                  "differently by other claimants.",
           "sources": "Sources: [1] video explainer transcript, September 2023†; [2] news "
                      "explainer, 14 September 2022; [3] TDI, 4 July 2023; [4] Newshub, "
                      "2020†; [5] news report, September 2020†"},
    "vi": {"title": "Bảng 1. Toàn bộ số liệu, theo sự kiện",
           "continued": "Bảng 1 (tiếp theo)",
           "key": "Số liệu in nghiêng là số liệu đã được chính bên công bố điều chỉnh sau "
                  "đó, hoặc được các bên khác đưa ra khác đi.",
           "sources": "Nguồn: [1]"},
}


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_figures_table_is_numbered_keyed_and_sourced(flagship_dist, locale):
    expected = EXPECTED[locale]
    text = pages(flagship_dist / f"nagorno-karabakh.{locale}.pdf")
    first = next(i for i, page in enumerate(text) if expected["title"] in page)
    last = next(i for i, page in enumerate(text) if expected["key"] in page)
    assert last > first  # the flagship's table runs on to another page
    after_key = text[last].split(expected["key"], 1)[1]
    assert after_key.lstrip().startswith(expected["sources"])
    for number, page in enumerate(text):
        assert (expected["continued"] in page) == (first < number <= last), number


def test_a_table_on_one_page_is_not_continued_and_keys_what_it_uses(tmp_path):
    result = run_process("build", FIXTURES / "frame.yaml", "--locale", "en", "--out",
                         tmp_path)
    assert result.code == 0, result.err
    text = " ".join(pages(tmp_path / "framed.en.pdf"))
    assert "Table 1. Every figure, by event" in text
    assert "— no date of report given. Sources: [1] Example Press, September 2023" in text
    assert "(continued)" not in text
    assert "italics" not in text
