"""Page one read back from the PDF: every key figure says who gives it, and a figure
other claimants give differently shows their figures; the key points start on page 1
and run on to page 2 only between points."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, FLAGSHIP, ROOT, run_process

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

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
        "en": ["about 30,000[4] Killed in the first war (Newshub gives no years) According to "
               "Newshub",
               "more than 1,000,000[1] Displaced in the 1988–1994 war",
               "more than 5,000[2] Killed in the 2020 war", "44 days[1] Length of the 2020 war",
               "120,000[1] Population of Nagorno-Karabakh",
               "2,000[2,3] Russian peacekeepers deployed in 2020 According to BBC"],
        "vi": ["Khoảng 30.000[4] Số người thiệt mạng trong cuộc chiến thứ nhất (Newshub không "
               "nêu năm) Theo Newshub",
               "Hơn 1 triệu[1] Số người phải rời bỏ nơi ở trong cuộc chiến 1988–1994",
               "Hơn 5.000[2] Số người thiệt mạng trong cuộc chiến năm 2020",
               "44 ngày[1] Số ngày của cuộc chiến năm 2020", "120.000[1] Dân số Nagorno-Karabakh",
               "2.000[2,3] Số binh sĩ gìn giữ hòa bình Nga được triển khai năm 2020 Theo BBC"],
    }
    for locale, cards in expected.items():
        page = flat(PdfReader(flagship_dist / f"nagorno-karabakh.{locale}.pdf").pages[0]
                    .extract_text())
        for card in cards:
            assert card in page, (locale, card)


# -- the key points start on page 1 -------------------------------------------------
KEY_POINTS_START = {  # the box's heading and the opening words of its first point
    "en": ["KEY POINTS", "Nagorno-Karabakh lies within Azerbaijan’s internationally"],
    "vi": ["NHỮNG ĐIỂM CHÍNH", "Nagorno-Karabakh nằm trong đường biên giới được quốc tế"],
}


@pytest.fixture(scope="module")
def undated_dist(tmp_path_factory) -> Path:
    """Both editions of the flagship built without SOURCE_DATE_EPOCH: no publication
    date, so a masthead one line shorter than in a dated build."""
    out = tmp_path_factory.mktemp("undated")
    result = run_process("build", FLAGSHIP, "--out", out, env={"SOURCE_DATE_EPOCH": None})
    assert result.code == 0, result.err
    return out


@pytest.mark.parametrize("dated", [True, False], ids=["dated", "undated"])
@pytest.mark.parametrize("locale", ["en", "vi"])
def test_the_flagships_key_points_start_on_page_one(request, dated, locale):
    """Undated, the Vietnamese box once went whole to page 2 and left two thirds of page
    1 empty: its last point fitted on page 1, but not that point's bottom margin."""
    dist = request.getfixturevalue("flagship_dist" if dated else "undated_dist")
    page = flat(PdfReader(dist / f"nagorno-karabakh.{locale}.pdf").pages[0].extract_text())
    for start in KEY_POINTS_START[locale]:
        assert start in page, (locale, start)


BOXES = {"key-points": ["Alpha", "Bravo", "Charlie"], "changes": ["Delta", "Echo", "Foxtrot"]}


def front_boxes(room_mm: float) -> str:
    """The key-points and what-changed boxes of the templates under ``room_mm`` of empty
    page; the second key point runs on two lines."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "templates")),
                             autoescape=True, extensions=["jinja2.ext.i18n"],
                             trim_blocks=True, lstrip_blocks=True)
    env.install_null_translations(newstyle=True)
    lengths = {"Alpha": 1, "Bravo": 5, "Charlie": 1}
    e = SimpleNamespace(
        key_points=[f"{name} point" + " of the brief" * lengths[name] + "."
                    for name in BOXES["key-points"]],
        changes=SimpleNamespace(
            heading="What changed", compared="Compared with edition 1.", none="",
            rows=[SimpleNamespace(kind="new", kind_label="New", what=f"{name} figure",
                                  now="12", before=None) for name in BOXES["changes"]]),
        mark=lambda text: text)
    boxes = "".join(env.get_template(f"partials/{name}.html.j2").render(e=e)
                    for name in ("key_points", "changes"))
    return f'<html lang="en"><body><div style="height: {room_mm}mm"></div>{boxes}</body></html>'


def test_a_box_leaves_page_one_only_when_its_first_item_no_longer_fits():
    """The boxes of page 1 run on to page 2 between items: moved down the page, a box
    keeps ever fewer of its items on page 1, never more. In WeasyPrint 70 a last item
    that fitted on the page but whose bottom margin did not sent its whole box to the
    next page (templates/print.css, .key-points)."""
    from weasyprint import CSS, HTML

    # A page body of 85 mm, which both boxes fit; each item a bookmark, so that the
    # layout says on which page each item starts.
    style = CSS(string=(ROOT / "templates" / "print.css").read_text("utf-8") +
                "@page { size: 100mm 105mm; margin: 10mm; }"
                ".key-points li, .changes li { bookmark-level: 1;"
                "  bookmark-label: content(text); }")
    rooms = [step / 2 for step in range(0, 171)]   # 0 to 85 mm, in steps of 0.5 mm
    on_page_one = {box: [] for box in BOXES}
    for room in rooms:
        first = HTML(string=front_boxes(room)).render(stylesheets=[style]).pages[0]
        labels = " ".join(label for _, label, _, _ in first.bookmarks)
        for box, names in BOXES.items():
            on_page_one[box].append(sum(name in labels for name in names))
    for box, counts in on_page_one.items():
        assert counts[0] == 3 and counts[-1] == 0, (box, counts)
        grew = [rooms[i] for i in range(1, len(counts)) if counts[i] > counts[i - 1]]
        assert not grew, f"{box}: more items on page 1 with {grew} mm less room: {counts}"
