"""Text that other tools read specially prints as typed, or is a located error."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import charts
from briefing.render.figures import chart_data

from conftest import FIXTURES, edition_view

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
