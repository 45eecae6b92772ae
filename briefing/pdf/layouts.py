"""Each line's Pango layout kept from breaking the line to drawing it.

WeasyPrint 70 breaks a line with a Pango layout, then lets the layout go
(``Layout.deactivate``) and, to draw the line, makes it again from the text and the
style (``Layout.reactivate``: a new layout, font description, attributes, and the
text shaped once more), for each of the ~1,000 lines and pieces of lines of an
edition. While ``kept_layouts`` is active the layout stays, and drawing uses it as it
is when it is what ``reactivate`` would make:

- the same style, no justification spacing, word spacing or letter spacing (the
  attributes ``set_text`` adds for them are laid over the range of each text the
  layout held, not only the last);
- one line (the layout holds the line's own text: WeasyPrint sets the text of a line
  it broke and lifts the width; a last line fits its width);
- single-paragraph mode, which drawing sets: a layout is put in that mode when its
  text is set, if the text has no paragraph separator, where the mode changes nothing
  but saves Pango laying the text out again when drawing sets it.

Any other layout is made again, as before. The PDFs are the same bytes (tested). The
layouts of a document's text live until the document is written: about 0.2 MB a
page (31 MB more at the peak of a 167-page brief).
"""

from __future__ import annotations

from contextlib import contextmanager

from .engine import replaced

# What Pango ends a paragraph at (pango_find_paragraph_boundary).
SEPARATORS = ("\n", "\r", "\u2029")


def _one_paragraph(text: str) -> bool:
    return not any(separator in text for separator in SEPARATORS)


@contextmanager
def kept_layouts():
    """While active, a line is drawn with the Pango layout that broke it."""
    from weasyprint.text import line_break
    from weasyprint.text.ffi import ffi, pango

    Layout = line_break.Layout
    set_text, reactivate = Layout.set_text, Layout.reactivate

    def set_text_single(self, text, justify=False):
        set_text(self, text, justify)
        pango.pango_layout_set_single_paragraph_mode(self.layout, _one_paragraph(self.text))

    def keep(self):
        pass

    def reactivate_kept(self, style):
        layout = self.__dict__.get("layout")
        if (layout is not None and style is self.style and not self.justification_spacing
                and not style["word_spacing"] and style["letter_spacing"] in ("normal", 0)
                and _one_paragraph(self.text)
                and pango.pango_layout_get_line_readonly(layout, 1) == ffi.NULL):
            return
        reactivate(self, style)

    with replaced(Layout, "set_text", set_text_single), replaced(Layout, "deactivate", keep), \
            replaced(Layout, "reactivate", reactivate_kept):
        yield
