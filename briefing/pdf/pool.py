"""Laying out many editions: in forked workers when there is more than one core.

Layout is nearly all of a build, and editions are independent, so with more than one
edition and core they are laid out in forked worker processes, which inherit the
imports already paid. Each edition's bytes are the same either way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Sequence

from .writer import LaidOut, write_pdf


def lay_out_all(documents: Sequence[str], roots: Sequence[Path], variant: Optional[str],
                jobs: int = 0, subsets: Optional[Path] = None) -> list[LaidOut]:
    """WeasyPrint on every document; ``jobs`` workers at most (0: one per core)."""
    work = [(html, tuple(roots), variant, subsets) for html in documents]
    workers = min(len(work), jobs or os.cpu_count() or 1)
    if workers <= 1:
        return [write_pdf(*job) for job in work]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(write_pdf, *zip(*work)))
