"""WeasyPrint, imported without the compiler probes of ctypes' library search.

WeasyPrint loads Pango, HarfBuzz and fontconfig through cffi, trying several names
per library (one per platform). For each name that is not a path cffi asks
``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and, when that finds
nothing, ``gcc`` and ``ld`` as well: 26 searches and 68 child processes per import,
about 0.3 s of the 1 s import (measured on the flagship's machine). While WeasyPrint
is imported, the search here reads ``ldconfig -p`` once and answers every name from
it, exactly as ``find_library`` does when ldconfig knows the library; a name ldconfig
does not know gets no answer instead of the compiler probes, and WeasyPrint goes on
to its next name (the plain sonames, which the dynamic loader finds itself). The
libraries loaded, and so the PDFs, are the same. On other systems, or without
``/sbin/ldconfig``, nothing changes.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import subprocess
import sys
from contextlib import contextmanager

LDCONFIG = "/sbin/ldconfig"


def _ldconfig_search():
    """A find_library for the duration of the import: ldconfig's answer, read once,
    with the regular expression of ``ctypes.util._findSoname_ldconfig``."""
    try:
        listing = subprocess.run([LDCONFIG, "-p"], stdin=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 env={"LC_ALL": "C", "LANG": "C"}, check=False).stdout
    except OSError:
        return None
    machine = os.uname().machine + ("-64" if sys.maxsize > 2**32 else "-32")
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit",
           "sparc64-64": "libc6,64bit", "s390x-64": "libc6,64bit",
           "ia64-64": "libc6,IA-64"}.get(machine, "libc6")

    def find_library(name):
        pattern = os.fsencode(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), abi))
        found = re.search(pattern, listing)
        return os.fsdecode(found.group(1)) if found else None

    return find_library


@contextmanager
def replaced(owner, name: str, value):
    """``owner.name`` is ``value`` while active, and what it was again after: how each
    of our changes to WeasyPrint's behaviour (briefing/pdf/*.py) is put in place."""
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield original
    finally:
        setattr(owner, name, original)


@contextmanager
def _quick_library_search():
    search = None
    if sys.platform.startswith("linux") and os.access(LDCONFIG, os.X_OK):
        search = _ldconfig_search()
    if search is None:
        yield
        return
    with replaced(ctypes.util, "find_library", search):
        yield


if "weasyprint" not in sys.modules:
    with _quick_library_search():
        import weasyprint  # noqa: F401
