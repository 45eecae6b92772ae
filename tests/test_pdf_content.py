"""The flagship editions read back from the PDF, as a reader would check them."""

from __future__ import annotations

import re
import unicodedata

import pikepdf
import pytest
import yaml
from babel.numbers import format_decimal

from conftest import FLAGSHIP

QUALIFIERS = {
    "en": {"exact": "{}", "about": "about {}", "at_least": "at least {}",
           "more_than": "more than {}"},
    "vi": {"exact": "{}", "about": "khoảng {}", "at_least": "ít nhất {}",
           "more_than": "hơn {}"},
}
NUMBER_LOCALE = {"en": "en_GB", "vi": "vi"}
# Round figures the Vietnamese press writes in words (locales/vi/conventions.toml).
IN_WORDS = {("vi", 1_000_000): "1 triệu"}


def facts() -> dict:
    return yaml.safe_load(FLAGSHIP.read_text("utf-8"))


def flat(text: str) -> str:
    """Collapse the spaces PDF text extraction produces (no-break ones included)."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def expected_figure(claim: dict, locale: str) -> str:
    """The figure as a reader expects it, from the facts file and CLDR directly."""
    def number(value):
        if claim["metric"] == "share":
            return format_decimal(value, locale=NUMBER_LOCALE[locale]) + "%"
        return IN_WORDS.get((locale, value)) or format_decimal(value,
                                                               locale=NUMBER_LOCALE[locale])
    core = (number(claim["value"]) if "value" in claim
            else f"{number(claim['low'])}–{number(claim['high'])}")
    if claim["metric"] == "duration_days":  # the metric's unit, in short form
        core = {"en": "{} days", "vi": "{} ngày"}[locale].format(core)
    return QUALIFIERS[locale][claim.get("qualifier", "exact")].format(core)


def note_calls(claim: dict) -> str:
    """Sources are numbered in the order of the facts file's source list."""
    order = [source["id"] for source in facts()["sources"]]
    numbers = sorted(order.index(s) + 1 for s in claim["sources"])
    return "[" + ",".join(map(str, numbers)) + "]"


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_every_claim_is_printed_with_its_note_calls(pdf_text, locale):
    text = flat(pdf_text[locale])
    for claim in facts()["claims"]:
        printed = flat(expected_figure(claim, locale)) + note_calls(claim)
        # A table cell may open with a capital ("Khoảng 30.000" in vi).
        assert printed.lower() in text.lower(), f"{claim['id']}: '{printed}' not found"


@pytest.mark.parametrize("locale, as_of, thirty_thousand", [
    ("en", "19 September 2023", "about 30,000"),
    ("vi", "19/9/2023", "khoảng 30.000"),  # the masthead and every footer
])
def test_as_of_date_and_numbers_follow_the_locale(pdf_text, locale, as_of, thirty_thousand):
    text = flat(pdf_text[locale])
    assert as_of in text
    assert thirty_thousand in text


def test_sources_say_not_stated_where_the_article_does_not(pdf_text):
    sources = facts()["sources"]
    unnamed = [s for s in sources if "publisher" not in s]
    assert unnamed, "the flagship has sources without a named publisher"
    text = flat(pdf_text["en"])
    assert text.count("Publisher: not stated") == len(unnamed)
    for source in sources:
        assert flat(source["title"]) in text


def test_revisions_and_alternatives_are_shown_beside_each_other(pdf_text):
    """A revision (same claimant) is marked as one; figures of other claimants for the
    same deaths (the TDI counts of 2022 beside the governments') are alternatives, each
    marked as disputed and none called a revision."""
    text = flat(pdf_text["en"]).casefold()
    claims = facts()["claims"]
    revisions = [c for c in claims if c.get("revises")]
    assert text.count("revises an earlier figure") == len(revisions)
    assert text.count("revised later") == len(revisions)
    revised = {c["revises"] for c in revisions} | {c["id"] for c in revisions}
    def claimant(c):
        return c.get("claimed_by") or c.get("attribution")

    alternatives = [c for c in claims if c.get("quantity") and any(
        o.get("quantity") == c["quantity"] and claimant(o) != claimant(c) for o in claims)]
    assert len(alternatives) >= 4, "the 2022 clashes have two figures for each side"
    assert text.count("other claimants give:") == len(alternatives)
    assert not revised & {c["id"] for c in alternatives}


def test_vietnamese_edition_is_in_vietnamese(pdf_text):
    text = flat(pdf_text["vi"]).casefold()  # box headings are set in capitals
    for heading in ("Những điểm chính", "Số liệu chính", "Mục lục", "Nguồn"):
        assert heading.casefold() in text
    for english in ("Key points", "Key figures", "Contents", "According to", "about 30",
                    "Page ", "Figure ", "Sources:", "not stated"):
        assert english.casefold() not in text
    assert unicodedata.is_normalized("NFC", pdf_text["vi"])


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_metadata_title_author_and_language(flagship_dist, locale):
    with pikepdf.open(flagship_dist / f"nagorno-karabakh.{locale}.pdf") as pdf:
        assert str(pdf.Root.Lang) == {"en": "en-US", "vi": "vi"}[locale]
        info = pdf.docinfo
        assert str(info["/Title"]).startswith("Arm")
        assert "/Author" not in info  # the flagship names no author: none is invented
        assert str(info["/CreationDate"]).startswith("D:20231114")
