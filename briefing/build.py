"""build(): facts files to editions, one named step per stage.

load → check catalogs → translate → relate → chart → render → lay out → write.
Everything is loaded and checked before anything is written, so bad input never
leaves a half-built set of editions; each file is then replaced atomically.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from .diagnostics import Collector, Diagnostic
from .editions import Shard, editions
from .facts.relations import relate
from .i18n.completeness import missing, needed
from .i18n.localizer import Localizer
from .i18n.translate import Translation, translate
from .project import Project, source_date_epoch
from .release import edition_record
from .render.view import EditionView


@dataclass(frozen=True)
class Options:
    project: Project
    locales: tuple[str, ...] = ()        # empty: every locale the brief lists
    format: str = "pdf"                  # pdf or html
    strict: bool = False                 # missing or fuzzy translations are errors
    mark_untranslated: bool = False      # show English fallbacks visibly
    paper: str = "a4"
    two_sided: bool = False
    pdf_variant: Optional[str] = "pdf/ua-1"  # tagged and accessible by default
    jobs: int = 0                        # worker processes for layout; 0: one per core
    since: Optional[str] = None          # previous edition: a git revision or a path
    shard: Optional[Shard] = None        # only the editions of this part of N

    @property
    def settings(self) -> dict:
        """The options that shape an edition's bytes, as its record keeps them."""
        return {"paper": self.paper, "two_sided": self.two_sided,
                "pdf_variant": self.pdf_variant, "mark_untranslated": self.mark_untranslated,
                "since": self.since}


@dataclass
class Output:
    path: Path
    pages: int
    seconds: float              # WeasyPrint's layout and PDF writing, in a worker maybe
    layout_seconds: float = 0.0  # the layout part of it (the benchmark shows both)


@dataclass
class Report:
    outputs: list[Output] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)  # seconds spent in each

    @contextmanager
    def stage(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - started


def build(paths: list[Path], options: Options,
          progress: Optional[Callable[[Output], None]] = None) -> Report:
    """Build every edition of every facts file; raise InputError on any bad input.
    ``progress`` hears of each edition as it is laid out (its files are written
    when every edition is, all or none)."""
    problems, report = Collector(), Report()
    with report.stage("load, catalogs, translate, relate"):
        views = prepare(paths, options, problems)
    problems.raise_if_errors()
    with report.stage("chart"):
        charts = [draw_charts(view, options.project.chart_cache) for view in views]
    with report.stage("render"):
        documents = [render(view, drawn, options, problems)
                     for view, drawn in zip(views, charts)]
    problems.raise_if_errors()  # glyphs checked in every edition before any is written
    check_outputs(views, options)
    with report.stage("lay out"):
        laid_out = lay_out(views, documents, options, progress)
    with report.stage("write"):
        write(views, documents, laid_out, options, report)
    report.warnings[:0] = problems.diagnostics
    return report


def check(paths: list[Path], options: Options, summary: bool = False) -> Report:
    """Validate facts files and the catalogs of their locales, rendering nothing; with
    ``summary``, what each edition lacks in translation is one line."""
    problems = Collector()
    views = prepare(paths, options, problems, completeness="summary" if summary else True)
    if not problems.errors:  # what build would refuse for want of a glyph, check does
        from html import escape

        from .facts.walk import translatable_fields
        from .render.fonts import prepared_faces
        from .render.glyphs import check_glyphs

        faces = prepared_faces(options.project.font_cache)
        for view in views:
            brief = view.translation.brief
            text = "\n".join(escape(getattr(node, field))
                             for node, field, _ in translatable_fields(brief))
            check_glyphs(view, text, faces, problems)
    problems.raise_if_errors()
    return Report(warnings=problems.diagnostics)


# -- the stages --------------------------------------------------------------------
def prepare(paths: list[Path], options: Options, problems: Collector,
            completeness: bool = False) -> list[EditionView]:
    """Load each facts file, check the catalogs of its locales, translate, relate.
    With ``completeness`` (check) or ``strict``, each string an edition needs and its
    catalogs lack is named once: an error when strict, else a warning."""
    views, previous = [], {}
    for edition in editions(paths, options.project, options.locales, problems,
                            options.strict, options.shard):
        loc = Localizer.load(options.project, edition.locale, problems,
                             strict=options.strict,
                             mark_untranslated=options.mark_untranslated,
                             brief=edition.brief.brief.id)
        if loc.catalogs and (completeness or options.strict):
            report = problems.error if options.strict else problems.warning
            lacking = list(missing(needed(options.project, edition.brief), loc.catalogs))
            if completeness != "summary":
                for where, message in lacking:
                    report(where, message)
            elif lacking:
                report(edition.brief.brief.where("locales"), untranslated_summary(
                    edition, len(lacking), options.project))
        translation = translate(edition.brief, loc, problems)
        if translation is not None:
            views.append(EditionView(translation, loc, relate(translation.brief)))
            if options.since or edition.brief.brief.previous:
                compare_with_previous(views[-1], edition, options, problems, previous)
    return views


def untranslated_summary(edition, count: int, project: Project) -> str:
    """One line for what an edition lacks in translation, and what to do about it."""
    from .project import shown_path

    facts = shown_path(project.po_path(edition.locale, "facts", edition.brief.brief.id))
    return (f"edition {edition.stem}: {count} {'text' if count == 1 else 'texts'} "
            f"untranslated or fuzzy; translate them in {facts} (and the shared words in "
            f"locales/{edition.locale}/LC_MESSAGES/messages.po), after 'make "
            f"update-locales'; 'make locale-status' shows what is left")


def compare_with_previous(view: EditionView, edition, options: Options,
                          problems: Collector, found: dict) -> None:
    """Give the view its "what changed" box against the brief's previous edition (read
    once per facts file, whatever the number of locales)."""
    from .previous import declared_previous, find_previous
    from .render.changes import changes_view

    if edition.path not in found:
        found[edition.path] = find_previous(options.since, edition.path, view.meta.id,
                                            problems) if options.since else \
            declared_previous(edition.brief.brief, edition.path, problems)
    previous = found[edition.path]
    if previous is None:
        return
    loc = view.loc.with_retired()  # texts the facts no longer have keep their translation
    before = translate(previous.brief, loc, Collector()) or \
        Translation(previous.brief, previous.brief, {}, frozenset())
    view.changes = changes_view(view, EditionView(before, loc, relate(before.brief)),
                                previous)


def draw_charts(view: EditionView, cache: Path) -> list:
    import os

    from .render.figures import draw_charts as draw

    # matplotlib keeps its font list beside our caches, not in a home folder that may
    # not be writable (it then warned on stderr at every build).
    os.environ.setdefault("MPLCONFIGDIR", str(cache.parent / "matplotlib"))
    return draw(view, cache)


def render(view: EditionView, charts: list, options: Options, problems: Collector) -> str:
    """The edition's HTML, after checking that the fonts have every glyph it needs."""
    from .render.fonts import prepared_faces
    from .render.glyphs import check_glyphs
    from .render.html import render_html

    faces = prepared_faces(options.project.font_cache)
    html = render_html(view, options.project.template_dirs, charts, faces, paper=options.paper,
                       two_sided=options.two_sided, created=_created(),
                       cache=options.project.template_cache)
    check_glyphs(view, html, faces, problems, charts)
    return html


def _created() -> Optional[str]:
    """The document's date, from SOURCE_DATE_EPOCH, as WeasyPrint reads it."""
    import datetime

    epoch = source_date_epoch()
    if epoch is None:
        return None
    moment = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def lay_out(views: list[EditionView], documents: list[str], options: Options,
            progress: Optional[Callable[[Output], None]]) -> list:
    if options.format != "pdf":
        for view in views:
            if progress is not None:
                progress(Output(options.project.out / f"{view.stem}.html", 0, 0.0))
        return [None] * len(documents)
    from .pdf.pool import lay_out_all
    from .render.fonts import font_roots

    roots = [*options.project.template_dirs, *font_roots(options.project.font_cache)]
    def done(index: int, pdf) -> None:
        if progress is not None:
            out = options.project.out / f"{views[index].stem}.pdf"
            progress(Output(out, pdf.pages, pdf.seconds))

    from .files import scratch_folder

    with scratch_folder(options.project.cache_dir / "tmp"):
        return lay_out_all(documents, roots, options.pdf_variant, options.jobs,
                           options.project.subset_cache, done)


def check_outputs(views: list[EditionView], options: Options) -> None:
    """Before layout, the part that takes time: the output directory can be written."""
    from .files import check_writable

    suffix = ".pdf" if options.format == "pdf" else ".html"
    check_writable(options.project.out, [view.stem + suffix for view in views])


def write(views: list[EditionView], documents: list[str], laid_out: list,
          options: Options, report: Report) -> None:
    """Write every edition (its PDF and its record, or its HTML), all or none."""
    from .files import write_all

    out, files = options.project.out, []
    for view, html, pdf in zip(views, documents, laid_out):
        if pdf is None:
            files.append((out / f"{view.stem}.html", html.encode("utf-8")))
        else:
            files.append((out / f"{view.stem}.pdf", pdf.data))
            files.append((options.project.record_path(view.stem),
                          edition_record(view, pdf, options.project, options.settings)))
    write_all(files)
    for view, pdf in zip(views, laid_out):
        if pdf is None:
            report.outputs.append(Output(out / f"{view.stem}.html", 0, 0.0))
        else:
            report.outputs.append(Output(out / f"{view.stem}.pdf", pdf.pages, pdf.seconds,
                                         pdf.layout_seconds))
            for message in pdf.warnings:  # WeasyPrint's log is silent unless routed
                report.warnings.append(Diagnostic(view.brief.loc, "warning",
                                                  f"renderer: {message}"))
            report.warnings.extend(long_margin_warnings(view, pdf.long_margins,
                                                        options.two_sided))
        # Strings printed in English are known only once the templates have run.
        fallbacks, kinds = view.loc.fallback_diagnostics(options.project)
        for where, message in fallbacks:
            report.warnings.append(Diagnostic(where, "warning", message))
        if fallbacks:
            counts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
            report.warnings.append(Diagnostic(
                view.brief.loc, "warning", f"edition {view.stem}: {len(fallbacks)} "
                f"{'text' if len(fallbacks) == 1 else 'texts'} printed in English "
                f"({counts}); 'make locale-status' shows what is left to translate"))


# What a margin box prints (templates/print.css), and the field to shorten when it wraps.
_MARGINS = {"@top-left": ("the running head", "short_title"),
            "@top-right": ("the handling line", "handling")}


# Two-sided, a right-hand page mirrors its heads (brief.html.j2: @page :right).
_MIRRORED = {"@top-left": "@top-right", "@top-right": "@top-left"}


def long_margin_warnings(view, long_margins, two_sided: bool = False) -> list[Diagnostic]:
    """A warning per margin box that took two lines or more on some pages, at the
    field that fills it: a running head should be one line. Two-sided, the boxes of a
    right-hand page (an odd page, the first being a right-hand one left to right) hold
    what the other side's do."""
    pages: dict[str, list[int]] = {}
    first_right = getattr(view, "direction", "ltr") != "rtl"
    for number, keyword in long_margins:
        if two_sided and (number % 2 == 1) == first_right:
            keyword = _MIRRORED.get(keyword, keyword)
        pages.setdefault(keyword, []).append(number)
    out = []
    for keyword, numbers in sorted(pages.items()):
        what, field_name = _MARGINS.get(keyword, (f"the page's {keyword} box", None))
        meta = view.meta
        if field_name == "short_title":
            hint = ("shorten its short_title" if meta.short_title else
                    "give the brief a short_title for the running heads")
            where = meta.where("short_title" if meta.short_title else "title")
        elif field_name:
            hint, where = f"shorten its {field_name}", meta.where(field_name)
        else:
            hint, where = "shorten what it prints", meta.loc
        listed = _page_runs(numbers)
        out.append(Diagnostic(where, "warning", f"edition {view.stem}: {what} takes more "
                              f"than one line on page{'s' if len(numbers) > 1 else ''} "
                              f"{listed}; {hint}"))
    return out


def _page_runs(numbers: list[int]) -> str:
    """"2, 5–9, 12": ascending page numbers with their runs joined."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
