"""Charts: localized, sourced, described, deterministic, cached, legible in grey."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pikepdf
import pytest
import yaml
from babel.messages.pofile import read_po

import charts
from briefing.facts.check import CHART_METRICS
from briefing.render.figures import chart_data, draw_charts

from conftest import FLAGSHIP, ROOT, edition_view

SVG = "{http://www.w3.org/2000/svg}"


def edition(locale):
    return edition_view(FLAGSHIP, locale)


def vi_translation(msgid: str) -> str:
    with open(ROOT / "locales" / "vi" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle)[msgid].string


def test_the_validator_and_the_chart_kinds_agree_on_metrics():
    for kind in charts.KINDS:
        assert CHART_METRICS[kind] == charts.kind_module(kind).METRICS


@pytest.mark.parametrize("locale, thousand", [("en", "1,000"), ("vi", "1.000")])
def test_ticks_labels_and_legend_are_localized(locale, thousand):
    view = edition(locale)
    data = chart_data(view, view.brief.charts[0])
    assert thousand in [label for _, label in data.ticks]
    if locale == "vi":
        assert data.axis_label == vi_translation("People killed (logarithmic scale)")
        for key, label in data.legend:
            assert label == vi_translation(charts.kind_module(data.kind).SERIES[key]["legend"])


def test_svg_is_deterministic_real_text_in_our_typeface():
    view = edition("vi")
    data = chart_data(view, view.brief.charts[0])
    kind = charts.kind_module(data.kind)
    first, second = kind.draw(data), kind.draw(data)
    assert first == second
    assert "<dc:date>" not in first
    root = ET.fromstring(first)
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert vi_translation("People killed (logarithmic scale)") in texts
    assert "1.000" in texts
    families = set(re.findall(r"font-family: ([^;\"]+)", first))
    assert families == {"'Noto Sans'"}


@pytest.mark.parametrize("kind", charts.KINDS)
def test_series_differ_in_shape_or_fill_not_only_in_colour(kind):
    series = charts.kind_module(kind).SERIES
    shapes = [(s["marker"], s["filled"]) for s in series.values()]
    assert len(set(shapes)) == len(shapes)


# A revision by the same claimant beside its first report and a figure as reported:
# every series of the casualties chart, whatever the flagship happens to contain (its
# 2022 figures are alternatives from different claimants, not revisions).
SERIES_BRIEF = """\
brief: {id: series, title: "Series", as_of: 2023-09-19, locales: [en], handling: "Test"}
sources: [{id: report, title: "A report", publisher: Example Press, date: 2023-09, language: en}]
parties: [{id: am, name: Armenia}]
events: [{id: war, name: "The war", start: 1988-02, end: 1994}]
claims:
  - {id: killed-war, label: "Killed in the war", metric: killed, event: war, value: 30000,
     qualifier: more_than, sources: [report]}
  - {id: killed-first, label: "Killed, first report", metric: killed, event: war, party: am,
     value: 49, claimed_by: am, reported: 2022-09-14, sources: [report]}
  - {id: killed-revised, label: "Killed, revised", metric: killed, event: war, party: am,
     value: 105, claimed_by: am, revises: killed-first, reported: 2023-07-04,
     sources: [report]}
key_points: [{text: "The war killed {killed-war} people.", sources: [report]}]
key_figures: [killed-war]
sections: [{id: background, title: Background, paragraphs: ["First {killed-first}, then {killed-revised}."]}]
timeline: [{date: 1988-02, text: "The war begins.", sources: [report]}]
charts: [{id: casualties, kind: casualties, title: "Killed",
          claims: [killed-war, killed-first, killed-revised]}]
"""


def test_each_series_draws_its_own_marker_shape_in_the_svg(tmp_path):
    path = tmp_path / "series.yaml"
    path.write_text(SERIES_BRIEF, "utf-8")
    view = edition_view(path, "en")
    data = chart_data(view, view.brief.charts[0])
    svg = charts.kind_module(data.kind).draw(data)
    root = ET.fromstring(svg)
    marker_shapes = {p.get("d") for defs in root.iter(f"{SVG}defs")
                     for p in defs.iter(f"{SVG}path") if p.get("id", "").startswith("m")}
    styles = charts.kind_module(data.kind).SERIES
    shapes_used = {styles[p.series]["marker"] if p.qualifier not in ("at_least", "more_than")
                   else ">" for p in data.points}
    assert len(marker_shapes) >= len(shapes_used) >= 3


def test_charts_in_the_pdf_read_in_the_edition_language_and_name_their_sources(pdf_text):
    facts = yaml.safe_load(FLAGSHIP.read_text("utf-8"))
    order = [s["id"] for s in facts["sources"]]
    text = " ".join(pdf_text["vi"].split())
    assert vi_translation("People killed (logarithmic scale)") in text
    for number, chart in enumerate(facts["charts"], 1):
        assert f"Hình {number}." in text
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
    view = edition("en")
    (tmp_path / "build").mkdir()
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


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_direct_labels_stay_inside_the_chart(locale):
    """A label right of its point (or of a lower bound's arrow) is not cut off."""
    view = edition(locale)
    for chart in view.brief.charts:
        data = chart_data(view, chart)
        root = ET.fromstring(charts.kind_module(data.kind).draw(data))
        width = float(root.get("viewBox").split()[2])
        texts = {p.text for p in data.points}
        for text in root.iter(f"{SVG}text"):
            if "".join(text.itertext()) in texts:
                size = float(re.search(r"font-size: ([\d.]+)px", text.get("style")).group(1))
                # Noto Sans averages more than half an em per character in figures
                end = float(text.get("x")) + 0.5 * size * len("".join(text.itertext()))
                assert end <= width, ("".join(text.itertext()), end, width)
