"""The engine's shortcuts change no byte: Pango contexts and font descriptions shared
within a document (briefing/pdf/contexts.py), one context per language and not one per
line; the default stylesheet's rules for every element's footnote calls and markers
scoped away (briefing/pdf/uasheet.py), unless a document needs them; the PDF's page
references listed once per page count (briefing/pdf/pagerefs.py); the contents' page
numbers waiting on the anchors they name (briefing/pdf/targets.py); each line drawn
with the Pango layout that broke it (briefing/pdf/layouts.py); the HTML parser's
expressions compiled once (briefing/pdf/htmlruns.py); the charts' sizes and URLs
parsed once per value (briefing/pdf/svgvalues.py); and the charts' styles as
presentation attributes (charts/style.py)."""

from __future__ import annotations

import contextlib
import io
import os

import pytest

import briefing.pdf.writer as writer
from briefing.pdf import uasheet
from briefing.pdf.contexts import MIRRORED, shared_contexts
from briefing.project import Project
from briefing.render.fonts import font_face_css, font_roots, prepared_faces
from conftest import EPOCH, FIXTURES, FLAGSHIP, ROOT, run_process

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

# Text in three languages (and none), sizes, weights, styles, small capitals, an
# underline and a line-through (which read the font's metrics through the context),
# letter-spacing and a right-to-left run.
BODY = """
<p>Plain body text with a <a href="#top">link</a>, <b>bold</b> and <i>italic</i> words.</p>
<p lang="vi">Người dân tộc thiểu số ở Việt Nam đã được sơ tán khỏi vùng lũ.</p>
<p lang="">A paragraph with no language at all, and <u>an underline</u>.</p>
<p style="font-size: 7pt; letter-spacing: 0.1em">Small, spaced text in
<span style="font-variant-caps: small-caps">Small Capitals</span> and
<s>struck words</s>.</p>
<h1 style="font-family: 'Noto Sans'; font-weight: 600">A heading in sans</h1>
<p dir="rtl" lang="ar">abc def</p>
<p style="font-language-override: 'VIT'">A Vietnamese language system: tiếng Việt.</p>
<table><tr><td>a cell</td><td style="font-size: 13pt">a larger cell</td></tr></table>
<pre>Preformatted text
on lines of its own,	tabbed.</pre>
<p style="text-align: justify; word-spacing: 0.2em">Justified text with more space between
its words, long enough to run on to a second line and a third, so that its lines are
stretched to the measure, all but the last one of the paragraph.</p>
"""


@pytest.fixture(scope="module")
def document():
    project = Project(ROOT)
    css = font_face_css(prepared_faces(project.font_cache))
    html = (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>t</title>"
            f"<style>{css} body {{ font: 10pt 'Noto Serif' }}</style></head>"
            f"<body id='top'>{BODY * 3}</body></html>")
    return html, [ROOT / "templates", *font_roots(project.font_cache)]


def test_most_lines_are_drawn_with_the_layout_that_broke_them(document, monkeypatch):
    """A line's layout is made again to draw it only if its text is justified or
    spaced: in each of the body's three copies, the five boxes of the letter-spaced
    paragraph and the three lines of the justified one. Without the shortcut, every
    line's is."""
    from weasyprint.draw import text
    from weasyprint.text import line_break

    html, roots = document
    counts = {"made again": 0, "drawn": 0}

    def counted(function, name):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(line_break.Layout, "reactivate",
                        counted(line_break.Layout.reactivate, "made again"))
    monkeypatch.setattr(text, "draw_first_line", counted(text.draw_first_line, "drawn"))
    writer.write_pdf(html, roots, "pdf/ua-1")
    assert counts["drawn"] > 60
    assert counts["made again"] == 3 * (5 + 3)
    counts.update({"made again": 0, "drawn": 0})
    monkeypatch.setattr(writer, "kept_layouts", contextlib.nullcontext)
    monkeypatch.setattr(writer, "compiled_runs", contextlib.nullcontext)
    monkeypatch.setattr(writer, "parsed_once", contextlib.nullcontext)
    monkeypatch.setattr(writer, "collector_paused", contextlib.nullcontext)
    writer.write_pdf(html, roots, "pdf/ua-1")
    assert counts["made again"] >= counts["drawn"] > 60


def test_the_pinned_weasyprint_is_the_version_mirrored():
    """With another version the sharing is switched off: this says to check
    contexts._setup against the new Layout.setup, then change MIRRORED."""
    import weasyprint

    assert weasyprint.__version__.startswith(MIRRORED)


def without_shortcuts(monkeypatch):
    monkeypatch.setattr(writer, "shared_contexts", contextlib.nullcontext)
    monkeypatch.setattr(writer, "listed_page_references", contextlib.nullcontext)
    monkeypatch.setattr(writer, "kept_layouts", contextlib.nullcontext)
    monkeypatch.setattr(writer, "for_document", lambda html: uasheet._stock())
    monkeypatch.setattr(writer, "compiled_runs", contextlib.nullcontext)
    monkeypatch.setattr(writer, "parsed_once", contextlib.nullcontext)


def test_the_pdf_is_byte_for_byte_the_same_without_sharing(document, monkeypatch):
    html, roots = document
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # else each PDF has its own time
    shared = writer.write_pdf(html, roots, "pdf/ua-1").data
    without_shortcuts(monkeypatch)
    unshared = writer.write_pdf(html, roots, "pdf/ua-1").data
    assert shared == unshared


BRIEFS = [FLAGSHIP, *(FIXTURES / "subjects" / f"{name}.yaml"
                     for name in ("energy", "health", "budget"))]


@pytest.fixture(scope="module", params=BRIEFS, ids=lambda path: path.stem)
def built(request, tmp_path_factory):
    """A brief's two editions as `briefing build` writes them, and their HTML."""
    out = tmp_path_factory.mktemp(request.param.stem)
    assert run_process("build", request.param, "--out", out / "pdf").code == 0
    assert run_process("build", request.param, "--format", "html", "--out", out).code == 0
    htmls = sorted(out.glob("*.html"))
    assert len(htmls) == 2  # English and Vietnamese
    return out, htmls, [ROOT / "templates", *font_roots(Project(ROOT).font_cache)]


def test_every_edition_is_byte_for_byte_the_same_without_the_shortcuts(built, monkeypatch):
    """What `briefing build` writes, and what WeasyPrint alone makes of its HTML
    (but for the contents' page numbers, next test)."""
    out, htmls, roots = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    without_shortcuts(monkeypatch)
    for html in htmls:
        assert uasheet.for_document(html.read_text("utf-8")) is not uasheet._stock()
        unshared = writer.write_pdf(html.read_text("utf-8"), roots, "pdf/ua-1").data
        assert unshared == (out / "pdf" / f"{html.stem}.pdf").read_bytes(), html.name


def test_every_page_draws_the_same_with_the_contents_laid_out_once_less(built, monkeypatch):
    """Every page's content stream is the same bytes. The tag trees may differ, and
    only where the contents page holds a ``::first-letter`` (the energy brief's cards):
    WeasyPrint wraps that letter's box once more each time it lays the page out, so
    with one layout less the letter has one empty tag less around it."""
    import pikepdf

    out, htmls, roots = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setattr(writer, "anchored_targets", contextlib.nullcontext)
    for html in htmls:
        engine = writer.write_pdf(html.read_text("utf-8"), roots, "pdf/ua-1").data
        with pikepdf.open(out / "pdf" / f"{html.stem}.pdf") as ours, \
                pikepdf.open(io.BytesIO(engine)) as theirs:
            assert len(ours.pages) == len(theirs.pages)
            for number, (page, same) in enumerate(zip(ours.pages, theirs.pages), 1):
                assert page.Contents.read_bytes() == same.Contents.read_bytes(), \
                    f"{html.stem}, page {number}"


@pytest.mark.parametrize("needs", [
    '<li style="display: list-item">x</li><div style="display: list-item">a list item</div>',
    '<p>Text<span style="float: footnote">a footnote</span></p>',
    '<p>Text<span style="float:note">a note</span></p>',
    "<details><summary>A summary</summary>x</details>"])
def test_a_document_that_needs_the_stock_rules_gets_the_stock_stylesheet(needs):
    assert uasheet.for_document(f"<html><body>{needs}</body></html>") is uasheet._stock()
    assert uasheet.for_document("<html><body><ul><li>x</li></ul></body></html>") \
        is not uasheet._stock()


def test_the_scoped_sheet_matches_as_the_stock_text_with_its_rules_scoped():
    """The scoped sheet is the stock one's selector index changed, not a parse: it
    matches every element of a document as the stock sheet's text would with
    ``::marker`` written ``li::marker`` and the five other rules left out."""
    from pathlib import Path

    import cssselect2
    import tinyhtml5
    import weasyprint
    from weasyprint import CSS

    text = (Path(weasyprint.__file__).parent / "css" / "html5_ua.css").read_text("utf-8")
    text = text.replace("::marker {", "li::marker {")
    for name in uasheet.SCOPED[1:]:
        text = text.replace(f"::{name} {{", f".never-matches::{name} {{")
    expected = CSS(string=text).matcher
    scoped = uasheet._scoped_sheet().matcher
    html = ("<html><body><ul><li>one</li><li class=never>two</li></ul><ol><li>x</li></ol>"
            "<p lang=vi>a <b>b</b> <sup>c</sup></p><table><tr><td>d</td></tr></table>"
            "<h1 id=t>e</h1><a href='#t'>f</a><details><summary>g</summary></details>"
            "</body></html>")
    elements = list(cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html)).iter_subtree())
    assert len(elements) > 15
    for element in elements:
        found = [entry[:3] + (repr(entry[3]),) for entry in scoped.match(element)]
        assert found == [entry[:3] + (repr(entry[3]),) for entry in expected.match(element)]
    markers = [entry for element in elements for entry in scoped.match(element)
               if entry[2] == "marker"]
    assert len(markers) == 3  # one per li


def test_one_context_per_direction_and_language_one_description_per_font(document):
    from weasyprint import HTML

    html, roots = document
    with shared_contexts():
        rendered = HTML(string=html, url_fetcher=writer.LockedFetcher(roots)).render()
    contexts, descriptions = rendered.font_config.__dict__["_briefing_pango"]
    # font-language-override: "VIT" is the OpenType tag of ISO 639 "vie"
    # (WeasyPrint gives lang="" the language of the parent)
    assert set(contexts) == {("ltr", "en"), ("ltr", "vi"), ("rtl", "ar"), ("ltr", "vie")}
    # serif and sans; sizes 10, 7, 13 pt and the heading's; bold, italic, small caps
    assert 6 <= len(descriptions) <= 12


@pytest.mark.parametrize("facts, chart_id", [
    (FLAGSHIP, "casualties"), (FLAGSHIP, "locator"),
    (FIXTURES / "charts-health.yaml", "deaths"), (FIXTURES / "charts-energy.yaml", "growth")],
    ids=lambda value: getattr(value, "stem", value))
def test_a_chart_with_presentation_attributes_draws_the_same_pdf(document, facts, chart_id,
                                                                monkeypatch):
    """charts/style.py turns matplotlib's style attributes and its one-rule stylesheet
    into presentation attributes: the engine draws the same bytes."""
    import base64

    import charts
    import charts.style
    from briefing.render.figures import chart_data
    from briefing.render.maps import map_data
    from conftest import edition_view

    view = edition_view(facts, "en")
    chart = next(c for c in view.brief.charts if c.id == chart_id)
    data = (map_data if chart.kind == "map" else chart_data)(view, chart)
    lean = charts.kind_module(data.kind).draw(data)
    monkeypatch.setattr(charts.style, "presentation_attributes", lambda svg: svg)
    raw = charts.kind_module(data.kind).draw(data)
    assert "style=" in raw and "<style" in raw
    assert " style=" not in lean and "<style" not in lean and "<metadata" not in lean
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    _, roots = document

    def pdf(svg):
        image = base64.b64encode(svg.encode()).decode()
        return writer.write_pdf(f'<html><body><img alt="chart" style="width: 160mm" src='
                                f'"data:image/svg+xml;base64,{image}"></body></html>',
                                roots, "pdf/ua-1").data
    assert pdf(lean) == pdf(raw)


def test_page_references_are_listed_once_per_page_count():
    import pydyf

    from briefing.pdf.pagerefs import listed_page_references

    pdf = pydyf.PDF()
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    stock = pdf.page_references
    with listed_page_references():
        first = pdf.page_references
        assert first == stock and pdf.page_references is first
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert pdf.page_references == stock + (f"{pdf.objects[-1].number} 0 R".encode(),)
    assert pydyf.PDF.page_references.fget(pdf) == pdf.page_references


def test_a_long_document_with_links_on_every_page_is_the_same_bytes(document, monkeypatch):
    """Forty pages, each with tagged paragraphs and links to the others."""
    _, roots = document
    pages = "".join(f'<h2 id="p{n}">Page {n}</h2>' + f'<p>See <a href="#p{(n + 7) % 40}">'
                    f"page {(n + 7) % 40}</a>. {'Some words of text. ' * 40}</p>"
                    '<p style="break-after: page">More text.</p>' for n in range(40))
    html = f"<!DOCTYPE html><html lang=en><head><title>t</title></head><body>{pages}</body></html>"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    listed = writer.write_pdf(html, roots, "pdf/ua-1")
    assert listed.pages == 40
    without_shortcuts(monkeypatch)
    assert writer.write_pdf(html, roots, "pdf/ua-1").data == listed.data


def contents_document(entry_css: str, chapters: int = 6) -> str:
    """A contents page, then chapters of one, two or three pages; the entries' page
    numbers as ``entry_css`` writes them."""
    entries = "".join(f'<li><a href="#c{n}">Chapter {n}</a></li>' for n in range(chapters))
    body = "".join(f'<h2 id="c{n}" style="break-before: page">Chapter {n}</h2>'
                   + '<p style="break-before: page">More of it.</p>' * (n % 3)
                   for n in range(chapters))
    return (f"<!DOCTYPE html><html lang=en><head><title>t</title><style>"
            f"nav a::after {{ {entry_css} }}</style></head>"
            f"<body><nav><ul>{entries}</ul></nav>{body}</body></html>")


def laid_out_pages(monkeypatch) -> list:
    """The numbers of the pages WeasyPrint lays out, as it lays them out."""
    from weasyprint.layout import page

    made, original = [], page.make_page

    def make_page(context, root_box, page_type, resume_at, page_number, page_state):
        made.append(page_number)
        return original(context, root_box, page_type, resume_at, page_number, page_state)

    monkeypatch.setattr(page, "make_page", make_page)
    return made


@pytest.mark.parametrize("entry_css", [
    'content: " " target-counter(attr(href), page)',
    'content: leader(".") target-counter(attr(href url), page)'])
def test_the_contents_page_is_laid_out_twice_with_the_right_numbers(document, entry_css,
                                                                   monkeypatch):
    """Once with its numbers unknown, once with them: WeasyPrint alone lays it out a
    third time. The chapters start on pages 2, 3, 5, 8, 9 and 11."""
    import pypdfium2

    _, roots = document
    html = contents_document(entry_css)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    made = laid_out_pages(monkeypatch)
    anchored = writer.write_pdf(html, roots, "pdf/ua-1")
    contents = pypdfium2.PdfDocument(anchored.data)[0].get_textpage().get_text_range()
    numbers = [line.rsplit(" ", 1)[-1] for line in contents.splitlines()
               if line.startswith("Chapter")]
    assert numbers == ["2", "3", "5", "8", "9", "11"]
    assert made.count(1) == 2 and len(made) == anchored.pages + 1
    made.clear()
    monkeypatch.setattr(writer, "anchored_targets", contextlib.nullcontext)
    assert writer.write_pdf(html, roots, "pdf/ua-1").data == anchored.data
    assert made.count(1) == 3


@pytest.mark.parametrize("content", [
    ("counter()", ("page", "decimal")),  # a counter of its own: its list is unknown
    ("target-counter()", (("attr()", ("href", "string", "")), "page", "decimal"))])
def test_an_entry_with_more_than_one_page_number_is_left_as_weasyprint_files_it(content):
    from types import SimpleNamespace

    from briefing.pdf.targets import refiled

    target = ("target-counter()", (("attr()", ("href", "string", "")), "page", "decimal"))
    box = SimpleNamespace(style={"content": (target, content)},
                          element={"href": "#c1"})
    missing = ["page"]
    assert refiled(box, "content", missing, {None: missing}) is None
    box.style["content"] = (target,)
    assert refiled(box, "content", missing, {None: missing}) == ([], {"c1": ["page"]})
    assert refiled(box, "bookmark-label", missing, {None: missing}) is None


def test_no_garbage_collection_while_a_document_is_laid_out_and_written(document,
                                                                         monkeypatch):
    """The forty pages below make enough objects for Python's collector to run
    dozens of times inside WeasyPrint; it runs after instead, and is left as it was
    found."""
    import gc
    import sys

    _, roots = document
    html = "".join(f"<h2>Page {n}</h2><p style='break-after: page'>"
                   f"{'Some words of text. ' * 60}</p>" for n in range(40))
    html = f"<!DOCTYPE html><html lang=en><head><title>t</title></head><body>{html}</body></html>"
    runs = []

    def count(phase, info):
        frame = sys._getframe(1)
        while frame and phase == "start":
            if f"{os.sep}weasyprint{os.sep}" in frame.f_code.co_filename:
                runs.append(info["generation"])
                break
            frame = frame.f_back

    gc.callbacks.append(count)
    try:
        writer.write_pdf(html, roots, "pdf/ua-1")
        assert runs == [] and gc.isenabled()
        monkeypatch.setattr(writer, "collector_paused", contextlib.nullcontext)
        writer.write_pdf(html, roots, "pdf/ua-1")
        assert len(runs) > 20
        gc.disable()
        writer.write_pdf(html, roots, "pdf/ua-1")
        assert not gc.isenabled()
    finally:
        gc.callbacks.remove(count)
        gc.enable()


def test_the_first_collection_after_a_document_finds_it_gone(document, monkeypatch):
    """The document is let go before the collector resumes, so that the collection
    its objects set off finds them unreachable and frees them, rather than walking
    them alive (0.4 s at 167 pages) to free them in a later, older one."""
    import gc
    import weakref

    _, roots = document
    documents, alive_after_collections = [], []
    for_document = writer.for_document

    def kept(html):
        class Kept(for_document(html)):
            def render(self, *args, **kwargs):
                rendered = super().render(*args, **kwargs)
                documents.append(weakref.ref(rendered))
                return rendered
        return Kept

    def callback(phase, info):
        if phase == "stop" and documents:
            alive_after_collections.append(documents[0]() is not None)

    monkeypatch.setattr(writer, "for_document", kept)
    html = "".join(f"<h2>Page {n}</h2><p>{'Some words of text. ' * 60}</p>"
                   for n in range(10))
    gc.callbacks.append(callback)
    try:
        writer.write_pdf(f"<html lang=en><body>{html}</body></html>", roots, "pdf/ua-1")
    finally:
        gc.callbacks.remove(callback)
    assert alive_after_collections[:1] == [False]


def test_the_html_parser_compiles_each_kind_of_character_run_once(document, monkeypatch):
    """tinyhtml5 reads attribute names, quoted values and text as runs of characters,
    each kind with its own regular expression: under ``compiled_runs`` each is
    compiled on its first run and found after, and the parse is the same."""
    import xml.etree.ElementTree as ElementTree

    import tinyhtml5
    from tinyhtml5 import constants, inputstream

    from briefing.pdf import htmlruns

    html, _ = document
    assert html.count("=") > 30  # attributes by the dozen
    compiled = []
    missing = htmlruns._Runs.__missing__
    monkeypatch.setattr(htmlruns._Runs, "__missing__",
                        lambda runs, key: compiled.append(key) or missing(runs, key))
    stock = ElementTree.tostring(tinyhtml5.parse(html))
    with htmlruns.compiled_runs():
        once = ElementTree.tostring(tinyhtml5.parse(html))
        again = ElementTree.tostring(tinyhtml5.parse(html))
        cache = dict(inputstream.characters_until_regex)
    assert once == again == stock
    assert len(compiled) == len(set(compiled)) == len(cache)
    assert cache[(("&", "<", "\u0000"), False)].pattern == "[^\\x26\\x3c\\x00]+"
    assert cache[(constants.ascii_letters, True)].fullmatch("charset")
    assert isinstance(inputstream.characters_until_regex, dict)
    assert not isinstance(inputstream.characters_until_regex, htmlruns._Runs)


def test_the_charts_sizes_and_urls_are_parsed_once_per_value(document, monkeypatch):
    """Drawing an SVG, WeasyPrint reads each element's font size and the URLs of its
    clip path, mask, filter and markers from their strings; under ``parsed_once``
    each distinct string is parsed once per document."""
    import base64

    import weasyprint.svg
    from weasyprint.svg import utils

    _, roots = document
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    calls = {"size": [], "parse_url": []}
    for name, found in calls.items():
        original = getattr(utils, name)

        def counted(*args, original=original, found=found):
            found.append(args)
            return original(*args)
        monkeypatch.setattr(utils, name, counted)
        monkeypatch.setattr(weasyprint.svg, name, counted)
    rects = ('<rect x="10" y="20" width="5" height="5" fill="#0072B2" '
             'clip-path="url(#c)"/>') * 60
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="100pt">'
           f'<defs><clipPath id="c"><rect width="90" height="90"/></clipPath></defs>'
           f'<g font-size="10pt">{rects}</g></svg>')
    image = base64.b64encode(svg.encode()).decode()
    html = (f'<html lang=en><body><img alt="sixty squares" '
            f'src="data:image/svg+xml;base64,{image}"></body></html>')
    once = writer.write_pdf(html, roots, "pdf/ua-1").data
    assert 0 < len(calls["size"]) == len(set(calls["size"])) < 20
    assert 0 < len(calls["parse_url"]) == len(set(calls["parse_url"])) < 20
    for found in calls.values():
        found.clear()
    monkeypatch.setattr(writer, "parsed_once", contextlib.nullcontext)
    assert writer.write_pdf(html, roots, "pdf/ua-1").data == once
    assert len(calls["size"]) > 60 and len(calls["parse_url"]) > 4 * 60
