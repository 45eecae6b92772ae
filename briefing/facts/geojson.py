"""GeoJSON files of a map: places kept next to the facts file, read as located nodes.

A map chart's ``geojson:`` names a GeoJSON file (RFC 7946) by a path relative to the
facts file that stays inside the facts file's folder (``facts/`` for the project's
briefs): no absolute path, no ``..``, no symbolic link that leads out of it, so that
nothing outside the project is read. The file is read through ``files.read_input``
(at most ``MAX_BYTES``, refused before it is read whole) and parsed as JSON; its
features become the map's points (Point), lines (LineString) and areas (Polygon, one
closed ring) like those typed into the facts file, each named by
``properties.name`` (prose, translated through the brief's catalog) and disputed
when ``properties.disputed`` is true. Every node keeps the line and column of its
values in the GeoJSON file, so that the map's own checks (``maps.py``: ranges,
outlines that never cross) point into it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import unicodedata
from decimal import Decimal
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Optional

import yaml

from ..diagnostics import Collector, Location
from ..files import read_input
from ..project import shown_path
from ..textlimits import text_problems
from . import prose
from .model import Brief, Chart, MapArea, MapLine, MapPoint

MAX_BYTES = 2 * 1024 * 1024   # a locator map's outlines, simplified, fit well within
MAX_POSITIONS = 10_000        # in one file: beyond that its drawing and checks grow slow
GEOMETRIES = ("Point", "LineString", "Polygon")
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def with_geojson(brief: Brief, folder: Path, errors: Collector) -> Brief:
    """The brief with each map's GeoJSON features added to its points, lines and areas;
    every problem of a file goes to ``errors``."""
    charts = []
    for chart in brief.charts:
        if chart.geojson is not None and chart.kind != "map":
            errors.error(chart.where("geojson"), f"chart '{chart.id}' ({chart.kind}) "
                                                 "plots claims; only a map reads GeoJSON")
        elif chart.geojson is not None:
            points, lines, areas = read_features(chart, folder, errors)
            chart = dataclasses.replace(chart, points=chart.points + points,
                                        lines=chart.lines + lines,
                                        areas=chart.areas + areas)
        charts.append(chart)
    return dataclasses.replace(brief, charts=tuple(charts))


def files(brief: Brief, facts: Path) -> list[Path]:
    """The GeoJSON files a brief's maps read (for Make's inputs stamps)."""
    found = []
    for chart in brief.charts:
        if chart.geojson is not None:
            path = resolve(facts.parent, chart.geojson)
            if isinstance(path, Path) and path not in found:
                found.append(path)
    return found


def resolve(folder: Path, name: str) -> Path | str:
    """The file ``name`` stands for, or why it may not be read."""
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).drive:
        return "is an absolute path; give a path relative to the facts file, inside " \
               "its folder"
    if ".." in PurePosixPath(name).parts:
        return "leads out of the facts file's folder ('..'); keep GeoJSON files " \
               "next to the facts file"
    path = folder / name
    root = os.path.realpath(folder)
    real = os.path.realpath(path)
    if os.path.commonpath([root, real]) != root:
        return "is a symbolic link that leads out of the facts file's folder; keep " \
               "GeoJSON files next to the facts file"
    return path


def read_features(chart: Chart, folder: Path, errors: Collector) -> tuple:
    """(points, lines, areas) of the chart's GeoJSON file; empty after an error."""
    nothing = ((), (), ())
    path = resolve(folder, chart.geojson)
    if isinstance(path, str):
        errors.error(chart.where("geojson"), f"map '{chart.id}': GeoJSON file "
                                             f"'{chart.geojson}' {path}")
        return nothing
    if not path.exists():
        errors.error(chart.where("geojson"), f"map '{chart.id}': GeoJSON file "
                                             f"'{chart.geojson}' does not exist (looked "
                                             f"for {shown_path(path)})")
        return nothing
    shown = shown_path(path)
    text = read_input(path, shown, errors, limit=MAX_BYTES, what="GeoJSON file",
                      expected="JSON text")
    if text is None:
        return nothing
    document = _parse(text, shown, errors)
    if document is None:
        return nothing
    return Features(chart, document, _marks(text, shown), shown, errors).convert()


def _parse(text: str, shown: str, errors: Collector):
    try:
        return json.loads(text, parse_float=_number, parse_int=_number,
                          parse_constant=_not_json)
    except _TooLong as exc:  # located by its digits, which json does not tell
        found = re.search(rf"(?<![\d.]){re.escape(str(exc)[:50])}", text)
        at = found.start() if found else 0
        errors.error(Location(shown, text.count("\n", 0, at) + 1,
                              at - (text.rfind("\n", 0, at) + 1) + 1),
                     f"invalid GeoJSON: a number of {len(str(exc))} characters; a "
                     f"position is a longitude and a latitude in degrees")
    except json.JSONDecodeError as exc:
        errors.error(Location(shown, exc.lineno, exc.colno), f"invalid JSON: {exc.msg}")
    except _NotJSON as exc:
        errors.error(Location(shown), f"invalid JSON: {exc} is not a JSON value")
    except RecursionError:
        errors.error(Location(shown), "invalid GeoJSON: arrays or objects nested too "
                                      "deeply")
    return None


class _NotJSON(ValueError):
    pass


class _TooLong(ValueError):
    pass


def _number(text: str):
    """A JSON number as a Decimal (the digits written), refused when it is longer than
    any coordinate: Python's int() ends in a ValueError past 4,300 digits."""
    if len(text) > 40:
        raise _TooLong(text)
    return Decimal(text) if any(c in text for c in ".eE") else int(text)


def _not_json(name: str):
    raise _NotJSON(name)


def _marks(text: str, shown: str) -> dict:
    """The location of every value by its path (("features", 0, "geometry"), ...).

    JSON is read again as YAML, whose parser keeps a line and column per node (a tab
    outside a string is white space in JSON, so it becomes a space of one column);
    should that fail, every value is located at the file's start."""
    try:
        root = yaml.compose(text.replace("\t", " "), Loader=Loader)
    except (yaml.YAMLError, RecursionError):
        return {}
    marks, stack = {}, [((), root)]
    while stack:
        path, node = stack.pop()
        if node is None:
            continue
        marks[path] = Location(shown, node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.SequenceNode):
            stack += [(path + (i,), item) for i, item in enumerate(node.value)]
        elif isinstance(node, yaml.MappingNode):
            stack += [(path + (key.value,), value) for key, value in node.value]
    return marks


class Features:
    """The conversion of one parsed GeoJSON document into map nodes."""

    def __init__(self, chart, document, marks: dict, shown: str, errors: Collector):
        self.chart, self.document, self.marks = chart, document, marks
        self.shown, self.errors = shown, errors
        self.count = 0  # positions read so far

    def where(self, *path) -> Location:
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, Location(self.shown))

    def error(self, path: tuple, message: str) -> None:
        self.errors.error(self.where(*path), f"map '{self.chart.id}': {message}")

    def convert(self) -> tuple:
        document = self.document
        if isinstance(document, dict) and document.get("type") == "Feature":
            features, prefix = [document], None
        elif isinstance(document, dict) and document.get("type") == "FeatureCollection":
            features, prefix = document.get("features"), ("features",)
            if not isinstance(features, list):
                self.error(("features",), "not GeoJSON: a FeatureCollection needs a "
                                          "list of 'features'")
                return (), (), ()
        else:
            self.error((), "not GeoJSON: expected an object of \"type\": "
                           "\"FeatureCollection\" (or \"Feature\")")
            return (), (), ()
        if not features:
            self.error(prefix or (), "the GeoJSON file holds no features")
        out = {MapPoint: [], MapLine: [], MapArea: []}
        for index, feature in enumerate(features):
            path = prefix + (index,) if prefix else ()
            node = self.feature(feature, path, index + 1)
            if node is not None:
                out[type(node)].append(node)
        if self.count > MAX_POSITIONS:
            self.error((), f"GeoJSON file holds {self.count} positions; a map's file may "
                           f"hold at most {MAX_POSITIONS} (simplify the outlines)")
            return (), (), ()
        return tuple(out[MapPoint]), tuple(out[MapLine]), tuple(out[MapArea])

    def feature(self, feature, path: tuple, number: int):
        """The node of one feature, or None after reporting each of its problems."""
        what = f"feature {number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            self.error(path, f"not GeoJSON: {what} is not an object of \"type\": "
                             "\"Feature\"")
            return None
        properties = feature.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        name = self.name(properties.get("name"), path + ("properties", "name"), what)
        disputed = properties.get("disputed", False)
        if not isinstance(disputed, bool):
            self.error(path + ("properties", "disputed"),
                       f"{what}: 'disputed' must be true or false")
            name = None  # refused, after the geometry's own problems are found too
        geometry = feature.get("geometry")
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind not in GEOMETRIES:
            shown = f"'{kind}'" if isinstance(kind, str) else "none"
            self.error(path + ("geometry", "type") if isinstance(kind, str) else path,
                       f"{what}: unsupported geometry {shown}; give a Point, a "
                       "LineString or a Polygon")
            return None
        node = self.geometry(kind, geometry.get("coordinates"),
                             path + ("geometry", "coordinates"), what, name or "")
        if node is None or name is None:
            return None
        locs = {**node.locs, "name": self.where(*path, "properties", "name")}
        changes = {"disputed": disputed} if kind != "LineString" else {}
        return dataclasses.replace(node, name=name, loc=self.where(*path), locs=locs,
                                   **changes)

    def geometry(self, kind: str, coordinates, at: tuple, what: str, name: str):
        """A Point, LineString or Polygon as a node (named later), or None."""
        locs = {"coordinates": self.where(*at)}
        if kind == "Point":
            position = self.position(coordinates, at, what)
            if position is None:
                return None
            return MapPoint(name=name, lat=position[0], lon=position[1],
                            locs={**locs, "lat": self.where(*at, 1),
                                  "lon": self.where(*at, 0)})
        if kind == "Polygon":
            if not isinstance(coordinates, list) or len(coordinates) != 1:
                holes = isinstance(coordinates, list) and len(coordinates) > 1
                self.error(at, f"{what}: a Polygon with holes is not supported; give its "
                               "outer ring only" if holes else
                               f"{what}: a Polygon's coordinates must be a list of one "
                               "ring of positions")
                return None
            coordinates, at = coordinates[0], at + (0,)
        positions = self.positions(coordinates, at, what)
        if positions is None:
            return None
        locs = {"coordinates": self.where(*at),
                **{f"coordinates[{i}]": self.where(*at, i) for i in range(len(positions))}}
        if kind == "LineString":
            return MapLine(name=name, coordinates=positions, locs=locs)
        if len(positions) < 2 or positions[0] != positions[-1]:
            self.error(at, f"{what}: the ring of '{name or what}' is not closed; its last "
                           "position must repeat its first")
            return None
        return MapArea(name=name, coordinates=positions[:-1], locs=locs)

    def name(self, value, path: tuple, what: str) -> Optional[str]:
        if not isinstance(value, str) or not value.strip():
            self.error(path, f"{what} has no name; give it a \"name\" in its "
                             "\"properties\" (printed on the map and translated like "
                             "the facts file's names)")
            return None
        value = unicodedata.normalize("NFC", value)
        problems = [message for _, _, message in text_problems(value)]
        try:
            problems += [f"figure '{figure}' typed into a name; write a name with digits "
                         "between backticks: `Dam 2`"
                         for _, figure in prose.stray_figures(value)]
        except prose.ProseError:
            pass  # reported with the placeholders, by the checks of the brief
        for message in problems:
            self.error(path, message)
        return None if problems else value

    def positions(self, value, path: tuple, what: str) -> Optional[tuple]:
        if not isinstance(value, list):
            self.error(path, f"{what}: coordinates must be a list of positions "
                             "[longitude, latitude]")
            return None
        out = [self.position(item, path + (i,), what) for i, item in enumerate(value)]
        return None if None in out else tuple(out)

    def position(self, value, path: tuple, what: str) -> Optional[tuple]:
        """(lat, lon) of a GeoJSON position [lon, lat] or [lon, lat, altitude]."""
        self.count += 1
        if not (isinstance(value, list) and len(value) in (2, 3) and all(
                isinstance(v, (int, Decimal)) and not isinstance(v, bool) for v in value)):
            self.error(path, f"{what}: a position must be [longitude, latitude] in "
                             "degrees")
            return None
        return value[1], value[0]
