"""Files in and out: bounded reading of input text, atomic writing of outputs.

Every input file (facts, catalogs, GeoJSON) is read through ``read_input``: regular
files only (a FIFO or a device would block or never end), at most a stated number of
bytes, UTF-8 without NUL bytes, NFC-normalized. Every output is written through
``write_atomically``, so that a reader sees the old file or the new one, never half.
"""

from __future__ import annotations

import os
import stat
import tempfile
import unicodedata
from pathlib import Path
from typing import Optional

from .diagnostics import Collector, Location


def read_input(path: Path, shown: str, errors: Collector, *, limit: int,
               what: str = "file", expected: str = "text") -> Optional[str]:
    """The text of an input file, NFC-normalized, or None after reporting why not.

    ``what`` names the file in messages ("file", "catalog"); ``expected`` says what
    it should hold ("YAML text", "a .po file").
    """
    start = Location(shown, 1, 1)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            errors.error(start, f"{what} is not a regular file (a device, pipe or "
                                "directory); give a file")
            return None
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # a file that lies about its size stops here
    except OSError as exc:
        errors.error(start, f"cannot read {what}: {exc.strerror or exc}")
        return None
    if len(data) > limit:
        errors.error(start, f"{what} is too large; it may hold at most {limit} bytes")
        return None
    if b"\0" in data:
        errors.error(start, f"{what} is binary, not {expected}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[:exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        errors.error(Location(shown, line, col),
                     f"invalid UTF-8 (byte 0x{data[exc.start]:02x}); save the {what} as UTF-8")
        return None
    return unicodedata.normalize("NFC", text)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace path with data in one step: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
