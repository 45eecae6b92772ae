"""What a build prints on stdout: each edition as it is laid out, then a summary.

Three modes: ``text`` (a line per edition, ``dist/x.en.pdf: 4 pages, 2.31 s``, as
each is laid out, then ``wrote 2 editions to dist/ (5.02 s)`` once all are written,
together), ``quiet`` (nothing; warnings and
errors still go to stderr) and ``json`` (one object per line: ``laid-out`` per
edition, then ``written``, or ``failed`` with the errors, for pipelines).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from .diagnostics import UNPRINTABLE, InputError, emit, printable


class Progress:
    def __init__(self, mode: str = "text"):
        self.mode = mode

    def build(self, paths: list[Path], options):
        """Build, telling of each edition as it is done, and return build()'s report;
        InputError propagates."""
        from .build import build

        started = time.perf_counter()
        report = build(paths, options, self.edition)
        emit(report.warnings)
        self.written(report, options.project.out, time.perf_counter() - started)
        return report

    def edition(self, output) -> None:
        if self.mode == "text":
            pages = f"{output.pages} pages, " if output.pages else ""
            self._print(f"{output.path}: {pages}{output.seconds:.2f} s")
        elif self.mode == "json":
            self._json(event="laid-out", file=str(output.path), pages=output.pages,
                       seconds=round(output.seconds, 2))

    def written(self, report, out: Path, seconds: float) -> None:
        count = len(report.outputs)
        if self.mode == "text":
            noun = "edition" if count == 1 else "editions"
            self._print(f"wrote {count} {noun} to {out}/ ({seconds:.2f} s)")
        elif self.mode == "json":
            self._json(event="written", files=[str(o.path) for o in report.outputs],
                       seconds=round(seconds, 2))

    def failed(self, error: InputError) -> None:
        if self.mode == "json":
            self._json(event="failed", status=2, errors=[str(d) for d in error.diagnostics
                                                         if d.severity == "error"])

    def _json(self, **fields) -> None:
        # json.dumps escapes C0 controls; C1 controls and bidi overrides, which a terminal
        # would act on, become \uXXXX here too (a JSON reader decodes them back).
        line = json.dumps(fields, ensure_ascii=False)
        print(UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", line), flush=True)

    @staticmethod
    def _print(line: str) -> None:
        print(printable(line), flush=True)
