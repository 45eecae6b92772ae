"""Text that other tools read specially prints as typed, or is a located error."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import charts
from briefing.render.figures import chart_data

from conftest import FIXTURES, ROOT, edition_view

SVG = "{http://www.w3.org/2000/svg}"


def test_dollar_signs_in_chart_labels_and_names_print_as_typed(tmp_path):
    """Not matplotlib math text: '$x_a$' keeps its dollars and its font, and a
    '$\\bogus$' that is no valid TeX draws instead of crashing."""
    text = (FIXTURES / "charts-energy.yaml").read_text("utf-8")
    text = text.replace("Example Energy Ministry", r"Ministry of $\\bogus$ power")
    text = text.replace('label: "Dam A"', 'label: "Dam $x_a$ A"')
    facts = tmp_path / "charts-energy.yaml"
    facts.write_text(text, "utf-8")
    view = edition_view(facts, "en")
    chart = next(c for c in view.brief.charts if c.id == "capacities")
    svg = charts.kind_module("comparison").draw(chart_data(view, chart))
    texts = " ".join(" ".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text"))
    assert "Dam $x_a$ A" in " ".join(texts.split())
    assert r"$\bogus$" in " ".join(texts.split())
    assert "STIX" not in svg and "DejaVu" not in svg  # no math font


def test_control_characters_and_endless_words_are_located_errors(cli, tmp_path):
    """Escapes put control characters where the YAML reader cannot see them; a word
    of 9,000 characters is refused before any layout (it used to take minutes)."""
    word = "-".join(["Abcdefgh"] * 1000)
    text = (FIXTURES / "minimal.yaml").read_text("utf-8")
    text = text.replace('title: "A minimal brief"', 'title: "A minimal\\u0085 brief"')
    text = text.replace('"The war begins."', '"The war\\x07 begins."')
    text = text.replace('name: "The war"', f'name: "The {word}"')
    facts = tmp_path / "hostile.yaml"
    facts.write_text(text, "utf-8")
    for command in ("check", "build"):
        result = cli(command, facts, "--root", ROOT, cwd=tmp_path)
        assert result.code == 2
        assert result.err.splitlines() == [
            "hostile.yaml:3:10: error: control character U+0085 in text; remove it (it "
            "prints as a box and breaks the PDF's metadata)",
            "hostile.yaml:20:26: error: a word of 8999 characters; a word may have at most "
            "200 (put spaces in it, or shorten it)",
            "hostile.yaml:59:27: error: control character U+0007 in text; remove it (it "
            "prints as a box and breaks the PDF's metadata)",
        ]
    assert not (tmp_path / "dist").exists()


def test_bidirectional_controls_are_located_errors(cli, tmp_path):
    """An override or isolate reorders what the reader sees without showing itself
    (Trojan Source): refused, escaped or typed as it is."""
    text = (FIXTURES / "minimal.yaml").read_text("utf-8")
    text = text.replace("publisher: Example Press", 'publisher: "Example\\u202e Press"')
    text = text.replace('name: "The war"', 'name: "The\u2066 war"')
    facts = tmp_path / "bidi.yaml"
    facts.write_text(text, "utf-8")
    result = cli("check", facts, "--root", ROOT, cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines() == [
        "bidi.yaml:10:16: error: bidirectional control U+202E in text; remove it (it "
        "reorders what the reader sees without showing itself)",
        "bidi.yaml:20:25: error: bidirectional control U+2066 in text; remove it (it "
        "reorders what the reader sees without showing itself)",
    ]
