"""Preview: every page of a PDF as a PNG, plus one contact sheet per edition.

For a quick look without a PDF reader: ``python -m briefing.preview PDF... --out DIR``.
Rendering is by PDFium (pypdfium2), an independent reader of what we wrote.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pypdfium2
from PIL import Image

from .diagnostics import printable


def render_pages(pdf: Path, out: Path, scale: float = 1.0) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(str(pdf))
    paths = []
    try:
        for index in range(len(document)):
            image = document[index].render(scale=scale).to_pil()
            path = out / f"{pdf.stem}.page-{index + 1:02d}.png"
            image.save(path)
            paths.append(path)
    finally:
        document.close()
    return paths


def refresh_pages(pdf: Path, out: Path, scale: float = 1.0) -> list[Path]:
    """The pages of ``pdf`` as PNG in ``out``, rewriting only those whose image
    changed (each atomically, so that a viewer that reloads a changed file never
    reads half of one) and removing pages the PDF no longer has. Returns the PNGs
    written or removed."""
    import io

    from .files import write_atomically

    out.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(str(pdf))
    changed = []
    try:
        count = len(document)
        for index in range(count):
            buffer = io.BytesIO()
            document[index].render(scale=scale).to_pil().save(buffer, format="PNG")
            path = out / f"{pdf.stem}.page-{index + 1:02d}.png"
            data = buffer.getvalue()
            if not path.is_file() or path.read_bytes() != data:
                write_atomically(path, data)
                changed.append(path)
    finally:
        document.close()
    for path in sorted(out.glob(f"{pdf.stem}.page-*.png")):
        number = path.stem.rsplit("-", 1)[-1]
        if number.isdigit() and int(number) > count:
            path.unlink()
            changed.append(path)
    return changed


def contact_sheet(pages: list[Path], path: Path, columns: int = 4, width: int = 300) -> None:
    thumbs = []
    for page in pages:
        with Image.open(page) as image:
            height = round(image.height * width / image.width)
            thumbs.append(image.convert("RGB").resize((width, height)))
    rows = -(-len(thumbs) // columns)
    gap = 12
    cell_h = max(t.height for t in thumbs)
    sheet = Image.new("RGB", (columns * (width + gap) + gap, rows * (cell_h + gap) + gap),
                      "#8a99a8")
    for index, thumb in enumerate(thumbs):
        x = gap + (index % columns) * (width + gap)
        y = gap + (index // columns) * (cell_h + gap)
        sheet.paste(thumb, (x, y))
    sheet.save(path)


def main(argv=None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("pdfs", nargs="+", type=Path)
    args.add_argument("--out", type=Path, default=Path("preview"))
    args.add_argument("--scale", type=float, default=1.25, help="1.0 is 72 dpi")
    options = args.parse_args(argv)
    for pdf in options.pdfs:
        pages = render_pages(pdf, options.out, options.scale)
        sheet = options.out / f"{pdf.stem}.contact.png"
        contact_sheet(pages, sheet)
        print(printable(f"{sheet}: {len(pages)} pages"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
