"""Dot leaders laid out as one run of dots, not one box per dot.

WeasyPrint 70 fills a ``leader(".")`` with a copy of its text box per dot, each
positioned, tagged and drawn on its own: a contents line of the flagship has about
180, and the contents about an eighth of the work of laying out and writing the
whole English edition. While ``merged_leaders`` is active, the dots WeasyPrint has
placed are replaced by a single text box holding as many copies of the leader's
text, starting where its leftmost copy starts: the same glyphs at the same
positions (each copy's advance is the text's own), on the same grid, ending where
WeasyPrint ended them. The PDFs change (one text object per leader) the same way
on every machine.
"""

from __future__ import annotations

from contextlib import contextmanager

from .engine import replaced  # first: imports WeasyPrint quickly
from weasyprint.text.line_break import create_layout  # noqa: E402


def _merge(leader_box, context) -> None:
    dots = leader_box.children
    if len(dots) < 2:
        return
    first = min(dots, key=lambda box: box.position_x)
    text = first.text * len(dots)
    layout = create_layout(text, first.style, context, max_width=None,
                           justification_spacing=0)
    layout.deactivate()  # as WeasyPrint leaves every laid-out line: drawing sets it up
    merged = first.copy_with_text(text)
    merged.pango_layout = layout
    merged.width = first.width * len(dots)
    leader_box.children = (merged,)


@contextmanager
def merged_leaders():
    """While active, each leader WeasyPrint lays out is one run of its text."""
    import weasyprint.layout.inline as inline
    from weasyprint.layout.leader import leader_index

    original = inline.handle_leader

    def handle_leader(context, line, containing_block):
        original(context, line, containing_block)
        _, leader_box = leader_index(line)
        if leader_box is not None:
            _merge(leader_box, context)

    with replaced(inline, "handle_leader", handle_leader):
        yield
