"""Laying out many editions: in forked workers when there is more than one core.

Layout is nearly all of a build, and editions are independent, so with more than one
edition and core they are laid out in forked worker processes, which inherit the
imports already paid. Each edition's bytes are the same either way.

The workers end with the build, however it ends: an interruption (SIGINT, SIGTERM,
which the command line turns into exceptions) terminates them before it propagates,
they ignore the terminal's Ctrl-C themselves (the main process decides), and on
Linux they are killed if the main process dies without a word (SIGKILL).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Callable, Optional, Sequence

from .writer import LaidOut, write_pdf


def lay_out_all(documents: Sequence[str], roots: Sequence[Path], variant: Optional[str],
                jobs: int = 0, subsets: Optional[Path] = None,
                done: Optional[Callable[[int, LaidOut], None]] = None) -> list[LaidOut]:
    """WeasyPrint on every document; ``jobs`` workers at most (0: one per core).
    Font subsets are kept in ``subsets``; ``done(index, laid_out)`` is called as each
    document is laid out."""
    work = [(index, html, tuple(roots), variant, subsets)
            for index, html in enumerate(documents)]
    workers = min(len(work), jobs or os.cpu_count() or 1)
    results: list = [None] * len(work)

    def finished(index: int, laid_out: LaidOut) -> None:
        results[index] = laid_out
        if done is not None:
            done(index, laid_out)

    if workers <= 1:
        for job in work:
            finished(*_numbered(job))
        return results
    import multiprocessing

    pool = multiprocessing.get_context("fork").Pool(workers, _worker_started, (os.getpid(),))
    try:
        for index, laid_out in pool.imap_unordered(_numbered, work, chunksize=1):
            finished(index, laid_out)
    except BaseException:
        pool.terminate()  # SIGTERM to every worker, then wait for them
        pool.join()
        raise
    pool.close()
    pool.join()
    return results


def _numbered(job: tuple) -> tuple[int, LaidOut]:
    index, *arguments = job
    return index, write_pdf(*arguments)


def _worker_started(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the parent's terminate() suffices
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
