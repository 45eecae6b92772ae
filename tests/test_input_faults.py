"""Bad input that once ended in a traceback, and a release that wrote half of itself or
removed a file no build wrote: each is now a located error, exit 2, and nothing else
changes."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import EPOCH, FIXTURES, run_process

pytestmark = pytest.mark.slow  # builds an edition


@pytest.fixture
def released(tmp_path):
    """A one-brief project, built and released."""
    (tmp_path / "facts").mkdir()
    shutil.copy(FIXTURES / "minimal.yaml", tmp_path / "facts" / "minimal.yaml")
    assert run_process("build", cwd=tmp_path).code == 0
    done = run_process("release", cwd=tmp_path)
    assert done.code == 0, done.err
    return tmp_path


@pytest.mark.parametrize("damage", [b"", b"{\"sha256\": ", b"[1, 2]",
                                    b"{\"brief\": \"minimal\", \"sha256\": 3}"])
def test_a_damaged_record_asks_for_a_build_and_changes_nothing(released, damage):
    dist = released / "dist"
    before = {p.name: p.read_bytes() for p in dist.iterdir() if p.is_file()}
    (dist / ".records" / "minimal.en.json").write_bytes(damage)
    done = run_process("release", cwd=released)
    assert done.code == 2
    assert done.err == ("dist/minimal.en.pdf:1:1: error: edition missing or not built by "
                        "this project; run 'make briefs'\n")
    assert {p.name: p.read_bytes() for p in dist.iterdir() if p.is_file()} == before


def test_a_release_removes_only_the_pdfs_its_builds_wrote(released):
    dist = released / "dist"
    (dist / "my-own-notes.pdf").write_bytes(b"%PDF-1.4 mine")
    shutil.copy(FIXTURES / "minimal.yaml", released / "facts" / "other.yaml")
    text = (released / "facts" / "other.yaml").read_text("utf-8")
    (released / "facts" / "other.yaml").write_text(text.replace("id: minimal", "id: other"))
    assert run_process("build", cwd=released).code == 0
    (released / "facts" / "other.yaml").unlink()  # a brief dropped: its PDF goes
    done = run_process("release", cwd=released)
    assert done.code == 0, done.err
    assert sorted(p.name for p in dist.iterdir() if p.is_file()) == [
        "SHA256SUMS", "manifest.json", "minimal.en.pdf", "my-own-notes.pdf"]
    assert done.err == "removed dist/other.en.pdf: not an edition of any facts file\n"


def test_a_shard_record_that_is_no_record_is_a_located_error(released):
    dist = released / "dist"
    assert run_process("release", "--shard", "1/1", cwd=released).code == 0
    (dist / "shards" / "1-of-1.json").write_text('{"editions": {"minimal.en": [1]}}')
    done = run_process("release", "--merge", "1", cwd=released)
    assert done.code == 2
    assert "Traceback" not in done.err
    assert sorted(done.err.splitlines()) == [
        "dist/minimal.en.pdf:1:1: error: edition minimal.en is in no shard's record; "
        "shard 1 of 1 builds it",
        "dist/shards/1-of-1.json:1:1: error: not a shard record: its entry for "
        "'minimal.en' is no edition's record"]


def test_an_output_folder_name_too_long_is_bad_input(tmp_path):
    done = run_process("build", FIXTURES / "minimal.yaml", "--out", "d" * 5000,
                       cwd=tmp_path)
    assert done.code == 2
    assert done.err == "d" * 5000 + ":1:1: error: cannot write: File name too long\n"
    assert "Traceback" not in done.err


def test_the_schema_is_utf8_whatever_the_terminal_and_a_closed_pipe_ends_it(tmp_path):
    env = {"PYTHONIOENCODING": "ascii", "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run([sys.executable, "-m", "briefing", "schema"], cwd=tmp_path,
                          capture_output=True, env={**__import__("os").environ, **env})
    assert done.returncode == 0, done.stderr
    assert "©".encode("utf-8") in done.stdout
    piped = subprocess.run(f"{sys.executable} -m briefing schema | head -c 10",
                           shell=True, cwd=tmp_path, capture_output=True)
    assert piped.stdout == b'{\n  "$sche' and b"Traceback" not in piped.stderr
