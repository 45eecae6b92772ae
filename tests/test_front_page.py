"""Page one read back from the PDF: every key figure says who gives it, and a figure
other claimants give differently shows their figures."""

from __future__ import annotations

import re

from pypdf import PdfReader

from conftest import FIXTURES, run_process

ALTERNATIVES = """\
brief: {id: disputed, title: "A disputed toll", as_of: 2023-09-19, locales: [en],
        handling: "For testing", layout: flash}
sources:
  - {id: ministry, title: "A statement", publisher: Defence Ministry, date: 2022-09-14, language: en}
  - {id: outlet, title: "A later report", publisher: Example Outlet, date: 2023-07-04, language: en}
parties:
  - {id: am, name: Armenia}
claims:
  - {id: killed-am, label: "Soldiers killed", metric: killed, value: 49, claimed_by: am,
     quantity: killed-2022, reported: 2022-09-14, sources: [ministry]}
  - {id: killed-outlet, label: "Soldiers killed, later report", metric: killed, value: 105,
     attribution: "Example Outlet", quantity: killed-2022, reported: 2023-07-04,
     sources: [outlet]}
key_figures: [killed-am]
"""


def flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def first_page(facts, out) -> str:
    result = run_process("build", facts, "--locale", "en", "--out", out)
    assert result.code == 0, result.err
    return flat(PdfReader(next(out.glob("*.en.pdf"))).pages[0].extract_text())


def test_every_key_figure_says_who_gives_it(tmp_path):
    text = first_page(FIXTURES / "flash.yaml", tmp_path)
    assert "49[1] Armenian soldiers killed According to Armenia" in text
    assert "50[2] Azerbaijani soldiers killed According to Azerbaijan" in text
    assert "about 2,700[2] People who left border villages According to the source " \
        "itself" in text


def test_a_disputed_key_figure_shows_the_others(tmp_path):
    facts = tmp_path / "disputed.yaml"
    facts.write_text(ALTERNATIVES, "utf-8")
    text = first_page(facts, tmp_path / "out")
    assert "49[1] Soldiers killed According to Armenia Other claimants give: 105 " \
        "(Example Outlet, 4 July 2023)" in text
