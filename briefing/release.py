"""Release records: what each built edition is, and dist/SHA256SUMS and manifest.json.

A build records each PDF it writes in ``<out>/.records/<stem>.json``, beside the
file it describes, so a build into another directory never disturbs this one. The
record names the PDF's checksum and what it was made from (``inputs``: a digest of
its facts file, its locale's files, the compiler's code and templates, the rendering
libraries, SOURCE_DATE_EPOCH and the options that shape the bytes).

``make release`` (``python -m briefing.release FACTS... --out dist``), after a strict
check and a build, writes the manifest: what a pipeline or an archivist needs of each
edition (file, pages, bytes, checksum, translation coverage, claims and sources) and
the versions of everything that shaped its bytes. Every edition must be there, with
the bytes its record names, made from this checkout's inputs with the options of a
release. A directory among the FACTS stands for its ``*.yaml``. A PDF in the output
directory that is no edition of the facts files (its brief was removed or renamed) is
removed, so that it is never shipped with the release.

A release can be built by N machines (a CI matrix). Each builds its shard and runs
``--shard i/N``, which writes the records of the shard's editions to
``<out>/shards/<i>-of-<N>.json`` (a name no artifact upload skips, unlike
``.records``). With every shard's output copied into one ``<out>``, ``--merge N``
writes the manifest from those N records instead of building: a shard missing, an
edition in no record, recorded twice with different bytes, or made from other inputs
than this checkout's is an error (exit 2), and the release is byte for byte the one a
single machine writes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from importlib import metadata
from pathlib import Path

from . import __version__
from .diagnostics import Collector, Diagnostic, InputError, Location, emit, printable
from .editions import Shard, shard_of
from .files import write_all, write_atomically
from .i18n.catalogs import DOMAINS, percent_translated, project_catalog
from .i18n.conventions import locale_conventions
from .inputs import RENDERING, edition_digest, edition_files
from .makerules import facts_files, load_editions
from .project import SOURCE_LOCALE, Project

# The options of every release build (make release passes none but --strict, which
# changes no byte); build.Options.settings names the same four.
RELEASED = {"paper": "a4", "two_sided": False, "pdf_variant": "pdf/ua-1",
            "mark_untranslated": False, "since": None}
SHARD_RECORD = re.compile(r"([0-9]+)-of-([0-9]+)\.json")


def edition_record(view, pdf, project: Project, settings: dict) -> bytes:
    """What the release manifest needs to know of an edition, beside its bytes (the
    build writes it to ``project.record_path(stem)`` with the PDF, all or nothing)."""
    from .previous import named_files

    facts = Path(view.brief.loc.path)
    named = named_files(view.translation.english, facts)
    record = {"brief": view.meta.id, "locale": view.lang, "pages": pdf.pages,
              "sha256": hashlib.sha256(pdf.data).hexdigest(),
              "claims": len(view.brief.claims), "sources": len(view.brief.sources),
              "compared_with": view.changes.record if view.changes else None,
              "inputs": edition_inputs(project, facts, view.lang, view.meta.id, settings,
                                       named)}
    return json.dumps(record, sort_keys=True).encode()


def edition_inputs(project: Project, facts: Path, locale: str, brief: str,
                   settings: dict, named: list[Path]) -> str:
    """A digest of everything an edition's bytes are made from (``inputs``)."""
    return edition_digest(project, edition_files(project, facts, locale, brief, named),
                          settings, os.environ.get("SOURCE_DATE_EPOCH"))


def coverage(project: Project, locale: str, brief: str) -> dict:
    """Share of catalog entries translated, per domain (the source locale is whole)."""
    if locale == SOURCE_LOCALE:
        return {domain: 100.0 for domain in DOMAINS}
    out = {}
    allowed = locale_conventions(project, locale, Collector()).allowed
    for domain in DOMAINS:
        stats = project_catalog(project, locale, domain, brief, Collector(),
                                allowed=allowed).stats
        out[domain] = round(percent_translated(stats), 1)
    return out


def release_editions(paths: list[Path], project: Project) -> list[dict]:
    """Every edition of the facts files, as ``makerules.load_editions`` lists them."""
    problems = Collector()
    paths = facts_files(paths, problems)
    problems.raise_if_errors()
    editions = load_editions(paths, project, problems)
    problems.raise_if_errors()
    return editions


def built_records(project: Project, editions: list[dict], problems: Collector) -> dict:
    """The record of each edition whose PDF in the output directory is the one its
    record describes, made from this checkout's inputs with a release's options."""
    records = {}
    for edition in editions:
        stem = edition["stem"]
        pdf, recorded = project.out / f"{stem}.pdf", project.record_path(stem)
        data = pdf.read_bytes() if pdf.is_file() else b""
        record = read_record(recorded)
        if not data or record.get("sha256") != hashlib.sha256(data).hexdigest():
            problems.error(Location(str(pdf)), "edition missing or not built by this "
                                               "project; run 'make briefs'")
        elif _from_other_inputs(project, edition, record):
            problems.error(Location(str(pdf)), "built from other inputs or options than "
                           "this release's (facts, catalogs, code, SOURCE_DATE_EPOCH, "
                           "--paper ...); remove it and run 'make release' again")
        else:
            records[stem] = record
    return records


def _from_other_inputs(project: Project, edition: dict, record: dict) -> bool:
    expected = edition_inputs(project, Path(edition["facts"]), edition["locale"],
                              edition["brief"], RELEASED,
                              [project.root / p for p in edition["named"]])
    return record.get("inputs") != expected


# What a record holds, as the build writes it: a truncated or edited one is no record.
_RECORD = {"brief": str, "locale": str, "pages": int, "sha256": str, "claims": int,
           "sources": int, "inputs": str}


def valid_record(record) -> bool:
    return isinstance(record, dict) and all(
        isinstance(record.get(key), kind) and not isinstance(record.get(key), bool)
        for key, kind in _RECORD.items())


def read_record(path: Path) -> dict:
    """An edition's record, or {} when there is none or it is not one (then the
    release asks for the edition to be built again)."""
    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return record if valid_record(record) else {}


def shard_path(project: Project, index: int, count: int) -> Path:
    return project.out / "shards" / f"{index}-of-{count}.json"


def merged_records(project: Project, editions: list[dict], count: int,
                   problems: Collector) -> dict:
    """The record of each edition from the records of ``count`` shards, checked
    against each other, against the PDF copied into the output directory and against
    this checkout's inputs."""
    folder = project.out / "shards"
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        match = SHARD_RECORD.fullmatch(path.name)
        if not match or int(match[2]) != count or not 1 <= int(match[1]) <= count:
            problems.error(Location(str(path)), f"not the record of a shard of {count}; "
                           f"a merge of {count} shards reads "
                           f"{folder}/<i>-of-{count}.json only: remove it")
    found: dict[str, list[tuple[int, dict]]] = {}
    present = set()
    for index in range(1, count + 1):
        path = shard_path(project, index, count)
        try:
            shard = json.loads(path.read_text("utf-8"))
            listed = shard["editions"].items()
        except FileNotFoundError:
            problems.error(Location(str(path)), f"shard {index} of {count} is missing; "
                           "copy the output of every shard's build here before merging")
            continue
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            problems.error(Location(str(path)), f"not a shard record: {exc}")
            continue
        present.add(index)
        for stem, record in listed:
            if not isinstance(stem, str) or not valid_record(record):
                problems.error(Location(str(path)), f"not a shard record: its entry for "
                               f"{str(stem)[:60]!r} is no edition's record")
                continue
            found.setdefault(stem, []).append((index, record))
    records = {}
    for edition in editions:
        stem = edition["stem"]
        pdf = project.out / f"{stem}.pdf"
        owner = shard_of(stem, count)
        recorded = found.get(stem, [])
        if not recorded:
            if owner in present:  # a missing shard is reported once, above
                problems.error(Location(str(pdf)), f"edition {stem} is in no shard's "
                               f"record; shard {owner} of {count} builds it")
            continue
        if len({json.dumps(record, sort_keys=True) for _, record in recorded}) > 1:
            shards = " and ".join(str(index) for index, _ in recorded)
            problems.error(Location(str(pdf)), f"edition {stem} is recorded by shards "
                           f"{shards} of {count} with different bytes or inputs")
            continue
        index, record = recorded[0]
        data = pdf.read_bytes() if pdf.is_file() else b""
        if not data or record.get("sha256") != hashlib.sha256(data).hexdigest():
            problems.error(Location(str(pdf)), f"{'not the PDF' if data else 'no PDF'} "
                           f"that shard {index} of {count} recorded; copy the output of "
                           "every shard's build here before merging")
        elif _from_other_inputs(project, edition, record):
            problems.error(Location(str(pdf)), f"shard {index} of {count} built it from "
                           "other inputs than this checkout's (facts, catalogs, code, "
                           "SOURCE_DATE_EPOCH or options); build every shard from one "
                           "commit")
        else:
            records[stem] = record
    return records


def manifest(editions: list[dict], records: dict, project: Project) -> dict:
    entries = [{
        "brief": record["brief"], "locale": edition["locale"],
        "file": f"{edition['stem']}.pdf", "pages": record["pages"],
        "bytes": (project.out / f"{edition['stem']}.pdf").stat().st_size,
        "sha256": record["sha256"],
        "translation_coverage": coverage(project, edition["locale"], record["brief"]),
        "claims": record["claims"], "sources": record["sources"],
        "compared_with": record.get("compared_with"),
    } for edition in editions for record in [records[edition["stem"]]]]
    return {
        "compiler": {"briefing": __version__},
        "rendering": {name: metadata.version(name) for name in RENDERING},
        "editions": entries,
    }


def remove_stale(project: Project, editions: set[str]) -> None:
    """Remove the PDFs (and their records) of editions that are not in the release:
    only those a build of ours wrote, as their record says; any other file is left."""
    for pdf in sorted(project.out.glob("*.pdf")):
        record = read_record(project.record_path(pdf.stem))
        try:
            ours = record.get("sha256") == hashlib.sha256(pdf.read_bytes()).hexdigest()
        except OSError:
            ours = False
        if pdf.name not in editions and ours:
            pdf.unlink()
            project.record_path(pdf.stem).unlink(missing_ok=True)
            print(printable(f"removed {pdf}: not an edition of any facts file"),
                  file=sys.stderr)


def record_shard(project: Project, editions: list[dict], shard: Shard) -> None:
    """The records of one shard's editions, for a merge (see the module's notes)."""
    mine = [edition for edition in editions if shard.holds(edition["stem"])]
    problems = Collector()
    records = built_records(project, mine, problems)
    problems.raise_if_errors()
    path = shard_path(project, shard.index, shard.count)
    text = json.dumps({"shard": str(shard), "editions": records}, indent=2, sort_keys=True)
    write_atomically(path, (text + "\n").encode())
    print(f"recorded shard {shard}: {len(records)} editions in {path}")


def count_of_shards(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,6}", text.strip()) or int(text) < 1:
        raise _bad("SHARDS", f"'{text}' is not a number of shards; write N, such as 3, "
                             "to merge the records of N shards")
    return int(text)


def _bad(variable: str, message: str) -> InputError:
    """Bad make variable: located at its name, as SOURCE_DATE_EPOCH's errors are."""
    return InputError([Diagnostic(Location(variable), "error", message)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("facts", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--shard", metavar="I/N", help="record this shard's editions")
    what.add_argument("--merge", metavar="N", help="merge the records of N shards")
    args = parser.parse_args(argv)
    try:
        return _release(args)
    except KeyboardInterrupt:
        print("briefing release: interrupted", file=sys.stderr)
        return 130


def _release(args: argparse.Namespace) -> int:
    try:
        project = Project.find(args.out)
        editions = release_editions(args.facts or project.default_facts(), project)
        if args.shard is not None:
            try:
                shard = Shard.parse(args.shard)
            except ValueError as exc:
                raise _bad("SHARD", str(exc)) from None
            remove_stale(project, {f"{e['stem']}.pdf" for e in editions})
            record_shard(project, editions, shard)
            return 0
        problems = Collector()
        if args.merge is not None:
            records = merged_records(project, editions, count_of_shards(args.merge),
                                     problems)
        else:
            records = built_records(project, editions, problems)
        problems.raise_if_errors()
    except InputError as exc:
        emit(exc.diagnostics)
        return 2
    record = manifest(editions, records, project)
    sums = "".join(f"{e['sha256']}  {e['file']}\n" for e in record["editions"])
    # Both files or neither, then the dropped editions: interrupted at any moment,
    # SHA256SUMS and manifest.json agree, and every file they list is there.
    write_all([(project.out / "SHA256SUMS", sums.encode()),
               (project.out / "manifest.json",
                (json.dumps(record, indent=2, sort_keys=True) + "\n").encode())])
    remove_stale(project, {e["file"] for e in record["editions"]})
    sys.stdout.write(sums)
    return 0


if __name__ == "__main__":
    sys.exit(main())
