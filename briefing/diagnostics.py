"""Diagnostics: located messages about bad input, and the errors that carry them.

Bad input (facts, catalogs, options) is reported as ``path:line:col: error: ...`` and
ends the run with exit status 2. Anything else that goes wrong is a fault of ours and
keeps its traceback (exit status 1).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Iterable, TextIO


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file; line and column count from 1."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    location: Location
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


class InputError(Exception):
    """Bad input: one or more located errors. The CLI prints them and exits 2."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(sorted(diagnostics))
        super().__init__("\n".join(map(str, self.diagnostics)))


@dataclass
class Collector:
    """Gathers every diagnostic of a run so that all of them are reported at once."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str) -> None:
        self.diagnostics.append(Diagnostic(location, "error", message))

    def warning(self, location: Location, message: str) -> None:
        self.diagnostics.append(Diagnostic(location, "warning", message))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def raise_if_errors(self) -> None:
        """Raise InputError when anything is an error, with every diagnostic collected
        so far (the warnings too, so that one run reports everything)."""
        if self.errors:
            raise InputError(self.diagnostics)


def emit(diagnostics: Iterable[Diagnostic], stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    for diagnostic in sorted(diagnostics):
        print(diagnostic, file=stream)
