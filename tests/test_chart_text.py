"""Chart labels are set like the text around them: shaped as a whole, so kerned, and
still anchored where the chart puts them (briefing/pdf/svgtext.py)."""

from __future__ import annotations

import base64

import pytest

from briefing.pdf.writer import write_pdf
from briefing.project import Project
from briefing.render.fonts import font_face_css, font_roots, prepared_faces
from conftest import ROOT
from layout import read_pages

# "AV", "To" and "Wa" are kerned pairs in Noto Sans: drawn a glyph at a time, they
# would stand their full advance apart.
LABEL = "AVAWAToWa"


def svg_image(text_element: str) -> str:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="400pt" height="60pt" '
           f'viewBox="0 0 400 60">{text_element}</svg>')
    return ('<img style="display: block; width: 400pt" src="data:image/svg+xml;base64,'
            + base64.b64encode(svg.encode()).decode() + '">')


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    project = Project(ROOT)
    faces = prepared_faces(project.font_cache)
    start = ('<text x="0" y="45" style="font-size: 40px; font-family: \'Noto Sans\'">'
             f'{LABEL}</text>')
    middle = ('<text x="200" y="45" style="font-size: 40px; font-family: \'Noto Sans\'; '
              f'text-anchor: middle">{LABEL}</text>')
    spaced = ('<text x="0" y="45" letter-spacing="10" style="font-size: 40px; '
              f'font-family: \'Noto Sans\'">{LABEL}</text>')
    images = "".join(svg_image(text).replace("<img ", '<img alt="label" ')
                     for text in (start, middle, spaced))
    html = (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><style>"
            f"{font_face_css(faces)} @page {{ size: 500pt 500pt; margin: 0 }} "
            "body { margin: 0 } p { margin: 0; font: 40pt/60pt 'Noto Sans' }</style></head>"
            f"<body><p>{LABEL}</p>{images}</body></html>")
    pdf = tmp_path_factory.mktemp("chart-text") / "labels.pdf"
    pdf.write_bytes(write_pdf(html, [ROOT / "templates", *font_roots(project.font_cache)],
                              "pdf/ua-1").data)
    return read_pages(pdf)


def runs(page) -> list[list]:
    """The page's runs of LABEL, top to bottom, as their characters."""
    chars = [c for c in page.chars if not c.text.isspace()]
    found = []
    for start in range(0, len(chars) - len(LABEL) + 1):
        run = chars[start:start + len(LABEL)]
        if "".join(c.text for c in run) == LABEL and len({round(c.y) for c in run}) == 1:
            found.append(run)
    return sorted(found, key=lambda run: -run[0].y)


def offsets(run) -> list[float]:
    return [round(c.x - run[0].x, 2) for c in run]


def test_a_label_is_kerned_like_the_same_text_in_a_paragraph(pages):
    paragraph, label = runs(pages[0])[:2]
    assert offsets(label) == pytest.approx(offsets(paragraph), abs=0.15)


def test_a_centred_label_is_centred_on_its_anchor(pages):
    paragraph, start, middle = runs(pages[0])[:3]
    assert offsets(middle) == pytest.approx(offsets(paragraph), abs=0.15)
    # centred by its advance width, which the ink of the last glyph does not reach
    width = start[-1].right - start[0].left
    assert middle[0].left == pytest.approx(200 - width / 2, abs=3.0)


def test_a_label_with_letter_spacing_keeps_its_spacing(pages):
    """Spacing given to glyphs is drawn glyph by glyph, as before: each of the eight
    characters after the first stands 10 units further on, plus the kerning that
    drawing glyph by glyph loses (about 13 units for these pairs at this size)."""
    paragraph, spaced = runs(pages[0])[0], runs(pages[0])[3]
    assert 80 < offsets(spaced)[-1] - offsets(paragraph)[-1] < 80 + 16
