"""Shared fixtures: the project root, the CLI run in-process, built editions."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FLAGSHIP = ROOT / "facts" / "nagorno-karabakh.yaml"
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session", autouse=True)
def prepared_fonts():
    """The pinned fonts prepared before any test, as a machine's first build does:
    tests that read a command's output never see the one-time preparation message."""
    from briefing.project import Project
    from briefing.render.fonts import prepared_faces

    prepared_faces(Project(ROOT).font_cache)


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``briefing ARGS`` in this process; returns exit code, stdout, stderr."""
    from briefing.cli import main

    def run(*args, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def edition_view(facts: Path, locale: str, root: Path = ROOT):
    """The view of one edition, through the build's own stages (no layout)."""
    from briefing.diagnostics import Collector
    from briefing.facts import load_brief
    from briefing.facts.relations import relate
    from briefing.i18n.localizer import Localizer
    from briefing.i18n.translate import translate
    from briefing.project import Project
    from briefing.render.view import EditionView

    brief = load_brief(facts)
    loc = Localizer.load(Project(root), locale, Collector(), brief=brief.brief.id)
    translation = translate(brief, loc, Collector())
    return EditionView(translation, loc, relate(translation.brief))


def interruptible() -> None:
    """For a child process a test interrupts as Ctrl-C would: SIGINT back to its
    default. A shell runs a background job (``make test &``, a CI step) with SIGINT
    ignored, which its children inherit, and Python then never raises
    KeyboardInterrupt; a terminal's Ctrl-C reaches a foreground process."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_process(*args, cwd: Path = ROOT, env: dict | None = None) -> Run:
    """Run the briefing CLI as a separate process, as Make does; ``env`` adds variables
    to the environment, or removes those it maps to None."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    environment = {name: value for name, value in environment.items() if value is not None}
    done = subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], cwd=cwd,
                          env=environment, capture_output=True, text=True, timeout=300)
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="session")
def flagship_dist(tmp_path_factory) -> Path:
    """Both editions of the flagship, built once for the whole session."""
    out = tmp_path_factory.mktemp("dist")
    result = run_process("build", FLAGSHIP, "--out", out)
    assert result.code == 0, result.err
    return out


@pytest.fixture(scope="session")
def pdf_text(flagship_dist):
    """Text of each edition read back with pypdf, NFC-normalized, by locale."""
    import unicodedata

    from pypdf import PdfReader

    def text(locale: str) -> str:
        reader = PdfReader(flagship_dist / f"nagorno-karabakh.{locale}.pdf")
        pages = [page.extract_text() for page in reader.pages]
        return unicodedata.normalize("NFC", "\n".join(pages))

    return {locale: text(locale) for locale in ("en", "vi")}


def copy_project(dest: Path, with_make: bool = False) -> Path:
    """A copy of the project's inputs and code, for tests that change them; with
    its Makefile and the prepared fonts when the test runs Make in it."""
    for name in ("briefing", "charts", "templates", "locales", "facts"):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    if with_make:
        for name in ("Makefile", "pyproject.toml", "constraints.txt"):
            shutil.copy2(ROOT / name, dest / name)
    return dest


def private_cache(dest: Path) -> dict:
    """A cache folder of one's own (BRIEFING_CACHE_DIR) holding the machine's prepared
    fonts, for a test that looks at what the other caches keep; returns the
    environment that selects it."""
    from briefing.project import Project
    from briefing.render.fonts import prepared_faces

    prepared_faces(Project(ROOT).font_cache)  # prepared once per machine
    shutil.copytree(Project(ROOT).font_cache, dest / "fonts")
    return {"BRIEFING_CACHE_DIR": str(dest)}


def make_in(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run make in a project copy with the test environment's virtualenv; ``env``
    adds variables to the environment, or removes those it maps to None."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    env = {name: value for name, value in env.items() if value is not None}
    return subprocess.run(["make", "--no-print-directory", f"VENV={sys.prefix}",
                           # never reinstall the shared environment from a copy
                           "NO_INSTALL=1", *args],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def set_msgstr(po: Path, msgid_start: str, msgstr: str) -> None:
    """Translate the entry whose msgid begins with msgid_start, as a translator would."""
    text = po.read_text("utf-8")
    at = text.index(f'msgid "{msgid_start}')
    end = text.index('msgstr ""\n', at)
    po.write_text(text[:end] + f'msgstr "{msgstr}"\n' + text[end + len('msgstr ""\n'):],
                  "utf-8")
