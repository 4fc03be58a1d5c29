"""The build cache: each page as the theme laid it out, kept on disk for the next build.

Material lays out a page in about 10 ms, most of a build's time at a thousand reports. A page
whose every input to the theme is unchanged since the last build (its HTML, front matter,
table of contents, neighbours, frame, the whole navigation and ``mkdocs.yml``) is written
from the cache instead.

An entry is one file per page under ``.cache/cnd-archive/pages/``:

    MAGIC | code version (16 bytes) | inputs digest (16) | payload digest (16) | payload

The code version is a digest of the package's own files, the versions of the libraries that
render a page, and Python's. An entry is used only when all of it checks: one from another
version, for other inputs, truncated or edited by hand is ignored, and the page is laid out
again and its entry rewritten. The payload is the page's HTML, compressed: nothing in the
cache is ever run, so a cache restored from elsewhere (CI's) can cost a page but not change one.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import sys
import tempfile
import zlib
from pathlib import Path

from cnd_archive.memo import DIGEST_SIZE, digest

MAGIC = b"cnd-archive page cache 1\n"
DIGEST = DIGEST_SIZE
HEADER = len(MAGIC) + 3 * DIGEST
CACHE_DIR = Path(".cache") / "cnd-archive"
RENDERING_LIBRARIES = ("mkdocs", "mkdocs-material", "jinja2", "markdown-it-py", "mdit-py-plugins", "nh3", "pyyaml")


@functools.cache
def code_version() -> bytes:
    """What else a page's layout depends on: this package's code, templates and data, the
    libraries that render it, and the Python that runs them."""
    package = Path(__file__).parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    parts = [sys.version.encode(), *(f"{name}=={library_version(name)}".encode() for name in RENDERING_LIBRARIES)]
    for path in files:
        parts += [path.relative_to(package).as_posix().encode(), path.read_bytes()]
    return digest(*parts)


def templates_version(dirs: list[str]) -> bytes:
    """The templates a page is laid out with, from the folders of the theme that are not an installed
    package's (whose version ``code_version`` has): the archive's own and any ``custom_dir``."""
    parts = []
    for folder in map(Path, dirs):
        if {"site-packages", "dist-packages"} & set(folder.parts):
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            parts += [path.relative_to(folder).as_posix().encode(), path.read_bytes()]
    return digest(*parts)


def library_version(name: str) -> str:
    """An installed library's version, or 'none'."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "none"


class PageCache:
    """Laid-out pages by their source, each with the digest of the inputs it was laid out from."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "pages"
        self.version = code_version()
        self.hits = 0
        self.ignored: list[str] = []
        """Entries found but not used, with why (another version, other inputs, damaged)."""

    def entry(self, src_uri: str) -> Path:
        return self.folder / digest(src_uri.encode()).hex()

    def get(self, src_uri: str, inputs: bytes) -> str | None:
        """The page laid out from these inputs, if an entry holds it intact."""
        kept = self.get_compressed(src_uri, inputs)
        return None if kept is None else self.page(kept)

    def get_compressed(self, src_uri: str, inputs: bytes) -> bytes | None:
        """The page as kept, compressed (a build holds every page it reuses until MkDocs writes it)."""
        try:
            data = self.entry(src_uri).read_bytes()
        except OSError:
            return None
        why = self.fault(data, inputs)
        if why:
            self.ignored.append(f"{src_uri}: {why}")
            return None
        try:
            self.page(data[HEADER:])  # a payload that checks but does not read is still not used
        except (zlib.error, UnicodeDecodeError):
            self.ignored.append(f"{src_uri}: damaged")
            return None
        self.hits += 1
        return data[HEADER:]

    @staticmethod
    def page(kept: bytes) -> str:
        return zlib.decompress(kept).decode("utf-8")

    def fault(self, data: bytes, inputs: bytes) -> str:
        """Why an entry cannot be used for these inputs; empty if it can."""
        if len(data) < HEADER or not data.startswith(MAGIC):
            return "damaged"
        version, kept_inputs, checksum = (data[len(MAGIC) + i * DIGEST:len(MAGIC) + (i + 1) * DIGEST] for i in range(3))
        if version != self.version:
            return "written by another version"
        if kept_inputs != inputs:
            return "laid out from other inputs"
        if checksum != digest(data[HEADER:]):
            return "damaged"
        return ""

    def put(self, src_uri: str, inputs: bytes, page: str) -> None:
        """Keep a page; written whole or not at all (a build stopped half-way leaves no torn entry)."""
        payload = zlib.compress(page.encode("utf-8"), 1)
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.folder, delete=False, prefix=".") as out:
            out.write(MAGIC + self.version + inputs + digest(payload) + payload)
        os.replace(out.name, self.entry(src_uri))
