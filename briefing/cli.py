"""The command line: ``briefing build | watch | check | new | info | schema | ...``.

Exit status: 0 success, 2 bad input (facts, catalogs, options), 1 a fault of ours,
which keeps its traceback so that it can be reported and fixed; 130 after SIGINT
(Ctrl-C) and 143 after SIGTERM, which end a build as an exception would, so that its
workers end too and no temporary file is left.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .build import Options, check
from .diagnostics import Diagnostic, InputError, Location, emit, printable
from .editions import Shard
from .config import PAPERS
from .project import Project

EXIT_OK, EXIT_FAULT, EXIT_INPUT = 0, 1, 2
VARIANTS = {"pdf/ua-1": "pdf/ua-1", "pdf/a-3b": "pdf/a-3b", "plain": None}


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="briefing", description=__doc__.splitlines()[0])
    main.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = commands.add_parser("build", help="build the editions of briefs")
    _build_arguments(b)
    b.add_argument("--shard", type=_shard, metavar="I/N",
                   help="build only part I of N of the editions, chosen by a hash of "
                        "each edition's name (for a CI matrix; see make release)")
    w = commands.add_parser("watch", help="build, then rebuild what each saved change "
                                          "affects, until Ctrl-C")
    _build_arguments(w)
    w.add_argument("--png", type=Path, metavar="DIR",
                   help="also write each rebuilt page that changed as PNG into DIR, for "
                        "an image viewer that reloads")

    c = commands.add_parser("check", help="validate facts files and their catalogs")
    c.add_argument("facts", nargs="*", type=Path, metavar="FACTS")
    c.add_argument("--strict", action="store_true",
                   help="missing or fuzzy translations are errors")
    c.add_argument("--summary", action="store_true",
                   help="one line per edition for what it lacks in translation, not a "
                        "line per text ('make locale-status' lists them)")
    _root(c)

    commands.add_parser("schema", help="print the JSON Schema of the facts format")

    s = commands.add_parser("locale-status", help="translation status per brief, locale "
                                                  "and domain")
    s.add_argument("facts", nargs="*", type=Path, metavar="FACTS")
    s.add_argument("--brief", metavar="ID", help="only this brief")
    s.add_argument("--strict", action="store_true",
                   help="exit 2 when a brief is incomplete in a locale it lists")
    _root(s)

    r = commands.add_parser("make-rules", help="print Make rules: each edition and its inputs")
    r.add_argument("facts", nargs="*", type=Path, metavar="FACTS")
    r.add_argument("--out", type=_folder, default=None, metavar="DIR")
    r.add_argument("--write", type=Path, metavar="RULES",
                   help="write them to RULES, with each edition's inputs stamp, only "
                        "when they change (what a Makefile includes)")
    r.add_argument("--shard", metavar="I/N", help="list only the editions of this shard")
    r.add_argument("--newest-input", action="store_true",
                   help="print the newest modification time of the project's inputs")
    _root(r)

    for name, what in (("extract", "write each brief's catalog template "
                                   "(locales/facts/<brief>.pot)"),
                       ("update-locales", "create or update the catalogs of every locale "
                                          "a brief lists"),
                       ("init-locale", "start a new locale (never overwrites one)")):
        t = commands.add_parser(name, help=what)
        t.add_argument("facts", nargs="*", type=Path, metavar="FACTS")
        if name == "init-locale":
            t.add_argument("--locale", required=True, metavar="CODE")
            t.add_argument("--force", action="store_true",
                           help="start an existing locale again, after moving its "
                                "catalogs to locales/.backup/")
        _root(t)

    rel = commands.add_parser("release", help="after a strict build: dist/SHA256SUMS and "
                                              "manifest.json")
    rel.add_argument("facts", nargs="*", type=Path, metavar="FACTS")
    rel.add_argument("--out", type=_folder, default=None, metavar="DIR")
    rel.add_argument("--shard", metavar="I/N", help="record this shard's editions")
    rel.add_argument("--merge", metavar="N", help="merge the records of N shards")
    _root(rel)
    p = commands.add_parser("preview", help="every page of PDFs as PNG, with contact sheets")
    p.add_argument("pdfs", nargs="+", type=Path, metavar="PDF")
    p.add_argument("--out", type=Path, default=Path("preview"), metavar="DIR")

    n = commands.add_parser("new", help="create a briefs project that builds at once")
    n.add_argument("directory", type=Path, metavar="DIR")
    commands.add_parser("info", help="the project, and where each template, catalog and "
                                     "cache is taken from")
    return main


def _build_arguments(b: argparse.ArgumentParser) -> None:
    shown = b.add_mutually_exclusive_group()
    shown.add_argument("-q", "--quiet", action="store_true",
                       help="print nothing but warnings and errors")
    shown.add_argument("--json", action="store_true",
                       help="progress as one JSON object per line, for pipelines")
    b.add_argument("facts", nargs="*", type=Path, metavar="FACTS",
                   help="facts files or folders of them (default: the project's facts "
                        "folder)")
    b.add_argument("--locale", action="append", default=[], metavar="CODE",
                   help="build only this locale (repeatable); default: every locale "
                        "the brief lists")
    b.add_argument("--out", type=_folder, default=None, metavar="DIR",
                   help="output directory (default: the project's, dist)")
    b.add_argument("--format", choices=("pdf", "html"), default="pdf",
                   help="pdf, or the self-contained intermediate html")
    b.add_argument("--strict", action="store_true",
                   help="missing or fuzzy translations are errors (for releases)")
    b.add_argument("--mark-untranslated", action="store_true",
                   help="show text that fell back to English visibly, for proofreading")
    b.add_argument("--paper", choices=PAPERS, default=None,
                   help="a4 or letter (default: the project's, a4)")
    b.add_argument("--two-sided", action="store_true", default=None,
                   help="mirrored margins, chapters on right-hand pages")
    b.add_argument("--jobs", type=_jobs, default=0, metavar="N",
                   help="lay out up to N editions at once (default: one per core)")
    b.add_argument("--pdf-variant", choices=VARIANTS, default=None,
                   help="pdf/ua-1 (tagged, accessible; the default), pdf/a-3b (archival) "
                        "or plain")
    b.add_argument("--since", metavar="REV|PATH",
                   help="print what changed since the previous edition: the facts file "
                        "at a git revision (a tag, a commit), or a previous facts file "
                        "or folder of them")
    _root(b)


def _jobs(text: str) -> int:
    """--jobs N: a whole number from 0 (one per core) up."""
    if not text.strip().isascii() or not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of jobs; give 1 or "
                                         "more, or 0 for one per core")
    return int(text)


def _folder(text: str) -> Path:
    """--out DIR: a folder's name, never empty (which would write into the current
    folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty name; give the folder to write in")
    return Path(text)


def _shard(text: str) -> Shard:
    try:
        return Shard.parse(text)
    except ValueError as exc:  # argparse prints it as a usage error, exit status 2
        raise argparse.ArgumentTypeError(str(exc)) from None


def _root(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--root", type=Path, default=None, help=argparse.SUPPRESS)


class Terminated(BaseException):
    """SIGTERM, raised where the main thread is, like KeyboardInterrupt for SIGINT."""


@contextmanager
def terminated_as_exception():
    def on_sigterm(signum, frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        with terminated_as_exception():
            return run(args)
    except InputError as exc:
        emit(exc.diagnostics)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    except Terminated:
        print("briefing: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM


def run(args: argparse.Namespace) -> int:
    if args.command == "schema":
        from .facts.schema import json_schema
        text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
        return _write_out(text.encode("utf-8"))
    if args.command == "new":
        from .skeleton import new_project
        new_project(args.directory)
        return EXIT_OK
    found = Project.find(getattr(args, "out", None))
    root = getattr(args, "root", None)
    project = Project(root, found.out) if root else found
    if args.command == "info":
        from .info import describe
        print(describe(project), end="")
        return EXIT_OK
    if hasattr(args, "facts"):
        from .editions import facts_paths
        args.facts = args.facts or project.default_facts()
        args.named, args.facts = args.facts, facts_paths(args.facts)
    if args.command in ("make-rules", "release", "preview") or args.command in TRANSLATING:
        return _delegate(args, project)
    if args.command == "locale-status":
        from .i18n.status import locale_status
        table, complete = locale_status(project, args.facts, args.brief)
        print("".join(printable(line) + "\n" for line in table.splitlines()), end="")
        return EXIT_OK if complete or not args.strict else EXIT_INPUT
    if args.command == "check":
        report = check(args.facts, Options(project, strict=args.strict),
                       summary=args.summary)
        emit(report.warnings)
        return EXIT_OK
    defaults = project.settings
    options = Options(
        project, locales=tuple(args.locale), format=args.format, strict=args.strict,
        mark_untranslated=args.mark_untranslated, paper=args.paper or defaults.paper,
        two_sided=defaults.two_sided if args.two_sided is None else args.two_sided,
        pdf_variant=VARIANTS[args.pdf_variant or defaults.pdf_variant], jobs=args.jobs,
        since=args.since, shard=getattr(args, "shard", None))
    from .progress import Progress

    progress = Progress("quiet" if args.quiet else "json" if args.json else "text")
    if args.command == "watch":
        from .watch import watch
        if args.png is not None and args.format != "pdf":
            raise InputError([Diagnostic(Location("--png"), "error", "--png renders the "
                                         "PDF's pages; it cannot go with --format html")])
        return watch(args.named, options, progress.build,  # folders stay folders
                     png=args.png)
    try:
        progress.build(args.facts, options)
    except InputError as exc:
        progress.failed(exc)
        raise
    return EXIT_OK


TRANSLATING = ("extract", "update-locales", "init-locale")


def _write_out(data: bytes) -> int:
    """Bytes to standard output as they are (UTF-8, whatever the terminal's encoding);
    a reader that stops early (| head) ends the output, not in a traceback."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK


def _delegate(args: argparse.Namespace, project: Project) -> int:
    """The commands whose work lives in a module of its own."""
    if args.command == "preview":
        from .preview import main as preview
        return preview([*map(str, args.pdfs), "--out", str(args.out)])
    if args.command == "release":
        from .release import main as release
        return release([*map(str, args.named), *(["--out", str(project.out)]),
                        *(["--shard", args.shard] if args.shard else []),
                        *(["--merge", args.merge] if args.merge else [])])
    if args.command == "make-rules":
        from . import makerules
        if args.newest_input:
            print(makerules.newest_input(project.root))
        elif args.write:
            makerules.update_rules(args.named, project, args.write, args.shard)
        else:
            print(makerules.make_rules(args.facts, project), end="")
        return EXIT_OK
    from .diagnostics import Collector
    from .i18n import workflow

    problems = Collector()
    briefs = workflow.briefs_of(project, args.facts, problems)
    problems.raise_if_errors()
    def say(line: str) -> None:
        print(printable(line))

    if args.command == "extract":
        workflow.extract(project, briefs, say)
    elif args.command == "update-locales":
        workflow.update_locales(project, briefs, say, problems)
    else:
        workflow.init_locale(project, briefs, args.locale, args.force, say, problems)
    emit(problems.diagnostics)
    return EXIT_INPUT if problems.errors else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
