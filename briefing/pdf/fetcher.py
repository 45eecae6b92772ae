"""The only way a build reads a resource: data: URIs and files under allowed roots.

WeasyPrint's own fetcher would read any file of the machine and any address of the
network. Ours serves data: URIs and files under the allowed roots (the project's
templates and the pinned fonts) and refuses everything else, so nothing a facts file
or a catalog contains can make a build read a file or touch the network.
"""

from __future__ import annotations

import os
from urllib.parse import unquote, urlsplit

from . import engine  # noqa: F401  (first: imports WeasyPrint quickly)
from weasyprint.urls import URLFetcher, URLFetcherResponse


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
