"""The pinned typefaces: Noto Serif for text and Noto Sans for headings and charts.

They come as Python packages (fontpkg), so every machine renders with the same font
files whatever the system has. Each face is one complete file (no unicode-range
subsets, which drew wrong Vietnamese glyphs), variable in weight.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import fontpkg_noto_sans
import fontpkg_noto_serif

# The weights our stylesheet uses; each is an instance of the variable font.
WEIGHTS = (400, 500, 600, 700)

# CSS family name -> (package root, regular file, italic file)
FACES = {
    "Noto Serif": (fontpkg_noto_serif.ROOT, "NotoSerif[wdth,wght].ttf",
                    "NotoSerif-Italic[wdth,wght].ttf"),
    "Noto Sans": (fontpkg_noto_sans.ROOT, "NotoSans[wdth,wght].ttf",
                   "NotoSans-Italic[wdth,wght].ttf"),
}


def font_roots() -> list[Path]:
    """Directories the renderer may read font files from."""
    return [root / "files" for root, _, _ in FACES.values()]


def font_files() -> list[Path]:
    return [root / "files" / name for root, *names in FACES.values() for name in names]


@lru_cache(maxsize=None)
def font_face_css() -> str:
    rules = []
    for family, (root, regular, italic) in FACES.items():
        for style, name in (("normal", regular), ("italic", italic)):
            url = (root / "files" / name).as_uri()
            for weight in WEIGHTS:
                rules.append(f'@font-face {{ font-family: "{family}"; src: url("{url}"); '
                             f'font-weight: {weight}; font-style: {style}; }}')
    return "\n".join(rules)
