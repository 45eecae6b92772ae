"""Nothing in a facts file or a catalog reads a file, touches the network or loses a PDF."""

from __future__ import annotations

import os
import shutil
import socket
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing import files as filesmod
from briefing.files import write_atomically
from briefing.pdf.fetcher import LockedFetcher, RefusedURL

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier


def text_of(path: Path) -> str:
    """The text of a PDF with runs of white space collapsed, as a reader sees it."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_fetcher_serves_files_under_its_roots_only(tmp_path):
    inside = tmp_path / "assets"
    inside.mkdir()
    (inside / "ok.css").write_text("p {}")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (inside / "link.txt").symlink_to(secret)
    fetcher = LockedFetcher([inside])
    assert fetcher.fetch((inside / "ok.css").as_uri()).read() == b"p {}"
    for url in (secret.as_uri(), (inside / ".." / "secret.txt").as_uri(),
                (inside / "link.txt").as_uri(), "file:///etc/passwd",
                "http://127.0.0.1:9/x", "https://example.org/", "ftp://example.org/x"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"


def hostile_brief(tmp_path: Path, port: int) -> Path:
    text = (FIXTURES / "minimal.yaml").read_text("utf-8")
    text = text.replace(
        "Fighting began on {date:1988-02-20} and <b>tags</b> & ampersands print as typed.",
        "<img src='file:///etc/passwd'><link rel='attachment' href='file:///etc/hostname'>"
        "<style>@import url(http://localhost/x.css);</style>"
        "<script>alert('x')</script> url(http://localhost/y)")
    text = text.replace('    title: "A report"\n',
                        f'    title: "A report"\n    url: "http://127.0.0.1:{port}/report"\n')
    path = tmp_path / "hostile.yaml"
    path.write_text(text, "utf-8")
    return path


def test_markup_in_prose_prints_literally_and_nothing_is_fetched(cli, tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    connections = []

    def accept():
        while not stop.is_set():
            try:
                connections.append(listener.accept())
            except OSError:
                pass

    stop = threading.Event()
    thread = threading.Thread(target=accept)
    thread.start()
    try:
        result = cli("build", hostile_brief(tmp_path, port), "--out", tmp_path / "out")
    finally:
        stop.set()
        thread.join()
        listener.close()
    assert result.code == 0, result.err
    assert connections == []
    pdf = tmp_path / "out" / "minimal.en.pdf"
    text = text_of(pdf)
    assert "<img src='file:///etc/passwd'>" in text
    assert "<script>alert('x')</script>" in text
    assert "<style>@import url(http://localhost/x.css);</style>" in text
    assert f"http://127.0.0.1:{port}/report" in text  # printed, never fetched
    assert "root:" not in text
    with open(pdf, "rb") as handle:
        data = handle.read()
    assert b"/EmbeddedFile" not in data


def test_failed_build_keeps_the_previous_pdf(cli, tmp_path):
    brief = tmp_path / "minimal.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", brief)
    out = tmp_path / "out"
    assert cli("build", brief, "--out", out).code == 0
    good = (out / "minimal.en.pdf").read_bytes()
    brief.write_text(brief.read_text() + "\nbogus: [\n")
    result = cli("build", brief, "--out", out)
    assert result.code == 2
    assert (out / "minimal.en.pdf").read_bytes() == good
    assert sorted(p.name for p in out.iterdir()) == [".records", "minimal.en.pdf"]
    assert sorted(p.name for p in (out / ".records").iterdir()) == ["minimal.en.json"]


def test_a_fault_while_writing_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"previous")

    class Broken(Exception):
        pass

    def fail(*args):
        raise Broken()

    monkeypatch.setattr(filesmod.os, "fsync", fail)
    with pytest.raises(Broken):
        write_atomically(target, b"new content")
    assert target.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["brief.pdf"]


def test_reads_stay_inside_templates_and_fonts(tmp_path, monkeypatch):
    """Every file the renderer opens is under the allowed roots."""
    from briefing.build import Options, build

    opened = []
    real = LockedFetcher.fetch

    def spy(self, url, headers=None):
        opened.append(url)
        return real(self, url, headers)

    monkeypatch.setattr(LockedFetcher, "fetch", spy)
    from briefing.project import Project
    from briefing.render.fonts import font_roots

    project = Project(ROOT, tmp_path)
    build([FIXTURES / "minimal.yaml"], Options(project))
    roots = [str(ROOT / "templates"), *map(str, font_roots(project.font_cache))]
    files = [u for u in opened if u.startswith("file:")]
    assert files, "fonts are fetched through the locked fetcher"
    for url in files:
        path = os.path.realpath(url[len("file://"):].replace("%5B", "[")
                                .replace("%2C", ",").replace("%5D", "]"))
        assert any(path.startswith(r) for r in roots), url


def test_renderer_warnings_are_routed_to_the_caller(tmp_path):
    from briefing.pdf.writer import write_pdf

    warnings = write_pdf('<p>x</p><img src="file:///etc/passwd">', [tmp_path]).warnings
    assert any("refused to read file:///etc/passwd" in w for w in warnings), warnings


def test_a_missing_font_file_is_bad_input_not_a_crash(cli, tmp_path, monkeypatch):
    from dataclasses import replace

    from briefing.render import fonts

    gone = tmp_path / "NotoSerif-gone.ttf"
    monkeypatch.setattr(fonts, "FACES", (replace(fonts.FACES[0], source=gone),
                                         *fonts.FACES[1:]))
    monkeypatch.setattr(fonts, "fingerprint", lambda: "test-missing-font")
    result = cli("build", FIXTURES / "minimal.yaml", "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == (f"{gone}:1:1: error: pinned font file missing; reinstall with "
                          "'rm -r .venv && make venv'\n")
    assert not (tmp_path / "out").exists()


def test_a_symlink_out_of_the_project_is_refused_unread(cli, tmp_path):
    """facts/x.yaml -> /etc/passwd: the link is named, the file's lines are not; a
    link that stays inside the project is read; catalogs and conventions alike."""
    project = tmp_path / "project"
    (project / "templates").mkdir(parents=True)
    (project / "facts").mkdir()
    (project / "drafts").mkdir()
    shutil.copytree(ROOT / "locales", project / "locales")
    secret = tmp_path / "secret.yaml"  # YAML that would load, were it read
    secret.write_text((FIXTURES / "minimal.yaml").read_text("utf-8").replace(
        "A minimal brief", "SECRET TITLE"), "utf-8")
    (project / "facts" / "passwd.yaml").symlink_to("/etc/passwd")
    (project / "facts" / "secret.yaml").symlink_to(secret)
    (project / "drafts" / "inside.yaml").write_text(
        (FIXTURES / "minimal.yaml").read_text("utf-8"), "utf-8")
    (project / "facts" / "inside.yaml").symlink_to("../drafts/inside.yaml")
    for command in ("check", "build"):
        result = cli(command, "facts/passwd.yaml", "facts/secret.yaml", cwd=project)
        assert result.code == 2
        assert result.err.splitlines() == [
            "facts/passwd.yaml:1:1: error: file is a symbolic link to /etc/passwd, outside "
            "the project; inputs are read only inside it (copy the file in instead)",
            f"facts/secret.yaml:1:1: error: file is a symbolic link to {secret}, outside "
            "the project; inputs are read only inside it (copy the file in instead)"]
    assert cli("check", "facts/inside.yaml", cwd=project).code == 0
    conventions = project / "locales" / "vi" / "conventions.toml"
    conventions.unlink()
    conventions.symlink_to("/etc/passwd")
    vi = project / "drafts" / "vi.yaml"
    vi.write_text((FIXTURES / "minimal.yaml").read_text("utf-8").replace(
        "locales: [en]", "locales: [en, vi]"), "utf-8")
    result = cli("check", vi, cwd=project)
    assert result.code == 2
    assert "locales/vi/conventions.toml:1:1: error: conventions file is a symbolic link to " \
           "/etc/passwd, outside the project" in result.err
    assert "root:" not in result.err + result.out
    assert not (project / "dist").exists()


def test_terminal_escapes_in_paths_are_shown_not_obeyed(cli, tmp_path):
    """A file named with ESC[31m (or a right-to-left override) is printed with its
    escapes written out, in errors, progress lines and --json alike."""
    bad = tmp_path / "bad\x1b[31m\u202e.yaml"
    bad.write_text("brief: [\n", "utf-8")
    result = cli("check", bad.name, cwd=tmp_path)
    assert result.code == 2
    assert result.err == ("bad\\x1b[31m\\u202e.yaml:2:1: error: YAML syntax: did not find "
                          "expected node content (while parsing a flow node at line 2)\n")
    result = cli("check", "gone\x9b2J.yaml", cwd=tmp_path)
    assert result.err == "gone\\x9b2J.yaml:1:1: error: cannot read file: No such file or " \
                         "directory\n"
    good = tmp_path / "minimal.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", good)
    result = cli("build", good, "--out", "out\x1b]0;title\x07", cwd=tmp_path)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("out\\x1b]0;title\\x07/minimal.en.pdf: 2 pages, ")
    assert lines[1].startswith("wrote 1 edition to out\\x1b]0;title\\x07/ (")
    result = cli("build", good, "--json", "--out", "o\u202e", cwd=tmp_path)
    assert '"file": "o\\u202e/minimal.en.pdf"' in result.out
    assert not any(c in result.out + result.err for c in "\x1b\x07\x9b\u202e")
