"""Pango contexts and font descriptions made once per document, not once per line.

WeasyPrint 70 makes a new Pango layout for every piece of text it measures, breaks or
draws, and each time a new Pango context (font map, direction, language) and a new
font description (family, style, weight, size...) for it: about 3,700 of each for
the English flagship, a tenth of the whole time of laying out and writing it
(sampled with py-spy). Neither holds anything of the text: a context is read-only
once its direction and language are set, and ``pango_layout_set_font_description``
copies the description it is given. So while ``shared_contexts`` is active, the
layouts of a document share one context per direction and language and one
description per font, kept on the document's font configuration (they go with it).

What a layout is given is the same as before, so are the PDFs (tested: byte for byte,
with mixed languages, sizes, weights and decorations). ``_setup`` follows
``weasyprint.text.line_break.Layout.setup`` of the pinned WeasyPrint (70.x) step by
step; with any other version WeasyPrint's own is left in place.
"""

from __future__ import annotations

from contextlib import contextmanager

from .engine import replaced

# The version whose Layout.setup _setup mirrors (pinned in constraints.txt).
MIRRORED = "70."


def _font_key(style) -> tuple:
    """What get_font_description reads from a style."""
    return (tuple(style["font_family"]), style["font_style"], style["font_stretch"],
            style["font_weight"], style["font_size"], style["font_variant_caps"],
            repr(style["font_variation_settings"]))


def _caches(config) -> tuple[dict, dict]:
    caches = config.__dict__.get("_briefing_pango")
    if caches is None:
        caches = config.__dict__["_briefing_pango"] = ({}, {})
    return caches


@contextmanager
def shared_contexts():
    """While active, WeasyPrint's layouts share Pango contexts and font descriptions
    within a document."""
    import weasyprint
    from weasyprint.text import line_break
    from weasyprint.text.constants import LST_TO_ISO, PANGO_DIRECTION
    from weasyprint.text.ffi import FROM_UNITS, ffi, gobject, pango, unicode_to_char_p
    from weasyprint.text.fonts import font_features, get_font_description

    if not weasyprint.__version__.startswith(MIRRORED):
        yield
        return

    def context(style):
        contexts, _ = _caches(style.font_config)
        override = style["font_language_override"]
        if override != "normal":
            lang = LST_TO_ISO.get(override.lower(), override)
        else:
            lang = style["lang"] or None
        key = (style["direction"], lang)
        found = contexts.get(key)
        if found is None:
            made = ffi.gc(pango.pango_font_map_create_context(style.font_config.font_map),
                          gobject.g_object_unref)
            pango.pango_context_set_round_glyph_positions(made, False)
            pango.pango_context_set_base_dir(made, PANGO_DIRECTION[style["direction"]])
            if lang:
                language = pango.pango_language_from_string(unicode_to_char_p(lang)[0])
                pango.pango_context_set_language(made, language)
            else:
                language = pango.pango_language_get_default()
            found = contexts[key] = (made, language)
        return found

    def font_description(style):
        _, descriptions = _caches(style.font_config)
        key = _font_key(style)
        found = descriptions.get(key)
        if found is None:
            found = descriptions[key] = get_font_description(style)
        return found

    def _setup(self, style):
        self.style = style
        self.first_line_direction = 0
        pango_context, self.language = context(style)
        description = font_description(style)
        self.layout = ffi.gc(pango.pango_layout_new(pango_context), gobject.g_object_unref)
        pango.pango_layout_set_auto_dir(self.layout, False)
        pango.pango_layout_set_font_description(self.layout, description)

        if style["text_decoration_line"] != "none":
            metrics = ffi.gc(pango.pango_context_get_metrics(
                pango_context, description, self.language), pango.pango_font_metrics_unref)
            self.ascent = FROM_UNITS * pango.pango_font_metrics_get_ascent(metrics)
            self.underline_position = FROM_UNITS * (
                pango.pango_font_metrics_get_underline_position(metrics))
            self.strikethrough_position = FROM_UNITS * (
                pango.pango_font_metrics_get_strikethrough_position(metrics))
            self.underline_thickness = FROM_UNITS * (
                pango.pango_font_metrics_get_underline_thickness(metrics))
            self.strikethrough_thickness = FROM_UNITS * (
                pango.pango_font_metrics_get_strikethrough_thickness(metrics))
        else:
            self.ascent = None
            self.underline_position = None
            self.strikethrough_position = None

        features = font_features(
            style["font_kerning"], style["font_variant_ligatures"],
            style["font_variant_position"], style["font_variant_caps"],
            style["font_variant_numeric"], style["font_variant_alternates"],
            style["font_variant_east_asian"], style["font_feature_settings"])
        if features:
            features = ",".join(f"{key} {value}" for key, value in features.items()).encode()
            attr = style.font_config.font_features.setdefault(
                features, pango.pango_attr_font_features_new(features))
            attr_list = pango.pango_attr_list_new()
            pango.pango_attr_list_insert(attr_list, attr)
            pango.pango_layout_set_attributes(self.layout, attr_list)

    with replaced(line_break.Layout, "setup", _setup):
        yield
