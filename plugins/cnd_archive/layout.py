"""Where a link points, written as a relative Markdown link or a site-relative URL."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


def page_url(src_uri: str) -> str:
    """Site-relative URL of a page with directory URLs: "honlac/27.md" -> "honlac/27/"."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
        return path
    return path + "/"


@dataclass(frozen=True)
class Target:
    src_uri: str
    """The Markdown source of the page, e.g. "honlac/27.md"."""
    anchor: str = ""

    def markdown_from(self, page_uri: str) -> str:
        """A link as written in page_uri's Markdown: relative, to the .md file, so MkDocs checks it."""
        if self.src_uri == page_uri:
            path = ""
        else:
            path = posixpath.relpath(self.src_uri, posixpath.dirname(page_uri) or ".")
        return f"{path}#{self.anchor}" if self.anchor else path

    @property
    def url(self) -> str:
        """Site-relative URL, as published in the open data."""
        base = page_url(self.src_uri)
        return f"{base}#{self.anchor}" if self.anchor else base
