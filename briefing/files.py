"""Files in and out: bounded reading of input text, atomic writing of outputs.

Every input file (facts, catalogs, GeoJSON) is read through ``read_input``: regular
files only (a FIFO or a device would block or never end), at most a stated number of
bytes, UTF-8 without NUL bytes, NFC-normalized. Every output is written through
``write_atomically`` (one file) or ``write_all`` (a build's files, all or none), so
that a reader sees the old file or the new one, never half, and a failed or interrupted
write leaves no temporary file behind.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Optional

from .diagnostics import Collector, Diagnostic, InputError, Location, shown_path


def read_input(path: Path, shown: str, errors: Collector, *, limit: int,
               what: str = "file", expected: str = "text",
               within: Optional[Path] = None) -> Optional[str]:
    """The text of an input file, NFC-normalized, or None after reporting why not.

    ``what`` names the file in messages ("file", "catalog"); ``expected`` says what
    it should hold ("YAML text", "a .po file"). A path through a symbolic link is
    read only when the file it reaches is inside ``within`` (the project; by
    default the folder the path names), so that a link to a system file is refused
    unread rather than echoed in messages or printed.
    """
    start = Location(shown, 1, 1)
    target = _escaping_link(path, within)
    if target is not None:
        errors.error(start, f"{what} is a symbolic link to {target}, outside the project; "
                            "inputs are read only inside it (copy the file in instead)")
        return None
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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        errors.error(start, f"{what} is saved as UTF-16; save it as UTF-8")
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


def _escaping_link(path: Path, within: Optional[Path]) -> Optional[str]:
    """Where a path through a symbolic link leads when that is outside ``within``."""
    named = os.path.abspath(path)
    real = os.path.realpath(path)
    if real == named:
        return None
    root = os.path.realpath(within if within is not None else os.path.dirname(named))
    if os.path.commonpath([real, root]) == root:
        return None
    return real


def write_atomically(path: Path, data: bytes) -> None:
    """Replace path with data in one step: readers see the old file or the new one.
    A file that cannot be written is a WriteError located at its path."""
    write_all([(path, data)])


class WriteError(InputError):
    """An output that cannot be written (a full disk, a read-only directory, a
    directory in its place): bad environment, reported at the output's path."""

    def __init__(self, path: Path, reason: str):
        super().__init__([Diagnostic(Location(shown_path(path)), "error",
                                     f"cannot write: {reason}")])


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def check_writable(folder: Path, names: Iterable[str]) -> None:
    """Before any work: ``folder`` is (or can be made) a directory we can write in,
    and none of ``names`` in it is a directory. Raises WriteError."""
    try:
        if folder.exists() and not folder.is_dir():
            raise WriteError(folder, "not a directory; --out names the directory to write in")
        folder.mkdir(parents=True, exist_ok=True)
        sweep_stale(folder)
        fd, probe = tempfile.mkstemp(prefix=f".probe.{os.getpid()}.", suffix=".tmp",
                                     dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise WriteError(folder, _reason(exc)) from None
    for name in names:
        if (folder / name).is_dir():
            raise WriteError(folder / name, "a directory is in the way; remove it or "
                                            "build into another --out")


def write_all(files: Iterable[tuple[Path, bytes]]) -> None:
    """Write every file or none: each goes to a temporary file beside its target, and
    only when all are on disk do they replace their targets, with SIGINT and SIGTERM
    held back meanwhile, so that neither a failure nor an interruption leaves a mix
    of old and new files, or a temporary file. Raises WriteError."""
    staged: list[tuple[str, Path]] = []
    files = list(files)
    for folder in sorted({path.parent for path, _ in files}):
        sweep_stale(folder)
    try:
        for path, data in files:
            staged.append(_stage(path, data))
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            while staged:
                tmp, path = staged[-1]
                try:
                    os.replace(tmp, path)
                except OSError as exc:
                    raise WriteError(path, _reason(exc)) from None
                staged.pop()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
    finally:
        for tmp, _ in staged:
            _unlink(tmp)


def _stage(path: Path, data: bytes) -> tuple[str, Path]:
    """``data`` in a temporary file beside ``path``, on disk; WriteError if it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                   dir=path.parent)
    except OSError as exc:
        raise WriteError(path, _reason(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException as exc:
        _unlink(tmp)
        if isinstance(exc, OSError):
            raise WriteError(path, _reason(exc)) from None
        raise
    return tmp, path


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


# Our temporary files carry the id of the process that made them: ".<name>.<pid>.<random>.tmp".
_OURS = re.compile(r"\..+\.([0-9]+)\.[^.]+\.tmp")


def sweep_stale(folder: Path) -> None:
    """Remove the temporary files a killed run of ours left in ``folder`` (those whose
    process is gone): a pipeline that uploads the folder never ships one."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        found = _OURS.fullmatch(name)
        if found and not alive(int(found.group(1))):
            _unlink(str(folder / name))


def alive(pid: int) -> bool:
    """Whether a process with this id runs (ours or not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2 ** 31
    return True


@contextmanager
def scratch_folder(parent: Path):
    """A temporary folder of this run's own, under ``parent``, made the default of the
    tempfile module (WeasyPrint writes its fonts there, in every forked worker too)
    and removed with everything in it when the run ends, however it ends; the
    folders of runs that were killed are removed by the next run."""
    try:
        parent.mkdir(parents=True, exist_ok=True)
        for entry in os.listdir(parent):
            pid = entry.split("-", 1)[0]
            if pid.isdigit() and not alive(int(pid)):
                shutil.rmtree(parent / entry, ignore_errors=True)
        folder = tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=parent)
    except OSError:  # no cache to write in: the system's temporary folder, as before
        yield None
        return
    previous = tempfile.tempdir
    tempfile.tempdir = folder
    try:
        yield Path(folder)
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(folder, ignore_errors=True)
