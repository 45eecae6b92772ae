"""The PDF's streams compressed at zlib's default level (6), not at its slowest (9).

pydyf, which writes WeasyPrint's PDFs, deflates every stream (page contents, the
object stream that holds the tag tree, fonts) at level 9. On our briefs level 9
spends four times as long as level 6 to make the streams 2 to 4% smaller (measured:
the flagship's English edition 63 ms against 18 ms, 140 KB against 143 KB; a
167-page brief 1.24 s against 0.29 s, a twentieth of its layout and writing, for
1.23 MB against 1.28 MB). Level 6 is zlib's own default and what most PDF writers
use.

While ``default_deflate`` is active, pydyf's ``zlib`` is this module's stand-in, whose
``compressobj`` deflates at level 6 whatever level it is asked for; everything else
is zlib's. A stream's content is the same; its compressed bytes are zlib's at level 6,
the same on every machine with the same zlib (tested: every Flate stream of an
edition says level 6 in its header and inflates to what level 9 would have held).
"""

from __future__ import annotations

import types
import zlib
from contextlib import contextmanager

from .engine import replaced

LEVEL = 6  # zlib.Z_DEFAULT_COMPRESSION's level


def _compressobj(level=LEVEL, *args, **kwargs):
    return zlib.compressobj(LEVEL, *args, **kwargs)


# zlib as pydyf sees it: all of it, but for the level of compressobj.
_ZLIB = types.SimpleNamespace(**{name: getattr(zlib, name) for name in dir(zlib)
                                 if not name.startswith("__")})
_ZLIB.compressobj = _compressobj


@contextmanager
def default_deflate():
    """While active, pydyf deflates its streams at zlib's default level."""
    import pydyf

    with replaced(pydyf, "zlib", _ZLIB):
        yield
