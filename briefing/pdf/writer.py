"""One edition's HTML through WeasyPrint to PDF bytes, with its warnings routed to us.

Every resource goes through the LockedFetcher; WeasyPrint's log, silent by default,
is captured so that a refused URL or a missing image reaches the user.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass

from . import engine  # noqa: F401  (first: imports WeasyPrint quickly)
from .contexts import shared_contexts
from .deflate import default_deflate
from .fetcher import LockedFetcher
from .htmlruns import compiled_runs
from .layouts import kept_layouts
from .leaders import merged_leaders
from .pagerefs import listed_page_references
from .subsets import cached_subsets
from .svgvalues import parsed_once
from .svgtext import whole_svg_text
from .targets import anchored_targets
from .uasheet import for_document

LOGGER = logging.getLogger("weasyprint")


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if "HarfBuzz-Subset" not in message:  # fontTools subsets as well, reproducibly
            self.messages.append(message)


@contextmanager
def captured_warnings():
    """Route WeasyPrint's warnings (silent by default) to the caller."""
    handler = _Capture()
    LOGGER.addHandler(handler)
    try:
        yield handler.messages
    finally:
        LOGGER.removeHandler(handler)


@dataclass(frozen=True)
class LaidOut:
    """An edition's PDF, its renderer warnings, and the seconds of WeasyPrint's two
    steps (which the benchmark reports apart)."""
    data: bytes
    pages: int
    warnings: tuple[str, ...]
    layout_seconds: float
    write_seconds: float
    # (page number, margin box) where a running head or foot took more than one line
    long_margins: tuple[tuple[int, str], ...] = ()

    @property
    def seconds(self) -> float:
        return self.layout_seconds + self.write_seconds


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector off while a document is laid out and written.

    Everything a layout makes lives until the PDF is written, and each full
    collection walks all of it again: 13% of a 167-page brief's time, 10% of a
    40-page one's, 1.4% of the flagship's, a cost that grew faster than the pages.
    Without it the peak is 16 MB higher at 167 pages (cycles left for after); the
    bytes are the same (tested). ``write_pdf`` lets the document go before the
    collector resumes: the collection its objects then set off finds them unreachable
    and frees them, where it would walk them all alive (0.4 s at 167 pages) and
    leave them to a later, older generation's collection (tested)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_pdf(html: str, roots, variant: str | None = None, subsets=None) -> LaidOut:
    """Lay out and write the PDF; returns its bytes, page count and renderer warnings.
    Font subsets are kept in and taken from the directory ``subsets`` if given."""
    with collector_paused(), captured_warnings() as warnings, cached_subsets(subsets), \
            default_deflate(), whole_svg_text(), parsed_once(), merged_leaders(), \
            shared_contexts(), listed_page_references(), anchored_targets(), \
            kept_layouts(), compiled_runs():
        fetcher = LockedFetcher(roots)
        started = time.perf_counter()
        document = for_document(html)(string=html, base_url=str(roots[0]) + os.sep,
                                      url_fetcher=fetcher).render()
        laid_out = time.perf_counter()
        options = {"pdf_variant": variant} if variant else {}
        data = document.write_pdf(**options)
        written = time.perf_counter()
        pages = len(document.pages)
        long_margins = margins_over_one_line(document)
        del document  # before the collector resumes: see collector_paused
    return LaidOut(data, pages, tuple(warnings), laid_out - started, written - laid_out,
                   long_margins)


def margins_over_one_line(document) -> tuple[tuple[int, str], ...]:
    """(page number, "@top-left") for every margin box of the laid-out document that
    holds more than one line: a running head or foot that wrapped."""
    from weasyprint.formatting_structure import boxes

    found = []
    for number, page in enumerate(document.pages, start=1):
        for box in page._page_box.children:
            if isinstance(box, boxes.MarginBox) and sum(
                    isinstance(b, boxes.LineBox) for b in box.descendants()) > 1:
                found.append((number, box.at_keyword))
    return tuple(found)
