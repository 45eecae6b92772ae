"""A translator's life with two briefs, end to end in a copy of the project, driven by
Make as the README tells it: a second brief on another subject is added, extracted,
merged and partly translated, and neither brief's release waits on the other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import FIXTURES, copy_project, make_in, run_process, set_msgstr

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

FLAGSHIP = "facts/nagorno-karabakh.yaml"
SECOND = "facts/mekong-floods.yaml"
VI = Path("locales/vi/LC_MESSAGES")


def briefing(project: Path, *args):
    return run_process(*args, cwd=project)


def status_rows(output: str) -> list[tuple[str, ...]]:
    return [tuple(line.split()) for line in output.splitlines()[1:]]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("two-briefs"), with_make=True)
    # Translated before it is published in Vietnamese: the brief lists English only.
    text = (FIXTURES / "second-brief" / "mekong-floods.yaml").read_text("utf-8")
    (project / SECOND).write_text(text.replace("locales: [en, vi]", "locales: [en]"),
                                  "utf-8")
    return project


def list_vietnamese(project: Path) -> None:
    facts = project / SECOND
    facts.write_text(facts.read_text("utf-8").replace("locales: [en]", "locales: [en, vi]"),
                     "utf-8")


def test_a_second_brief_gets_catalogs_of_its_own_untouched_by_the_first(project):
    flagship_po = project / VI / "facts" / "nagorno-karabakh.po"
    before = flagship_po.read_text("utf-8")
    result = make_in(project, "update-locales")
    assert result.returncode == 0, result.stderr
    assert f"created {VI}/facts/mekong-floods.po" in result.stdout
    assert (project / "locales" / "facts" / "mekong-floods.pot").exists()
    with open(project / VI / "facts" / "mekong-floods.po", "rb") as handle:
        catalog = read_po(handle)
    # msgmerge's fuzzy matching never fills the new brief from the flagship's text.
    assert [m.id for m in catalog if m.id and (m.fuzzy or m.string)] == []
    assert catalog.locale.language == "vi" and catalog.num_plurals == 1
    assert flagship_po.read_text("utf-8") == before


def test_locale_status_shows_each_brief_and_blocks_only_the_incomplete_one(project):
    po = project / VI / "facts" / "mekong-floods.po"
    set_msgstr(po, "The Mekong floods of 2000", "Lũ lụt sông Mê Kông năm 2000")
    status = make_in(project, "locale-status")
    assert status.returncode == 0, status.stderr
    rows = status_rows(status.stdout)
    # Not yet listed by its brief: shown, and blocking nothing. Thirteen entries: the
    # brief names no institution, so none is invented for translators to translate.
    assert ("mekong-floods", "vi", "facts", "1", "0", "12", "0", "0", "7.7%", "not",
            "listed", "by", "the", "brief") in rows
    assert ("nagorno-karabakh", "vi", "facts") in [row[:3] for row in rows]
    assert next(r for r in rows if r[:3] == ("nagorno-karabakh", "vi", "facts"))[-1] == \
        "100.0%"
    one = make_in(project, "locale-status", "BRIEF=nagorno-karabakh", "STRICT=1")
    assert one.returncode == 0, one.stdout + one.stderr
    assert {row[0] for row in status_rows(one.stdout)} == {"nagorno-karabakh"}
    assert make_in(project, "locale-status", "STRICT=1").returncode == 0
    list_vietnamese(project)
    assert make_in(project, "locale-status", "STRICT=1").returncode != 0
    assert make_in(project, "locale-status", "STRICT=1",
                   "BRIEF=nagorno-karabakh").returncode == 0


def test_the_flagship_builds_strict_and_releases_while_the_second_is_half_done(project):
    check = briefing(project, "check", "--strict", FLAGSHIP)
    assert check.code == 0, check.err
    build = briefing(project, "build", "--strict", FLAGSHIP, "--out", "strict")
    assert build.code == 0, build.err
    assert (project / "strict" / "nagorno-karabakh.vi.pdf").exists()
    # The whole project releases while the second brief lists English only.
    facts = project / SECOND
    listed = facts.read_text("utf-8")
    facts.write_text(listed.replace("locales: [en, vi]", "locales: [en]"), "utf-8")
    try:
        release = make_in(project, "release")
        assert release.returncode == 0, release.stderr
        assert {p.name for p in (project / "dist").glob("*.pdf")} == {
            "nagorno-karabakh.en.pdf", "nagorno-karabakh.vi.pdf", "mekong-floods.en.pdf"}
    finally:
        facts.write_text(listed, "utf-8")


def test_the_half_translated_brief_names_each_missing_string_once(project):
    strict = briefing(project, "check", "--strict", SECOND)
    assert strict.code == 2
    errors = [line for line in strict.err.splitlines() if ": error: " in line]
    assert len(errors) == len(set(errors)) == 12
    po = f"{VI}/facts/mekong-floods.po"
    assert re.search(rf"^{re.escape(po)}:\d+:1: error: untranslated translation of 'The "
                     r"river rose \{date:2000-07/2000-11\} and killed \{killed-fl…' "
                     r"\(context 'paragraph text'\)$", strict.err, re.MULTILINE)
    preview = briefing(project, "build", SECOND, "--locale", "vi", "--out", "preview")
    assert preview.code == 0, preview.err
    summary = [line for line in preview.err.splitlines() if "edition mekong-floods.vi" in line]
    assert summary == [f"{SECOND}:1:1: warning: edition mekong-floods.vi: 12 texts printed "
                       "in English (12 untranslated); 'make locale-status' shows what is "
                       "left to translate"]


def test_a_template_string_deleted_from_messages_po_fails_strict(project):
    po = project / VI / "messages.po"
    original = po.read_text("utf-8")
    entry = re.search(r'\n#[^\n]*\nmsgid "Contents"\nmsgstr "[^"]*"\n', original)
    po.write_text(original.replace(entry.group(0), "\n"), "utf-8")
    try:
        for command in (("check", "--strict", FLAGSHIP),
                        ("build", "--strict", FLAGSHIP, "--out", "not-built")):
            result = briefing(project, *command)
            assert result.code == 2
            errors = [line for line in result.err.splitlines() if ": error: " in line]
            assert errors == ["templates/partials/contents.html.j2:2:1: error: 'Contents' "
                              f"has no entry in {VI}/messages.po; run 'make update-locales'"]
        assert not (project / "not-built").exists()
    finally:
        po.write_text(original, "utf-8")


def test_a_brief_leaving_facts_leaves_catalogs_the_tool_reads(project):
    # A changed sentence turns fuzzy with its previous msgid ('#|'); when its paragraph
    # then goes (a key point), msgmerge keeps it as obsolete with '#~|' lines: valid gettext.
    facts = project / FLAGSHIP
    text = facts.read_text("utf-8")
    old = "Diplomacy has not produced a settlement."
    facts.write_text(text.replace(old, "Diplomacy has produced no settlement."), "utf-8")
    assert make_in(project, "update-locales").returncode == 0
    paragraph = re.search(r'\n( *)- text: "Diplomacy has produced no settlement\.[^\n]*'
                          r'(\n\1  sources: [^\n]*)?', facts.read_text("utf-8"))
    facts.write_text(facts.read_text("utf-8").replace(paragraph.group(0), ""), "utf-8")
    (project / SECOND).unlink()
    result = make_in(project, "update-locales")
    assert result.returncode == 0, result.stderr
    flagship_po = (project / VI / "facts" / "nagorno-karabakh.po").read_text("utf-8")
    assert "\n#~| msgid " in flagship_po
    # The removed brief's catalogs stay for when it comes back.
    assert (project / VI / "facts" / "mekong-floods.po").exists()
    check = make_in(project, "check")
    assert check.returncode == 0, check.stderr
    build = briefing(project, "build", FLAGSHIP, "--locale", "vi", "--out", "after")
    assert build.code == 0, build.err
    status = make_in(project, "locale-status")
    assert status.returncode == 0, status.stderr
    rows = status_rows(status.stdout)
    assert ("mekong-floods", "vi", "facts", "1", "0", "12", "0", "0", "7.7%", "no",
            "facts", "file") in rows
    flagship = next(r for r in rows if r[:3] == ("nagorno-karabakh", "vi", "facts"))
    assert int(flagship[7]) >= 1  # the obsolete entry, counted apart
