"""The layout checker (tests/layout.py): first shown to fire on small PDFs made for each
rule, then run on the flagship and the minimal brief, in each locale, on A4 and Letter."""

from __future__ import annotations

import pytest

import layout
from conftest import FIXTURES, FLAGSHIP, run_process

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

# -- each rule fires ----------------------------------------------------------------
PAGE = "@page { size: 100mm 60mm; margin: 5mm; } body { margin: 0; font: 10pt/1.4 serif; }"
SMALL_MARGINS = (5, 5, 5, 5)


def pdf_of(tmp_path, body: str, style: str = "") -> str:
    from weasyprint import HTML

    path = tmp_path / "crafted.pdf"
    html = f'<html lang="en"><style>{PAGE}{style}</style><body>{body}</body></html>'
    HTML(string=html).write_pdf(path)
    return str(path)


def findings(pdf: str, **options) -> list[tuple[str, int, str]]:
    options.setdefault("margins_mm", SMALL_MARGINS)
    return [(f.rule, f.page, f.text) for f in layout.check(pdf, **options)]


def test_overlapping_words_are_found_with_their_position(tmp_path):
    pdf = pdf_of(tmp_path, '<div style="position: absolute; left: 10mm; top: 10mm">'
                           "about 1,000,000</div>"
                           '<div style="position: absolute; left: 36mm; top: 10.5mm">'
                           "the source itself</div>")
    found = layout.check(pdf, margins_mm=SMALL_MARGINS)
    assert [(f.rule, f.page, f.text) for f in found] == [
        ("overlap", 1, "'1,000,000' overlaps 'the'")]
    # where the two meet: 5 mm of page margin + 36 mm across, 5 + 10 mm down
    assert 38 < found[0].x_mm < 46 and 15 < found[0].y_mm < 18
    assert str(found[0]).startswith("p.1 at ")


def test_a_word_running_out_of_the_text_area_is_found(tmp_path):
    pdf = pdf_of(tmp_path, "<p>fits</p><p>" + "Abcdefghij" * 12 + "</p>"
                           '<table style="width: 50mm"><tr><td>cell</td><td>'
                           + "x" * 60 + "</td></tr></table>")
    assert findings(pdf) == [
        ("outside", 1, "'" + ("Abcdefghij" * 6) + "' leaves the text area"),
        ("outside", 1, "'cell " + "x" * 55 + "' leaves the text area")]


def test_words_side_by_side_and_a_note_call_do_not_overlap(tmp_path):
    pdf = pdf_of(tmp_path, '<p>more than 1,000,000<sup style="font-size: 7pt">[1]</sup> '
                           "the source itself</p>")
    assert findings(pdf) == []


def test_a_name_split_at_a_line_end_hyphen(tmp_path):
    # Soft hyphens and a narrow column force the breaks: Azer-|baijan, Arme-|nian.
    pdf = pdf_of(tmp_path, '<p style="width: 14mm; hyphens: manual">Azer&shy;baijan '
                           "and Arme&shy;nian and inter&shy;national</p>")
    assert findings(pdf, names=["Azerbaijan", "Armenia"]) == [
        ("split-name", 1, "'Azerbaijan' split: 'Azer‐' / 'baijan'"),
        ("split-name", 1, "'Armenia' split: 'Arme‐' / 'nian'"),
    ]


def test_a_hyphenated_name_split_at_its_own_hyphen(tmp_path):
    pdf = pdf_of(tmp_path, '<p style="width: 22mm">the Nagorno-Karabakh region</p>')
    assert findings(pdf, names=["Nagorno-Karabakh"]) == [
        ("split-name", 1, "'Nagorno-Karabakh' split: 'Nagorno-' / 'Karabakh'")]


def test_three_hyphenated_lines_in_a_row_but_not_two(tmp_path):
    three = "aaaa&shy;bbbb&shy;cccc&shy;dddd"   # four lines, the first three hyphenated
    two = "eeee&shy;ffff&shy;gggg"               # three lines, two hyphenated
    pdf = pdf_of(tmp_path, f'<p style="width: 9mm">{three}</p><p style="width: 9mm">{two}</p>')
    assert findings(pdf) == [
        ("hyphen-ladder", 1, "three hyphenated lines in a row, the third ending 'cccc‐'")]


def test_a_word_broken_across_pages(tmp_path):
    # Three lines fill the 50 mm page body; the third ends in a hyphen and the word
    # goes on at the top of the next page.
    pdf = pdf_of(tmp_path, '<p style="width: 9mm; orphans: 1; widows: 1">aaaa<br>bbbb<br>'
                           "cccc&shy;dddd</p>",
                 style="@page { size: 100mm 31mm; } p { margin: 0; line-height: 6.5mm; }")
    assert findings(pdf) == [("page-split-word", 1, "'cccc‐' continues on the next page")]


def test_a_short_page_is_found_unless_a_chapter_starts_or_it_is_the_last(tmp_path):
    # A 10 mm block on a 50 mm page body: 80% of the page is left empty.
    pdf = pdf_of(tmp_path, '<div style="height: 10mm; background: grey"></div>'
                           '<h2 style="break-before: page">Sources</h2><p>A line.</p>')
    assert findings(pdf) == [
        ("empty-page", 1, "80% of the page empty; the next page opens with 'Sources'")]
    assert findings(pdf, chapter_starts=["Sources"]) == []


def test_a_source_called_twice_in_one_sentence(tmp_path):
    call = '<sup style="font-size: 7pt">[{}]</sup>'
    pdf = pdf_of(tmp_path, f"<p>It killed 30{call.format(1)} and displaced 50{call.format('1,2')}"
                           f" people.</p><p>First 40{call.format(3)}. Then 70{call.format(3)}."
                           "</p><p>A list [4] of [4] on the baseline.</p>")
    assert findings(pdf) == [
        ("repeated-call", 1, "source [1] called again in one sentence: "
                             "'…It killed 30[1] and displaced 50[1,2]'")]


def test_a_number_range_split_at_its_dash(tmp_path):
    pdf = pdf_of(tmp_path, '<p style="width: 22mm">wars 1988–1994</p>'
                           '<p style="width: 22mm">wars 1988 – 1994</p>'
                           '<p style="width: 14mm">A–B–C–D–E</p>')
    assert findings(pdf) == [("split-range", 1, "'1988–' / '1994'")]


def test_a_date_split_across_lines(tmp_path):
    pdf = pdf_of(tmp_path, '<p style="width: 30mm">the report of 4 August 2023 said</p>'
                           '<p style="width: 34mm">it was ngày 14 tháng 9 năm 2022</p>'
                           '<p style="width: 30mm">the report of 4&nbsp;July&nbsp;2023</p>',
                 "@page { size: 100mm 120mm; }")
    assert findings(pdf) == [("split-date", 1, "'the report of 4' / 'August 2023'"),
                             ("split-date", 1, "'it was ngày 14' / 'tháng 9 năm 2022'")]


def test_a_running_head_on_two_lines(tmp_path):
    head = ("@page {{ margin: 15mm 5mm 5mm; @top-left {{ content: '{}'; width: 40mm;"
            " font: 7pt/1.3 sans-serif; vertical-align: bottom; }}"
            " @top-right {{ content: 'Unclassified'; font: 7pt/1.3 sans-serif;"
            " vertical-align: bottom; }} }}")
    margins = (15, 5, 5, 5)
    short = pdf_of(tmp_path, "<p>Text.</p>", head.format("A short running head"))
    assert findings(short, margins_mm=margins) == []
    long = pdf_of(tmp_path, "<p>Text.</p>",
                  head.format("A long running head that needs two lines in its box"))
    assert findings(long, margins_mm=margins) == [
        ("head-lines", 1, "the running head takes 2 lines: A long running head that needs"
                          " / two lines in its box Unclassified")]


def test_a_hyphen_put_in_by_a_line_break_is_found(tmp_path):
    pdf = pdf_of(tmp_path, '<p style="width: 14mm">inter&shy;national and inter-war</p>')
    assert [(f.rule, f.page, f.text) for f in layout.break_hyphens(pdf)] == [
        ("break-hyphen", 1, "'inter‐' copies with its break hyphen")]


# -- the briefs ---------------------------------------------------------------------
# The names the flagship prints, in both languages, with the forms derived from them
# (a break in "Arme-nian" is a break in "Armenia").
FLAGSHIP_NAMES = [
    "Armenia", "Azerbaijan", "Nagorno-Karabakh", "Karabakh", "Artsakh", "Stepanakert",
    "Lachin", "Talish", "Caucasus", "Russia", "Moscow", "Moskva", "Kremlin", "Turkey", "Turkish",
    "Washington", "France", "Germany", "European Union", "Syria", "Libya", "Pakistan",
    "Israeli", "Soviet", "Auckland", "New Zealand", "Minsk", "Pashinyan", "Harutyunyan",
    "Aliyev", "Erdogan", "Blinken", "Macron", "Putin", "Zeynalov", "Tankian",
    "Newshub", "Al Jazeera", "Reuters",
    "Nga", "Thổ Nhĩ Kỳ", "Mỹ", "Pháp", "Liên minh châu Âu",
]
MINIMAL_NAMES = ["Armenia", "Azerbaijan", "Example Press"]
NAMES = {"minimal": MINIMAL_NAMES,
         "flash": ["Armenia", "Azerbaijan", "Example Press Agency", "Defence Ministry"],
         "frame": ["Example Institute", "Example Press", "Jane Doe", "Trần Văn An"],
         "subjects/energy": ["Example River Commission", "Example University"],
         "subjects/health": ["Ministry of Health", "Example Health Agency",
                             "Example Ministry of Health"],
         "subjects/budget": ["City Council", "Example City Council"]}
# One-sided, the only part of a brief that forces a new page (templates/print.css) is a
# section that opens with a map: the flagship's first, and the river brief's (its
# section title is not translated: the fixture has no facts catalog).
CHAPTER_STARTS: list[str] = ["1. The territory and the roots of the dispute",
                             "1. Vùng lãnh thổ và nguồn gốc tranh chấp",
                             "1. Flows and sediment"]
TYPESETTING = {"overlap", "outside", "split-name", "hyphen-ladder", "page-split-word",
               "empty-page", "split-range", "head-lines", "split-date"}


@pytest.fixture(scope="session")
def editions(tmp_path_factory, flagship_dist):
    """Built PDFs by (brief, locale, paper), each built once for the session."""
    built = {("nagorno-karabakh", locale, "a4"): flagship_dist / f"nagorno-karabakh.{locale}.pdf"
             for locale in ("en", "vi")}

    def get(brief: str, locale: str, paper: str):
        if (brief, locale, paper) not in built:
            facts = FLAGSHIP if brief == "nagorno-karabakh" else FIXTURES / f"{brief}.yaml"
            out = tmp_path_factory.mktemp(f"{brief.replace('/', '-')}-{paper}")
            result = run_process("build", facts, "--paper", paper, "--out", out)
            assert result.code == 0, result.err
            for pdf in out.glob("*.pdf"):
                built[(brief, pdf.stem.rsplit(".", 1)[1], paper)] = pdf
        return built[(brief, locale, paper)]

    return get


EDITIONS = [("nagorno-karabakh", locale, paper) for locale in ("en", "vi")
            for paper in ("a4", "letter")] + [
    (brief, "en", paper) for brief in ("minimal", "flash") for paper in ("a4", "letter")] + [
    ("frame", locale, paper) for locale in ("en", "vi") for paper in ("a4", "letter")] + [
    # Briefs on other subjects, in both locales they list (vi mostly in English for want
    # of their facts catalogs, which is what a half-translated edition looks like).
    (f"subjects/{brief}", locale, paper) for brief in ("energy", "health", "budget")
    for locale in ("en", "vi") for paper in ("a4", "letter")]
LONG_WORD = "Verylongpartyname" + "abcdefghij" * 10 + "abc"   # 120 characters


@pytest.mark.parametrize("brief,locale,paper", EDITIONS)
def test_typesetting(editions, brief, locale, paper):
    names = FLAGSHIP_NAMES if brief == "nagorno-karabakh" else NAMES[brief]
    found = [f for f in layout.check(editions(brief, locale, paper), names, CHAPTER_STARTS)
             if f.rule in TYPESETTING]
    assert not found, "\n" + layout.report(found)


@pytest.mark.parametrize("brief,locale,paper", EDITIONS)
def test_one_note_call_per_source_per_sentence(editions, brief, locale, paper):
    found = [f for f in layout.check(editions(brief, locale, paper)) if f.rule == "repeated-call"]
    assert not found, "\n" + layout.report(found)


@pytest.mark.parametrize("brief,locale,paper", EDITIONS)
def test_copy_and_search_find_whole_words(editions, brief, locale, paper):
    found = layout.break_hyphens(editions(brief, locale, paper))
    assert not found, "\n" + layout.report(found)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_long_words_urls_titles_and_labels_stay_in_their_boxes(editions, paper):
    """tests/fixtures/long-words.yaml: a 120-character word in a party name (table
    cells, key-figure cards, chart rows, prose, the title and running head), a long
    hyphenated name, a long URL, long titles and chart labels. Nothing leaves the text
    area or overlaps other text, and every word prints whole, broken only across lines."""
    pdf = editions("long-words", "en", paper)
    found = [f for f in layout.check(pdf) if f.rule in ("overlap", "outside")]
    assert not found, "\n" + layout.report(found)
    text = "".join("".join(c.text for c in page.chars if not c.text.isspace())
                   for page in layout.read_pages(pdf))
    url = ("https://example.org/reports/a-very-long-path-segment-00/a-very-long-path-segment-01"
           "/a-very-long-path-segment-02/a-very-long-path-segment-03/a-very-long-path-segment"
           "-04?query=xxxxxxxxxxxxxxxxxxxx")
    hyphenated = "-".join(["Abcdefghijklmnopqrstuvwxyzabcdefghijklm"] * 3)
    assert text.count(LONG_WORD) >= 10  # title, running head, cards, table, chart, ...
    assert url in text and hyphenated in text


@pytest.fixture(scope="module")
def two_sided(tmp_path_factory):
    """The flagship's English edition on Letter, two-sided."""
    out = tmp_path_factory.mktemp("two-sided")
    result = run_process("build", FLAGSHIP, "--locale", "en", "--paper", "letter",
                         "--two-sided", "--out", out)
    assert result.code == 0, result.err
    return layout.read_pages(out / "nagorno-karabakh.en.pdf")


def test_a_line_before_a_note_call_is_not_cut_short(tmp_path):
    """WeasyPrint 70 ended a line too early before a span that may not wrap: the
    flagship's English edition on Letter, two-sided, set "southern" alone on a line
    before "flank; … had been shelled.[5]", where the paragraph's last word and its
    note call were such a span. The paragraph, as the compiler writes it, laid out at
    that measure: its lines break where the measure does."""
    from weasyprint import HTML

    result = run_process("build", FLAGSHIP, "--locale", "en", "--paper", "letter",
                         "--two-sided", "--format", "html", "--out", tmp_path)
    assert result.code == 0, result.err
    html = (tmp_path / "nagorno-karabakh.en.html").read_text("utf-8")
    at = html.index("in the direction of Talish")
    paragraph = html[html.rindex("<p", 0, at):html.index("</p>", at) + 4]
    alone = html[:html.index("<body")] + f"<body><main>{paragraph}</main></body></html>"
    HTML(string=alone, base_url=str(tmp_path) + "/").write_pdf(tmp_path / "p.pdf")
    lines = ["".join(c.text for c in line.chars).strip()
             for line in layout.lines_of(layout.read_pages(tmp_path / "p.pdf")[0])]
    assert any(line.startswith("southern flank; his press secretary") for line in lines), \
        lines


def test_a_note_call_never_opens_a_line(tmp_path):
    """At every width from 40 to 90 mm the call stays on the line of the word before
    it, even after a full stop, where a line may otherwise break."""
    from briefing.typeset import WORD_JOINER, note_call

    call = note_call([5])
    paragraphs = "".join(
        f'<p style="width: {width}mm">The capital Stepanakert had been shelled.{WORD_JOINER}'
        f'{call} Then more text follows here.</p>' for width in range(40, 91))
    pdf = pdf_of(tmp_path, paragraphs, "@page { size: 120mm 2000mm; }")
    lines = ["".join(c.text for c in line.chars).strip()
             for page in layout.read_pages(pdf) for line in layout.lines_of(page)]
    assert len(lines) > 51 and not any(line.startswith("[") for line in lines)


def test_two_sided_heads_and_page_numbers_sit_at_the_outer_edge(two_sided):
    """Left-hand (even) pages print the title and "Page n of N" on the left, right-hand
    pages on the right; the handling line and the date go towards the fold."""
    def side(page, text: str) -> str:
        for line in layout.lines_of(page):
            found = "".join(c.text for c in line.chars).replace("\u00a0", " ")
            if text in found:
                start = found.index(text)
                return "left" if line.chars[start].left < page.width / 2 else "right"
        raise AssertionError(f"no '{text}' on page {page.number}")

    pages = [page for page in two_sided if page.number > 1 and page.chars]
    assert len(pages) > 8
    for page in pages:
        outer = "left" if page.number % 2 == 0 else "right"
        inner = "right" if outer == "left" else "left"
        assert side(page, f"Page {page.number} of {len(two_sided)}") == outer, page.number
        assert side(page, "Facts as of") == inner, page.number
        if any(c.y > page.height - 22 * layout.PT_PER_MM for c in page.chars if c.inked):
            assert side(page, "The Nagorno-Karabakh conflict") == outer, page.number
            assert side(page, "UNCLASSIFIED") == inner, page.number
