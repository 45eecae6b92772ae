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


def test_the_flagships_key_figures_stay_on_page_one_in_every_edition(flagship_dist):
    """Seven long key points in Vietnamese once pushed the key figures to page 2: they now
    come before the key points, which run on to page 2 instead."""
    expected = {
        "en": ["about 30,000[4] Killed in the 1988–1994 war According to Newshub",
               "more than 1,000,000[1] Displaced in the 1988–1994 war",
               "more than 5,000[2] Killed in the 2020 war", "44 days[1] Length of the 2020 war",
               "120,000[1] Population of Nagorno-Karabakh",
               "2,000[2,3] Russian peacekeepers deployed in 2020 According to BBC"],
        "vi": ["Khoảng 30.000[4] Số người thiệt mạng trong cuộc chiến 1988–1994 Theo Newshub",
               "Hơn 1 triệu[1] Số người phải rời bỏ nơi ở trong cuộc chiến 1988–1994",
               "Hơn 5.000[2] Số người thiệt mạng trong cuộc chiến năm 2020",
               "44 ngày[1] Độ dài cuộc chiến năm 2020", "120.000[1] Dân số Nagorno-Karabakh",
               "2.000[2,3] Binh sĩ gìn giữ hòa bình Nga được triển khai năm 2020 Theo BBC"],
    }
    for locale, cards in expected.items():
        page = flat(PdfReader(flagship_dist / f"nagorno-karabakh.{locale}.pdf").pages[0]
                    .extract_text())
        for card in cards:
            assert card in page, (locale, card)
