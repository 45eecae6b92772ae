"""Briefs on other subjects than the flagship, built in both locales and read back.

Each fixture under tests/fixtures/subjects/ is small and invented; the strings below
are what a reader of each edition expects, written out from CLDR's conventions.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, run_process

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

SUBJECTS = FIXTURES / "subjects"


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    out = tmp_path_factory.mktemp("subjects")
    result = run_process("build", *sorted(SUBJECTS.glob("*.yaml")), "--out", out)
    assert result.code == 0, result.err

    def text(stem: str) -> str:
        pages = PdfReader(out / f"{stem}.pdf").pages
        joined = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in pages))
        return re.sub(r"[\s\u00a0\u202f]+", " ", joined)

    return text


@pytest.mark.parametrize("stem, printed", [
    ("river-dams.en", ["1,075 MW", "about 4,350 km", "12,000–12,500 m³/s",
                       "nearly 160 million t", "13.5%", "up to 16%", "0.4%",
                       "less than 2.5%"]),
    ("river-dams.vi", ["1.075 MW", "khoảng 4.350 km", "12.000–12.500 m³/giây",
                       "gần 160 triệu t", "13,5%", "lên tới 16%", "0,4%", "dưới 2,5%"]),
    ("measles-outbreak.en", ["12,480", "more than 15,000", "US$4,200,000", "87.5%",
                             "about 65 million"]),
    ("measles-outbreak.vi", ["12.480", "hơn 15.000", "4.200.000 US$", "87,5%",
                             "khoảng 65 triệu"]),
    ("city-budget.en", ["€4,200,000,000", "\u22121.5%", "13.5%"]),  # a minus sign
    ("city-budget.vi", ["4.200.000.000 €", "\u22121,5%", "13,5%"]),
])
def test_figures_print_with_unit_and_precision_in_each_locale(editions, stem, printed):
    text = editions(stem).casefold()  # a figure opening a cell may be capitalized
    for figure in printed:
        assert figure.casefold() in text, f"{stem}: '{figure}' not printed"
    assert "-1" not in text  # never the typewriter's hyphen-minus before a figure


@pytest.mark.parametrize("stem, since, inferred, alternative", [
    ("river-dams.en", "since 1986", "February 2024†",
     "Other claimants give: up to 16% (Example University, February 2024†)"),
    ("river-dams.vi", "từ năm 1986", "tháng 2 năm 2024†",
     "Theo các bên khác: lên tới 16% (Example University, tháng 2 năm 2024†)"),
])
def test_ongoing_events_inferred_dates_and_alternatives(editions, stem, since, inferred,
                                                          alternative):
    text = editions(stem)
    assert since in text
    assert inferred in text
    assert alternative in text


def test_names_with_digits_print_without_their_backticks(editions):
    text = editions("river-dams.en")
    assert "Nam Theun 2 alone produces" in text
    assert "`" not in text


def test_a_quotation_prints_in_quotation_marks_with_its_note_call(editions):
    assert "The minister said “every child must be reached”[1]." in editions(
        "measles-outbreak.en")
