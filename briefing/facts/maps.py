"""The checks of a map's places: positions on the globe, lines and simple outlines.

A map takes no claims; what it needs is places that exist: every position within
the globe's range, a line of two positions or more, an area of three or more whose
edge never crosses itself (a crossing outline has no inside a reader can trust).
"""

from __future__ import annotations

from ..diagnostics import Collector


def check_map(chart, errors: Collector) -> None:
    if chart.claims:
        errors.error(chart.where("claims"), f"chart '{chart.id}' (map) plots places, not "
                                            "claims; remove 'claims'")
    if not (chart.points or chart.lines or chart.areas or chart.geojson) \
            and not _items_failed(chart, errors):
        errors.error(chart.loc, f"chart '{chart.id}' (map) has no places; give points, "
                                "lines or areas")
    for place in (*chart.points, *chart.labels):
        _check_position(chart, place, (place.lat, place.lon), place.where("lat"), errors,
                        lon_where=place.where("lon"))
    for line in chart.lines:
        _check_outline(chart, line, "line", 2, errors)
    for area in chart.areas:
        if _check_outline(chart, area, "area", 3, errors):
            _check_simple(chart, area, errors)


def _items_failed(chart, errors: Collector) -> bool:
    """True when places were written but each was refused with an error of its own
    (then "no places" would only repeat it)."""
    written = [chart.locs[key] for key in ("points", "lines", "areas") if key in chart.locs]
    return bool(written) and any(
        d.location.path == chart.loc.path and d.location.line >= min(w.line for w in written)
        for d in errors.errors)


def _positions_failed(place, errors: Collector) -> bool:
    """True when a position of the place was refused with an error of its own."""
    where = place.where("coordinates")
    last = max([place.where(f"coordinates[{i}]").line
                for i in range(len(place.coordinates))] + [where.line])
    return any(d.location.path == where.path and where.line <= d.location.line <= last
               and (d.location.line, d.location.col) >= (where.line, where.col)
               for d in errors.errors)


def _check_position(chart, place, position, where, errors, lon_where=None) -> bool:
    lat, lon = position
    good = True
    if not -90 <= lat <= 90:
        errors.error(where, f"map '{chart.id}': '{place.name}' has latitude {lat}; "
                            "latitudes run from -90 to 90")
        good = False
    if not -180 <= lon <= 180:
        errors.error(lon_where or where, f"map '{chart.id}': '{place.name}' has longitude "
                                         f"{lon}; longitudes run from -180 to 180")
        good = False
    return good


def _check_outline(chart, place, what: str, least: int, errors) -> bool:
    good = True
    for index, position in enumerate(place.coordinates):
        good &= _check_position(chart, place, position,
                                place.where(f"coordinates[{index}]"), errors)
    count = len(place.coordinates)
    if count < least and not _positions_failed(place, errors):
        errors.error(place.where("coordinates"), f"map '{chart.id}': {what} "
                                                 f"'{place.name}' has {count} "
                                                 f"position{'' if count == 1 else 's'}; "
                                                 f"a {what} needs at least {least}")
    if count < least:
        good = False
    return good


def _check_simple(chart, area, errors) -> None:
    """Two edges that are not neighbours must not meet (the outline is closed)."""
    ring = [(float(lon), float(lat)) for lat, lon in area.coordinates]
    if ring[0] == ring[-1]:
        ring = ring[:-1]
    edges = [(ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring))]
    crossing = first_crossing(edges)
    if crossing is not None:
        i, j = crossing
        errors.error(area.where(f"coordinates[{j}]"),
                     f"map '{chart.id}': the outline of area '{area.name}' crosses "
                     f"itself (edge {i + 1} and edge {j + 1}); give its positions "
                     "in order around the edge")


def first_crossing(edges) -> tuple[int, int] | None:
    """The first pair (i, j), i < j, of edges of a closed ring that meet without being
    neighbours. Edges are swept by their west ends, so that each is compared only with
    the edges whose spans of longitude overlap its own, and those comparisons are made
    at once, as arrays: an outline of 10,000 positions whose edges all overlap (a comb,
    a fan) takes about a second, not the minutes of one comparison at a time."""
    import bisect

    import numpy as np

    count = len(edges)
    if count < 4:
        return None
    ax, ay = np.array([a for a, _ in edges], dtype=float).T
    bx, by = np.array([b for _, b in edges], dtype=float).T
    west, east = np.minimum(ax, bx), np.maximum(ax, bx)
    south, north = np.minimum(ay, by), np.maximum(ay, by)
    order = np.argsort(west, kind="stable")
    wests = west[order].tolist()
    found = None
    for rank in range(count):
        i = int(order[rank])
        end = bisect.bisect_right(wests, east[i], lo=rank + 1)
        others = order[rank + 1:end]
        others = others[(south[others] <= north[i]) & (south[i] <= north[others])]
        low, high = np.minimum(others, i), np.maximum(others, i)
        others = others[(high != low + 1) & ~((low == 0) & (high == count - 1))]
        if not len(others):
            continue
        meet = _meet(ax[i], ay[i], bx[i], by[i], ax[others], ay[others], bx[others],
                     by[others])
        for j in others[meet].tolist():
            pair = (min(i, j), max(i, j))
            if found is None or pair < found:
                found = pair
    return found


def _meet(p1x, p1y, p2x, p2y, q1x, q1y, q2x, q2y):
    """segments_meet for one segment p against arrays of segments q."""
    import numpy as np

    def turn(ax, ay, bx, by, cx, cy):
        return np.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax))

    def within(ax, ay, bx, by, cx, cy):
        return (np.minimum(ax, bx) <= cx) & (cx <= np.maximum(ax, bx)) & \
            (np.minimum(ay, by) <= cy) & (cy <= np.maximum(ay, by))

    d1, d2 = turn(q1x, q1y, q2x, q2y, p1x, p1y), turn(q1x, q1y, q2x, q2y, p2x, p2y)
    d3, d4 = turn(p1x, p1y, p2x, p2y, q1x, q1y), turn(p1x, p1y, p2x, p2y, q2x, q2y)
    proper = (d1 != d2) & (d3 != d4) & (d1 * d2 <= 0) & (d3 * d4 <= 0)
    touch = ((d1 == 0) & within(q1x, q1y, q2x, q2y, p1x, p1y)) | \
        ((d2 == 0) & within(q1x, q1y, q2x, q2y, p2x, p2y)) | \
        ((d3 == 0) & within(p1x, p1y, p2x, p2y, q1x, q1y)) | \
        ((d4 == 0) & within(p1x, p1y, p2x, p2y, q2x, q2y))
    return proper | touch


def segments_meet(p1, p2, q1, q2) -> bool:
    """True when segment p1–p2 and segment q1–q2 share a point."""
    def turn(a, b, c):
        value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (value > 0) - (value < 0)

    def within(a, b, c):  # c on the line a–b: is it between them?
        return min(a[0], b[0]) <= c[0] <= max(a[0], b[0]) and \
            min(a[1], b[1]) <= c[1] <= max(a[1], b[1])

    d1, d2 = turn(q1, q2, p1), turn(q1, q2, p2)
    d3, d4 = turn(p1, p2, q1), turn(p1, p2, q2)
    if d1 != d2 and d3 != d4 and d1 * d2 <= 0 and d3 * d4 <= 0:
        return True
    return any(d == 0 and within(a, b, c) for d, a, b, c in (
        (d1, q1, q2, p1), (d2, q1, q2, p2), (d3, p1, p2, q1), (d4, p1, p2, q2)))
