"""The PDFs as independent readers see them: qpdf (pikepdf) and PDFium (pypdfium2)."""

from __future__ import annotations

import unicodedata

import pikepdf
import pypdf
import pypdfium2
import pytest
import yaml

from conftest import FIXTURES, FLAGSHIP

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def walk(node, found):
    """Structure elements of a tagged PDF: (type, element) pairs."""
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append((str(node.S), node))
        if "/K" in node:
            walk(node.K, found)
    elif isinstance(node, pikepdf.Array):
        for item in node:
            walk(item, found)
    return found


@pytest.fixture(scope="module", params=["en", "vi"])
def edition(request, flagship_dist):
    path = flagship_dist / f"nagorno-karabakh.{request.param}.pdf"
    with pikepdf.open(path) as pdf:
        yield request.param, path, pdf


def test_structure_is_valid_for_qpdf(edition):
    _, _, pdf = edition
    assert pdf.check_pdf_syntax() == []


def test_tagged_with_language_headings_lists_tables_and_figures(edition):
    locale, _, pdf = edition
    assert str(pdf.Root.Lang) == {"en": "en-US", "vi": "vi"}[locale]
    assert bool(pdf.Root.MarkInfo.Marked)
    kinds = [kind for kind, _ in walk(pdf.Root.StructTreeRoot.K, [])]
    for kind in ("/H1", "/H2", "/L", "/LI", "/Table", "/TH", "/TD", "/Figure", "/Caption"):
        assert kind in kinds, kind


def test_each_chart_carries_an_alt_text_made_from_its_data(edition, pdf_text):
    locale, _, pdf = edition
    figures = [node for kind, node in walk(pdf.Root.StructTreeRoot.K, []) if kind == "/Figure"]
    facts = yaml.safe_load(FLAGSHIP.read_text("utf-8"))
    assert len(figures) == len(facts["charts"])
    for node, chart in zip(figures, facts["charts"]):
        alt = " ".join(str(node.Alt).split())
        for claim_id in chart.get("claims", []):  # a map's alt text: test_map
            claim = next(c for c in facts["claims"] if c["id"] == claim_id)
            value = claim.get("value", claim.get("high"))
            digits = f"{value:,}".replace(",", "," if locale == "en" else ".")
            # Vietnamese says a round million in words (locales/vi/conventions.toml).
            digits = {("vi", 1_000_000): "hơn 1 triệu"}.get((locale, value), digits)
            assert digits in alt, (claim_id, alt)


def test_outline_has_a_bookmark_for_every_section(edition):
    _, _, pdf = edition
    with pdf.open_outline() as outline:
        titles = []

        def collect(items):
            for item in items:
                titles.append(item.title)
                collect(item.children)
        collect(outline.root)
    sections = yaml.safe_load(FLAGSHIP.read_text("utf-8"))["sections"]
    numbered = [t for t in titles if t[:1].isdigit()]
    assert len(numbered) == len(sections) + 3  # + figures, timeline, sources


def test_every_stream_is_deflated_at_zlibs_default_level(edition):
    """Pages, fonts, forms: each Flate stream's zlib header (RFC 1950) names the
    default level (FLEVEL 2: 78 9C), not the slowest (78 DA), and inflates."""
    _, _, pdf = edition
    headers = {}
    for item in pdf.objects:
        if isinstance(item, pikepdf.Stream) and item.get("/Filter") == "/FlateDecode":
            headers.setdefault(bytes(item.read_raw_bytes()[:2]), []).append(item)
            item.read_bytes()
    assert set(headers) == {b"\x78\x9c"}
    assert len(headers[b"\x78\x9c"]) > 20


def test_every_font_is_embedded(edition):
    _, _, pdf = edition
    fonts = {}
    for page in pdf.pages:
        for _, font in page.Resources.get("/Font", {}).items():
            fonts[str(font.BaseFont)] = font
    assert fonts
    for name, font in fonts.items():
        descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, name
        assert "Noto" in name, name


def test_every_page_is_a4_and_its_text_extracts_in_nfc(edition):
    _, path, _ = edition
    document = pypdfium2.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            page = document[index]
            assert page.get_size() == pytest.approx(A4, abs=0.5)
            text = page.get_textpage().get_text_range()
            assert text.strip()
            assert unicodedata.is_normalized("NFC", text)
        bitmap = document[0].render(scale=0.5)
        assert bitmap.width > 0
    finally:
        document.close()


def test_metadata_subject_keywords_and_dates(flagship_dist):
    with pikepdf.open(flagship_dist / "nagorno-karabakh.en.pdf") as pdf:
        info = pdf.docinfo
        facts = yaml.safe_load(FLAGSHIP.read_text("utf-8"))["brief"]
        assert str(info.Title) == facts["title"]
        assert str(info.Subject) == facts["subtitle"]
        assert str(info.Keywords) == ", ".join(facts["keywords"])
        assert str(info.CreationDate).startswith("D:20231114221320")
        assert str(info.ModDate).startswith("D:20231114221320")


def two_sided_pages(cli, facts, out) -> list[str]:
    result = cli("build", facts, "--out", out, "--paper", "letter", "--two-sided")
    assert result.code == 0, result.err
    document = pypdfium2.PdfDocument(str(next(out.glob("*.en.pdf"))))
    try:
        assert document[0].get_size() == pytest.approx(LETTER, abs=0.5)
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def test_letter_paper_and_two_sided(cli, tmp_path):
    """A report opens each part on a right-hand (odd) page; a brief runs on, with no
    blank page, as it does one-sided."""
    report = tmp_path / "report.yaml"
    report.write_text((FIXTURES / "minimal.yaml").read_text("utf-8").replace(
        "brief:\n", "brief:\n  layout: report\n", 1), "utf-8")
    pages = two_sided_pages(cli, report, tmp_path / "report")
    starts = [i + 1 for i, text in enumerate(pages) if "1. Background" in text
              or "4. Sources" in text]
    assert len(starts) == 2 and all(number % 2 == 1 for number in starts)
    assert any(not text.strip() for text in pages)  # the blank left-hand pages
    pages = two_sided_pages(cli, FIXTURES / "minimal.yaml", tmp_path / "brief")
    assert all(text.strip() for text in pages)
    one_sided = cli("build", FIXTURES / "minimal.yaml", "--out", tmp_path / "one",
                    "--paper", "letter", "--locale", "en")
    assert one_sided.code == 0, one_sided.err
    assert len(pages) == len(pypdf.PdfReader(tmp_path / "one" / "minimal.en.pdf").pages)


def test_archival_variant(cli, tmp_path):
    result = cli("build", FIXTURES / "minimal.yaml", "--out", tmp_path,
                 "--pdf-variant", "pdf/a-3b")
    assert result.code == 0, result.err
    with pikepdf.open(tmp_path / "minimal.en.pdf") as pdf:
        with pdf.open_metadata() as meta:
            assert meta.pdfa_status == "3B"


def test_a_character_the_fonts_lack_is_refused_with_its_place(cli, tmp_path):
    brief = tmp_path / "brief.yaml"
    brief.write_text((FIXTURES / "minimal.yaml").read_text("utf-8").replace(
        '"First {killed-first}, later {killed-revised}."',
        '"First {killed-first}, later {killed-revised} in Artsakh (Արցախ)."'), "utf-8")
    result = cli("build", brief, "--out", tmp_path / "out", cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines() == [
        "brief.yaml:57:15: error: no glyph in the pinned fonts (Noto Serif, Noto Sans) for "
        "'Ա' (U+0531 ARMENIAN CAPITAL LETTER AYB), 'ա' (U+0561 ARMENIAN SMALL LETTER AYB), "
        "'խ' (U+056D ARMENIAN SMALL LETTER XEH), 'ր' (U+0580 ARMENIAN SMALL LETTER REH), "
        "'ց' (U+0581 ARMENIAN SMALL LETTER CO); it would print as a box"]
    assert not (tmp_path / "out").exists()


def test_a_translation_with_a_character_the_fonts_lack_points_at_the_po_line(tmp_path):
    from briefing.diagnostics import Collector
    from briefing.facts import load_brief
    from briefing.facts.relations import relate
    from briefing.i18n.localizer import Localizer
    from briefing.i18n.translate import translate
    from briefing.project import Project
    from briefing.render.fonts import prepared_faces
    from briefing.render.glyphs import check_glyphs
    from briefing.render.view import EditionView
    from conftest import ROOT

    po = tmp_path / "facts.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: vi\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgctxt "section title"\nmsgid "Background"\nmsgstr "Bối cảnh ✈"\n',
                  "utf-8")
    from briefing.i18n.catalogs import load_catalog
    catalog = load_catalog(po, "facts.po", "facts", Collector())
    loc = Localizer("vi", {"facts": catalog})
    translation = translate(load_brief(FIXTURES / "minimal.yaml"), loc, Collector())
    edition = EditionView(translation, loc, relate(translation.brief))
    problems = Collector()
    check_glyphs(edition, "<p>Bối cảnh ✈</p>", prepared_faces(Project(ROOT).font_cache),
                 problems)
    assert [str(d) for d in problems.errors] == [
        "facts.po:7:1: error: no glyph in the pinned fonts (Noto Serif, Noto Sans) for "
        "'✈' (U+2708 AIRPLANE); it would print as a box"]


def test_vietnamese_text_copies_back_exactly_as_translated(flagship_dist):
    """Letters with a dot below ('ụ', 'ị') once copied as 'uụ': headings must read back."""
    from babel.messages.pofile import read_po

    from conftest import ROOT

    po = ROOT / "locales" / "vi" / "LC_MESSAGES" / "facts" / "nagorno-karabakh.po"
    with open(po, "rb") as handle:
        titles = [m.string for m in read_po(handle) if m.context == "section title"]
    document = pypdfium2.PdfDocument(str(flagship_dist / "nagorno-karabakh.vi.pdf"))
    try:
        text = " ".join(" ".join(document[i].get_textpage().get_text_range().split())
                        for i in range(len(document)))
    finally:
        document.close()
    assert titles
    for title in titles:
        assert title in text, title


def test_preview_renders_every_page_and_a_contact_sheet(flagship_dist, tmp_path):
    from PIL import Image

    from briefing.preview import main as preview

    pdf = flagship_dist / "nagorno-karabakh.vi.pdf"
    assert preview([str(pdf), "--out", str(tmp_path), "--scale", "0.5"]) == 0
    with pikepdf.open(pdf) as document:
        pages = len(document.pages)
    assert len(list(tmp_path.glob("nagorno-karabakh.vi.page-*.png"))) == pages
    with Image.open(tmp_path / "nagorno-karabakh.vi.contact.png") as sheet:
        assert sheet.width > 0 and sheet.height > 0
