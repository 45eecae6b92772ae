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


def test_publication_date_follows_source_date_epoch(tmp_path):
    result = run_process("build", FIXTURES / "frame.yaml", "--locale", "en", "--out",
                         tmp_path, env={"SOURCE_DATE_EPOCH": "1735689600"})
    assert result.code == 0, result.err
    text = text_of(tmp_path / "framed.en.pdf")
    assert "Published 1 January 2025" in text
    assert "Facts as of 19 September 2023" in text


def test_pdf_author_is_the_authors(built):
    with pikepdf.open(built / "framed.en.pdf") as pdf:
        assert str(pdf.docinfo["/Author"]) == "Jane Doe, Trần Văn An"


def test_absent_parts_are_left_out(built):
    text = text_of(built / "minimal.en.pdf")
    assert "Briefing Unit" not in text
    assert "Compiled by" not in text
    assert "Compiled from 2 sources." in text
    assert "Suggested citation: A minimal brief. 14 November 2023." in text
    for absent in ("Edition", "Contact:", "REPORT", "©"):
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
