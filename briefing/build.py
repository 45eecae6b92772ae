"""build(): facts files to editions, in the order load → localize → chart → render → write.

Everything is loaded and checked before anything is written, so bad input never
leaves a half-built set of editions; each file is then replaced atomically.
"""

from __future__ import annotations

import datetime
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .diagnostics import Collector, Diagnostic, InputError, Location
from .edition import EditionView, build_edition
from .facts import load_brief
from .i18n import SOURCE_LOCALE, Localizer
from .model import Brief



def project_root() -> Path:
    """The project whose templates, catalogs and build cache a run uses: the current
    directory when it is one (as with 'make'), else the checkout of this package."""
    here = Path.cwd()
    if (here / "templates").is_dir() and (here / "locales").is_dir():
        return here
    return Path(__file__).resolve().parent.parent




@dataclass(frozen=True)
class Options:
    out: Path = Path("dist")
    locales: tuple[str, ...] = ()        # empty: every locale the brief lists
    format: str = "pdf"                  # pdf or html
    strict: bool = False                 # missing or fuzzy translations are errors
    mark_untranslated: bool = False      # show English fallbacks visibly
    paper: str = "a4"
    two_sided: bool = False
    pdf_variant: Optional[str] = "pdf/ua-1"  # tagged and accessible by default
    jobs: int = 0                        # worker processes for layout; 0: one per core
    root: Path = field(default_factory=project_root)


@dataclass
class Output:
    path: Path
    pages: int
    seconds: float


@dataclass
class Report:
    outputs: list[Output] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def available_locales(root: Path) -> set[str]:
    found = {p.name for p in (root / "locales").glob("*") if (p / "LC_MESSAGES").is_dir()}
    return found | {SOURCE_LOCALE}


def editions_of(brief: Brief, options: Options, problems: Collector) -> list[str]:
    """The locales to build for a brief, checking that each has catalogs."""
    known = available_locales(options.root)
    for index, locale in enumerate(brief.brief.locales):
        if locale not in known:
            problems.error(brief.brief.where(f"locales[{index}]"),
                           f"brief lists locale '{locale}', which has no catalogs under "
                           f"locales/; run 'make init-locale LANG={locale}'")
    wanted = options.locales or brief.brief.locales
    for locale in options.locales:
        if locale not in brief.brief.locales:
            problems.error(brief.brief.where("locales"),
                           f"--locale {locale}: brief '{brief.brief.id}' does not list "
                           f"this locale (it lists {', '.join(brief.brief.locales)})")
    return [locale for locale in wanted if locale in known]


def edition_stem(brief_id: str, locale: str) -> str:
    """The name of an edition's files: <brief-id>.<locale>."""
    return f"{brief_id}.{locale}"


def record_path(build_dir: Path, stem: str) -> Path:
    """Where the build records what the release manifest needs of an edition."""
    return build_dir / "editions" / f"{stem}.json"


def editions(paths: list[Path], options: Options, problems: Collector):
    """(path, brief, locale, stem) for each edition of each facts file that loads;
    the errors of the others go to ``problems``."""
    for path in paths:
        try:
            brief = load_brief(path)
        except InputError as exc:
            problems.diagnostics.extend(exc.diagnostics)
            continue
        for locale in editions_of(brief, options, problems):
            yield path, brief, locale, edition_stem(brief.brief.id, locale)


def make_rules(paths: list[Path], out: Path, root: Path) -> str:
    """Make rules naming each edition and the files it is built from."""
    from .catalogs import DOMAINS, po_path

    problems = Collector()
    lines = []
    for path, _, locale, stem in editions(paths, Options(root=root), problems):
        target = out / f"{stem}.pdf"
        catalogs = [] if locale == SOURCE_LOCALE else [
            os.path.relpath(po_path(root, locale, d)) for d in DOMAINS]
        lines += [f"EDITIONS += {target}",
                  f"FACTS_OF_{stem} := {path}",
                  f"{target}: {' '.join([str(path), *catalogs])} $(ENGINE)"]
    problems.raise_if_errors()
    return "".join(line + "\n" for line in lines)


def source_date_epoch() -> Optional[int]:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise InputError([Diagnostic(Location("SOURCE_DATE_EPOCH"), "error",
                                     f"'{value}' is not a number of seconds")]) from None


def localize(paths: list[Path], options: Options,
             problems: Collector) -> list[tuple[Brief, EditionView]]:
    """Load every facts file and localize it for each locale, collecting problems."""
    localized = []
    for _, brief, locale, _ in editions(paths, options, problems):
        loc = Localizer.load(options.root, locale, problems, strict=options.strict,
                             mark_untranslated=options.mark_untranslated)
        try:
            localized.append((brief, build_edition(brief, loc)))
        except InputError as exc:
            problems.diagnostics.extend(exc.diagnostics)
    return localized


def check(paths: list[Path], options: Options) -> Report:
    """Validate facts files and the catalogs of their locales, rendering nothing."""
    problems = Collector()
    for _, edition in localize(paths, options, problems):
        problems.diagnostics.extend(
            Diagnostic(where, "error" if options.strict else "warning", message)
            for where, message in edition.loc.fallback_diagnostics())
    problems.raise_if_errors()
    return Report(warnings=problems.diagnostics)


def build(paths: list[Path], options: Options) -> Report:
    """Build every edition of every facts file; raise InputError on any bad input."""
    problems = Collector()
    editions = localize(paths, options, problems)
    problems.raise_if_errors()

    epoch = source_date_epoch()
    pages = [render_edition(edition, options, epoch, problems) for _, edition in editions]
    problems.raise_if_errors()  # glyphs checked in every edition before any is written

    report = Report()
    laid_out = lay_out_all([html for html in pages], options)
    for (brief, edition), html, result in zip(editions, pages, laid_out):
        output, renderer_warnings = write_edition(edition, html, result, options)
        for message in renderer_warnings:  # WeasyPrint's log is silent unless routed
            report.warnings.append(Diagnostic(brief.loc, "warning", f"renderer: {message}"))
        # Strings printed in English are known only once the templates have run.
        for where, message in edition.loc.fallback_diagnostics():
            report.warnings.append(Diagnostic(where, "warning", message))
        report.outputs.append(output)
    report.warnings[:0] = problems.diagnostics
    return report


def lay_out_all(pages: list[str], options: Options) -> list[Optional[tuple]]:
    """WeasyPrint on every edition's HTML: (pdf bytes, pages, warnings, seconds) each.

    Layout is nearly all of a build, and editions are independent, so with more than
    one edition and core they are laid out in forked worker processes, which inherit
    the imports already paid. Each edition's bytes are the same either way.
    """
    if options.format != "pdf":
        return [None] * len(pages)
    from .fonts import font_roots

    roots = [options.root / "templates", *font_roots(options.root / "build")]
    jobs = [(html, roots, options.pdf_variant) for html in pages]
    workers = min(len(jobs), options.jobs or os.cpu_count() or 1)
    if workers <= 1:
        return [_lay_out(*job) for job in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_lay_out, *zip(*jobs)))


def _lay_out(html: str, roots: list, variant: Optional[str]) -> tuple:
    from .pdf import write_pdf

    started = time.perf_counter()
    data, pages, warnings = write_pdf(html, roots, variant)
    return data, pages, warnings, time.perf_counter() - started


def render_edition(edition: EditionView, options: Options, epoch: Optional[int],
                   problems: Collector) -> str:
    """The edition's HTML, with its charts, after checking every glyph it needs."""
    from .figures import draw_charts
    from .fonts import prepared_faces
    from .glyphs import check_glyphs
    from .render import render_html

    created = None
    if epoch is not None:
        created = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc) \
            .strftime("%Y-%m-%dT%H:%M:%SZ")
    faces = prepared_faces(options.root / "build")
    html = render_html(edition, options.root, draw_charts(edition, options.root), faces,
                       paper=options.paper, two_sided=options.two_sided, created=created)
    check_glyphs(edition, html, faces, problems)
    return html


def write_edition(edition: EditionView, html: str, laid_out: Optional[tuple],
                  options: Options) -> tuple[Output, list[str]]:
    """Write one edition's file atomically: its PDF, or its HTML with --format html."""
    from .pdf import write_atomically

    stem = edition_stem(edition.meta.id, edition.lang)
    if laid_out is None:
        path = options.out / f"{stem}.html"
        write_atomically(path, html.encode("utf-8"))
        return Output(path, 0, 0.0), []
    data, pages, warnings, seconds = laid_out
    path = options.out / f"{stem}.pdf"
    write_atomically(path, data)
    record_edition(options.root / "build", edition, data, pages)
    return Output(path, pages, seconds), warnings


def record_edition(build_dir: Path, edition: EditionView, data: bytes, pages: int) -> None:
    """What the release manifest needs to know of an edition, beside its bytes."""
    import hashlib
    import json

    from .pdf import write_atomically

    record = {"brief": edition.meta.id, "locale": edition.lang, "pages": pages,
              "sha256": hashlib.sha256(data).hexdigest(),
              "claims": len(edition.brief.claims), "sources": len(edition.brief.sources)}
    path = record_path(build_dir, edition_stem(edition.meta.id, edition.lang))
    write_atomically(path, json.dumps(record, sort_keys=True).encode())
