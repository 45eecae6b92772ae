"""Localization: CLDR formatting per locale, catalogs read safely, translations checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from briefing.diagnostics import Collector, Location
from briefing.facts.model import Claim, PartialDate
from briefing.i18n.catalogs import load_catalog, placeholder_problems
from briefing.i18n.completeness import Needed, missing
from briefing.i18n.localizer import Localizer
from briefing.project import Project

from conftest import ROOT



def localizer(locale: str) -> Localizer:
    return Localizer.load(Project(ROOT), locale, Collector(), brief="nagorno-karabakh")


def claim(**fields) -> Claim:
    base = dict(id="c", label="C", metric="killed", sources=("s",))
    return Claim(**{**base, **fields})


@pytest.mark.parametrize("locale, numbers, day, period", [
    ("en", ("120,000", "1,234.5"), "19\u00a0September\u00a02023", "1988–1994"),
    ("vi", ("120.000", "1.234,5"), "ngày\u00a019\u00a0tháng\u00a09\u00a0năm\u00a02023",
     "1988–1994"),
])
def test_numbers_dates_and_intervals_follow_the_locale(locale, numbers, day, period):
    loc = localizer(locale)
    assert (loc.number(120000), loc.number(1234.5)) == numbers
    assert loc.date(PartialDate(2023, 9, 19)) == day
    assert loc.date(PartialDate(2023)) == "2023"
    assert loc.interval(PartialDate(1988, 2), PartialDate(1994)) == period


def test_formats_as_the_house_style_says():
    en, vi = localizer("en"), localizer("vi")
    assert (en.number(120000), vi.number(120000)) == ("120,000", "120.000")
    assert en.date(PartialDate(2023, 9, 19)) == "19\u00a0September\u00a02023"
    assert vi.date(PartialDate(2023, 9, 19)) == "ngày\u00a019\u00a0tháng\u00a09\u00a0năm\u00a02023"  # conventions
    assert vi.date(PartialDate(2023, 9)) == "tháng\u00a09\u00a0năm\u00a02023"


@pytest.mark.parametrize("locale, fields, printed", [
    ("en", dict(value=-1.5, metric="change"), "\u22121.5%"),
    ("vi", dict(value=-1.5, metric="share"), "\u22121,5%"),
    ("en", dict(value=-2500, unit="EUR"), "\u2212€2,500"),
    ("vi", dict(value=-2500, unit="EUR"), "\u22122.500\u00a0€"),
    ("en", dict(value=-65000000, display="compact"), "\u221265\u00a0million"),
    ("vi", dict(low=-3, high=-1), "\u22123–\u22121"),
])
def test_a_negative_figure_has_a_minus_sign_not_a_hyphen(locale, fields, printed):
    assert localizer(locale).figure(claim(**fields)) == printed


@pytest.mark.parametrize("locale, fields, printed", [
    ("en", dict(value=30000, qualifier="about"), "about\u00a030,000"),
    ("vi", dict(value=30000, qualifier="about"), "khoảng\u00a030.000"),
    ("vi", dict(value=200, qualifier="more_than"), "hơn\u00a0200"),
    ("vi", dict(value=5, qualifier="at_least"), "ít nhất\u00a05"),
    ("en", dict(low=30000, high=35000), "30,000–35,000"),
    ("vi", dict(low=30000, high=35000), "30.000–35.000"),
    ("en", dict(value=90, metric="share"), "90%"),
])
def test_figures_carry_their_qualifier_bound_to_the_number(locale, fields, printed):
    assert localizer(locale).figure(claim(**fields)) == printed


def write_po(path: Path, body: str, header_flags: str = "") -> Path:
    path.write_text(
        f'{header_flags}msgid ""\nmsgstr ""\n"Language: vi\\n"\n'
        '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body, "utf-8")
    return path


def test_markup_typed_into_a_translation_is_escaped(tmp_path):
    po = write_po(tmp_path / "messages.po",
                  'msgid "Key points"\nmsgstr "<b>Điểm</b> chính"\n')
    catalog = load_catalog(po, "messages.po", "messages", Collector())
    loc = Localizer("vi", {"messages": catalog})
    assert loc.gettext("Key points") == Markup("&lt;b&gt;Điểm&lt;/b&gt; chính")


def test_a_fuzzy_header_is_an_error_not_a_silently_skipped_catalog(tmp_path):
    po = write_po(tmp_path / "messages.po", 'msgid "A"\nmsgstr "B"\n',
                  header_flags="#, fuzzy\n")
    problems = Collector()
    load_catalog(po, "messages.po", "messages", problems)
    assert [str(d) for d in problems.errors] == [
        "messages.po:1:1: error: catalog header is marked fuzzy, so gettext tools ignore "
        "the whole catalog; remove 'fuzzy' from the header entry"]


def test_missing_fuzzy_and_broken_translations_are_located(tmp_path):
    po = write_po(tmp_path / "facts.po",
                  'msgctxt "paragraph"\nmsgid "War killed {killed} people."\nmsgstr ""\n\n'
                  '#, fuzzy\nmsgctxt "paragraph"\nmsgid "Old text"\nmsgstr "Văn bản cũ"\n\n'
                  'msgctxt "paragraph"\nmsgid "Lost {killed} here"\nmsgstr "Mất ở đây"\n')
    problems = Collector()
    catalog = load_catalog(po, "facts.po", "facts", problems, strict=True)
    assert [str(d) for d in problems.diagnostics] == [
        "facts.po:17:1: error: translation of 'Lost {killed} here' drops the placeholder "
        "{killed}",
    ]
    assert catalog.entries == {}
    # What an edition needs and lacks is named once, at the entry or at the English.
    needs = [Needed("facts", "paragraph", text, Location("brief.yaml", line, 9))
             for text, line in (("War killed {killed} people.", 3), ("Old text", 4),
                                ("Lost {killed} here", 5), ("New text", 6),
                                ("Old text", 7))]
    found = missing(needs, {"facts": catalog})
    assert [f"{where}: {message}" for where, message in found] == [
        "facts.po:8:1: untranslated translation of 'War killed {killed} people.' "
        "(context 'paragraph')",
        "facts.po:13:1: fuzzy translation of 'Old text' (context 'paragraph')",
        "brief.yaml:6:9: 'New text' (context 'paragraph') has no entry in facts.po; run "
        "'make update-locales'",
    ]


@pytest.mark.parametrize("msgid, msgstr, problems", [
    ("{a} and {b}", "{b} và {a}", []),
    ("{a} and {b}", "{a} và {a}", ["drops the placeholder {b}",
                                   "adds the placeholder {a}, which the English does not have"]),
    ("{a}", "{a-renamed}", ["drops the placeholder {a}",
                            "adds the placeholder {a-renamed}, which the English does not have"]),
    ("On {date:2020-09-27}", "Ngày {date:2020-09-28}", [
        "drops the placeholder {date:2020-09-27}",
        "adds the placeholder {date:2020-09-28}, which the English does not have"]),
    ("Figure %(n)s", "Hình", ["drops the placeholder %(n)s"]),
    ("Figure %(n)s", "Hình %(n)s %(x)s", ["adds the placeholder %(x)s, which the English "
                                         "does not have"]),
    ("{a}", "{a", ["has a malformed placeholder: unmatched '{'; write '{{' for a literal "
                   "brace"]),
])
def test_placeholder_checks(msgid, msgstr, problems):
    assert placeholder_problems(msgid, msgstr) == problems


def test_catalog_text_is_read_as_nfc(tmp_path):
    decomposed = "Vie\u0302\u0323t"  # Việt, decomposed
    po = write_po(tmp_path / "messages.po", f'msgid "Vietnamese"\nmsgstr "{decomposed}"\n')
    catalog = load_catalog(po, "messages.po", "messages", Collector())
    assert catalog.lookup("Vietnamese").strings == ("Việt",)


def test_plural_forms_follow_the_catalog_and_an_empty_form_is_untranslated(tmp_path):
    po = tmp_path / "messages.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "%(num)s source"\nmsgid_plural "%(num)s sources"\n'
        'msgstr[0] "%(num)s source"\nmsgstr[1] "%(num)s sources"\n\n'
        'msgid "%(num)s page"\nmsgid_plural "%(num)s pages"\n'
        'msgstr[0] "%(num)s page"\nmsgstr[1] ""\n', "utf-8")
    problems = Collector()
    catalog = load_catalog(po, "messages.po", "messages", problems)
    loc = Localizer("fr", {"messages": catalog})
    assert loc.ngettext("%(num)s source", "%(num)s sources", 1) % {"num": 1} == "1 source"
    assert loc.ngettext("%(num)s source", "%(num)s sources", 0) % {"num": 0} == "0 source"
    assert loc.ngettext("%(num)s source", "%(num)s sources", 5) % {"num": 5} == "5 sources"
    # Never the English singular for a missing plural form (Babel's write_mo would).
    assert catalog.lookup("%(num)s page") is None
    assert catalog.stats["untranslated"] == 1


def test_vietnamese_has_one_plural_form(pdf_text):
    assert "từ 5 nguồn" in " ".join(pdf_text["vi"].split()).lower()


@pytest.mark.parametrize("locale, printed", [("zh", "100万"), ("ja", "100万"),
                                             ("ko", "100만"), ("en", "1\u00a0million")])
def test_a_locale_without_long_compact_forms_writes_its_short_ones(locale, printed):
    """CLDR gives Chinese, Japanese and Korean no long compact form: a chart's
    "1 million" tick ended in KeyError: 'long', a traceback."""
    from briefing.diagnostics import Collector
    from briefing.i18n.localizer import Localizer
    from briefing.project import Project

    assert Localizer.load(Project(ROOT), locale, Collector()).compact(1_000_000) == printed


@pytest.mark.parametrize("locale, printed", [("en", "90%"), ("vi", "90%"),
                                             ("fr", "90\u00a0%"), ("de", "90\u00a0%")])
def test_a_percent_is_written_as_the_locale_writes_it(locale, printed):
    """The percent pattern was fixed as '#,##0%': French printed '90%' for '90 %'."""
    from briefing.diagnostics import Collector
    from briefing.i18n.localizer import Localizer
    from briefing.project import Project

    loc = Localizer.load(Project(ROOT), locale, Collector())
    assert loc.with_unit("90", "percent", 90) == printed
