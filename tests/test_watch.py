"""briefing watch: a saved change rebuilds, a bad one keeps the PDF, Ctrl-C ends it."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from briefing.project import Project
from briefing.watch import affected

from conftest import EPOCH, FIXTURES, ROOT, copy_project, interruptible
import pytest

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier


class Lines:
    """The lines a process prints on one stream, waited for with a deadline."""

    def __init__(self, stream):
        self.queue: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.queue.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.queue.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {timeout} s: {self.seen}")


@contextmanager
def watching(project: Path, *args: str):
    """``briefing watch ARGS`` running in ``project``, its output as Lines; stopped with
    Ctrl-C at the end of the block (which must see it stop), killed if it hangs."""
    watcher = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", *args], cwd=project,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH}, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=interruptible)
    try:
        out = Lines(watcher.stdout)
        yield out
        watcher.send_signal(signal.SIGINT)
        out.wait_for("watch: stopped")
        assert watcher.wait(timeout=30) in (0, 130)
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait()
        watcher.stdout.close()


def test_watch_rebuilds_on_save_keeps_the_pdf_on_bad_input_and_stops(tmp_path):
    project = copy_project(tmp_path / "project", with_make=True)  # fonts prepared
    briefs = project / "briefs"
    briefs.mkdir()
    facts = briefs / "minimal.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", facts)
    pdf = project / "dist" / "minimal.en.pdf"
    with watching(project, "briefs") as out:
        out.wait_for("dist/minimal.en.pdf: 2 pages")
        out.wait_for("wrote 1 edition to dist/")
        out.wait_for("watch: waiting for changes")
        first = pdf.read_bytes()

        facts.write_text(facts.read_text("utf-8").replace("A minimal brief", "A new title"),
                         "utf-8")
        out.wait_for("watch: changed briefs/minimal.yaml")
        out.wait_for("dist/minimal.en.pdf: 2 pages")
        out.wait_for("wrote 1 edition to dist/")
        second = pdf.read_bytes()
        assert second != first

        facts.write_text(facts.read_text("utf-8") + "bogus: [\n", "utf-8")
        out.wait_for("watch: changed briefs/minimal.yaml")
        assert out.wait_for(": error: ").startswith("briefs/minimal.yaml:61:1: error: YAML")
        out.wait_for("watch: not rebuilt; the editions stay as they were")
        assert pdf.read_bytes() == second
    assert [p for p in project.rglob("*.tmp")] == []
    assert sorted(p.name for p in pdf.parent.iterdir()) == [".records", "minimal.en.pdf"]


def test_each_kind_of_change_rebuilds_the_editions_it_affects():
    flagship, second = Path("facts/nagorno-karabakh.yaml"), FIXTURES / "minimal.yaml"
    facts = [ROOT / flagship, second]
    project = Project(ROOT)
    vi = ROOT / "locales" / "vi" / "LC_MESSAGES"
    assert affected([second], facts, project) == [([second], ())]
    assert affected([ROOT / "templates" / "print.css"], facts, project) == [
        (sorted(facts), ())]
    assert affected([ROOT / "charts" / "rows.py"], facts, project) == [(sorted(facts), ())]
    # Only the flagship lists vi; its own facts catalog touches it alone.
    assert affected([vi / "messages.po"], facts, project) == [([ROOT / flagship], ("vi",))]
    assert affected([vi / "facts" / "nagorno-karabakh.po"], facts, project) == [
        ([ROOT / flagship], ("vi",))]
    assert affected([ROOT / "locales" / "messages.pot"], facts, project) == []
    # Files a brief names beside it: its previous edition, a map's GeoJSON.
    assert affected([ROOT / "facts" / "editions" / "nagorno-karabakh.1.yaml"], facts,
                    project) == [([ROOT / flagship], ())]
    energy = FIXTURES / "subjects" / "energy.yaml"
    assert affected([FIXTURES / "subjects" / "maps" / "example-river.geojson"],
                    [*facts, energy], project) == [([energy], ())]
    assert affected([FIXTURES / "subjects" / "maps" / "other.geojson"], [*facts, energy],
                    project) == []


def test_watch_png_rewrites_only_the_pages_that_changed(tmp_path):
    """--png DIR: the first build writes every page; an edit on the last page rewrites
    that page's image alone, so a viewer that reloads changed files shows it."""
    project = copy_project(tmp_path / "project", with_make=True)
    facts = project / "minimal.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", facts)
    pages = [project / "preview" / f"minimal.en.page-0{n}.png" for n in (1, 2)]
    with watching(project, "minimal.yaml", "--png", "preview") as out:
        assert out.wait_for("page image(s) of minimal.en.pdf changed") == (
            "watch: 2 page image(s) of minimal.en.pdf changed: preview/minimal.en.page-01.png,"
            " preview/minimal.en.page-02.png")
        out.wait_for("watch: waiting for changes")
        first = [page.read_bytes() for page in pages]

        facts.write_text(facts.read_text("utf-8").replace("The war begins.",
                                                          "The war breaks out."), "utf-8")
        assert out.wait_for("page image(s) of minimal.en.pdf changed") == (
            "watch: 1 page image(s) of minimal.en.pdf changed: preview/minimal.en.page-02.png")
        assert pages[0].read_bytes() == first[0] and pages[1].read_bytes() != first[1]
    assert sorted(p.name for p in (project / "preview").iterdir()) == [p.name for p in pages]
