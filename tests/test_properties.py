"""Generated inputs: valid briefs print every claim; mutated files never crash the compiler."""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefing.cli import main

from conftest import FIXTURES
import pytest

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

LOCATED = re.compile(r"^[^\n:]+:\d+:\d+: (error|warning): .+$")
SETTINGS = settings(max_examples=8, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def run(*args) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main([str(a) for a in args])
    return code, err.getvalue()


figures = st.one_of(
    st.fixed_dictionaries({"value": st.integers(0, 10**7),
                           "qualifier": st.sampled_from(["exact", "about", "at_least",
                                                         "more_than"])}),
    st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).filter(
        lambda t: t[0] != t[1]).map(lambda t: {"low": min(t), "high": max(t)}),
)
QUALIFIERS = {"exact": "", "about": "about", "at_least": "atleast", "more_than": "morethan"}
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzăâđêôơưàảãáạ ", min_size=1,
                max_size=30).filter(lambda s: s.strip())


@st.composite
def briefs(draw):
    count = draw(st.integers(1, 6))
    claims = []
    for index in range(count):
        claim = {"id": f"c{index}", "label": draw(words), "metric": "killed",
                 "sources": ["s"], **draw(figures)}
        claims.append(claim)
    said = [draw(words) for _ in range(count)]
    text = " ".join(f"{said[i]} {{c{i}}}" for i in range(count))
    return {
        "brief": {"id": "generated", "title": draw(words), "as_of": "2023-09-19",
                  "locales": ["en"], "handling": draw(words)},
        "sources": [{"id": "s", "title": draw(words), "language": "en"}],
        "claims": claims,
        "sections": [{"id": "one", "title": draw(words), "paragraphs": [text]}],
        "charts": [{"id": "k", "kind": "casualties", "title": "K",
                    "claims": [c["id"] for c in claims]}],
    }


def pdf_numbers(path: Path) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def printed(claim: dict) -> str:
    """A claim's figure as the paragraph prints it, spaces left out: "about30,000"."""
    if "low" in claim:
        return f"{claim['low']:,}–{claim['high']:,}"
    return QUALIFIERS[claim["qualifier"]] + f"{claim['value']:,}"


@SETTINGS
@given(briefs())
def test_every_valid_brief_renders_with_all_its_claims(facts):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "generated.yaml"
        path.write_text(yaml.safe_dump(facts, allow_unicode=True), "utf-8")
        code, err = run("build", path, "--out", Path(tmp) / "out")
        assert code == 0, err
        text = pdf_numbers(Path(tmp) / "out" / "generated.en.pdf")
        # Each figure where it must print: after the words before it, the paragraph
        # whole ("w0about30,000[1]w1...": the one source called at its first figure).
        words = facts["sections"][0]["paragraphs"][0].split(" {c")
        paragraph = "".join(
            re.sub(r"\s+", "", re.sub(r"^\d+\} ?", "", part)) + printed(claim)
            + ("[1]" if index == 0 else "")
            for index, (part, claim) in enumerate(zip(words, facts["claims"])))
        assert unicodedata.normalize("NFC", paragraph) in text


MINIMAL = (FIXTURES / "minimal.yaml").read_text("utf-8").splitlines(keepends=True)


@st.composite
def mutations(draw):
    lines = list(MINIMAL)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "truncate", "replace",
                                     "indent"]))
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "truncate":
            lines[index] = lines[index][:draw(st.integers(0, len(lines[index])))]
        elif kind == "replace":
            junk = draw(st.sampled_from(["-1", "{", "}", "[", "null", "<b>x</b>", "''",
                                         "2023-13-45", "{nope}", "&a", "*a", "\t", "ä"]))
            line = lines[index]
            cut = draw(st.integers(0, len(line)))
            lines[index] = line[:cut] + junk + line[cut:]
        else:
            lines[index] = "  " + lines[index]
        if not lines:
            break
    return "".join(lines)


@SETTINGS
@given(mutations())
def test_every_mutation_gives_a_pdf_or_located_diagnostics(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mutant.yaml"
        path.write_text(text, "utf-8")
        code, err = run("build", path, "--out", Path(tmp) / "out")
        assert code in (0, 2), err
        assert "Traceback" not in err
        if code == 2:
            lines = err.splitlines()
            assert lines and all(LOCATED.match(line) for line in lines), err
            assert not (Path(tmp) / "out").exists()
        else:
            pdfs = list((Path(tmp) / "out").glob("*.pdf"))
            assert len(pdfs) == 1 and len(PdfReader(pdfs[0]).pages) >= 1
