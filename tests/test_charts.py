"""Charts: every kind, in en and vi, read right — measured in the SVG, not hoped.

The expected figures, tick ends and source lines are written out. Fixture briefs on
other subjects (energy, health) exercise the kinds the flagship does not use.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from functools import lru_cache

import pikepdf
import pytest
import yaml
from babel.messages.pofile import read_po

import charts
from briefing.diagnostics import InputError
from briefing.facts import load_brief
from briefing.facts.check import CHART_MAX_CLAIMS, CHART_METRICS, CHART_UNITS
from briefing.render.figures import alt_text, chart_data, draw_charts
from charts import ChartData, Point
from charts.style import MARKERS, wrap_balanced

from conftest import FIXTURES, FLAGSHIP, ROOT, edition_view

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

SVG = "{http://www.w3.org/2000/svg}"
ENERGY = FIXTURES / "charts-energy.yaml"
HEALTH = FIXTURES / "charts-health.yaml"

# (facts file, chart id, locale) -> the figures every chart prints, the label of the
# end of its value axis, and its source line.
EXPECTED = {
    (FLAGSHIP, "casualties", "en"): (
        ["about 30,000", "more than 200", "more than 5,000"], "100,000",
        "[2] news explainer, 14 September 2022; [4] Newshub, 2020†; "
        "[5] news report, September 2020†"),
    (FLAGSHIP, "casualties", "vi"): (
        ["khoảng 30.000", "hơn 200", "hơn 5.000"], "100.000",
        "[2] bài phân tích thời sự, 14/9/2022; [4] Newshub, 2020†; "
        "[5] bản tin, 9/2020†"),
    (FLAGSHIP, "clashes-2022", "en"): (
        ["49", "105", "50", "71"], "125",
        "[2] news explainer, 14 September 2022; [3] TDI, 4 July 2023"),
    (FLAGSHIP, "clashes-2022", "vi"): (
        ["49", "105", "50", "71"], "125",
        "[2] bài phân tích thời sự, 14/9/2022; [3] TDI, 4/7/2023"),
    (FLAGSHIP, "displacement", "en"): (
        ["more than 1,000,000", "120,000"], "1 million",
        "[1] video explainer transcript, September 2023†"),
    (FLAGSHIP, "displacement", "vi"): (
        ["hơn 1 triệu", "120.000"], "1 triệu",
        "[1] bản chép lời video phân tích, 9/2023†"),
    (ENERGY, "capacities", "en"): (
        ["4,200", "1,285", "up to 1,800", "more than 260"], "5,000",
        "[1] Example Energy Ministry, March 2023; [3] Example Rivers Watch, January 2023"),
    (ENERGY, "capacities", "vi"): (
        ["4.200", "1.285", "lên tới 1.800", "hơn 260"], "5.000",
        "[1] Example Energy Ministry, 3/2023; "
        "[3] Example Rivers Watch, 1/2023"),
    (ENERGY, "mix", "en"): (
        ["52%", "13.5%", "0.4%"], "100%", "[1] Example Energy Ministry, March 2023"),
    (ENERGY, "mix", "vi"): (
        ["52%", "13,5%", "0,4%"], "100%", "[1] Example Energy Ministry, 3/2023"),
    (ENERGY, "disputed", "en"): (
        ["4,200", "about 3,600", "1,285", "1,100–1,200"], "5,000",
        "[1] Example Energy Ministry, March 2023; [2] Example Water Institute, "
        "November 2022; [3] Example Rivers Watch, January 2023"),
    (ENERGY, "disputed", "vi"): (
        ["4.200", "khoảng 3.600", "1.285", "1.100–1.200"], "5.000",
        "[1] Example Energy Ministry, 3/2023; [2] Example Water Institute, "
        "11/2022; [3] Example Rivers Watch, 1/2023"),
    (ENERGY, "growth", "en"): (
        ["1,000", "1,500", "2,100", "3,900–4,300", "about 4,600", "at least 5,000"], "5,000",
        "[1] Example Energy Ministry, March 2023; [2] Example Water Institute, November 2022"),
    (ENERGY, "growth", "vi"): (
        ["1.000", "1.500", "2.100", "3.900–4.300", "khoảng 4.600", "ít nhất 5.000"], "5.000",
        "[1] Example Energy Ministry, 3/2023; "
        "[2] Example Water Institute, 11/2022"),
    (HEALTH, "cases", "en"): (
        ["1,200", "about 35,000", "900,000–1,300,000", "more than 2,400,000"], "10 million",
        "[1] Example Health Agency, May 2023; [2] Example Survey Office, April 2023"),
    (HEALTH, "cases", "vi"): (
        ["1.200", "khoảng 35.000", "900.000–1.300.000", "hơn 2,4 triệu"], "10 triệu",
        "[1] Example Health Agency, 5/2023; "
        "[2] Example Survey Office, 4/2023"),
    (HEALTH, "deaths", "en"): (
        ["310", "420", "less than 500"], "500",
        "[1] Example Health Agency, May 2023; [2] Example Survey Office, April 2023"),
    (HEALTH, "deaths", "vi"): (
        ["310", "420", "dưới 500"], "500",
        "[1] Example Health Agency, 5/2023; "
        "[2] Example Survey Office, 4/2023"),
}
CASES = sorted(EXPECTED, key=lambda k: (k[0].name, k[1], k[2]))
IDS = [f"{path.stem}-{chart}-{locale}" for path, chart, locale in CASES]


@lru_cache(maxsize=None)
def edition(path, locale):
    return edition_view(path, locale)


@lru_cache(maxsize=None)
def drawn(path, chart_id, locale):
    view = edition(path, locale)
    chart = next(c for c in view.brief.charts if c.id == chart_id)
    data = chart_data(view, chart)
    return view, data, charts.kind_module(data.kind).draw(data)


def vi_translation(msgid: str) -> str:
    with open(ROOT / "locales" / "vi" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle)[msgid].string


def flat(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\u00a0", " "))


def svg_texts(svg: str) -> list[str]:
    return [flat("".join(t.itertext())) for t in ET.fromstring(svg).iter(f"{SVG}text")]


# -- measuring text in the SVG with the font itself, not with matplotlib ----------------
@lru_cache(maxsize=None)
def noto_sans():
    from fontTools.ttLib import TTFont

    import fontpkg_noto_sans

    path = next((fontpkg_noto_sans.ROOT / "files").glob("NotoSans[[]*.ttf"))
    font = TTFont(str(path))
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def advance(text: str, size: float) -> float:
    cmap, metrics, per_em = noto_sans()
    return sum(metrics[cmap.get(ord(ch), ".notdef")][0] for ch in text) * size / per_em


def tick_label_boxes(svg: str, axis: str) -> list[tuple[float, float, str]]:
    """(start, end, text) along the axis of each tick label in ``xtick_*``/``ytick_*``."""
    boxes = []
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if not group.get("id", "").startswith(f"{axis}tick_"):
            continue
        for text in group.iter(f"{SVG}text"):
            label = "".join(text.itertext())
            if not label:
                continue
            size = float(text.get("font-size").removesuffix("px"))
            if axis == "y":
                y = float(text.get("y"))
                boxes.append((y - size, y + 0.25 * size, label))
                continue
            width = advance(label, size)
            x = float(text.get("x"))
            anchor = text.get("text-anchor")
            start = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            boxes.append((start, start + width, label))
    return sorted(boxes)


# -- the registry ----------------------------------------------------------------------
def test_a_kinds_rules_are_stated_once_and_read_by_the_validator_and_the_schema():
    """A chart kind's module is the one home of its rules: the validator plots what it
    declares, and the schema editors read says its RULES."""
    from briefing.facts.schema import json_schema

    described = json_schema()["$defs"]["Chart"]["properties"]["kind"]["description"]
    assert set(CHART_METRICS) == set(charts.KINDS)
    for kind in charts.KINDS:
        module = charts.kind_module(kind)
        assert CHART_METRICS[kind] == set(module.METRICS)
        assert f" {kind}: {module.RULES}." in described
    assert CHART_UNITS == {"share": {"percent", "concentr-percent"}, "casualties": {""},
                           "displacement": {""}}
    assert CHART_MAX_CLAIMS == 40


def test_one_visual_language_every_mark_differs_in_shape_or_fill():
    shapes = [(style["marker"], style["filled"]) for style in MARKERS.values()]
    assert len(set(shapes)) == len(shapes)
    for kind in charts.KINDS:
        assert set(charts.kind_module(kind).SERIES) <= set(MARKERS)


def test_scales_are_linear_unless_the_figures_span_two_orders_of_magnitude():
    from charts.scale import choose

    assert choose([49, 50, 105, 71]).ticks == (0, 25, 50, 75, 100, 125)
    assert choose([49, 50, 105, 71]).kind == "linear"
    assert choose([13.5, 16]).ticks == (0, 5, 10, 15, 20)
    assert choose([1_000_000, 120_000]).ticks == (0, 200_000, 400_000, 600_000, 800_000,
                                                  1_000_000)
    assert choose([30000, 200, 5000]).kind == "log"
    assert choose([30000, 200, 5000]).ticks == (100, 1000, 10_000, 100_000)
    assert choose([0.4, 13.5, 52], fixed_end=100).ticks == (0, 20, 40, 60, 80, 100)


# -- every kind, in en and vi ----------------------------------------------------------
@pytest.mark.parametrize("path, chart_id, locale", CASES, ids=IDS)
def test_tick_labels_never_overlap(path, chart_id, locale):
    _, data, svg = drawn(path, chart_id, locale)
    axes = ("x", "y") if data.kind == "series" else ("x",)
    for axis in axes:
        boxes = tick_label_boxes(svg, axis)
        assert len(boxes) >= 2, boxes
        for (_, end, first), (start, _, second) in zip(boxes, boxes[1:]):
            assert end < start, f"'{first}' runs into '{second}'"


@pytest.mark.parametrize("path, chart_id, locale", CASES, ids=IDS)
def test_the_axis_ends_within_one_step_past_the_figures(path, chart_id, locale):
    _, data, svg = drawn(path, chart_id, locale)
    figures, end_label, _ = EXPECTED[(path, chart_id, locale)]
    values = [v for v, _ in data.ticks]
    largest = max(p.high for p in data.points)
    assert flat(data.ticks[-1][1]) == end_label
    assert end_label in [flat(label) for _, _, label in
                         tick_label_boxes(svg, "y" if data.kind == "series" else "x")]
    assert largest <= values[-1]
    if data.kind == "share":  # a share is seen against the whole: the axis ends at 100%
        assert values[-1] == 100
    elif data.scale == "log":
        assert values[-1] / 10 < largest
    else:
        assert values[-1] - (values[-1] - values[-2]) < largest


@pytest.mark.parametrize("path, chart_id, locale", CASES, ids=IDS)
def test_every_claim_appears_with_its_figure(path, chart_id, locale):
    _, data, svg = drawn(path, chart_id, locale)
    figures, _, _ = EXPECTED[(path, chart_id, locale)]
    texts = svg_texts(svg)
    assert len(data.points) == len(figures)
    for figure in figures:
        assert any(figure in text for text in texts), (figure, texts)


@pytest.mark.parametrize("path, chart_id, locale", CASES, ids=IDS)
def test_the_source_line_names_every_source(path, chart_id, locale):
    view = edition(path, locale)
    _, _, source_line = EXPECTED[(path, chart_id, locale)]
    chart = next(c for c in view.brief.charts if c.id == chart_id)
    assert flat(view.source_line(chart.claims)) == source_line


@pytest.mark.parametrize("path, chart_id, locale", CASES, ids=IDS)
def test_the_alt_text_mentions_every_series_and_every_figure(path, chart_id, locale):
    view, data, _ = drawn(path, chart_id, locale)
    alt = flat(alt_text(view, data))
    for _, label in data.legend:
        assert label in alt
    for point in data.points:
        assert flat(point.label) in alt and flat(point.text) in alt


@pytest.mark.parametrize("path, chart_id, locale", CASES, ids=IDS)
def test_every_row_says_who_gives_the_figure(path, chart_id, locale):
    _, data, svg = drawn(path, chart_id, locale)
    if data.kind == "series":
        return  # one line: who gives each figure is in the source line and the alt text
    texts = " ".join(svg_texts(svg))
    for point in data.points:
        assert point.who
        assert flat(point.who).split()[-1] in texts


def test_the_flagship_legend_and_axis_read_in_vietnamese():
    _, data, svg = drawn(FLAGSHIP, "casualties", "vi")
    assert data.axis_label == "Số người thiệt mạng (thang logarit)"
    assert data.legend == (("reported", vi_translation("Figure as reported")),)
    assert data.lower_bound_label == "Mức tối thiểu: con số thực tế không thấp hơn mức này"
    assert "Số người thiệt mạng (thang logarit)" in svg_texts(svg)


def test_units_and_scale_are_named_in_the_axis_title():
    assert drawn(ENERGY, "capacities", "en")[1].axis_label == "Capacity (MW)"
    assert drawn(ENERGY, "capacities", "vi")[1].axis_label == "Công suất (MW)"
    assert drawn(HEALTH, "cases", "en")[1].axis_label == "Cases (logarithmic scale)"
    assert drawn(HEALTH, "cases", "vi")[1].axis_label == "Số ca mắc (thang logarit)"
    assert drawn(FLAGSHIP, "clashes-2022", "en")[1].axis_label == "People killed"


def test_alternatives_stay_together_under_their_quantity():
    _, data, _ = drawn(FLAGSHIP, "clashes-2022", "en")
    assert [(p.group, p.text, p.when) for p in data.points] == [
        ("Armenia — Border clashes of 2022", "49", "14\u00a0September\u00a02022"),
        ("Armenia — Border clashes of 2022", "105", "4\u00a0July\u00a02023"),
        ("Azerbaijan — Border clashes of 2022", "50", "14\u00a0September\u00a02022"),
        ("Azerbaijan — Border clashes of 2022", "71", "4\u00a0July\u00a02023")]
    assert data.scale == "linear"
    _, data, _ = drawn(ENERGY, "disputed", "vi")  # grouped by the claims' quantity
    assert [(p.group, p.who) for p in data.points] == [
        ("Dam A", "Example Energy Ministry"), ("Dam A", "Example Rivers Watch"),
        ("Dam B", "Example Energy Ministry"), ("Dam B", "Example Water Institute")]


def test_bounds_point_the_way_the_truth_may_lie():
    _, data, _ = drawn(ENERGY, "capacities", "en")
    assert [p.bound for p in data.points] == [None, None, "upper", "lower"]
    _, data, svg = drawn(ENERGY, "capacities", "en")
    texts = svg_texts(svg)
    assert "Upper bound: the figure is at most this" in texts
    assert "Lower bound: the figure is at least this" in texts
    # the range of Dam B's institute figure is drawn as a range and explained once
    _, data, svg = drawn(ENERGY, "disputed", "en")
    assert svg_texts(svg).count("Range of estimates") == 1


def test_a_series_is_placed_by_its_dates_and_breaks_where_no_claim_exists():
    _, data, svg = drawn(ENERGY, "growth", "en")
    by_text = {flat(p.text): p for p in data.points}
    # 2010 is a year: drawn across it, from 1 January to 31 December
    assert (by_text["1,000 MW"].start, by_text["1,000 MW"].end) == (14610.0, 14974.0)
    # June 2019 is a month
    assert (by_text["about 4,600 MW"].start, by_text["about 4,600 MW"].end) == (18048.0,
                                                                               18077.0)
    assert [label for _, label in data.x_ticks][:3] == ["2010", "2011", "2012"]
    # two lines: 2010–2012, then 2018–2020 (nothing is drawn across 2013–2017)
    root = ET.fromstring(svg)
    lines = [p for p in root.iter(f"{SVG}path") if (p.get("fill"), p.get("stroke"),
                                                     p.get("stroke-width")) == ("none", "#0072b2", "1.2")]
    assert len(lines) == 2


def test_grey_rendering_keeps_the_series_apart():
    """Three series in one chart: three marks that differ in shape or fill."""
    _, data, svg = drawn(HEALTH, "deaths", "en")
    assert {p.series for p in data.points} == {"reported", "first", "revised"}
    root = ET.fromstring(svg)
    shapes = {p.get("id"): p.get("d") for p in root.iter(f"{SVG}path") if p.get("id")}
    marks = set()
    for use in root.iter(f"{SVG}use"):
        fill = use.get("fill")
        href = use.get("{http://www.w3.org/1999/xlink}href")[1:]
        if use.get("stroke-width") == "1.3":  # marks, not tick marks
            marks.add((shapes[href], fill == "#ffffff"))
    assert len(marks) >= 3


@pytest.mark.parametrize("text, width_in, lines", [
    # greedy filling would leave "2016" alone on the second line
    ("Killed in the clashes of 2016", 1.1, ["Killed in the", "clashes of 2016"]),
    # greedy filling would leave "TDI" alone on the second line
    ("Số liệu công bố sau của một cơ quan báo chí khác TDI", 2.5,
     ["Số liệu công bố sau của một", "cơ quan báo chí khác TDI"]),
])
def test_labels_wrap_into_balanced_lines_with_no_lone_word(text, width_in, lines):
    assert wrap_balanced(text, width_in) == lines


def test_a_word_wider_than_the_label_column_is_broken_to_fit_it():
    """A 120-character name cannot be wrapped between words: it is cut between
    characters into lines that fit, nothing lost, the words around it kept whole."""
    from charts.rows import LABEL_W
    from charts.style import text_width_in

    word = "Verylongpartyname" + "abcdefghij" * 10 + "abc"
    lines = wrap_balanced(f"Capacity of Dam A, as the {word} gives it", LABEL_W)
    assert all(text_width_in(line) <= LABEL_W for line in lines), lines
    assert "".join(lines).replace(" ", "") == f"CapacityofDamA,asthe{word}givesit"
    assert lines[0] == "Capacity of Dam A, as the" and lines[-1].endswith(" gives it")
    assert len(lines) == 4


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_no_row_label_leaves_one_word_alone_on_its_last_line(locale):
    from charts.rows import LABEL_W

    for path, chart_id, loc in CASES:
        if loc != locale:
            continue
        for point in drawn(path, chart_id, locale)[1].points:
            lines = wrap_balanced(point.label, LABEL_W)
            assert len(lines) == 1 or len(lines[-1].split()) > 1, lines


def test_ten_decades_of_ticks_are_thinned_until_none_touch():
    points = (Point(label="Small", low=1, high=1, qualifier="exact", series="reported",
                    text="1", who="Example"),
              Point(label="Large", low=2e9, high=2e9, qualifier="exact", series="reported",
                    text="2.000.000.000", who="Example"))
    ticks = ((1, "1"), (10, "10"), (100, "100"), (1e3, "1.000"), (1e4, "10.000"),
             (1e5, "100.000"), (1e6, "1 triệu"), (1e7, "10 triệu"), (1e8, "100 triệu"),
             (1e9, "1 tỷ"), (1e10, "10 tỷ"))
    data = ChartData(kind="comparison", title="T", points=points, legend=(),
                     axis_label="Số người (thang logarit)", ticks=ticks, scale="log",
                     lower_bound_label="", upper_bound_label="", range_label="", lang="vi")
    svg = charts.kind_module("comparison").draw(data)
    boxes = tick_label_boxes(svg, "x")
    for (_, end, first), (start, _, second) in zip(boxes, boxes[1:]):
        assert end < start, f"'{first}' runs into '{second}'"
    assert boxes[-1][2] == "10 tỷ"


# -- bad chart definitions -------------------------------------------------------------
BAD_HEAD = """\
brief: {id: bad, title: "Bad", as_of: 2023-09-19, locales: [en], handling: "x"}
sources: [{id: s, title: "S", language: en}]
claims:
  - {id: mw, label: "A", metric: capacity, unit: power-megawatt, value: 10, sources: [s]}
  - {id: km, label: "B", metric: length, unit: length-kilometer, value: 5, sources: [s]}
  - {id: dead, label: "C", metric: killed, value: 5, sources: [s]}
  - {id: pct, label: "D", metric: share, value: 5, sources: [s]}
"""


@pytest.mark.parametrize("charts_block, error", [
    ('charts: [{id: c, kind: bar, title: "T", claims: [mw]}]',
     "bad.yaml:8:24: error: chart 'c' has unknown kind 'bar'; expected one of: "
     "alternatives, casualties, comparison, displacement, map, series, share"),
    ('charts: [{id: c, kind: share, title: "T", claims: [dead]}]',
     "bad.yaml:8:52: error: chart 'c' (share) cannot plot claim 'dead' of metric "
     "'killed'; expected share"),
    ('charts: [{id: c, kind: comparison, title: "T", claims: [mw, km]}]',
     "bad.yaml:8:61: error: chart 'c' mixes units: claim 'km' is in "
     "'length-kilometer', claim 'mw' in 'power-megawatt'; one chart, one unit"),
    ('charts: [{id: c, kind: casualties, title: "T", claims: [dead, mw]}]',
     "bad.yaml:8:63: error: chart 'c' (casualties) cannot plot claim 'mw' of metric "
     "'capacity'; expected killed or wounded"),
    ('charts: [{id: c, kind: comparison, title: "T", claims: [dead, pct]}]',
     "bad.yaml:8:63: error: chart 'c' mixes units: claim 'pct' is in 'percent', "
     "claim 'dead' in 'people'; one chart, one unit"),
    ('charts: [{id: c, kind: comparison, title: "T", claims: []}]',
     "bad.yaml:8:56: error: chart 'c' must cite at least one claim"),
    ('charts: [{id: c, kind: series, title: "T", claims: [mw]}]',
     "bad.yaml:8:53: error: chart 'c' (series) needs a date for claim 'mw'; give it "
     "'reported'"),
    ('charts: [{id: c, kind: comparison, title: "T", claims: [' + ", ".join(["mw"] * 200)
     + "]}]",
     ["bad.yaml:8:56: error: chart 'c' plots 200 claims; a chart plots at most 40 "
      "(a table reads better)",
      "bad.yaml:8:61: error: 'mw' is listed twice in 'claims'; name it once"]),
])
def test_bad_chart_definitions_get_located_errors(tmp_path, charts_block, error):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_HEAD + charts_block + "\n", "utf-8")
    with pytest.raises(InputError) as caught:
        load_brief(path)
    messages = [re.sub(r"^.*bad\.yaml", "bad.yaml", str(d)) for d in caught.value.diagnostics]
    assert messages == (error if isinstance(error, list) else [error])


# -- kept from before: localized, deterministic, real text, cached, lazy -----------------
def test_svg_is_deterministic_real_text_in_our_typeface():
    view, data, first = drawn(FLAGSHIP, "casualties", "vi")
    second = charts.kind_module(data.kind).draw(data)
    assert first == second
    assert "<dc:date>" not in first
    assert "1.000" in svg_texts(first)
    families = {text.get("font-family") for text in ET.fromstring(first).iter(f"{SVG}text")}
    assert families == {"'Noto Sans'"}


def test_charts_in_the_pdf_read_in_the_edition_language_and_name_their_sources(pdf_text):
    facts = yaml.safe_load(FLAGSHIP.read_text("utf-8"))
    order = [s["id"] for s in facts["sources"]]
    text = " ".join(pdf_text["vi"].split())
    assert "Số người thiệt mạng (thang logarit)" in text
    for number, chart in enumerate(facts["charts"], 1):
        assert f"Hình {number}." in text
        if chart["kind"] == "map":  # its source line names the dataset (test_map)
            continue
        cited = sorted({order.index(s) + 1 for c in facts["claims"] if c["id"] in chart["claims"]
                        for s in c["sources"]})
        line = re.search(r"Nguồn: (\[\d\][^\n]*?)(?=Hình|$)", text[text.index(f"Hình {number}."):])
        assert line, f"no source line under figure {number}"
        assert [int(n) for n in re.findall(r"\[(\d+)\]", line.group(1))][:len(cited)] == cited


def test_chart_text_is_set_in_the_pinned_fonts(flagship_dist):
    with pikepdf.open(flagship_dist / "nagorno-karabakh.vi.pdf") as pdf:
        names = set()
        for page in pdf.pages:
            for _, xobject in page.Resources.get("/XObject", {}).items():
                for _, font in xobject.get("/Resources", {}).get("/Font", {}).items():
                    names.add(str(font.BaseFont))
        assert names and all("Noto" in name for name in names), names


def test_a_drawn_chart_is_reused_not_redrawn(monkeypatch, tmp_path):
    view = edition(FLAGSHIP, "en")
    first = draw_charts(view, tmp_path)

    def no_drawing(data):
        raise AssertionError("redrawn")

    for kind in charts.KINDS:
        monkeypatch.setattr(charts.kind_module(kind), "draw", no_drawing)
    assert draw_charts(view, tmp_path) == first


def test_a_warm_build_does_not_import_matplotlib(tmp_path):
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from briefing.build import Options, build\n"
        "from briefing.project import Project\n"
        f"build([Path({str(FLAGSHIP)!r})], Options(Project(Path({str(ROOT)!r}), "
        f"Path({str(tmp_path)!r})), format='html'))\n"
        "print('matplotlib' in sys.modules)\n")
    outputs = []
    for _ in ("cold or warm", "warm"):
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout.strip())
    assert outputs[1] == "False"


@pytest.mark.parametrize("path, chart_id, locale", CASES, ids=IDS)
def test_direct_labels_stay_inside_the_chart(path, chart_id, locale):
    """A figure right of its mark (or of a lower bound's mark) is not cut off."""
    _, data, svg = drawn(path, chart_id, locale)
    root = ET.fromstring(svg)
    width = float(root.get("viewBox").split()[2])
    texts = {flat(p.text) for p in data.points}
    for text in root.iter(f"{SVG}text"):
        label = flat("".join(text.itertext()))
        if label in texts:
            size = float(text.get("font-size").removesuffix("px"))
            anchor = text.get("text-anchor")
            x = float(text.get("x"))
            end = x + advance(label, size) * {"start": 1, "middle": 0.5, "end": 0}[anchor]
            assert end <= width, (label, end, width)


def test_a_figure_at_the_end_of_its_axis_is_drawn_whole():
    """The flagship's "more than 1,000,000" displaced sits on the last tick of its axis;
    its diamond was cut in half by the plot's clip path. No mark is clipped now."""
    _, data, svg = drawn(FLAGSHIP, "displacement", "en")
    assert max(p.high for p in data.points) == data.ticks[-1][0] == 1_000_000
    root = ET.fromstring(svg)
    marks = [g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith("line2d_")
             and any(True for _ in g.iter(f"{SVG}use"))]
    assert len(marks) >= 2  # the two rows' marks
    assert [g.get("id") for g in marks if any(e.get("clip-path") for e in g.iter())] == []


def test_a_figure_printed_beside_its_mark_is_on_paper_ground():
    """No grid line or row rule runs through "about 30,000" or "more than 5,000": each
    figure printed beside its mark has a white ground drawn under it."""
    for chart_id in ("casualties", "displacement"):
        _, data, svg = drawn(FLAGSHIP, chart_id, "en")
        grounded = []
        for group in ET.fromstring(svg).iter(f"{SVG}g"):
            if not (group.get("id") or "").startswith("text_"):
                continue
            text = flat(" ".join("".join(group.itertext()).split()))
            white = any(path.get("fill") == "#ffffff" for path in group.iter(f"{SVG}path"))
            if text in {flat(p.text) for p in data.points}:
                grounded.append((text, white))
        assert grounded and all(white for _, white in grounded), grounded
        assert len(grounded) == len(data.points)


def test_a_users_matplotlibrc_changes_no_chart(tmp_path):
    """A matplotlibrc in the current folder (or the home folder) restyled every chart,
    and the chart cache's key ignored it."""
    from conftest import private_cache, run_process

    plain, styled = tmp_path / "plain", tmp_path / "styled"
    for folder in (plain, styled):
        folder.mkdir()
    (styled / "matplotlibrc").write_text("lines.linewidth: 9\naxes.facecolor: red\n"
                                         "font.size: 30\n")
    pages = []
    for folder in (plain, styled):
        env = private_cache(folder / "cache")
        done = run_process("build", FIXTURES / "charts-health.yaml", "--format", "html",
                           "--out", folder / "out", cwd=folder, env=env)
        assert done.code == 0, done.err
        page = next((folder / "out").glob("*.en.html")).read_text("utf-8")
        pages.append(page.replace(str(folder), ""))  # the font files' paths
    assert pages[0] == pages[1]
