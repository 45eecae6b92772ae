"""The translators' workflow end to end, in a copy of the project, as a translator lives it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from conftest import EPOCH, copy_project, make_in

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

FACTS = "facts/nagorno-karabakh.yaml"
OLD = "is predominantly ethnic Armenian and is administered"
NEW = "is mostly ethnic Armenian and is governed"


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run(list(args), cwd=project, env=env, capture_output=True, text=True,
                          timeout=600)


make = make_in


def briefing(project: Path, *args: str):
    return run(project, sys.executable, "-m", "briefing", *args)


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def line_of(path: Path, text: str) -> int:
    """The line of the msgid that begins with text (the line a message points at)."""
    lines = path.read_text("utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if line.startswith("msgid ") and text in (line + lines[number]).replace('"\n"', ""):
            return number
    raise AssertionError(f"{text!r} not in {path}")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("workflow"), with_make=True)


def test_a_new_locale_from_init_to_a_translated_string_in_the_pdf(project):
    assert make(project, "extract").returncode == 0
    result = make(project, "init-locale", "LANG=fr")
    assert result.returncode == 0, result.stderr
    messages = project / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    assert (project / "locales" / "fr" / "LC_MESSAGES" / "facts" /
            "nagorno-karabakh.po").exists()
    text = messages.read_text("utf-8")
    messages.write_text(text.replace('msgid "Key points"\nmsgstr ""',
                                     'msgid "Key points"\nmsgstr "Points clés"'), "utf-8")
    facts = project / FACTS
    facts.write_text(facts.read_text("utf-8").replace("locales: [en, vi]",
                                                      "locales: [en, vi, fr]"), "utf-8")
    result = briefing(project, "build", FACTS, "--locale", "fr", "--out", "dist")
    assert result.returncode == 0, result.stderr
    assert "POINTS CLÉS" in pdf_text(project / "dist" / "nagorno-karabakh.fr.pdf")
    # Every other string fell back to English, each listed with its place.
    contents = line_of(messages, '"Contents"')
    assert (f"locales/fr/LC_MESSAGES/messages.po:{contents}:1: warning: untranslated "
            "translation of 'Contents' printed in English") in result.stderr

    marked = briefing(project, "build", FACTS, "--locale", "fr", "--out", "marked",
                      "--mark-untranslated")
    assert marked.returncode == 0
    assert "[EN] CONTENTS" in pdf_text(project / "marked" / "nagorno-karabakh.fr.pdf")

    strict = briefing(project, "build", FACTS, "--locale", "fr", "--strict", "--out", "s")
    assert strict.returncode == 2
    assert (f"locales/fr/LC_MESSAGES/messages.po:{contents}:1: error: untranslated "
            "translation of 'Contents'") in strict.stderr
    assert not (project / "s").exists()

    status = make(project, "locale-status", "STRICT=1")
    assert status.returncode != 0
    assert re.search(r"^nagorno-karabakh\s+fr\s+messages\s+1\s+0\s+\d+", status.stdout,
                     re.MULTILINE)


def test_a_changed_english_sentence_turns_fuzzy_with_its_previous_text(project):
    facts = project / FACTS
    facts.write_text(facts.read_text("utf-8").replace(OLD, NEW), "utf-8")
    result = make(project, "update-locales")
    assert result.returncode == 0, result.stderr
    po = project / "locales" / "vi" / "LC_MESSAGES" / "facts" / "nagorno-karabakh.po"
    with open(po, "rb") as handle:
        catalog = read_po(handle)
    changed = next(m for m in catalog if m.id and NEW in m.id)
    assert changed.fuzzy
    # The previous English stands right above the entry, in '#|' lines.
    lines = po.read_text("utf-8").splitlines()
    previous = []
    for line in reversed(lines[:changed.lineno - 1]):
        if line.startswith("#|"):
            previous.insert(0, line)
        elif previous:
            break
    previous_text = "".join(re.findall(r'"(.*)"', "\n".join(previous)))
    assert OLD in previous_text

    strict = briefing(project, "build", FACTS, "--locale", "vi", "--strict", "--out", "s")
    assert strict.returncode == 2
    where = f"locales/vi/LC_MESSAGES/facts/nagorno-karabakh.po:{changed.lineno}:1"
    assert f"{where}: error: fuzzy translation of 'Nagorno-Karabakh lies within" in strict.stderr

    preview = briefing(project, "build", FACTS, "--locale", "vi", "--out", "p")
    assert preview.returncode == 0, preview.stderr
    assert f"{where}: warning: fuzzy translation of 'Nagorno-Karabakh" in preview.stderr
    text = pdf_text(project / "p" / "nagorno-karabakh.vi.pdf")
    assert "is mostly ethnic Armenian" in text  # the English, not the stale translation


def test_a_broken_placeholder_is_an_error_in_every_mode(project):
    po = project / "locales" / "vi" / "LC_MESSAGES" / "facts" / "nagorno-karabakh.po"
    text = po.read_text("utf-8")
    msgstr_start = text.index("msgstr", text.index("{killed-war-1988}"))
    broken = text[:msgstr_start] + text[msgstr_start:].replace(
        "{killed-war-1988}", "{killed-war-1989}", 1)
    po.write_text(broken, "utf-8")
    line = line_of(po, "Two wars have been fought")
    for mode in ((), ("--strict",)):
        result = briefing(project, "build", FACTS, "--locale", "vi", "--out", "b", *mode)
        assert result.returncode == 2
        assert re.search(rf"^locales/vi/LC_MESSAGES/facts/nagorno-karabakh.po:{line}:1: error: translation "
                         r"of 'Two wars have been fought over the territory\. [^']*' drops "
                         r"the placeholder \{killed-war-1988\}$", result.stderr, re.MULTILINE)
        assert "adds the placeholder {killed-war-1989}" in result.stderr
    assert not (project / "b").exists()
