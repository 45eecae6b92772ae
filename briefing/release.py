"""Release records: dist/SHA256SUMS and dist/manifest.json for the built editions.

Run by ``make release`` after a strict check and a build; usage:
``python -m briefing.release FACTS... --out dist``. Each edition's entry says what a
pipeline or an archivist needs: file, pages, bytes, checksum, translation coverage,
claims and sources, and the versions of everything that shaped its bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from importlib import metadata
from pathlib import Path

from . import __version__
from .build import Options, editions, project_root, record_path
from .catalogs import DOMAINS, load_catalog, percent_translated, po_path
from .diagnostics import Collector, InputError, Location, emit
from .facts import shown_path
from .i18n import SOURCE_LOCALE
from .pdf import write_atomically

RENDERING = ("weasyprint", "pydyf", "fonttools", "jinja2", "babel", "matplotlib",
             "fontpkg-noto-serif", "fontpkg-noto-sans")


def coverage(root: Path, locale: str) -> dict:
    """Share of catalog entries translated, per domain (the source locale is whole)."""
    if locale == SOURCE_LOCALE:
        return {domain: 100.0 for domain in DOMAINS}
    out = {}
    for domain in DOMAINS:
        path = po_path(root, locale, domain)
        stats = load_catalog(path, shown_path(path), domain, Collector()).stats
        out[domain] = round(percent_translated(stats), 1)
    return out


def manifest(paths: list[Path], out: Path, root: Path) -> dict:
    problems = Collector()
    entries = []
    for _, brief, locale, stem in editions(paths, Options(root=root), problems):
        pdf = out / f"{stem}.pdf"
        recorded = record_path(root / "build", stem)
        data = pdf.read_bytes() if pdf.exists() else b""
        digest = hashlib.sha256(data).hexdigest()
        record = json.loads(recorded.read_text()) if recorded.exists() else {}
        if not data or record.get("sha256") != digest:
            problems.error(Location(str(pdf)), "edition missing or not built by this "
                                               "project; run 'make briefs'")
            continue
        entries.append({
            "brief": brief.brief.id, "locale": locale, "file": pdf.name,
            "pages": record["pages"], "bytes": len(data), "sha256": digest,
            "translation_coverage": coverage(root, locale),
            "claims": record["claims"], "sources": record["sources"],
        })
    problems.raise_if_errors()
    return {
        "compiler": {"briefing": __version__},
        "rendering": {name: metadata.version(name) for name in RENDERING},
        "editions": entries,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("facts", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("dist"))
    args = parser.parse_args(argv)
    try:
        record = manifest(args.facts, args.out, project_root())
    except InputError as exc:
        emit(exc.diagnostics)
        return 2
    sums = "".join(f"{e['sha256']}  {e['file']}\n" for e in record["editions"])
    write_atomically(args.out / "SHA256SUMS", sums.encode())
    write_atomically(args.out / "manifest.json",
                     (json.dumps(record, indent=2, sort_keys=True) + "\n").encode())
    sys.stdout.write(sums)
    return 0


if __name__ == "__main__":
    sys.exit(main())
