"""PDF: the HTML of an edition through WeasyPrint, with every resource fetch locked down.

WeasyPrint's own fetcher would read any file of the machine and any address of the
network. Ours serves data: URIs and files under the allowed roots (the project's
templates and the pinned fonts) and refuses everything else, so nothing a facts file
or a catalog contains can make a build read a file or touch the network.
"""

from __future__ import annotations

import logging
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

LOGGER = logging.getLogger("weasyprint")


class RefusedURL(ValueError):
    pass


class LockedFetcher(URLFetcher):
    """Fetches data: URIs and files under ``roots``; refuses everything else."""

    def __init__(self, roots):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False,
                         timeout=1)
        self.roots = [os.path.realpath(r) for r in roots]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "file":
            path = os.path.realpath(unquote(urlsplit(url).path))
            if not any(path == r or path.startswith(r + os.sep) for r in self.roots):
                self.refused.append(url)
                raise RefusedURL(f"refused to read {url}: outside the project's assets")
            with open(path, "rb") as handle:
                return URLFetcherResponse(url, body=handle.read())
        if scheme != "data":
            self.refused.append(url)
            raise RefusedURL(f"refused to fetch {url}: briefs never use the network")
        return super().fetch(url, headers)


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if "HarfBuzz-Subset" not in message:  # fontTools subsets as well, reproducibly
            self.messages.append(message)


@contextmanager
def captured_warnings():
    """Route WeasyPrint's warnings (silent by default) to the caller."""
    handler = _Capture()
    LOGGER.addHandler(handler)
    try:
        yield handler.messages
    finally:
        LOGGER.removeHandler(handler)


def write_pdf(html: str, roots, variant: str | None = None) -> tuple[bytes, int, list[str]]:
    """Lay out and write the PDF; returns its bytes, page count and renderer warnings."""
    fetcher = LockedFetcher(roots)
    with captured_warnings() as warnings:
        document = HTML(string=html, base_url=str(roots[0]) + os.sep,
                        url_fetcher=fetcher).render()
        options = {"pdf_variant": variant} if variant else {}
        data = document.write_pdf(**options)
    return data, len(document.pages), warnings


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
