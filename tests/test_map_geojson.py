"""A map's places from a GeoJSON file kept next to the facts file: read as the facts
file's own places are (names through the catalogs, positions checked), every bad
file a located error in it, nothing read from outside the facts file's folder, a
map drawn once for locales that label it alike, and Make rebuilding an edition when
its GeoJSON file changes."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

import charts.map
from briefing.diagnostics import InputError
from briefing.facts import load_brief
from briefing.i18n.extract import extract_facts
from briefing.render import maps
from briefing.render.figures import draw_charts
from conftest import FIXTURES, copy_project, edition_view, make_in, run_process

ENERGY = FIXTURES / "subjects" / "energy.yaml"
FACTS = """\
brief: {id: zone, title: "Zone", as_of: 2023-09-19, locales: [en], handling: "x"}
sources: [{id: s, title: "S", language: en}]
claims:
  - {id: dead, label: "C", metric: killed, value: 5, sources: [s]}
sections:
  - {id: where, title: "Where", paragraphs: ["The zone lies by the river."]}
charts:
  - id: m
    kind: map
    section: where
    title: "T"
    geojson: maps/zone.geojson
"""
ZONE = """\
{
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature", "properties": {"name": "Camp"},
     "geometry": {"type": "Point", "coordinates": [45.5, 40.25]}},
    {"type": "Feature", "properties": {"name": "Road"},
     "geometry": {"type": "LineString", "coordinates": [[45.0, 40.0], [46.0, 40.5]]}},
    {"type": "Feature", "properties": {"name": "Zone", "disputed": true},
     "geometry": {"type": "Polygon",
                  "coordinates": [[[45.0, 40.0], [46.0, 40.0], [46.0, 41.0], [45.0, 40.0]]]}}
  ]
}
"""


def brief_folder(tmp_path: Path, geojson: str, facts: str = FACTS) -> Path:
    (tmp_path / "maps").mkdir(exist_ok=True)
    (tmp_path / "maps" / "zone.geojson").write_text(geojson, "utf-8")
    (tmp_path / "zone.yaml").write_text(facts, "utf-8")
    return tmp_path / "zone.yaml"


def errors_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_brief(path)
    folder = str(path.parent) + os.sep
    return [re.sub(r"^.*?(maps/|zone\.yaml)", r"\1", str(d).replace(folder, ""))
            for d in caught.value.diagnostics]


def test_points_lines_and_areas_come_from_the_file_in_lat_lon_order(tmp_path):
    chart = load_brief(brief_folder(tmp_path, ZONE)).charts[0]
    assert [(p.name, float(p.lat), float(p.lon)) for p in chart.points] == [
        ("Camp", 40.25, 45.5)]
    assert [(p.name, [(float(a), float(b)) for a, b in p.coordinates])
            for p in chart.lines] == [("Road", [(40.0, 45.0), (40.5, 46.0)])]
    area = chart.areas[0]
    assert (area.name, area.disputed, len(area.coordinates)) == ("Zone", True, 3)
    assert str(area.where("name")).endswith("maps/zone.geojson:8:48")


POINT = ('{{"type": "Feature", "properties": {props}, '
         '"geometry": {{"type": "{kind}", "coordinates": {coords}}}}}')


def feature(props='{"name": "P"}', kind="Point", coords="[45, 40]") -> str:
    return POINT.format(props=props, kind=kind, coords=coords)


@pytest.mark.parametrize("geojson, errors", [
    ('{"type": "FeatureCollection",\n "features": [}\n',
     ["maps/zone.geojson:2:15: error: invalid JSON: Expecting value"]),
    ("[1, 2]", ["maps/zone.geojson:1:1: error: map 'm': not GeoJSON: expected an object "
                "of \"type\": \"FeatureCollection\" (or \"Feature\")"]),
    ('{"type": "FeatureCollection", "features": []}',
     ["maps/zone.geojson:1:43: error: map 'm': the GeoJSON file holds no features"]),
    (feature(kind="MultiPolygon", coords="[]"),
     ["maps/zone.geojson:1:71: error: map 'm': feature 1: unsupported geometry "
      "'MultiPolygon'; give a Point, a LineString or a Polygon"]),
    (feature(props="{}"),
     ["maps/zone.geojson:1:35: error: map 'm': feature 1 has no name; give it a \"name\" "
      "in its \"properties\" (printed on the map and translated like the facts file's "
      "names)"]),
    (feature(props='{"name": "  "}'),
     ["maps/zone.geojson:1:44: error: map 'm': feature 1 has no name; give it a \"name\" "
      "in its \"properties\" (printed on the map and translated like the facts file's "
      "names)"]),
    (feature(coords="[45, 95]"),
     ["maps/zone.geojson:1:100: error: map 'm': 'P' has latitude 95; latitudes run from "
      "-90 to 90"]),
    (feature(coords="[-181.5, 40]"),
     ["maps/zone.geojson:1:96: error: map 'm': 'P' has longitude -181.5; longitudes run "
      "from -180 to 180"]),
    (feature(coords='[45, "40"]'),
     ["maps/zone.geojson:1:95: error: map 'm': feature 1: a position must be "
      "[longitude, latitude] in degrees"]),
    (feature(kind="Polygon", coords="[[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]"),
     ["maps/zone.geojson:1:115: error: map 'm': the outline of area 'P' crosses itself "
      "(edge 1 and edge 3); give its positions in order around the edge"]),
    (feature(kind="Polygon", coords="[[[0, 0], [1, 1], [1, 0]]]"),
     ["maps/zone.geojson:1:98: error: map 'm': feature 1: the ring of 'P' is not closed; "
      "its last position must repeat its first"]),
    (feature(kind="LineString", coords="[[45, 40], [46, 91]]"),
     ["maps/zone.geojson:1:111: error: map 'm': 'P' has latitude 91; latitudes run from "
      "-90 to 90"]),
    (feature(props='{"name": "Dam 2", "disputed": "yes"}'),
     ["maps/zone.geojson:1:44: error: map 'm': figure '2' typed into a name; write a "
      "name with digits between backticks: `Dam 2`",
      "maps/zone.geojson:1:65: error: map 'm': feature 1: 'disputed' must be true or "
      "false"]),
    ("[" * 5000 + "]" * 5000,
     ["maps/zone.geojson:1:1: error: invalid GeoJSON: arrays or objects nested too "
      "deeply"]),
])
def test_a_bad_geojson_file_gets_located_errors(tmp_path, geojson, errors):
    assert errors_of(brief_folder(tmp_path, geojson)) == errors


def test_every_error_of_a_file_is_reported_at_once(tmp_path):
    geojson = '{"type": "FeatureCollection", "features": [\n' + ",\n".join([
        feature(coords="[45, 95]"), feature(props="{}"),
        feature(kind="GeometryCollection")]) + "]}"
    assert errors_of(brief_folder(tmp_path, geojson)) == [
        "maps/zone.geojson:2:100: error: map 'm': 'P' has latitude 95; latitudes run from "
        "-90 to 90",
        "maps/zone.geojson:3:35: error: map 'm': feature 2 has no name; give it a \"name\" "
        "in its \"properties\" (printed on the map and translated like the facts file's "
        "names)",
        "maps/zone.geojson:4:71: error: map 'm': feature 3: unsupported geometry "
        "'GeometryCollection'; give a Point, a LineString or a Polygon"]


@pytest.mark.parametrize("name, message", [
    ("../outside.geojson", "GeoJSON file '../outside.geojson' leads out of the facts "
                           "file's folder ('..'); keep GeoJSON files next to the facts file"),
    ("maps/../../outside.geojson", "GeoJSON file 'maps/../../outside.geojson' leads out "
                                   "of the facts file's folder ('..'); keep GeoJSON files "
                                   "next to the facts file"),
    ("/etc/hostname", "GeoJSON file '/etc/hostname' is an absolute path; give a path "
                      "relative to the facts file, inside its folder"),
    ("maps/link.geojson", "GeoJSON file 'maps/link.geojson' is a symbolic link that leads "
                          "out of the facts file's folder; keep GeoJSON files next to the "
                          "facts file"),
    ("linked/zone.geojson", "GeoJSON file 'linked/zone.geojson' is a symbolic link that "
                            "leads out of the facts file's folder; keep GeoJSON files "
                            "next to the facts file"),
    ("maps/none.geojson", "GeoJSON file 'maps/none.geojson' does not exist (looked for "
                          "maps/none.geojson)"),
])
def test_nothing_is_read_from_outside_the_facts_files_folder(tmp_path, monkeypatch, name,
                                                             message):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "zone.geojson").write_text(ZONE, "utf-8")
    inside = tmp_path / "facts"
    inside.mkdir()
    path = brief_folder(inside, ZONE, FACTS.replace("maps/zone.geojson", name))
    (inside / "maps" / "link.geojson").symlink_to(outside / "zone.geojson")
    (inside / "linked").symlink_to(outside)
    monkeypatch.chdir(inside)
    assert errors_of(path) == [f"zone.yaml:12:14: error: map 'm': {message}"]


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    path = brief_folder(tmp_path, ZONE)
    with open(tmp_path / "maps" / "zone.geojson", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB that cost nothing to make
    assert errors_of(path) == ["maps/zone.geojson:1:1: error: GeoJSON file is too large; "
                               "it may hold at most 2097152 bytes"]


def test_only_a_map_reads_geojson(tmp_path):
    facts = FACTS.replace("    kind: map\n", "    kind: comparison\n    claims: [dead]\n")
    assert errors_of(brief_folder(tmp_path, ZONE, facts)) == [
        "zone.yaml:13:14: error: chart 'm' (comparison) plots claims; only a map reads "
        "GeoJSON"]


def test_feature_names_are_extracted_for_the_brief_catalog():
    with open(ENERGY, "rb") as handle:
        found = [(line, context, msgid, comments) for line, _, (context, msgid), comments
                 in extract_facts(handle, (), (), {}) if context.startswith("map")]
    shown = os.path.relpath(ENERGY.parent / "maps" / "example-river.geojson")
    assert found == [
        (96, "map point name", "Upper Example Dam",
         [f"map point name of the GeoJSON feature at {shown}:7:30"]),
        (96, "map point name", "Lower Example Dam",
         [f"map point name of the GeoJSON feature at {shown}:12:30"]),
        (96, "map line name", "Example River",
         [f"map line name of the GeoJSON feature at {shown}:17:30"]),
        (96, "map area name", "Example Reservoir",
         [f"map area name of the GeoJSON feature at {shown}:26:30"]),
    ]


FACTS_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: vi\\n"

msgctxt "map point name"
msgid "Upper Example Dam"
msgstr "Đập Thượng Example"

msgctxt "map area name"
msgid "Example Reservoir"
msgstr "Hồ chứa Example"
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project copy with the river-dams brief's vi catalog (two names translated)
    and an en_GB locale whose catalog translates nothing: it labels maps as en does."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    facts_po = root / "locales/vi/LC_MESSAGES/facts/river-dams.po"
    facts_po.write_text(FACTS_PO, "utf-8")
    british = root / "locales/en_GB/LC_MESSAGES"
    (british / "facts").mkdir(parents=True)
    header = FACTS_PO.split("\n\n")[0].replace("Language: vi", "Language: en_GB") + "\n"
    (british / "messages.po").write_text(header, "utf-8")
    (british / "facts" / "river-dams.po").write_text(header, "utf-8")
    return root


def test_feature_names_are_translated_from_the_brief_catalog(project):
    view = edition_view(ENERGY, "vi", root=project)
    data = maps.map_data(view, view.brief.charts[0])
    assert [(p.kind, p.name) for p in data.places] == [
        ("point", "Đập Thượng Example"), ("point", "Lower Example Dam"),
        ("line", "Example River"), ("area", "Hồ chứa Example")]
    assert dict(data.legend)["area"] == "Khu vực"


@pytest.fixture
def draws(monkeypatch) -> list:
    """Each map the chart stage draws (not taken from the cache)."""
    drawn = []
    real = charts.map.draw

    def counting(data):
        drawn.append(data)
        return real(data)

    monkeypatch.setattr(charts.map, "draw", counting)
    return drawn


def test_a_map_labelled_alike_in_two_locales_is_drawn_once(project, tmp_path, draws):
    cache = tmp_path / "charts"
    english = draw_charts(edition_view(ENERGY, "en", root=project), cache)
    british = draw_charts(edition_view(ENERGY, "en_GB", root=project), cache)
    assert len(draws) == 1
    assert len(list(cache.glob("*.svg"))) == 1
    assert english[0].src == british[0].src


def test_a_map_labelled_otherwise_is_drawn_for_each_locale(project, tmp_path, draws):
    cache = tmp_path / "charts"
    draw_charts(edition_view(ENERGY, "en", root=project), cache)
    draw_charts(edition_view(ENERGY, "vi", root=project), cache)
    assert len(draws) == 2
    assert len(list(cache.glob("*.svg"))) == 2


def test_make_rebuilds_an_edition_when_its_geojson_file_changes(tmp_path):
    root = copy_project(tmp_path / "project", with_make=True)
    (root / "facts" / "nagorno-karabakh.yaml").unlink()
    brief_folder(root / "facts", ZONE)
    first = make_in(root, "briefs")
    assert first.returncode == 0, first.stderr
    assert "dist/zone.en.pdf" in first.stdout
    assert make_in(root, "briefs").stdout == "briefs: 1 edition up to date in dist/\n"
    geojson = root / "facts" / "maps" / "zone.geojson"
    geojson.write_text(ZONE.replace('"Camp"', '"Camp Two"'), "utf-8")
    os.utime(geojson, (946684800, 946684800))  # older than the PDF: content decides
    again = make_in(root, "briefs")
    assert again.returncode == 0, again.stderr
    assert [line.split(":")[0] for line in again.stdout.splitlines()
            if line.startswith("dist/") and "pages" in line] == ["dist/zone.en.pdf"]
    from pypdf import PdfReader
    text = " ".join(p.extract_text() for p in PdfReader(root / "dist/zone.en.pdf").pages)
    assert "Camp Two" in text


def test_a_map_label_without_a_glyph_is_an_error_not_a_system_font(tmp_path):
    """Text that prints only inside a map was never checked: a label the pinned fonts
    cannot draw built with exit 0 and embedded a font of the machine."""
    shutil.copytree(FIXTURES / "subjects" / "maps", tmp_path / "maps")
    shutil.copy(FIXTURES / "subjects" / "energy.yaml", tmp_path / "energy.yaml")
    geojson = tmp_path / "maps" / "example-river.geojson"
    geojson.write_text(geojson.read_text("utf-8").replace(
        '"Upper Example Dam"', '"Upper Example Dam \\u2708"'), "utf-8")
    result = run_process("build", tmp_path / "energy.yaml", "--locale", "en",
                         "--out", tmp_path / "out", cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines() == [
        "maps/example-river.geojson:7:30: error: no glyph in the pinned fonts (Noto Serif, "
        "Noto Sans) for '✈' (U+2708 AIRPLANE); it would print as a box"]
    assert not (tmp_path / "out").exists()


def test_a_coordinate_of_thousands_of_digits_is_a_located_error(tmp_path):
    """Past 4,300 digits Python's int() raised a ValueError: a traceback, exit 1."""
    shutil.copytree(FIXTURES / "subjects" / "maps", tmp_path / "maps")
    shutil.copy(FIXTURES / "subjects" / "energy.yaml", tmp_path / "energy.yaml")
    geojson = tmp_path / "maps" / "example-river.geojson"
    geojson.write_text(geojson.read_text("utf-8").replace(
        "[105.02, 18.21]", "[1" + "0" * 5000 + ", 18.21]"), "utf-8")
    result = run_process("check", tmp_path / "energy.yaml", cwd=tmp_path)
    assert result.code == 2
    assert result.err == ("maps/example-river.geojson:8:53: error: invalid GeoJSON: a "
                          "number of 5001 characters; a position is a longitude and a "
                          "latitude in degrees\n")
