"""Bad catalogs: each has a located diagnostic and exit status 2, never a traceback."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, ROOT

PO = "locales/vi/LC_MESSAGES/messages.po"
EXPECTED = {
    "binary.po": [f"{PO}:1:1: error: catalog is binary, not a .po file"],
    # A translation adds no figure of its own: each number its English lacks is an
    # error where it stands, in any script or form; the English's own numbers, years,
    # number words and the numbers conventions.toml allows (tháng 4, ngày 19 tháng 9,
    # 19/9, thứ 2) are not.
    "figures.po": [f"{PO}:{line}:{col}: error: translation of '{msgid}' adds the figure "
                   f"'{figure}', which the English does not have; a figure prints through "
                   "its claim's placeholder (numbers that are no figure: [figures] allowed, "
                   "in the locale's conventions.toml)"
                   for line, col, msgid, figure in [
                       (9, 21, "Figure %(n)s", "987.654"),
                       (12, 16, "Sources", "４０００"),
                       (17, 14, "Notes", "987"),
                       (20, 18, "Contents", "1,5"),
                       (29, 25, "Timeline", "13"),
                       (29, 35, "Timeline", "9"),
                       (32, 24, "Key figures", "½"),
                       (32, 27, "Key figures", "٣"),
                       (32, 30, "Key figures", "1e6"),
                       (32, 35, "Key figures", "4 000"),
                       (32, 53, "Key figures", "²"),
                       (37, 32, "%(num)s source", "3"),
                       # after \" and \\ (one character each) and \0 (two: Babel keeps it)
                       (40, 25, "Contents of the brief", "0")]],
    # Between backticks a translation could print any number: a name keeps its digits
    # only when the English writes the same name.
    "backticks.po": [f"{PO}:8:19: error: translation of 'Legend' adds the figure "
                     "'30.000', which the English does not have; a figure prints through "
                     "its claim's placeholder (numbers that are no figure: [figures] "
                     "allowed, in the locale's conventions.toml)"],
    # A placeholder is written exactly as the English writes it: "%(n).2s" printed
    # "khoảng 30" for about 30,000, "%(list)r" quotes, a huge width never ends.
    "placeholder-spec.po": [
        f"{PO}:{line}:1: error: translation of '{msgid}' writes the placeholder {spec} "
        f"where the English writes {english}; keep each placeholder exactly as the "
        "English writes it" for line, msgid, spec, english in [
            (8, "Figure %(n)s", "%(n).2s", "%(n)s"),
            (11, "Sources: %(list)s", "%(list)r", "%(list)s"),
            (14, "Page %(page)s of %(pages)s", "%(page)999999999s", "%(page)s")]],
    "koi8r.po": [f"{PO}:1:1: error: catalog header declares charset=KOI8-R, but catalogs "
                 "are read as UTF-8; save it as UTF-8 and write charset=UTF-8 in its "
                 "Content-Type"],
    "utf16.po": [f"{PO}:1:1: error: catalog is saved as UTF-16; save it as UTF-8"],
    "fuzzy-header.po": [f"{PO}:1:1: error: catalog header is marked fuzzy, so gettext tools "
                        "ignore the whole catalog; remove 'fuzzy' from the header entry"],
    "latin1.po": [f"{PO}:8:11: error: invalid UTF-8 (byte 0xe1); save the catalog as UTF-8"],
    "placeholder.po": [
        f"{PO}:8:1: error: translation of 'Figure %(n)s' drops the placeholder %(n)s",
        f"{PO}:11:1: error: translation of 'Sources: %(list)s' adds the placeholder "
        "%(danh_sach)s, which the English does not have",
        f"{PO}:11:1: error: translation of 'Sources: %(list)s' drops the placeholder %(list)s",
    ],
    "control.po": [f"{PO}:8:1: error: translation of 'Figure %(n)s': control character "
                   "U+0007 in text; remove it (it prints as a box and breaks the PDF's "
                   "metadata)"],
    "duplicate.po": [f"{PO}:10:1: error: invalid .po syntax: duplicate message definition "
                     "(first at line 8)"],
    "percent.po": [f"{PO}:8:1: error: translation of 'Figure %(n)s' has a '%' that is no "
                   "placeholder; write '%%' for a percent sign"],
    "plural-deep.po": [f"{PO}:1:1: error: Plural-Forms expression '{'(' * 59}…' is "
                       "invalid"],
    "plural-zero.po": [f"{PO}:1:1: error: Plural-Forms expression '(n/0)' is invalid"],
    # GNU msgfmt is the judge of syntax, and its messages are the ones gettext users know.
    "syntax.po": [f"{PO}:9:7: error: invalid .po syntax: syntax error at "
                  "'msgstr \"Lặp lại\"'"],
    "truncated.po": [f"{PO}:8:1: error: invalid .po syntax: end-of-file within string"],
}


def test_every_bad_catalog_has_an_expectation():
    assert sorted(p.name for p in (FIXTURES / "bad-po").glob("*.po")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_catalog_is_reported_with_its_place(cli, tmp_path, name):
    project = tmp_path / "project"
    (project / "templates").mkdir(parents=True)
    shutil.copytree(ROOT / "locales", project / "locales")
    shutil.copy(FIXTURES / "bad-po" / name, project / PO)
    brief = project / "brief.yaml"
    brief.write_text((FIXTURES / "minimal.yaml").read_text().replace(
        "locales: [en]", "locales: [en, vi]"))
    for command in ("check", "build"):
        result = cli(command, brief, cwd=project)
        assert result.code == 2
        errors = [line for line in result.err.splitlines() if ": error: " in line]
        assert errors == EXPECTED[name]
        assert "Traceback" not in result.err
    assert not (project / "dist").exists()


def test_an_empty_catalog_is_a_missing_one(cli, tmp_path):
    """A catalog 'touch' made (to get past an error) is no catalog: the edition falls
    back to English with a warning, 'make update-locales' writes it, strict refuses it."""
    project = tmp_path / "project"
    (project / "locales" / "vi" / "LC_MESSAGES" / "facts").mkdir(parents=True)
    facts_po = project / "locales" / "vi" / "LC_MESSAGES" / "facts" / "minimal.po"
    facts_po.write_bytes(b"")
    brief = project / "brief.yaml"
    brief.write_text((FIXTURES / "minimal.yaml").read_text().replace(
        "locales: [en]", "locales: [en, vi]"))
    missing = ("locales/vi/LC_MESSAGES/facts/minimal.po:1:1: {}: catalog missing: no facts "
               "translations for this locale; run 'make update-locales'")
    result = cli("check", brief, cwd=project)
    assert result.code == 0
    assert result.err.splitlines() == [missing.format("warning")]
    result = cli("check", "--strict", brief, cwd=project)
    assert result.code == 2
    assert result.err.splitlines() == [missing.format("error")]


def test_project_catalogs_pass_gnu_msgfmt_check_with_complete_headers():
    import subprocess

    for po in sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po")):
        done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        header = po.read_text("utf-8").split("\n\n", 1)[0]
        for field in ('"Language: ', '"Plural-Forms: ', 'charset=UTF-8'):
            assert field in header, (po, field)


def test_what_gnu_msgmerge_writes_is_read(tmp_path):
    """Obsolete entries with previous msgids ('#~|'), as msgmerge --previous leaves them
    when a brief's text goes away: valid gettext, so no diagnostic."""
    from briefing.diagnostics import Collector
    from briefing.i18n.catalogs import load_catalog

    po = tmp_path / "facts.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: vi\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "section title"\nmsgid "Background"\nmsgstr "Bối cảnh"\n\n'
        '#, fuzzy\n#~| msgctxt "paragraph text"\n#~| msgid "The old text"\n'
        '#~ msgctxt "paragraph text"\n#~ msgid "The older text"\n#~ msgstr "Văn bản cũ"\n',
        "utf-8")
    problems = Collector()
    catalog = load_catalog(po, "facts.po", "facts", problems)
    assert problems.diagnostics == []
    assert catalog.lookup("Background", "section title").strings == ("Bối cảnh",)
    assert catalog.stats["obsolete"] == 1


def test_locale_status_never_counts_an_unreadable_catalog_as_complete(tmp_path):
    import subprocess
    import sys

    project = tmp_path / "project"
    shutil.copytree(ROOT / "locales", project / "locales")
    shutil.copytree(ROOT / "facts", project / "facts")
    (project / "templates").mkdir()
    shutil.copy(FIXTURES / "bad-po" / "binary.po", project / PO)
    done = subprocess.run([sys.executable, "-m", "briefing", "locale-status", "--strict",
                           "facts/nagorno-karabakh.yaml"], cwd=project, capture_output=True,
                          text=True)
    assert done.returncode == 2
    assert done.stdout.splitlines()[1].split() == [
        "nagorno-karabakh", "vi", "messages", "0", "0", "0", "0", "0", "unreadable"]
