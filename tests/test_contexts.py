"""Pango contexts and font descriptions shared within a document
(briefing/pdf/contexts.py): the same PDF bytes as WeasyPrint's own set-up of every
layout, and one context per language, not one per line."""

from __future__ import annotations

import contextlib

import pytest

import briefing.pdf.writer as writer
from briefing.pdf.contexts import MIRRORED, shared_contexts
from briefing.project import Project
from briefing.render.fonts import font_face_css, font_roots, prepared_faces
from conftest import EPOCH, ROOT

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
"""


@pytest.fixture(scope="module")
def document():
    project = Project(ROOT)
    css = font_face_css(prepared_faces(project.font_cache))
    html = (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>t</title>"
            f"<style>{css} body {{ font: 10pt 'Noto Serif' }}</style></head>"
            f"<body id='top'>{BODY * 3}</body></html>")
    return html, [ROOT / "templates", *font_roots(project.font_cache)]


def test_the_pinned_weasyprint_is_the_version_mirrored():
    """With another version the sharing is switched off: this says to check
    contexts._setup against the new Layout.setup, then change MIRRORED."""
    import weasyprint

    assert weasyprint.__version__.startswith(MIRRORED)


def test_the_pdf_is_byte_for_byte_the_same_without_sharing(document, monkeypatch):
    html, roots = document
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # else each PDF has its own time
    shared = writer.write_pdf(html, roots, "pdf/ua-1").data
    monkeypatch.setattr(writer, "shared_contexts", contextlib.nullcontext)
    unshared = writer.write_pdf(html, roots, "pdf/ua-1").data
    assert shared == unshared


def test_the_flagship_is_byte_for_byte_the_same_without_sharing(monkeypatch, tmp_path,
                                                                   flagship_dist):
    """Both editions, with the flagship's own HTML."""
    from conftest import FLAGSHIP, run_process

    assert run_process("build", FLAGSHIP, "--format", "html", "--out", tmp_path).code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = Project(ROOT)
    roots = [ROOT / "templates", *font_roots(project.font_cache)]
    monkeypatch.setattr(writer, "shared_contexts", contextlib.nullcontext)
    for locale in ("en", "vi"):
        html = (tmp_path / f"nagorno-karabakh.{locale}.html").read_text("utf-8")
        unshared = writer.write_pdf(html, roots, "pdf/ua-1").data
        assert unshared == (flagship_dist / f"nagorno-karabakh.{locale}.pdf").read_bytes()


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
