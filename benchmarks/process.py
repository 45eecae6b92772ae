"""Running the benchmark's commands and keeping them apart from the working tree:
timed child processes, their environment, and temporary copies of the project."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = Path(sys.prefix)
EPOCH = "1700000000"
# What a copy of the project needs to build, to run its Makefile and this benchmark.
PROJECT_FILES = ("briefing", "charts", "templates", "locales", "facts", "benchmarks",
                 "Makefile", "pyproject.toml", "constraints.txt")


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user and system time
    max_rss: int        # bytes
    stdout: str


def run(cmd: list, cwd: Path, env: dict) -> Run:
    """Run a command to completion: its wall and CPU time, peak memory and output.

    Raises RuntimeError, with the end of its stderr, if the command fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([str(c) for c in cmd], cwd=cwd, env=env,
                                   stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            tail = err.read().decode(errors="replace")[-3000:]
            raise RuntimeError(f"{' '.join(map(str, cmd))} (in {cwd}) exited with "
                               f"{process.returncode}:\n{tail}")
        out.seek(0)
        return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
                   out.read().decode(errors="replace"))


def environment(root: Path) -> dict:
    """The environment of a child process that builds in the project copy ``root``.

    The variables of an enclosing make (``make bench``, maybe with -j) are dropped so
    that the make runs measured here do not join its job server."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MAKE") and k != "MFLAGS"}
    # Each copy keeps its caches in its own build/ (fonts, charts, subsets, templates),
    # so that a cold run is cold and copies never share what they measure.
    env.update(SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(root),
               BRIEFING_CACHE_DIR=str(Path(root) / "build"))
    return env


def in_fresh_process(root: Path, function: str, *args) -> dict:
    """Call a function of this module in a new interpreter running the copy's code."""
    script = (f"import json, sys; from benchmarks.bench import {function}; "
              f"json.dump({function}(*sys.argv[1:]), sys.stdout)")
    result = run([sys.executable, "-c", script, *args], root, environment(root))
    return json.loads(result.stdout)


# -- project copies ------------------------------------------------------------------

def project_copy(dest: Path, caches_from: Path | None = None) -> Path:
    """A copy of the project to build in, its ``.venv`` a link to ours.

    The prepared fonts come from ``caches_from`` (another copy) or from the user's
    cache; with ``caches_from`` the chart and font-subset caches come along too."""
    dest.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    (dest / ".venv").symlink_to(VENV)
    from briefing.project import cache_root

    for cache in ("fonts", "charts", "subsets") if caches_from else ("fonts",):
        source = caches_from / "build" / cache if caches_from else cache_root() / cache
        if source.is_dir():
            shutil.copytree(source, dest / "build" / cache)
    return dest


def check_install_stamp(root: Path) -> None:
    """Refuse to run make in a copy whose install stamp is out of date: the stamp's
    rule would ``pip install -e`` the copy into our virtual environment."""
    stamp = VENV / ".installed"
    newest = max((root / name).stat().st_mtime
                 for name in ("pyproject.toml", "constraints.txt"))
    if not stamp.exists() or stamp.stat().st_mtime < newest:
        raise RuntimeError(f"{stamp} is older than pyproject.toml or constraints.txt; "
                           "run 'make venv' first")


def same_pdfs(one: Path, other: Path) -> bool:
    """Whether two directories hold the same PDFs, byte for byte."""
    names = sorted(p.name for p in one.glob("*.pdf"))
    return bool(names) and names == sorted(p.name for p in other.glob("*.pdf")) and all(
        (one / n).read_bytes() == (other / n).read_bytes() for n in names)


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)
