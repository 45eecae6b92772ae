"""The figures table read back from the PDF: numbered and titled above, its sources
and a key to its styles below, and "(continued)" on the pages it runs on to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, FLAGSHIP, ROOT, run_process

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier


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
    "vi": {"title": "Bảng 1. Tổng hợp số liệu theo sự kiện",
           "continued": "Bảng 1 (tiếp theo)",
           "key": "Số liệu in nghiêng là số liệu sau đó được chính bên công bố điều chỉnh, "
                  "hoặc được các bên khác đưa ra với con số khác.",
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


def column_widths(html: str) -> list[float]:
    """The figures table's four column widths, in points, as WeasyPrint lays it out."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    document = HTML(string=html, base_url=str(ROOT / "templates") + "/").render()
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TableBox) and "figures" in box.element.get("class"):
                return [width * 0.75 for width in box.column_widths]  # px to pt
    raise AssertionError("no figures table")


@pytest.mark.parametrize("facts", [FLAGSHIP, FIXTURES / "subjects" / "health.yaml",
                                   FIXTURES / "subjects" / "energy.yaml"],
                         ids=lambda path: path.stem)
def test_the_figure_and_date_columns_are_as_wide_as_their_widest_text(facts, tmp_path):
    """The two columns whose text never wraps are sized from the fonts' metrics, for a
    fixed table layout. The reference is the engine's own automatic layout of the same
    table, which measures every cell: where the table is too long for the measure (so
    that the automatic layout gives these columns exactly their widest text, header
    included), each column is as wide as it makes it, or up to a point and a half
    wider (the slack kerning may take), in both editions; the other two columns take
    the rest as before ("According to" 23% of the measure)."""
    assert run_process("build", facts, "--format", "html", "--out", tmp_path).code == 0
    for html_file in sorted(tmp_path.glob("*.html")):
        html = html_file.read_text("utf-8")
        fixed = column_widths(html)
        # The same HTML with the widths taken off and the automatic layout put back.
        automatic = column_widths(re.sub(r' style="width: [0-9.]+pt"', "", html).replace(
            "</head>", "<style>table.figures { table-layout: auto }</style></head>", 1))
        for column in (1, 3):  # Figure, Reported
            assert 0 <= fixed[column] - automatic[column] <= 1.5, (html_file.name, column)
        assert fixed[2] == pytest.approx(automatic[2])  # According to: 23%
        assert sum(fixed) == pytest.approx(sum(automatic))


def test_a_running_head_that_wraps_is_named_with_its_pages_until_a_short_title_fits(
        tmp_path):
    """"Hydropower on the Example River basin (illustrative) · Table 1 (continued)" is
    two lines in the running head; the build says where and what to do, at the title."""
    result = run_process("build", "tests/fixtures/charts-energy.yaml", "--locale", "en",
                         "--out", tmp_path / "long")
    assert result.code == 0, result.err
    assert ("tests/fixtures/charts-energy.yaml:5:10: warning: edition charts-energy.en: the "
            "running head takes more than one line on page 2; give the brief a short_title "
            "for the running heads") in result.err.splitlines()
    facts = tmp_path / "charts-energy.yaml"
    facts.write_text((FIXTURES / "charts-energy.yaml").read_text("utf-8").replace(
        '  as_of: 2023-06-30\n', '  as_of: 2023-06-30\n  short_title: "Example River '
        'hydropower"\n'), "utf-8")
    result = run_process("build", facts, "--locale", "en", "--out", tmp_path / "short")
    assert result.code == 0, result.err
    assert "running head" not in result.err
    assert "Example River hydropower · Table 1 (continued)" in " ".join(
        pages(tmp_path / "short" / "charts-energy.en.pdf"))


def test_pages_are_listed_with_their_runs_joined():
    from briefing.build import _page_runs

    assert _page_runs([2]) == "2"
    assert _page_runs([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7–8"


def test_a_wrapped_handling_line_and_running_head_are_put_to_their_fields(
        monkeypatch):
    from types import SimpleNamespace

    from briefing.build import long_margin_warnings
    from briefing.facts.load import load_brief

    monkeypatch.chdir(ROOT)
    meta = load_brief(Path("tests/fixtures/frame.yaml")).brief
    view = SimpleNamespace(meta=meta, stem="framed.vi")
    shown = [str(w) for w in long_margin_warnings(
        view, [(2, "@top-right"), (3, "@top-right"), (4, "@top-right"), (9, "@top-left")])]
    assert shown == [
        "tests/fixtures/frame.yaml:3:10: warning: edition framed.vi: the running head takes "
        "more than one line on page 9; give the brief a short_title for the running heads",
        "tests/fixtures/frame.yaml:7:13: warning: edition framed.vi: the handling line takes "
        "more than one line on pages 2–4; shorten its handling"]
    # Two-sided, a right-hand page (odd) holds the title at the right, the handling line
    # at the left: the same boxes name the other fields there.
    shown = [str(w) for w in long_margin_warnings(
        view, [(2, "@top-left"), (3, "@top-right"), (5, "@top-left")], two_sided=True)]
    assert shown == [
        "tests/fixtures/frame.yaml:3:10: warning: edition framed.vi: the running head takes "
        "more than one line on pages 2–3; give the brief a short_title for the running "
        "heads",
        "tests/fixtures/frame.yaml:7:13: warning: edition framed.vi: the handling line takes "
        "more than one line on page 5; shorten its handling"]


def test_two_sided_a_wrapping_running_head_is_named_as_such_on_both_sides(tmp_path):
    """Right-hand pages mirror their heads: the running head wrapping there was
    reported as 'the handling line takes more than one line'."""
    from conftest import FIXTURES, run_process

    text = (FIXTURES / "minimal.yaml").read_text("utf-8").replace(
        'title: "A minimal brief"', 'title: "A minimal brief whose title is long enough to '
        'take more than one line in the running head of every page but the first"')
    filler = "".join(f'      - "Paragraph {n} of words that run on so that the brief '
                     'takes several pages, and then some more words."\n' for n in "ABCDEFGH" * 8)
    text = text.replace('      - text: "First {killed-first}, later {killed-revised}."\n',
                        '      - text: "First {killed-first}, later {killed-revised}."\n'
                        + filler)
    (tmp_path / "brief.yaml").write_text(text, "utf-8")
    result = run_process("build", "brief.yaml", "--two-sided", "--out", "out", cwd=tmp_path)
    assert result.code == 0, result.err
    warnings = [line for line in result.err.splitlines() if "takes more" in line]
    assert len(warnings) == 1 and warnings[0].startswith(
        "brief.yaml:3:10: warning: edition minimal.en: the running head takes more than "
        "one line on pages 2–"), warnings
