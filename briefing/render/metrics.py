"""What the compiler reads from a prepared font itself, before any layout: the code
points the font maps (the glyph check) and each one's advance width (the figures
table's columns).

Reading them with fontTools costs every process about 0.4 s for the eight faces
(profiled), so they are kept beside the font in ``<font>.metrics``, under a hash of
the font's bytes: a changed font is read again.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..files import WriteError, write_atomically


@dataclass(frozen=True)
class Metrics:
    units: int                 # units per em
    advances: dict[int, int]   # code point -> its glyph's advance width, in units


@lru_cache(maxsize=None)
def metrics(path: Path) -> Metrics:
    """The code points the font at ``path`` maps, with their advance widths."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    kept = path.with_name(path.name + ".metrics")
    try:
        head, units, body = kept.read_text(encoding="ascii").split("\n")
        if head == digest:
            pairs = (entry.split(":") for entry in body.split())
            return Metrics(int(units), {int(point, 16): int(advance)
                                        for point, advance in pairs})
    except (OSError, ValueError):
        pass
    from fontTools.ttLib import TTFont

    with TTFont(io.BytesIO(data), lazy=True) as font:
        widths = font["hmtx"].metrics
        found = Metrics(font["head"].unitsPerEm,
                        {point: widths[glyph][0]
                         for point, glyph in font.getBestCmap().items()})
    try:
        write_atomically(kept, "\n".join([digest, str(found.units), " ".join(
            f"{point:x}:{advance}" for point, advance in sorted(found.advances.items()))
        ]).encode("ascii"))
    except WriteError:  # a cache that cannot be written is skipped
        pass
    return found
