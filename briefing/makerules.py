"""What Make needs of the facts files: the editions, what identifies their inputs, checks.

``python -m briefing.makerules rules FACTS... --out DIST --write build/editions.mk`` is
run by Make before every goal that builds editions. It finds the facts files itself (a
directory stands for its ``*.yaml``), so no file name found on disk reaches a shell,
and it refuses a name that Make or a shell would read specially. For each edition it
keeps an inputs stamp, ``build/inputs/<stem>``, holding the checksums of the edition's
facts file, its maps' GeoJSON files and its catalogs, rewritten only when one of them
changes: an edition is
rebuilt when its inputs change, whatever their timestamps, and a brief that is removed
leaves no rule behind. The rules file, too, is rewritten only when it changes, so that
Make reads it again only then. Loading the briefs is the slow part; it is done again
only when a facts file, the set of facts files or the set of locales has changed (a
no-change run imports no more than this module needs to hash files). With ``--shard
i/N`` (``make briefs SHARD=i/N``) the list of editions holds only that part of them.

``python -m briefing.makerules check FACTS... [--strict]`` is ``make check``: every
catalog through ``msgfmt --check``, then the facts files and their catalogs through the
compiler; ``newest-input`` prints the newest modification time of the project's
inputs, the date of record when there is neither a git checkout nor a
``SOURCE_DATE_EPOCH`` file. This module imports the compiler only when it needs it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Optional

from .diagnostics import Collector, InputError, Location, emit
from .inputs import edition_files, engine_digest, file_digest
from .project import Project

# A file name that Make and POSIX shells read as itself: letters, digits and ._+-
# in each part of the path, none starting with '-' (an option to the tools).
SAFE_CHAR = re.compile(r"[A-Za-z0-9_+.-]")
SAFE_STEM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.[A-Za-z0-9_]+")
INPUTS_DIR = Path("build") / "inputs"
ENGINE_STAMP = Path("build") / "engine"  # a digest of the engine, for every edition
CACHE = Path("build") / "editions.json"
# The kinds of file an edition is made from, for the date of record of a copy
# without git history.
INPUT_DIRS = ("facts", "locales", "templates", "charts", "briefing")
INPUT_SUFFIXES = {".yaml", ".po", ".pot", ".cfg", ".j2", ".css", ".py", ".toml", ".txt",
                  ".geojson", ".json"}


def shown(path: Path) -> str:
    """The path as messages show it: relative when it can be, without control
    characters that would reach the terminal raw."""
    try:
        text = os.path.relpath(path)
    except ValueError:
        text = str(path)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def facts_files(args: list[Path], problems: Collector) -> list[Path]:
    """The facts files named by ``args`` (a directory: its ``*.yaml``, sorted by
    name); a name that could not pass safely through Make and a shell is an error."""
    from .editions import facts_paths

    found = facts_paths(args)
    for path in found:
        parts = path.parts[1:] if path.is_absolute() else path.parts  # not the root '/'
        bad = sorted({c for part in parts for c in part if not SAFE_CHAR.fullmatch(c)})
        if bad or any(part.startswith("-") for part in parts):
            what = " ".join(repr(c) for c in bad) if bad else "a leading '-'"
            problems.error(Location(shown(path)),
                           f"file name holds {what}, which Make or a shell would read "
                           "specially; name facts files with letters, digits, '.', '_', "
                           "'+' and '-' only")
    return found


def digest(path: Path, problems: Collector) -> Optional[str]:
    """SHA-256 of a regular file's bytes; a special file (a FIFO, a device) is never
    opened, since reading one can block or never end."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            problems.error(Location(shown(path)), "not a regular file")
            return None
        with open(path, "rb") as handle:  # in blocks: a large file is never held whole
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        problems.error(Location(shown(path)), f"cannot read file: {exc.strerror or exc}")
        return None


def load_editions(paths: list[Path], project: Project, problems: Collector,
                  clashes: Optional[Collector] = None) -> list[dict]:
    """Each edition of each facts file, with the files it is made from; two facts
    files that declare the same brief id are an error (their PDFs would overwrite
    each other), reported to ``clashes`` when given."""
    clashes = clashes if clashes is not None else problems
    from .editions import editions
    from .previous import named_files

    found, declared = [], {}
    for edition in editions(paths, project, (), problems):
        path, brief, locale, stem = edition.path, edition.brief, edition.locale, edition.stem
        first = declared.setdefault(brief.brief.id, (path, brief))
        if first[0] != path:
            duplicate = (f"brief id '{brief.brief.id}' is also declared by "
                         f"{first[1].brief.where('id')}; each brief needs an id of its "
                         "own, since its PDFs are named after it")
            if duplicate not in {d.message for d in clashes.diagnostics}:
                clashes.error(brief.brief.where("id"), duplicate)
            continue
        if not SAFE_STEM.fullmatch(stem):
            problems.error(brief.brief.where("id"),
                           f"edition name {stem!r} is not a safe file name; a brief id "
                           "holds lowercase letters, digits and single hyphens")
            continue
        named = [os.path.relpath(p, project.root) for p in named_files(brief, path)]
        found.append({"facts": str(path), "locale": locale, "stem": stem,
                      "brief": brief.brief.id, "named": named})
    return found


def rules_text(editions: list[dict], out: Path, shard=None) -> str:
    """The Make rules: the list of editions (only those of ``shard``, when given)
    and, for each edition, its facts file and its prerequisites (its inputs stamp and
    the engine)."""
    listed = [e for e in editions if shard is None or shard.holds(e["stem"])]
    lines = ["# Written by briefing.makerules from the facts files; remade by Make.",
             "EDITIONS := " + " ".join(str(out / f"{e['stem']}.pdf") for e in listed)]
    briefs: dict[str, str] = {}
    for edition in editions:
        stem = edition["stem"]
        briefs.setdefault(edition["brief"], edition["facts"])
        lines += [f"FACTS_OF_{stem} := {edition['facts']}",
                  f"{out / f'{stem}.pdf'}: {INPUTS_DIR / stem} $(ENGINE)"]
    # The briefs by id, for extracting each brief's catalog template on its own.
    lines.append("BRIEF_IDS := " + " ".join(briefs))
    lines += [f"FACTS_OF_BRIEF_{brief} := {path}" for brief, path in briefs.items()]
    return "".join(line + "\n" for line in lines)


# The rules file after bad input: no editions. Make stops when making it fails; with
# -k it reads it again (MAKE_RESTARTS is then set) and stops here instead of going on.
FAILED_RULES = """\
# Written by briefing.makerules: the facts files have errors, so there are no editions.
ifdef MAKE_RESTARTS
$(error no editions until the errors above are fixed)
endif
"""


def write_if_changed(path: Path, text: str) -> None:
    """Replace the file only when its content changes, keeping its timestamp otherwise."""
    try:
        if path.read_text("utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)


def update_rules(args: list[Path], project: Project, rules: Path,
                 shard: Optional[str] = None) -> None:
    """Bring the rules file, the edition list (of one shard, ``i/N``, when given) and
    the inputs stamps up to date; raise InputError (after removing the rules file) on
    any bad input."""
    from .editions import Shard

    problems = Collector()
    try:
        try:
            part = Shard.parse(shard) if shard else None
        except ValueError as exc:
            problems.error(Location("SHARD"), str(exc))
        problems.raise_if_errors()
        paths = facts_files(args, problems)
        problems.raise_if_errors()
        sums = {str(path): digest(path, problems) for path in paths}
        problems.raise_if_errors()
        key = hashlib.sha256(json.dumps([2, str(project.out), sorted(sums.items()),
                                         project.locales()]).encode()).hexdigest()
        cache = project.root / CACHE
        try:
            cached = json.loads(cache.read_text("utf-8"))
        except (OSError, ValueError):
            cached = {}
        if cached.get("key") == key:
            editions = cached["editions"]
        else:
            cache.unlink(missing_ok=True)
            editions = load_editions(paths, project, problems)
            problems.raise_if_errors()
            write_if_changed(cache, json.dumps({"key": key, "editions": editions}))
        sums_of: dict[Path, str] = {}
        stamps = {}
        for edition in editions:
            # The facts file by its content alone: renamed, its editions stay built.
            lines = [f"{sums[edition['facts']]}  facts\n"]
            files = edition_files(project, Path(edition["facts"]), edition["locale"],
                                  edition["brief"],
                                  [project.root / name for name in edition["named"]])
            for path in files[1:]:
                if path not in sums_of:
                    sums_of[path] = file_digest(path)
                lines.append(f"{sums_of[path]}  {shown(path)}\n")
            stamps[edition["stem"]] = "".join(lines)
        engine = engine_digest(project) + "\n"
        problems.raise_if_errors()
    except InputError:
        write_if_changed(rules, FAILED_RULES)  # no stale rules for any make to read
        raise
    inputs = project.root / INPUTS_DIR
    write_if_changed(project.root / ENGINE_STAMP, engine)
    for stem, text in stamps.items():
        write_if_changed(inputs / stem, text)
    if inputs.is_dir():
        for stale in inputs.iterdir():
            if stale.name not in stamps:
                stale.unlink()
    write_if_changed(rules, rules_text(editions, project.out, part))


def check(args: list[Path], strict: bool, project: Project) -> int:
    """``make check``: every catalog through msgfmt --check, then the facts files and
    their catalogs through the compiler; every problem is printed, exit 2 if any."""
    status = 0
    for po in sorted(project.locales_dir.glob("*/LC_MESSAGES/*.po")):
        # A list of arguments, never a shell command line: the name stays a name.
        done = subprocess.run(["msgfmt", "--check", "-o", os.devnull, "--", shown(po)])
        status = status or (2 if done.returncode else 0)
    problems = Collector()
    paths = facts_files(args, problems)
    if not problems.errors:
        # Each file's own errors come from the compiler's check; only clashes here.
        load_editions(paths, project, Collector(), clashes=problems)
    emit(problems.diagnostics)
    if paths and not problems.errors:
        # A process of its own, as Make would run it (and no import cycle with build);
        # the names go as a list of arguments, never through a shell.
        done = subprocess.run([sys.executable, "-P", "-m", "briefing", "check",
                               *map(str, paths), *(["--strict", "--summary"] if strict else [])])
        status = status or (2 if done.returncode else 0)
    return 2 if status or problems.errors else 0


def newest_input(root: Path) -> int:
    """The newest modification time, in whole seconds, of the files editions are made
    from (caches and compiled files left out, since building writes those)."""
    newest = 0
    for top in INPUT_DIRS:
        for folder, subfolders, files in os.walk(root / top):
            subfolders[:] = [d for d in subfolders if d != "__pycache__"]
            for name in files:
                if Path(name).suffix in INPUT_SUFFIXES:
                    newest = max(newest, int(os.stat(os.path.join(folder, name)).st_mtime))
    return newest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.makerules",
                                     description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    r = commands.add_parser("rules", help="update the rules file and the inputs stamps")
    r.add_argument("facts", nargs="*", type=Path)
    r.add_argument("--out", type=Path, default=None)
    r.add_argument("--write", type=Path, required=True, metavar="RULES")
    r.add_argument("--shard", metavar="I/N", help="list only the editions of this shard")
    c = commands.add_parser("check", help="make check")
    c.add_argument("facts", nargs="*", type=Path)
    c.add_argument("--strict", action="store_true")
    commands.add_parser("newest-input", help="the newest input's mtime")
    args = parser.parse_args(argv)
    try:
        project = Project.find(getattr(args, "out", None), start=Path.cwd())
    except InputError as exc:
        emit(exc.diagnostics)
        return 2
    if args.command == "newest-input":
        print(newest_input(project.root))
        return 0
    facts = args.facts or project.default_facts()
    if args.command == "check":
        return check(facts, args.strict, project)
    try:
        update_rules(facts, project, args.write, args.shard)
    except InputError as exc:
        emit(exc.diagnostics)
        return 2
    return 0


def make_rules(paths: list[Path], project: Project) -> str:
    """The Make rules of ``briefing make-rules``, printed rather than written."""
    problems = Collector()
    paths = facts_files(paths, problems)
    problems.raise_if_errors()
    editions = load_editions(paths, project, problems)
    problems.raise_if_errors()
    return rules_text(editions, project.out)


if __name__ == "__main__":
    sys.exit(main())
