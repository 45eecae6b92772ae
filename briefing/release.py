"""Release records: what each built edition is, and dist/SHA256SUMS and manifest.json.

A build records each PDF it writes in ``<out>/.records/<stem>.json``, beside the
file it describes, so a build into another directory never disturbs this one. Run by
``make release`` after a strict check and a build (``python -m briefing.release
FACTS... --out dist``), the manifest says what a pipeline or an archivist needs of
each edition: file, pages, bytes, checksum, translation coverage, claims and
sources, and the versions of everything that shaped its bytes. A directory among
the FACTS stands for its ``*.yaml``. A PDF in the output directory that is no edition
of the facts files (its brief was removed or renamed) is removed, so that it is never
shipped with the release.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from importlib import metadata
from pathlib import Path

from . import __version__
from .diagnostics import Collector, InputError, Location, emit, printable
from .files import write_atomically
from .i18n.catalogs import DOMAINS, load_catalog, percent_translated
from .i18n.conventions import locale_conventions
from .makerules import facts_files, load_editions
from .project import SOURCE_LOCALE, Project, shown_path

RENDERING = ("weasyprint", "pydyf", "fonttools", "jinja2", "babel", "matplotlib",
             "fontpkg-noto-serif", "fontpkg-noto-sans")


def edition_record(view, pdf) -> bytes:
    """What the release manifest needs to know of an edition, beside its bytes (the
    build writes it to ``project.record_path(stem)`` with the PDF, all or nothing)."""
    record = {"brief": view.meta.id, "locale": view.lang, "pages": pdf.pages,
              "sha256": hashlib.sha256(pdf.data).hexdigest(),
              "claims": len(view.brief.claims), "sources": len(view.brief.sources)}
    return json.dumps(record, sort_keys=True).encode()


def coverage(project: Project, locale: str, brief: str) -> dict:
    """Share of catalog entries translated, per domain (the source locale is whole)."""
    if locale == SOURCE_LOCALE:
        return {domain: 100.0 for domain in DOMAINS}
    out = {}
    allowed = locale_conventions(project, locale, Collector()).allowed
    for domain in DOMAINS:
        path = project.po_path(locale, domain, brief)
        stats = load_catalog(path, shown_path(path), domain, Collector(),
                             allowed=allowed, within=project.root).stats
        out[domain] = round(percent_translated(stats), 1)
    return out


def manifest(paths: list[Path], project: Project) -> dict:
    problems = Collector()
    entries = []
    paths = facts_files(paths, problems)
    problems.raise_if_errors()
    for edition in load_editions(paths, project, problems):
        locale, stem = edition["locale"], edition["stem"]
        pdf = project.out / f"{stem}.pdf"
        recorded = project.record_path(stem)
        data = pdf.read_bytes() if pdf.exists() else b""
        digest = hashlib.sha256(data).hexdigest()
        record = json.loads(recorded.read_text()) if recorded.exists() else {}
        if not data or record.get("sha256") != digest:
            problems.error(Location(str(pdf)), "edition missing or not built by this "
                                               "project; run 'make briefs'")
            continue
        entries.append({
            "brief": record["brief"], "locale": locale, "file": pdf.name,
            "pages": record["pages"], "bytes": len(data), "sha256": digest,
            "translation_coverage": coverage(project, locale, record["brief"]),
            "claims": record["claims"], "sources": record["sources"],
        })
    problems.raise_if_errors()
    return {
        "compiler": {"briefing": __version__},
        "rendering": {name: metadata.version(name) for name in RENDERING},
        "editions": entries,
    }


def remove_stale(project: Project, released: set[str]) -> None:
    """Remove the PDFs (and their records) of editions that are not in the release."""
    for pdf in sorted(project.out.glob("*.pdf")):
        if pdf.name not in released:
            pdf.unlink()
            project.record_path(pdf.stem).unlink(missing_ok=True)
            print(printable(f"removed {pdf}: not an edition of any facts file"),
                  file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("facts", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("dist"))
    args = parser.parse_args(argv)
    project = Project.find(args.out)
    try:
        record = manifest(args.facts, project)
    except InputError as exc:
        emit(exc.diagnostics)
        return 2
    remove_stale(project, {e["file"] for e in record["editions"]})
    sums = "".join(f"{e['sha256']}  {e['file']}\n" for e in record["editions"])
    write_atomically(args.out / "SHA256SUMS", sums.encode())
    write_atomically(args.out / "manifest.json",
                     (json.dumps(record, indent=2, sort_keys=True) + "\n").encode())
    sys.stdout.write(sums)
    return 0


if __name__ == "__main__":
    sys.exit(main())
