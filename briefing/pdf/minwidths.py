"""A table's text measured once per text and style, not once per cell that holds it.

To size the columns of a table WeasyPrint 70 measures every cell's text twice, as one
line (its max-content width) and broken after every word (its min-content width):
``inline_line_widths`` calls ``split_first_line`` with a width of 0 on the text, then
on the rest of it after each break, a Pango layout or four each time. The 167-page
synthetic brief's table of 716 rows made 18,000 such calls, a ninth of its whole
time of layout and writing, and the same texts come back row after row: a claimant,
a date, a label, and each of their tails.

While ``measured_once`` is active, the ``split_first_line`` that
``weasyprint.layout.preferred`` calls answers from what it answered before for the
same text, width, spacing and line start and a style of the same values in every
property it reads (``STYLE``, read from WeasyPrint 70.x's ``text/line_break.py``,
``text/fonts.py`` and ``layout/percent.py``). ``inline_line_widths`` keeps only the
width and the index to resume at, so that is all that is kept, without the Pango
layout; line breaking and drawing call their own ``split_first_line``, unchanged.
The PDFs are the same bytes (tested).
"""

from __future__ import annotations

from contextlib import contextmanager

from .engine import replaced

# Every property split_first_line, the layout it makes and the percentages it resolves
# read from a style (WeasyPrint 70.x).
STYLE = ("direction", "font_family", "font_feature_settings", "font_kerning",
         "font_language_override", "font_size", "font_stretch", "font_style",
         "font_variant_alternates", "font_variant_caps", "font_variant_east_asian",
         "font_variant_ligatures", "font_variant_numeric", "font_variant_position",
         "font_variation_settings", "font_weight", "hyphenate_character",
         "hyphenate_limit_chars", "hyphenate_limit_zone", "hyphens", "lang",
         "letter_spacing", "line_height", "overflow_wrap", "tab_size",
         "text_decoration_line", "white_space", "word_break", "word_spacing")


@contextmanager
def measured_once():
    """While active, the texts whose preferred widths WeasyPrint measures are measured
    once per document for each text, width and style."""
    from weasyprint.layout import preferred

    split_first_line = preferred.split_first_line
    answers: dict = {}
    keys: dict = {}  # id(style) -> (style, its values): a style is read once

    def style_key(style) -> tuple:
        found = keys.get(id(style))
        if found is None or found[0] is not style:
            found = keys[id(style)] = (style, (id(style.font_config),
                                               *(style[name] for name in STYLE)))
        return found[1]

    def measured(text, style, context, max_width, justification_spacing,
                 is_line_start=True, minimum=False):
        key = (text, max_width, justification_spacing, is_line_start, minimum,
               style_key(style))
        try:
            return answers[key]
        except KeyError:
            _, _, resume_index, width, _, _ = found = split_first_line(
                text, style, context, max_width, justification_spacing,
                is_line_start, minimum)
            answers[key] = (None, None, resume_index, width, None, None)
            return found
        except TypeError:  # a value that cannot be hashed
            return split_first_line(text, style, context, max_width,
                                    justification_spacing, is_line_start, minimum)

    with replaced(preferred, "split_first_line", measured):
        yield
