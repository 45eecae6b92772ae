"""Font subsets: made by fontTools on every machine, and kept between builds, so that
WeasyPrint subsets each font once per set of glyphs instead of once per PDF.

WeasyPrint subsets with HarfBuzz instead when the system has libharfbuzz-subset,
which writes other bytes; a system library cannot be guaranteed on every machine,
so the choice is made here, for all of them: fontTools.

Subsetting the embedded fonts is the largest single cost of writing a PDF (about half
of it, measured on the flagship), and WeasyPrint redoes it for every PDF although the
result depends only on the font file and the glyphs used. Under SOURCE_DATE_EPOCH the
subset is a pure function of those, of the library versions and of the epoch (which
the subsetter writes into the font), so its bytes can be stored under a hash of all
of them and reused: a PDF made from the cache is byte-identical to one made without.
Without SOURCE_DATE_EPOCH the subsetter writes the current time and nothing is cached.
"""

from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Optional

from ..files import WriteError, write_atomically
from .engine import replaced

# Everything besides the font and its glyphs that shapes a subset's bytes.
LIBRARIES = ("weasyprint", "fonttools")


@lru_cache(maxsize=None)
def _versions() -> tuple:
    """The libraries' versions, read once per process: ``metadata.version`` scans
    the path each time (0.17 s for a brief's seven fonts, profiled)."""
    return tuple((name, metadata.version(name)) for name in LIBRARIES)


def _key(font, to_unicode, hinting, epoch: str) -> str:
    recipe = (list(_versions()), epoch,
              font.index, bool(hinting), sorted(font.missing.items()), sorted(to_unicode))
    digest = hashlib.sha256(repr(recipe).encode())
    digest.update(font.file_content)
    return digest.hexdigest()


@contextmanager
def cached_subsets(directory: Optional[Path]):
    """While active, WeasyPrint subsets fonts with fontTools, reading and filling
    ``directory`` (when given and SOURCE_DATE_EPOCH is set)."""
    from weasyprint.pdf.fonts import Font

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()

    def fonttools(font, to_unicode, hinting):
        if not to_unicode:
            return None
        if directory is None or not epoch:
            return font._fonttools_subset(to_unicode, hinting)
        path = directory / f"{_key(font, to_unicode, hinting, epoch)}.ttf"
        try:
            font.file_content = path.read_bytes()
            return None
        except FileNotFoundError:
            pass
        original = font.file_content
        font._fonttools_subset(to_unicode, hinting)
        if font.file_content is not original:  # a failed subset is not kept
            try:
                write_atomically(path, font.file_content)
            except WriteError:  # a cache that cannot be written (a full disk) is skipped
                pass
        return None

    with replaced(Font, "subset", fonttools):
        yield
