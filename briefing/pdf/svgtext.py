"""SVG text shaped as a whole: the charts' labels kerned, and laid out once each.

WeasyPrint 70 draws the text of an SVG image one code point at a time, each in a
Pango layout of its own, because SVG lets every glyph have its own position. That
loses kerning and ligatures, separates combining marks from their letters, and costs
a layout and a text object per character: the flagship's charts have about 75
labels and 900 characters per edition. WeasyPrint's maintainers describe the remedy
in their issue 2249 ("Don't separate combining characters in SVG text"): shape the
whole text when no glyph has a position of its own, "the most common case by far".

That is what ``whole_svg_text`` does, while it is active: a ``text``, ``tspan`` or
``textPath`` with at most one ``x``, ``y``, ``dx`` and ``dy`` and no ``rotate``,
``letter-spacing`` or ``textLength`` (all of matplotlib's labels) is handed to
WeasyPrint's own drawing as a single "letter", so that its anchoring, bounding boxes
and painting are WeasyPrint's; any other text is drawn as WeasyPrint draws it. The
PDFs change (kerned labels, one text object per label) the same way on every machine.
"""

from __future__ import annotations

from contextlib import contextmanager

# Attributes that give glyphs positions or spacing of their own: text that has any
# of them (with more than one value, for the coordinates) is drawn glyph by glyph.
_PER_GLYPH = ("rotate", "letter-spacing", "textLength")
_COORDINATES = ("x", "y", "dx", "dy")


class _OneChunk(str):
    """A text that WeasyPrint's per-glyph loop walks as one piece: iterating over it
    gives the whole text once."""

    def __iter__(self):
        yield str(self)


def _shaped_whole(node) -> bool:
    if any(node.get(name) not in (None, "") for name in _PER_GLYPH):
        return False
    return all(len((node.get(name) or "").replace(",", " ").split()) <= 1
               for name in _COORDINATES)


@contextmanager
def whole_svg_text():
    """While active, WeasyPrint shapes each simple SVG text as a whole."""
    import weasyprint.svg as svg_package

    original = svg_package.text
    tags = [tag for tag, draw in svg_package.TAGS.items() if draw is original]

    def text(svg, node, font_size):
        element = node._etree_node
        content = element.text
        if not content or len(content) == 1 or not _shaped_whole(node):
            return original(svg, node, font_size)
        element.text = _OneChunk(content)
        try:
            return original(svg, node, font_size)
        finally:
            element.text = content

    # The package compares drawing functions with its name ``text`` to find text
    # nodes (anchoring, bounding boxes), so both the name and the table change.
    svg_package.text = text
    for tag in tags:
        svg_package.TAGS[tag] = text
    try:
        yield
    finally:
        svg_package.text = original
        for tag in tags:
            svg_package.TAGS[tag] = original
