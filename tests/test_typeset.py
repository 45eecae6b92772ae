"""The typesetting made in the text: the spans that keep the names a brief knows whole
on the page, note calls thinned, long words marked."""

import re

import pytest
from markupsafe import Markup

from briefing.typeset import protect_names
from conftest import ROOT


def test_a_hyphenated_name_is_kept_on_one_line_and_a_plain_one_needs_no_span():
    assert protect_names("Nagorno-Karabakh and Azerbaijan; Azerbaijan’s army",
                         ["Nagorno-Karabakh", "Azerbaijan"]) == (
        '<span class="nobreak">Nagorno-Karabakh</span> and Azerbaijan; Azerbaijan’s army')


def test_not_inside_a_longer_word():
    # "Armenian-born" is another word: it is protected only if it is itself a name.
    assert protect_names("Armenian-born troops", ["Armenian-b"]) == "Armenian-born troops"
    assert protect_names("Armenian-born troops", ["Armenian-b", "Armenian-born"]) == (
        '<span class="nobreak">Armenian-born</span> troops')


def test_longest_name_first():
    assert protect_names("Nagorno-Karabakh, or Karabakh-Nagorno",
                         ["Karabakh", "Nagorno-Karabakh", "Karabakh-Nagorno"]) == (
        '<span class="nobreak">Nagorno-Karabakh</span>, '
        'or <span class="nobreak">Karabakh-Nagorno</span>')


def test_a_name_of_several_words_keeps_each_hyphenated_word_whole():
    assert protect_names("the Azerbaijan–New Zealand and Bosnia and Herzegovina-Serbia "
                         "society", ["New Zealand", "Bosnia and Herzegovina-Serbia"]) == (
        'the Azerbaijan–New Zealand and Bosnia and '
        '<span class="nobreak">Herzegovina-Serbia</span> society')


def test_a_name_typed_with_a_soft_hyphen_is_never_hyphenated_there():
    assert protect_names("In Kara\u00adbakh today", ["Kara\u00adbakh"]) == (
        '<span class="name">Kara\u00adbakh</span> today'.join(["In ", ""]))


def test_text_is_escaped_and_names_are_text_too():
    result = protect_names('<b>AT&T-Verizon</b> & "Q&A"', ["AT&T-Verizon"])
    assert isinstance(result, Markup)
    assert result == ('&lt;b&gt;<span class="nobreak">AT&amp;T-Verizon</span>&lt;/b&gt; '
                      '&amp; &#34;Q&amp;A&#34;')


def test_nfc_on_both_sides():
    decomposed = "Tho\u0302\u0309-Nhi\u0303 Ky\u0300"   # "Thổ-Nhĩ Kỳ" typed in NFD
    assert protect_names(f"{decomposed} ủng hộ", ["Thổ-Nhĩ Kỳ"]) == (
        '<span class="nobreak">Thổ-Nhĩ</span> Kỳ ủng hộ')
    assert protect_names("Thổ-Nhĩ Kỳ ủng hộ", [decomposed]) == (
        '<span class="nobreak">Thổ-Nhĩ</span> Kỳ ủng hộ')


def test_no_names_only_escapes():
    assert protect_names("a < b", []) == "a &lt; b"
    assert protect_names("a < b", ["", "  "]) == "a &lt; b"


def test_refuses_html():
    with pytest.raises(TypeError):
        protect_names(Markup("<i>Armenia</i>"), ["Armenia"])


# -- note calls, once per source per sentence (render/view.py) --------------------------
def test_a_source_is_called_once_a_sentence_and_again_in_the_next(tmp_path):
    """The rule users get: a figure calls its sources unless the sentence has called
    them already; the paragraph's own sources close it, less those called."""
    from conftest import FIXTURES, edition_view

    text = (FIXTURES / "minimal.yaml").read_text("utf-8").replace(
        '      - text: "First {killed-first}, later {killed-revised}."',
        '      - text: "It killed {killed-war}, then {killed-first}. Later {killed-first}."\n'
        '        sources: [report, unnamed]')
    (tmp_path / "brief.yaml").write_text(text, "utf-8")
    view = edition_view(tmp_path / "brief.yaml", "en")
    paragraph = str(view.sections[0].paragraphs[1])
    calls = re.findall(r'data-claim="([\w-]+)">[^<]*(?:<a class="cite" href="#source-(\d)">)?',
                       paragraph)
    # killed-war and killed-first both cite [report] (source 1): called by the first
    # figure only; the next sentence calls it again; the closing call names [unnamed].
    assert calls == [("killed-war", "1"), ("killed-first", ""), ("killed-first", "1")]
    assert paragraph.endswith('<a class="cite" href="#source-2">[2]</a>')


from briefing.typeset import SIZED_CLASSES, SIZED_TAGS, typeset_words  # noqa: E402

HEAD = '<!DOCTYPE html><html><head><title>Averyveryverylongtitle</title>' \
       '<style>.averyveryverylongselector { color: red }</style></head>'


def cell(inner: str) -> str:
    return f"<body><table><tr><td>{inner}</td></tr></table></body></html>"


def test_a_word_of_13_characters_is_marked_and_one_of_12_is_not():
    html = HEAD + cell("Thirteenchars twelvechars, Hydroelectricity")
    assert typeset_words(html) == HEAD + cell(
        '<span class="long-word">Thirteenchars</span> twelvechars, '
        '<span class="long-word">Hydroelectricity</span>')


def test_only_boxes_sized_to_their_content_are_marked():
    """Table cells and floats without a width; not running text or a card (a float a
    third of the measure wide), whose lines break a word wider than them anyway
    (overflow-wrap: break-word)."""
    html = HEAD + ('<body><p>Hydroelectricity in a paragraph</p>'
                   '<table><tr><th>Hydroelectricity</th><td><p>In a '
                   '<b>Hydroelectricity</b> cell</p></td></tr></table>'
                   '<div class="card revised"><p>Hydroelectricity</p><br></div>'
                   '<p class="dateline"><span class="handling">Hydroelectricity</span> '
                   'Hydroelectricity</p><ul><li>Hydroelectricity</li></ul></body></html>')
    assert typeset_words(html) == HEAD + (
        '<body><p>Hydroelectricity in a paragraph</p>'
        '<table><tr><th><span class="long-word">Hydroelectricity</span></th><td><p>In a '
        '<b><span class="long-word">Hydroelectricity</span></b> cell</p></td></tr></table>'
        '<div class="card revised"><p>Hydroelectricity</p>'
        '<br></div><p class="dateline"><span class="handling"><span class="long-word">'
        'Hydroelectricity</span></span> Hydroelectricity</p>'
        '<ul><li>Hydroelectricity</li></ul></body></html>')


def test_every_box_of_the_stylesheet_sized_to_its_content_is_a_sized_box():
    """A float or inline block of print.css with no width shrinks to its content: its
    class must be one the compiler marks long words in; and no flex or grid box (whose
    items would be sized to their content) is used."""
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "templates" / "print.css").read_text("utf-8"),
                 flags=re.S)
    shrinking = [selector for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
                 if re.search(r"(?<![-\w])(float:\s*(left|right)|display:\s*inline-block)",
                              body) and not re.search(r"(?<![-\w])width:", body)]
    assert shrinking, "the masthead has floats"
    for selector in shrinking:
        for one in selector.split(","):
            last = one.split()[-1]
            assert last in SIZED_TAGS or set(re.findall(r"\.([\w-]+)", last)) & SIZED_CLASSES, one
    assert not re.search(r"display:\s*(inline-)?(flex|grid)\b", css)


def test_only_the_text_of_the_body_is_marked():
    svg = '<svg><text>Averyveryverylongtext</text></svg>'
    html = (HEAD + '<body class="averyveryverylongclass"><table><tr><td>'
            '<a href="https://example.org/averyverylongpath">link</a>'
            f'{svg}<script>averyveryverylongname()</script></td></tr></table></body></html>')
    assert typeset_words(html) == html


def test_an_entity_is_one_character_and_a_no_break_space_joins_words():
    html = HEAD + cell("&lt;b&gt;tags&lt;/b&gt; x&amp;y "
                       "19&nbsp;September&nbsp;2023 ngày\u00a019\u00a0tháng\u00a09")
    assert typeset_words(html) == HEAD + cell(
        "&lt;b&gt;tags&lt;/b&gt; x&amp;y "
        '<span class="long-word">19&nbsp;September&nbsp;2023</span> '
        '<span class="long-word">ngày\u00a019\u00a0tháng\u00a09</span>')


def test_the_first_word_of_a_status_keeps_its_styled_first_letter():
    html = HEAD + cell('<span class="status">unconfirmedfigure, unconfirmedfigure</span>')
    assert typeset_words(html) == HEAD + cell(
        '<span class="status">unconfirmedfigure, '
        '<span class="long-word">unconfirmedfigure</span></span>')


def test_a_document_without_a_body_is_left_as_it_is():
    assert typeset_words("<td>Averyveryverylongword</td>") == "<td>Averyveryverylongword</td>"


def test_a_name_kept_on_one_line_is_not_marked():
    html = HEAD + cell(str(protect_names("In Nagorno-Karabakh-Republic now",
                                         ["Nagorno-Karabakh-Republic"])))
    assert typeset_words(html) == html


def test_a_number_range_is_joined_after_its_dash_and_nothing_else_is():
    """"1988–" / "1994" is no line break a reader wants; a spaced range and a dash
    between words still break, and the title and drawings keep their text."""
    text = ("The wars of 1988–1994 and 17–18 million; 12 July 2020 – 25 July 2020; "
            "the Armenia–Azerbaijan talks; 2–3–4")
    html = (f"<!DOCTYPE html><html><head><title>1988–1994</title></head><body><p>{text}</p>"
            "<svg><text>1988–1994</text></svg></body></html>")
    assert typeset_words(html) == (
        "<!DOCTYPE html><html><head><title>1988–1994</title></head><body><p>"
        "The wars of 1988–\u20601994 and 17–\u206018 million; 12 July 2020 – 25 July 2020; "
        "the Armenia–Azerbaijan talks; 2–\u20603–\u20604"
        "</p><svg><text>1988–1994</text></svg></body></html>")


def test_a_typed_date_in_the_editions_language_is_bound_like_a_generated_one():
    """"Flash update: the border clashes of September 2022" broke before its year in a
    title; a date typed in the edition's long form is read as one, as the dates the
    compiler writes are. Text that only looks like part of one is left alone."""
    from briefing.diagnostics import Collector
    from briefing.i18n.localizer import Localizer
    from briefing.project import Project

    from conftest import ROOT

    def loc(locale):
        return Localizer.load(Project(ROOT), locale, Collector(), brief="nagorno-karabakh")

    html = ("<body><h1>The clashes of September 2022</h1><p>On 4 July 2023, in May of "
            "2023 and on 19 Sept 2023.</p><svg><text>September 2022</text></svg></body>")
    assert typeset_words(html, loc("en").typed_dates()) == (
        "<body><h1>The clashes of September\u00a02022</h1><p>On 4\u00a0July\u00a02023, in "
        "May of 2023 and on 19 Sept 2023.</p><svg><text>September 2022</text></svg></body>")
    html = "<body><p>hồi tháng 9 năm 2022, ngày 14 tháng 9 năm 2022 và năm 2020</p></body>"
    assert typeset_words(html, loc("vi").typed_dates()) == (
        "<body><p>hồi tháng\u00a09\u00a0năm\u00a02022, ngày\u00a014\u00a0tháng\u00a09"
        "\u00a0năm\u00a02022 và năm 2020</p></body>")
