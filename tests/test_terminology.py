"""The Vietnamese terminology list: each listed term is translated one way everywhere.

``locales/vi/terminology.tsv`` (English term, chosen Vietnamese, note) is kept with the
catalogs for translators. A catalog entry whose English contains a listed term must
contain the chosen Vietnamese, so a term translated two ways is flagged at its .po line.
"""

from __future__ import annotations

import csv
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT

VI = ROOT / "locales" / "vi"
TERMINOLOGY = VI / "terminology.tsv"
CATALOGS = [VI / "LC_MESSAGES" / "facts" / "nagorno-karabakh.po",
            VI / "LC_MESSAGES" / "messages.po"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def load_terms(path: Path = TERMINOLOGY) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return [{key: nfc(value) for key, value in row.items()}
                for row in csv.DictReader(f, delimiter="\t")]


def term_problems(catalog_path: Path, terms: list[dict]) -> list[str]:
    """'path:line: ...' for each translated entry that renders a listed term otherwise."""
    with open(catalog_path, "rb") as f:
        catalog = read_po(f)
    problems = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        english = nfc(message.id if isinstance(message.id, str) else " ".join(message.id))
        strings = message.string if isinstance(message.string, (list, tuple)) \
            else (message.string,)
        translation = nfc(" ".join(s for s in strings if s)).casefold()
        if not translation:
            continue  # untranslated: locale-status and --strict report it
        for term in terms:
            # The term at the start of a word, in any case: "co-chair" finds "co-chaired".
            if re.search(r"(?<![\w-])" + re.escape(term["english"]), english, re.IGNORECASE) \
                    and term["vietnamese"].casefold() not in translation:
                problems.append(f"{catalog_path.name}:{message.lineno}: '{term['english']}' "
                                f"is not translated as '{term['vietnamese']}'")
    return problems


def test_terminology_list_is_complete_and_unambiguous():
    with open(TERMINOLOGY, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f, delimiter="\t"))
    assert header == ["english", "vietnamese", "note"]
    terms = load_terms()
    english = [t["english"].casefold() for t in terms]
    assert len(english) == len(set(english)), "a term is listed twice"
    for term in terms:
        assert term["english"].strip() and term["vietnamese"].strip(), term
        assert term["note"] is not None, f"row of '{term['english']}' lacks its note column"
    for key in ("Nagorno-Karabakh", "Lachin corridor", "Minsk Group", "co-chair",
                "peacekeepers", "displaced", "ceasefire", "self-declared republic",
                "Stepanakert", "International Committee of the Red Cross"):
        assert key.casefold() in english, f"'{key}' missing from the terminology list"


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.name)
def test_each_listed_term_is_translated_one_way(catalog):
    problems = term_problems(catalog, load_terms())
    assert not problems, "\n".join(problems)


def test_a_term_translated_another_way_is_flagged_at_its_line(tmp_path):
    """The check can fail: one entry given another rendering of a listed term."""
    copy = tmp_path / "facts.po"
    shutil.copy(CATALOGS[0], copy)
    lines = copy.read_text("utf-8").split("\n")
    # The first msgstr line that renders "Minsk Group" gets the rejected variant.
    index = next(i for i, line in enumerate(lines)
                 if "Nhóm Minsk" in line and not line.startswith(("#", "msgid")))
    lines[index] = lines[index].replace("Nhóm Minsk", "Nhóm OSCE Minsk")
    copy.write_text("\n".join(lines), "utf-8")
    before = set(term_problems(CATALOGS[0], load_terms()))
    problems = [p for p in term_problems(copy, load_terms()) if p not in before]
    assert len(problems) == 1, problems
    assert "'Minsk Group' is not translated as 'Nhóm Minsk'" in problems[0]
    start = int(problems[0].split(":")[1])
    assert start <= index + 1 <= start + 30, "the problem names the entry's line"
