"""The pinned typefaces: Noto Serif for text, Noto Sans for headings, tables and charts.

They come as Python packages (fontpkg), so every machine renders with the same font
files whatever the system has. The packages ship variable fonts covering many
scripts; subsetting those for every PDF costs seconds (fontTools must decompile
their large layout tables). So each face the stylesheet uses is prepared once: the
variable font instanced at its weight and cut down to the scripts a brief prints
(Latin with Vietnamese, punctuation, symbols), keeping every OpenType layout
feature. The result is one complete file per face (never a family split by
unicode-range, which drew wrong Vietnamese glyphs), cached under
``fonts/<fingerprint>/`` in the user's cache directory (``project.cache_root``) and derived deterministically from the pinned fonts.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import inspect
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import fontpkg_noto_sans
import fontpkg_noto_serif

from ..diagnostics import Diagnostic, InputError, Location
from ..files import write_atomically

# Unicode blocks a brief may print: Latin (with Vietnamese in Latin Extended
# Additional), combining marks, punctuation, currency, letterlike symbols, arrows,
# mathematical operators, shapes. Greek and Cyrillic, which both families also
# cover, are left out on purpose: they nearly double the glyphs and the kerning
# that every PDF must subset (a flagship build took 25% longer). A brief that needs
# them gets a located "no glyph" error, and they can be added here.
UNICODE_RANGES = (
    (0x0020, 0x007E), (0x00A0, 0x024F), (0x0250, 0x02FF), (0x0300, 0x036F),
    (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F),
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x25A0, 0x25FF), (0xFB00, 0xFB06),
)
# The OpenType features our typesetting uses: kerning, ligatures, language forms,
# mark positioning, lining and tabular figures. Every feature kept is a table that
# fontTools reads again for every PDF. 'ccmp' in particular is out: it splits
# precomposed letters such as 'ụ' into base and mark glyphs, and the PDF text layer
# then reads 'vụ' back as 'vuụ'. Text is NFC and the fonts draw every precomposed
# Vietnamese letter directly, so nothing is lost on paper.
LAYOUT_FEATURES = ("kern", "liga", "locl", "mark", "mkmk", "lnum", "tnum")


@dataclass(frozen=True)
class Face:
    family: str      # CSS font-family
    style: str       # normal or italic
    weight: int
    source: Path     # the variable font it is instanced from

    @property
    def file_name(self) -> str:
        return f"{self.family.replace(' ', '')}-{self.weight}{self.style[0]}.ttf"


_SERIF = fontpkg_noto_serif.ROOT / "files"
_SANS = fontpkg_noto_sans.ROOT / "files"
FACES = (
    Face("Noto Serif", "normal", 400, _SERIF / "NotoSerif[wdth,wght].ttf"),
    Face("Noto Serif", "normal", 700, _SERIF / "NotoSerif[wdth,wght].ttf"),
    Face("Noto Serif", "italic", 400, _SERIF / "NotoSerif-Italic[wdth,wght].ttf"),
    Face("Noto Serif", "italic", 700, _SERIF / "NotoSerif-Italic[wdth,wght].ttf"),
    Face("Noto Sans", "normal", 400, _SANS / "NotoSans[wdth,wght].ttf"),
    Face("Noto Sans", "normal", 600, _SANS / "NotoSans[wdth,wght].ttf"),
    Face("Noto Sans", "normal", 700, _SANS / "NotoSans[wdth,wght].ttf"),
    Face("Noto Sans", "italic", 400, _SANS / "NotoSans-Italic[wdth,wght].ttf"),
)


@functools.cache  # constants and installed versions: one build of many editions asks often
def fingerprint() -> str:
    """What the prepared files depend on: the recipe (ranges, features, faces, the
    preparing code) and the pinned packages; not the rest of this module."""
    recipe = (UNICODE_RANGES, LAYOUT_FEATURES,
              [(f.family, f.style, f.weight, f.source.name) for f in FACES],
              inspect.getsource(_prepare))
    digest = hashlib.sha256(repr(recipe).encode())
    for package in ("fontpkg-noto-serif", "fontpkg-noto-sans", "fonttools"):
        digest.update(f"{package}={metadata.version(package)};".encode())
    return digest.hexdigest()[:16]


def prepared_faces(cache: Path) -> list[tuple[Face, Path]]:
    """Every face as a prepared file, making the missing ones (once per machine)."""
    directory = cache / fingerprint()
    paths = [(face, directory / face.file_name) for face in FACES]
    if all(path.exists() for _, path in paths):
        return paths
    missing = [face.source for face in FACES if not face.source.is_file()]
    if missing:
        raise InputError([Diagnostic(Location(str(path)), "error",
                                     "pinned font file missing; reinstall with "
                                     "'rm -r .venv && make venv'") for path in missing])
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as lock:  # one process prepares, others wait
        fcntl.flock(lock, fcntl.LOCK_EX)
        todo = [(face, path) for face, path in paths if not path.exists()]
        if todo:
            started = time.monotonic()
            print(f"briefing: preparing the pinned fonts in {_shown_home(directory)}, "
                  "once per machine (about a minute; every later build reuses them)",
                  file=sys.stderr, flush=True)
            for face, path in todo:
                write_atomically(path, _prepare(face))
            print(f"briefing: fonts prepared in {time.monotonic() - started:.0f} s",
                  file=sys.stderr, flush=True)
    return paths


def _shown_home(path: Path) -> str:
    """A path under the user's home as ~/..., else as it is."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


def _prepare(face: Face) -> bytes:
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = instancer.instantiateVariableFont(
        TTFont(str(face.source)), {"wght": face.weight, "wdth": 100},
        updateFontNames=True)
    options = subset.Options()
    options.layout_features = list(LAYOUT_FEATURES)
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in UNICODE_RANGES
                                 for c in range(low, high + 1)])
    subsetter.subset(font)
    font.recalcTimestamp = False  # the same bytes on every machine, at any time
    font["head"].modified = font["head"].created
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_face_css(faces: list[tuple[Face, Path]]) -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{path.as_uri()}"); '
        f'font-weight: {face.weight}; font-style: {face.style}; }}'
        for face, path in faces)


def font_roots(cache: Path) -> list[Path]:
    """Directories the renderer may read font files from."""
    return [cache / fingerprint()]
