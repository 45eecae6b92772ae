"""The parts of a brief are numbered once, in Python, whatever parts it has."""

from __future__ import annotations

import unicodedata

from pypdf import PdfReader

from conftest import FIXTURES, run_process

NO_TIMELINE = (FIXTURES / "minimal.yaml").read_text("utf-8") \
    .split("timeline:")[0] \
    .replace("title: Background", 'title: "Losses: {killed-war}"')


def test_a_brief_without_timeline_or_charts_numbers_its_parts_in_a_row(tmp_path):
    facts = tmp_path / "minimal.yaml"
    facts.write_text(NO_TIMELINE, "utf-8")
    result = run_process("build", facts, "--out", tmp_path / "out", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.err == ""  # no renderer warning: no link points at a missing part
    text = unicodedata.normalize("NFC", "\n".join(
        page.extract_text() for page in PdfReader(tmp_path / "out" / "minimal.en.pdf").pages))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # The heading's placeholder prints the claim's formatted figure, not braces.
    assert "1. Losses: about 30,000" in lines
    assert "2. The figures and who gives them" in lines
    assert "3. Sources" in lines
    assert "Timeline" not in text
    assert "{killed-war}" not in text


def test_the_html_contents_link_only_to_parts_that_exist(tmp_path):
    facts = tmp_path / "minimal.yaml"
    facts.write_text(NO_TIMELINE, "utf-8")
    result = run_process("build", facts, "--format", "html", "--out", tmp_path, cwd=tmp_path)
    assert result.code == 0, result.err
    html = (tmp_path / "minimal.en.html").read_text("utf-8")
    assert 'href="#timeline"' not in html
    for anchor in ("section-background", "figures", "sources"):
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
