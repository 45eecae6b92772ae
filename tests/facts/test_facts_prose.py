"""facts/prose.py: placeholders, names between backticks, and the figure rule."""

from __future__ import annotations

import pytest

from briefing.facts.prose import Placeholder, ProseError, names, parse, placeholders, \
    stray_figures


def test_parse_splits_text_placeholders_and_names():
    assert parse("A `Nam Theun 2` dam: {capacity}, {q:minister} on {date:2024-01-05?}.") == [
        "A Nam Theun 2 dam: ", Placeholder("claim", "capacity"), ", ",
        Placeholder("quote", "minister"), " on ", Placeholder("date", "2024-01-05?"), "."]


def test_double_braces_are_literal_braces():
    assert parse("{{not a placeholder}}") == ["{not a placeholder}"]


@pytest.mark.parametrize("text, message, offset", [
    ("a {b", "unmatched '{'; write '{{' for a literal brace", 2),
    ("a `b", "unmatched '`'; a name with digits goes between two backticks, as in "
             "`Nam Theun 2`", 2),
    ("x {Not An Id}", "'{Not An Id}' is not a placeholder; expected {claim-id}, "
                      "{date:YYYY-MM-DD} or {q:quote-id}", 2),
])
def test_malformed_prose_says_what_and_where(text, message, offset):
    with pytest.raises(ProseError) as caught:
        parse(text)
    assert (str(caught.value), caught.value.offset) == (message, offset)


def test_placeholders_count_each_written_form():
    assert placeholders("{a} and {a} on {date:2020}") == {"{a}": 2, "{date:2020}": 1}


def test_names_are_the_backtick_spans():
    assert names("`Resolution 2334` and `F-16`") == ["Resolution 2334", "F-16"]


@pytest.mark.parametrize("text, figures", [
    ("Nam Theun 2 dam", [(10, "2")]),
    ("`Nam Theun 2` dam", []),
    ("F-16 jets and COVID-19", []),
    ("in 2020, and 1988–1994", []),
    ("1285 MW over 2000 km", [(0, "1285"), (13, "2000")]),
    ("2000% and US$2000", [(0, "2000"), (13, "2000")]),
    ("4000-5000 dead", [(0, "4000-5000")]),
    ("30000-odd", [(0, "30000")]),
    ("a note¹", [(6, "¹")]),
    ("per km² of land", []),
    ("the 20th century", []),
    ("some 5,000.", [(5, "5,000")]),
    # Other ways of writing a figure: each one a figure however it is written.
    ("some 4 000 people", [(5, "4 000")]),
    ("½ of them and ③ more", [(0, "½"), (14, "③")]),
    ("1e6 people, 2.5E3 more", [(0, "1e6"), (12, "2.5E3")]),
    ("in ١٩٩٠ and 20٢٣ and ２０２０", [(3, "١٩٩٠"), (12, "20٢٣"), (21, "２０２０")]),
    ("30000people and 987người", [(0, "30000"), (16, "987")]),
    ("300abc", [(0, "300")]),
    ("the 1990s, a 3D map, the 100th day", []),
])
def test_the_figure_rule(text, figures):
    assert list(stray_figures(text)) == figures
