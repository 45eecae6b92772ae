"""Laying out many editions: in forked workers when there is more than one core.

Layout is nearly all of a build, and editions are independent, so with more than one
edition and core they are laid out in forked worker processes, which inherit the
imports already paid. Each edition's bytes are the same either way.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence


@dataclass(frozen=True)
class LaidOut:
    data: bytes
    pages: int
    warnings: tuple[str, ...]
    seconds: float


def lay_out_all(documents: Sequence[str], roots: Sequence[Path], variant: Optional[str],
                jobs: int = 0) -> list[LaidOut]:
    """WeasyPrint on every document; ``jobs`` workers at most (0: one per core)."""
    work = [(html, tuple(roots), variant) for html in documents]
    workers = min(len(work), jobs or os.cpu_count() or 1)
    if workers <= 1:
        return [lay_out(*job) for job in work]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(lay_out, *zip(*work)))


def lay_out(html: str, roots: Sequence[Path], variant: Optional[str]) -> LaidOut:
    from .writer import write_pdf

    started = time.perf_counter()
    data, pages, warnings = write_pdf(html, list(roots), variant)
    return LaidOut(data, pages, tuple(warnings), time.perf_counter() - started)
