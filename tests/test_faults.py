"""Faults leave things as they were: unwritable outputs, a full disk, an interruption.

Each fault ends with a located message (or, for a signal, its exit status), the
previous editions and their records as they were, and no temporary file left.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing import files as filesmod

from conftest import EPOCH, FIXTURES, FLAGSHIP, ROOT, interruptible, private_cache

pytestmark = pytest.mark.slow  # whole builds, Make runs or installs: the second tier

BUDGET = FIXTURES / "subjects" / "budget.yaml"  # two editions: city-budget.en, .vi


def previous_editions(out: Path, stem: str = "city-budget") -> dict[str, bytes]:
    """Stand-ins for the editions of an earlier build, and their records."""
    files = {f"{stem}.en.pdf": b"previous en", f"{stem}.vi.pdf": b"previous vi",
             f".records/{stem}.en.json": b"{}", f".records/{stem}.vi.json": b"{}"}
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    return files


def contents(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_an_output_path_that_is_a_directory_is_reported_before_layout(cli, tmp_path):
    out = tmp_path / "out"
    (out / "minimal.en.pdf").mkdir(parents=True)
    result = cli("build", FIXTURES / "minimal.yaml", "--out", out)
    assert result.code == 2
    shown = os.path.relpath(out / "minimal.en.pdf")
    assert result.err == (f"{shown}:1:1: error: cannot write: a directory is in the way; "
                          "remove it or build into another --out\n")
    assert [p.name for p in out.iterdir()] == ["minimal.en.pdf"]
    assert list((out / "minimal.en.pdf").iterdir()) == []


def test_out_naming_a_file_is_an_error_and_the_file_is_kept(cli, tmp_path):
    out = tmp_path / "elsewhere"
    out.write_bytes(b"not a directory")
    result = cli("build", FIXTURES / "minimal.yaml", "--out", out)
    assert result.code == 2
    assert result.err == (f"{os.path.relpath(out)}:1:1: error: cannot write: not a "
                          "directory; --out names the directory to write in\n")
    assert out.read_bytes() == b"not a directory"


def test_a_read_only_output_directory_keeps_the_previous_editions(cli, tmp_path,
                                                                   monkeypatch):
    out = tmp_path / "out"
    before = previous_editions(out)

    def read_only(*args, **kwargs):  # a read-only mount, even for root
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(filesmod.tempfile, "mkstemp", read_only)
    result = cli("build", BUDGET, "--out", out)
    assert result.code == 2
    assert result.err.endswith(f"{os.path.relpath(out)}:1:1: error: cannot write: "
                               "Read-only file system\n")
    assert "Traceback" not in result.err
    assert contents(out) == before


def test_a_full_disk_writes_no_edition_and_leaves_no_temporary_file(cli, tmp_path,
                                                                    monkeypatch):
    """The disk fills while the second edition is written: the first is not
    replaced either, so the set of editions and records stays as it was."""
    out = tmp_path / "out"
    before = previous_editions(out)
    synced = []

    def fsync(fd):
        if not os.readlink(f"/proc/self/fd/{fd}").startswith(str(out)):
            return  # the caches (font subsets, charts) are not the editions
        synced.append(fd)
        if len(synced) == 3:  # en.pdf and its record are staged; vi.pdf fails
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(filesmod.os, "fsync", fsync)
    result = cli("build", BUDGET, "--out", out)
    assert result.code == 2
    assert result.err.endswith(f"{os.path.relpath(out / 'city-budget.vi.pdf')}:1:1: "
                               "error: cannot write: No space left on device\n")
    assert "Traceback" not in result.err
    assert contents(out) == before  # no .tmp file either


def children_of(pid: int) -> set[int]:
    """The live forks of ``pid`` (children running its command line), from /proc."""
    found, command = set(), Path(f"/proc/{pid}/cmdline").read_bytes()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                same = (entry / "cmdline").read_bytes() == command
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[1]) == pid and same:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


@pytest.mark.parametrize("sig, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_mid_build_ends_the_workers_and_keeps_the_editions(tmp_path, sig,
                                                                     status):
    # The flagship: its editions take seconds to lay out, so the signal lands while
    # the workers are at it (a small brief's could finish first on a fast machine).
    out = tmp_path / "out"
    before = previous_editions(out, "nagorno-karabakh")
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "TMPDIR": str(tmp_path / "tmp"),
           **private_cache(tmp_path / "cache")}
    build = subprocess.Popen(
        [sys.executable, "-m", "briefing", "build", FLAGSHIP, "--out", out, "--jobs", "2"],
        cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=interruptible)
    fonts = tmp_path / "cache" / "tmp"
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while (len(workers) < 2 or not list(fonts.glob("*/weasyprint-*"))) \
                and build.poll() is None and time.monotonic() < deadline:
            workers = children_of(build.pid)  # the layout workers, once forked
            time.sleep(0.05)
        assert len(workers) == 2, "the build never started its two layout workers"
        assert list(fonts.glob("*/weasyprint-*")), "WeasyPrint wrote no font folder"
        build.send_signal(sig)
        _, err = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    assert build.returncode == status, err
    assert err.endswith("briefing: terminated\n" if sig == signal.SIGTERM
                        else "briefing: interrupted\n")
    assert "Traceback" not in err
    deadline = time.monotonic() + 30
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in workers if alive(pid)] == []
    # WeasyPrint's font folders went with the run, in our scratch folder and elsewhere.
    assert list(fonts.iterdir()) == [] and list((tmp_path / "tmp").iterdir()) == []
    assert contents(out) == before


def test_the_next_run_sweeps_the_temporary_files_a_killed_run_left(cli, tmp_path):
    """SIGKILL while staging left '.<name>.pdf.*.tmp' in the output folder, which a
    pipeline uploading it shipped; only ours of a process that is gone are removed."""
    out = tmp_path / "out"
    out.mkdir()
    dead = 2 ** 22 + 12345  # above Linux's default pid_max: no such process
    stale = [out / f".minimal.en.pdf.{dead}.k3j2h1.tmp", out / f".probe.{dead}.abc.tmp",
             out / f".SHA256SUMS.{dead}.x9.tmp"]
    kept = [out / f".minimal.en.pdf.{os.getpid()}.live.tmp", out / ".notes.tmp",
            out / "draft.pdf"]
    for path in stale + kept:
        path.write_bytes(b"half")
    result = cli("build", FIXTURES / "minimal.yaml", "--out", out, cwd=tmp_path)
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [p.name for p in kept] + ["minimal.en.pdf", ".records"])


def test_a_chart_cache_that_cannot_be_written_is_drawn_past(tmp_path):
    """A full or read-only chart cache failed the build, where a font subset cache in
    the same state was skipped: both are caches, and neither stops a build."""
    env = private_cache(tmp_path / "cache")
    (tmp_path / "cache" / "charts").write_text("a file where the chart cache goes")
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "build", FIXTURES / "charts-health.yaml",
         "--locale", "en", "--out", tmp_path / "out"],
        cwd=tmp_path, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **env},
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "out").glob("*.pdf"))


def test_matplotlib_keeps_its_files_in_our_cache_not_the_home_folder(tmp_path):
    """With a home folder it cannot write in, matplotlib warned on stderr at every
    build; its font list now lives beside our caches."""
    env = private_cache(tmp_path / "cache")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **env, "HOME": str(tmp_path / "home")}
    env.pop("MPLCONFIGDIR", None)
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "build", FIXTURES / "charts-health.yaml",
         "--locale", "en", "--out", tmp_path / "out"],
        cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "cache" / "matplotlib").glob("fontlist-*.json"))
    assert not (tmp_path / "home").exists()
