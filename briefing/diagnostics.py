"""Diagnostics: located messages about bad input, and the errors that carry them.

Bad input (facts, catalogs, options) is reported as ``path:line:col: error: ...`` and
ends the run with exit status 2. Anything else that goes wrong is a fault of ours and
keeps its traceback (exit status 1).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, TextIO


# What a terminal would act on rather than show: control characters (an escape
# sequence recolours or rewrites the screen, a newline forges a line of output) and
# the marks that reorder text (bidirectional overrides and isolates).
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                          "\u2066-\u2069]")


def printable(text: str) -> str:
    """Text as it may reach a terminal: each character a terminal would act on is
    written as its escape, ``\\x1b`` or ``\\u202e``, so that input (a file name,
    a value quoted in a message) is shown, never obeyed."""
    return UNPRINTABLE.sub(lambda m: (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                                       else f"\\u{ord(m.group()):04x}"), text)


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
        return printable(f"{self.location}: {self.severity}: {self.message}")


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
    for diagnostic in sorted(set(diagnostics)):  # editions sharing a catalog: once
        print(diagnostic, file=stream)


def shown_path(path: Path) -> str:
    """A path as the user should see it in messages: relative when it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
