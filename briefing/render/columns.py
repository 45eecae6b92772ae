"""The widths of the figures table's figure and date columns, from the fonts' metrics.

The figure and the date of a row never wrap (templates/print.css), so their columns
are as wide as the widest figure and date they hold, header included. WeasyPrint
would find those widths with its automatic table layout, but to do so it measures
every cell of the table twice, as one line and broken after every word: for a long
table that was a ninth of the whole time of laying out and writing its edition
(2.5 s of the 167-page benchmark brief's 716 rows), to size two columns whose texts
we know. So the table is laid out with ``table-layout: fixed``, its two columns as
wide as their texts measured here: each character's advance width (`metrics.py`) in the face the
stylesheet gives it (Noto Sans; the figures of revised and alternative rows in
italics, headers bold, note calls at 6.5 pt). The faces' figures are lining and
tabular as they come, as the stylesheet asks (``font-variant-numeric``), so a
character's width is its glyph's advance. Kerning is left out: it narrows a table's
figures and words by a fraction of a point, which ``SLACK`` covers, so a column is
about a point wider than the automatic layout makes it (tested against it).

"According to" keeps 23% of the measure and "What" the rest. Where a table's every
cell fits on one line with room to spare, the automatic layout would have shared the
spare room among all four columns; "What" now takes it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .metrics import metrics
from .tables import ITALIC_STATUSES

# templates/print.css: table.figures font size, cell padding, note calls.
TABLE_PT = 8.0
CITE_PT = 6.5
CITE_MARGIN_PT = 0.3
PADDING_PT = 2 * 1.5 * 72 / 25.4   # 1.5 mm on each side
SLACK = 1.0                        # pt: covers what kerning and rounding take away
TAGS = re.compile(r"<[^>]*>")


def text_width(text: str, path: Path, size: float) -> float:
    """The width in points of ``text`` set in the face at ``path``, ``size`` points."""
    face = metrics(path)
    # A character the face lacks counts an em: the glyph check reports it before layout.
    return sum(face.advances.get(ord(c), face.units) for c in text) * size / face.units


def _face(faces, family: str, style: str, weight: int) -> Path:
    return next(path for face, path in faces
                if (face.family, face.style, face.weight) == (family, style, weight))


def figures_columns(edition, faces) -> dict[str, str]:
    """The CSS widths of the figures table's "Figure" and "Reported" columns."""
    regular, italic, bold = (_face(faces, "Noto Sans", style, weight) for style, weight in
                             (("normal", 400), ("italic", 400), ("normal", 700)))
    gettext = edition.loc.gettext
    figure = [text_width(gettext("Figure"), bold, TABLE_PT)]
    when = [text_width(gettext("Reported"), bold, TABLE_PT)]
    for _, rows in edition.figure_groups:
        for row in rows:
            face = italic if row.status in ITALIC_STATUSES else regular
            cites = html.unescape(TAGS.sub("", str(row.cites)))
            figure.append(text_width(edition.cell(row.figure), face, TABLE_PT)
                          + (CITE_MARGIN_PT + text_width(cites, face, CITE_PT)
                             if cites else 0.0))
            when.append(text_width(row.reported or "—", regular, TABLE_PT))
    return {name: f"{max(widths) + PADDING_PT + SLACK:.2f}pt"
            for name, widths in (("figure", figure), ("when", when))}
