"""The edition's frame read back from the PDF: who issues it, when, which edition,
how to cite it; and nothing printed in place of a part the brief does not give."""

from __future__ import annotations

import re

import pikepdf
import pytest
from pypdf import PdfReader

from conftest import FIXTURES, run_process

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier


def flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("frame")
    for facts in ("frame.yaml", "minimal.yaml"):
        result = run_process("build", FIXTURES / facts, "--out", out)
        assert result.code == 0, result.err
    return out


def text_of(pdf) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(pdf).pages))


def test_masthead_and_colophon_carry_the_frame_in_english(built):
    text = text_of(built / "framed.en.pdf")
    for shown in ("EXAMPLE INSTITUTE", "REPORT PB-2023-07", "Jane Doe and Trần Văn An",
                  "Published 14 November 2023", "Edition 2", "Facts as of 19 September 2023",
                  "Compiled by Jane Doe and Trần Văn An from 1 source.",
                  "Contact: briefs@example.org",
                  "Suggested citation: Jane Doe and Trần Văn An. A framed brief. Example "
                  "Institute, report PB-2023-07, edition 2, 14 November 2023.",
                  "The views are the authors' own.", "© 2023 Example Institute"):
        assert shown in text


def test_the_citation_is_in_the_editions_words(built):
    text = text_of(built / "framed.vi.pdf")
    assert "Cách trích dẫn: Jane Doe và Trần Văn An. A framed brief. Example Institute, " \
        "báo cáo số PB-2023-07, ấn bản 2, ngày 14 tháng 11 năm 2023." in text
    assert "Xuất bản ngày 14 tháng 11 năm 2023" in text
    assert "Ấn bản 2" in text


@pytest.mark.parametrize("epoch", ["1735689600", None])
def test_the_publication_date_is_the_briefs_whatever_the_build(tmp_path, epoch):
    """'Published' was the last commit's date (SOURCE_DATE_EPOCH), and a build by hand
    without it printed none: it is an editorial decision, brief.published."""
    result = run_process("build", FIXTURES / "frame.yaml", "--locale", "en", "--out",
                         tmp_path, env={"SOURCE_DATE_EPOCH": epoch})
    assert result.code == 0, result.err
    text = text_of(tmp_path / "framed.en.pdf")
    assert "Published 14 November 2023" in text and "2025" not in text
    assert "Facts as of 19 September 2023" in text


@pytest.mark.parametrize("published, stale_after, message", [
    ("2023-09-01", None, "published 2023-09-01 before the date its facts are current to "
                         "(2023-09-19)"),
    ("2024-03-01", 90, "published 2024-03-01, more than 90 days after the facts' date "
                       "(2023-09-19): bring them up to date, or raise stale_after"),
])
def test_a_publication_before_its_facts_or_long_after_them_is_refused_when_strict(
        cli, tmp_path, published, stale_after, message):
    text = (FIXTURES / "frame.yaml").read_text("utf-8").replace(
        "published: 2023-11-14", f"published: {published}"
        + (f"\n  stale_after: {stale_after}" if stale_after else ""))
    (tmp_path / "brief.yaml").write_text(text, "utf-8")
    lenient = cli("check", tmp_path / "brief.yaml", cwd=tmp_path)
    assert lenient.code == 0 and f"brief.yaml:5:14: warning: {message}" in lenient.err
    strict = cli("check", "--strict", tmp_path / "brief.yaml", cwd=tmp_path)
    assert strict.code == 2 and f"brief.yaml:5:14: error: {message}" in strict.err


def test_pdf_author_is_the_authors(built):
    with pikepdf.open(built / "framed.en.pdf") as pdf:
        assert str(pdf.docinfo["/Author"]) == "Jane Doe, Trần Văn An"


def test_absent_parts_are_left_out(built):
    text = text_of(built / "minimal.en.pdf")
    assert "Briefing Unit" not in text
    assert "Compiled by" not in text
    assert "Compiled from 2 sources." in text
    assert "Suggested citation: A minimal brief. 1." in text  # no date, and the notes
    for absent in ("Edition", "Contact:", "REPORT", "©", "Published"):
        assert absent not in text
    with pikepdf.open(built / "minimal.en.pdf") as pdf:
        assert "/Author" not in pdf.docinfo


def test_the_older_author_field_still_names_the_institution(tmp_path):
    """Briefs written before 'institution' existed keep their issuer: 'author' is read as
    the institution, in the masthead and as the PDF's author."""
    text = (FIXTURES / "minimal.yaml").read_text("utf-8")
    facts = tmp_path / "older.yaml"
    facts.write_text(text.replace("  handling:", '  author: "Caucasus Desk"\n  handling:', 1),
                     "utf-8")
    result = run_process("build", facts, "--locale", "en", "--out", tmp_path)
    assert result.code == 0, result.err
    pdf_path = next(tmp_path.glob("*.en.pdf"))
    assert "CAUCASUS DESK" in text_of(pdf_path)
    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.docinfo["/Author"]) == "Caucasus Desk"
