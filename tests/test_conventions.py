"""Locale conventions as data, English fallbacks and note calls, as a reader sees them.

Every expected string is written out: Vietnamese as its editors write it, never
computed by calling Babel.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefing.diagnostics import Collector
from briefing.facts.model import Claim, PartialDate
from briefing.i18n.conventions import load_conventions
from briefing.i18n.localizer import Localizer
from briefing.project import Project

from conftest import FIXTURES, ROOT, edition_view

SECOND = FIXTURES / "second-brief" / "mekong-floods.yaml"
HEADER = ('msgid ""\nmsgstr ""\n"Language: vi\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
# Part of the second brief translated; the second paragraph is left in English.
FLOODS_VI = HEADER + """\
msgctxt "brief title"
msgid "The Mekong floods of 2000"
msgstr "Lũ lụt sông Mê Kông năm 2000"

msgctxt "key point text"
msgid "{displaced-floods} people left their homes in {date:2000-09,2000-10}."
msgstr "{displaced-floods} người phải rời bỏ nhà cửa vào {date:2000-09,2000-10}."

msgctxt "paragraph text"
msgid "The river rose {date:2000-07/2000-11} and killed {killed-floods} people."
msgstr "Nước sông dâng cao {date:2000-07/2000-11} và khiến {killed-floods} người thiệt mạng."

msgctxt "timeline text"
msgid "The water stands highest."
msgstr "Nước lên cao nhất."
"""


def plain(html) -> str:
    """What a reader sees of an HTML fragment: no tags, ordinary spaces, no word
    joiners (they print nothing)."""
    return " ".join(re.sub(r"<[^>]+>", "", str(html)).replace("\u2060", "").split())


def D(text: str) -> PartialDate:
    return PartialDate.parse(text)


def vi() -> Localizer:
    return Localizer.load(Project(ROOT), "vi", Collector(), brief="nagorno-karabakh")


@pytest.fixture
def floods(tmp_path) -> Path:
    """A project root holding the shipped conventions, the Vietnamese messages and a
    partly translated catalog of the second brief."""
    (tmp_path / "locales" / "vi" / "LC_MESSAGES" / "facts").mkdir(parents=True)
    for name in ("conventions.toml", "LC_MESSAGES/messages.po"):
        shutil.copy(ROOT / "locales" / "vi" / name, tmp_path / "locales" / "vi" / name)
    (tmp_path / "locales" / "vi" / "LC_MESSAGES" / "facts" / "mekong-floods.po") \
        .write_text(FLOODS_VI, "utf-8")
    shutil.copytree(ROOT / "locales" / "en", tmp_path / "locales" / "en")
    return tmp_path


def test_vietnamese_dates_in_prose_and_in_tables():
    loc = vi()
    assert loc.date(D("2023-09-19")) == "ngày\u00a019\u00a0tháng\u00a09\u00a0năm\u00a02023"
    assert loc.date(D("2023-09")) == "tháng\u00a09\u00a0năm\u00a02023"
    assert loc.date(D("2023-09-19"), "short") == "19/9/2023"
    assert loc.date(D("1988-02"), "short") == "2/1988"
    assert loc.date(D("1994"), "short") == "1994"


def test_vietnamese_pairs_and_ranges_are_one_phrase():
    loc = vi()
    # each date's words bound by no-break spaces; the words between dates are not
    assert loc.date_pair(D("2023-03"), D("2023-04")) == \
        "tháng\u00a03 và tháng\u00a04\u00a0năm\u00a02023"
    assert loc.date_pair(D("2022-12"), D("2023-01")) == \
        "tháng\u00a012\u00a0năm\u00a02022 và tháng\u00a01\u00a0năm\u00a02023"
    assert loc.interval(D("2020-09"), D("2020-11")) == \
        "từ tháng\u00a09 đến tháng\u00a011\u00a0năm\u00a02020"
    assert loc.interval(D("2020-09-27"), D("2020-11-10")) == \
        "từ ngày\u00a027\u00a0tháng\u00a09 đến ngày\u00a010\u00a0tháng\u00a011\u00a0năm\u00a02020"
    assert loc.interval(D("1988"), D("1994")) == "1988–1994"


def test_english_keeps_cldr_where_its_conventions_say_nothing():
    loc = Localizer.load(Project(ROOT), "en", Collector())
    assert loc.date(D("2023-09-19")) == "19\u00a0September\u00a02023"
    assert loc.date(D("2023-09-19"), "short") == "19\u00a0September\u00a02023"
    assert loc.date_pair(D("2023-03"), D("2023-04")) == "March and April\u00a02023"
    assert loc.date_pair(D("2022-12"), D("2023-01")) == "December\u00a02022 and January\u00a02023"
    assert loc.number(1_000_000) == "1,000,000"
    assert loc.language_name("vi") == "Vietnamese"


def test_vietnamese_language_names_and_compact_figures():
    loc = vi()

    def figure(value, **fields):
        claim = Claim(id="c", label="C", metric="killed", sources=("s",), value=value,
                      **fields)
        return loc.figure(claim).replace("\u00a0", " ")

    assert loc.language_name("en") == "tiếng Anh"
    assert [figure(n) for n in (1_000_000, 1_500_000, 65_000_000, 2_500_000_000)] == \
        ["1 triệu", "1,5 triệu", "65 triệu", "2,5 tỷ"]
    assert figure(1_000_000, qualifier="more_than") == "hơn 1 triệu"
    # Not round enough to say in words, or below a million: digits.
    assert [figure(n) for n in (1_234_567, 120_000, 999_999)] == \
        ["1.234.567", "120.000", "999.999"]
    # A claim that asks for its digits keeps them.
    assert figure(1_000_000, display="full") == "1.000.000"


def test_the_second_brief_in_vietnamese_as_a_reader_sees_it(floods):
    view = edition_view(SECOND, "vi", floods)
    key_point = plain(view.key_points[0])
    # Generated text opening a sentence is capitalized; two months of one year are
    # one phrase; a round million is said in words.
    assert key_point == "Hơn 1 triệu[1] người phải rời bỏ nhà cửa vào tháng 9 và " \
                        "tháng 10 năm 2000."
    first, second = (str(p) for p in view.sections[0].paragraphs)
    assert plain(first) == (
        "Nước sông dâng cao từ tháng 7 đến tháng 11 năm 2000 và khiến khoảng 800[1] "
        "người thiệt mạng.[2]")  # [1] called once in the sentence, by its figure
    # The untranslated paragraph: English figures and dates, tagged as English.
    assert second.startswith('<span lang="en-US">The water stood highest on 23\u00a0September'
                             '\u00a02000; <span class="figure" data-claim="killed-floods">'
                             'about\u00a0800<a class="cite" href="#source-1">[1]</a>')
    assert view.timeline[0].date == "9/2000"
    assert [s.language for s in view.sources] == ["tiếng Anh", "tiếng Việt"]
    assert [s.date for s in view.sources] == ["2/11/2000", "1/2001"]
    # The masthead and footers write it in full, as the publication date beside it.
    assert view.as_of == "ngày\u00a015\u00a0tháng\u00a03\u00a0năm\u00a02001"
    # A cell opens with a capital; the same figure inside a sentence (alt texts) does not.
    assert view.key_figures[0].figure == "hơn\u00a01\u00a0triệu"
    assert view.cell(view.key_figures[0].figure) == "Hơn\u00a01\u00a0triệu"


def test_a_source_is_called_once_per_sentence_in_english_too(floods):
    view = edition_view(SECOND, "en", floods)
    first, second = (plain(p) for p in view.sections[0].paragraphs)
    assert first == "The river rose July – November 2000 and killed about 800[1] people.[2]"
    assert second == "The water stood highest on 23 September 2000; about 800[1] people " \
                     "had died by then.[2]"
    key_point = plain(view.key_points[0])
    assert key_point == "More than 1,000,000[1] people left their homes in September and " \
                        "October 2000."


def test_a_word_the_translation_already_says_before_a_date_is_not_repeated(tmp_path):
    view_root = tmp_path
    (view_root / "locales" / "vi" / "LC_MESSAGES" / "facts").mkdir(parents=True)
    for name in ("conventions.toml", "LC_MESSAGES/messages.po"):
        shutil.copy(ROOT / "locales" / "vi" / name, view_root / "locales" / "vi" / name)
    (view_root / "locales" / "vi" / "LC_MESSAGES" / "facts" / "mekong-floods.po").write_text(
        HEADER + 'msgctxt "paragraph text"\nmsgid "The water stood highest on '
        '{date:2000-09-23}; {killed-floods} people had died by then."\nmsgstr "Nước lên cao '
        'nhất vào ngày {date:2000-09-23}; khi đó {killed-floods} người đã thiệt mạng."\n',
        "utf-8")
    view = edition_view(SECOND, "vi", view_root)
    second = plain(view.sections[0].paragraphs[1])
    assert second == "Nước lên cao nhất vào ngày 23 tháng 9 năm 2000; khi đó khoảng 800[1] " \
                     "người đã thiệt mạng.[2]"


def errors_of(path, text: str) -> list[str]:
    """The diagnostics of a conventions file holding ``text``, as printed."""
    path.write_text(text, "utf-8")
    problems = Collector()
    load_conventions(path, "conventions.toml", problems)
    return [str(d) for d in problems.diagnostics]


def test_a_bad_conventions_file_is_reported_with_its_lines(tmp_path):
    path = tmp_path / "conventions.toml"
    text = '[dates.long]\nday = 3\nweek = "w"\n\n[text]\nlanguage_names = "upper"\n[colours]\n'
    assert sorted(errors_of(path, text)) == [
        "conventions.toml:2:1: error: 'dates.long.day' must be a string",
        "conventions.toml:3:1: error: unknown key 'dates.long.week'; expected one of day, "
        "month, year",
        "conventions.toml:6:1: error: 'text.language_names' must be one of 'as-is', "
        "'lowercase'",
        "conventions.toml:7:1: error: unknown table [colours]; expected [dates], [text], "
        "[numbers], [figures]",
    ]
    assert errors_of(path, '[text]\ncapitalize_cells = \n') == [
        "conventions.toml:2:20: error: invalid TOML: Invalid value"]


def test_a_bad_figure_allowance_is_reported_with_its_line(tmp_path):
    path = tmp_path / "conventions.toml"
    assert errors_of(path, '[figures]\nallowed = [\n  "tháng {1-12}",\n  "tháng",\n'
                           '  "thứ {7-2}",\n  "quý {1-4} 2",\n]\n') == [
        "conventions.toml:4:1: error: 'figures.allowed' entry 'tháng' holds no slot "
        "{low-high} for its number, as in \"tháng {1-12}\"",
        "conventions.toml:5:1: error: 'figures.allowed' entry 'thứ {7-2}' has a slot whose "
        "low end is above its high end",
        "conventions.toml:6:1: error: 'figures.allowed' entry 'quý {1-4} 2' holds a digit "
        "outside its slots"]
    assert errors_of(path, '[figures]\nallowed = "tháng {1-12}"\n') == [
        "conventions.toml:2:1: error: 'figures.allowed' must be a list of strings"]


def test_a_number_range_is_never_an_allowance(tmp_path):
    """'{0-9999}' let a translation print any number up to 9999 as if no figure."""
    path = tmp_path / "conventions.toml"
    assert errors_of(path, '[figures]\nallowed = [\n  "{0-9999}",\n  "{1-12}",\n'
                           '  "quý {1-400}",\n]\n') == [
        "conventions.toml:3:1: error: 'figures.allowed' entry '{0-9999}' has a slot of "
        "more than 100 numbers; a slot stands for a day, a month, an ordinal, never a "
        "range of figures",
        "conventions.toml:4:1: error: 'figures.allowed' entry '{1-12}' holds no word; a "
        "number alone is a figure, which prints through its claim",
        "conventions.toml:5:1: error: 'figures.allowed' entry 'quý {1-400}' has a slot of "
        "more than 100 numbers; a slot stands for a day, a month, an ordinal, never a "
        "range of figures"]


def test_date_and_range_patterns_are_parsed_before_anything_formats_them(tmp_path):
    """Each pattern once reached str.format or Babel unparsed: '{third}' and a stray
    brace ended in tracebacks, '{first.__class__.__mro__}' printed Python's class names,
    '{first:>99999999}' hung, hours ended in an AttributeError, an open quote printed
    every date empty, a literal number printed after every date."""
    path = tmp_path / "conventions.toml"
    text = ('[dates.long]\nday = "d MMMM y HH:mm"\nmonth = "\'tháng M y"\n'
            'year = "y \'2023\'"\n'
            '[dates.short]\nday = "M/y"\n'
            '[dates.range]\nday = "{first} {third}"\nmonth = "{first} } {second}"\n'
            'year = "{first.__class__.__mro__}{second}"\n')
    assert errors_of(path, text) == [
        "conventions.toml:2:1: error: 'dates.long.day' uses the field 'HH', which is no "
        "part of a date; a date pattern has d (day), M or L (month), y (year), E (weekday) "
        "and words in quotes",
        "conventions.toml:3:1: error: 'dates.long.month' has a quote that is not closed; "
        "write '' for a quote sign",
        "conventions.toml:4:1: error: 'dates.long.year' holds a digit or a brace outside "
        "its fields; a date prints only its own numbers",
        "conventions.toml:6:1: error: 'dates.short.day' does not show the day (d)",
        "conventions.toml:8:1: error: 'dates.range.day' holds '{third}'; a range holds "
        "{first} and {second} only",
        "conventions.toml:9:1: error: 'dates.range.month' has a brace that is no {first} "
        "or {second}; write a literal brace as {{ or }}",
        "conventions.toml:10:1: error: 'dates.range.year' holds "
        "'{first.__class__.__mro__}'; a range holds {first} and {second} only"]
    assert errors_of(path, '[dates.range]\nday = "{first:>99999999} {second}"\n') == [
        "conventions.toml:2:1: error: 'dates.range.day' holds '{first:>99999999}'; a range "
        "holds {first} and {second} only"]


def test_toml_nested_too_deep_is_an_error_not_a_recursion(tmp_path):
    path = tmp_path / "conventions.toml"
    text = '[text] # a [comment [ ["\n' + 'x = "[[[[" \nz = ' + "[" * 50_000 + "]" * 50_000
    assert errors_of(path, text + "\n") == [
        "conventions.toml:3:25: error: TOML nested more than 20 levels deep; conventions "
        "need two"]


def test_the_list_of_inferred_dates_gives_them_in_their_short_form(flagship_dist):
    """A list with a date column, like a table: "19/9/2023†", which fits its 32 mm
    column, where "ngày 19 tháng 9 năm 2023†" broke before its year."""
    import layout

    def date_column(locale: str, heading: str) -> list[str]:
        for page in layout.read_pages(flagship_dist / f"nagorno-karabakh.{locale}.pdf"):
            text = "".join(c.text for c in page.chars)
            if heading not in text:
                continue
            top = page.chars[text.index(heading)].y
            column = [c for c in page.chars if c.y < top - 1 and c.inked
                      and c.left < (24 + 32) * layout.PT_PER_MM]
            rows: dict[float, list] = {}
            for char in column:
                rows.setdefault(round(char.y), []).append(char)
            return ["".join(c.text for c in sorted(row, key=lambda c: c.left))
                    for _, row in sorted(rows.items(), reverse=True)][:6]
        raise AssertionError(f"no '{heading}'")

    assert date_column("vi", "Ngày tháng do báo cáo này suy ra") == [
        "2020†", "9/2020†", "13/9/2022†", "3/2023†", "9/2023†", "19/9/2023†"]
    assert date_column("en", "Dates inferred by this brief") == [
        "2020†", "September2020†", "13September2022†", "March2023†", "September2023†",
        "19September2023†"]


def test_a_period_in_a_table_is_written_with_the_tables_dates():
    """The figures table's group headings: "Đụng độ biên giới năm 2022 (13/9/2022†)",
    not the running text's "(ngày 13 tháng 9 năm 2022†)"."""
    loc = vi()
    assert loc.interval(D("2020-09-27"), D("2020-11-10"), style="short") == \
        "27/9/2020–10/11/2020"
    assert loc.interval(D("2022-09-13"), None, style="short") == "13/9/2022"
    assert loc.interval(D("1988"), D("1994"), style="short") == "1988–1994"
    assert loc.interval(D("2020-09"), None, ongoing=True, style="short") == "từ 9/2020"
    english = Localizer.load(Project(ROOT), "en", Collector())  # no short form of its own
    assert english.interval(D("2020-09-27"), D("2020-11-10"), style="short") == \
        english.interval(D("2020-09-27"), D("2020-11-10"))


def test_the_flagships_table_headings_use_the_short_dates(pdf_text):
    assert "Đụng độ biên giới năm 2022 (13/9/2022†)" in " ".join(pdf_text["vi"].split())
