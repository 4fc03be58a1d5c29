"""The build cache: each page as the theme laid it out, kept on disk for the next build (and, in
the same checked entries, each file's results: ``result_store.py``).

Material lays out a page in about 10 ms, most of a build's time at a thousand reports. A page
whose every input to the theme is unchanged since the last build (its HTML, front matter,
table of contents, neighbours, frame, the whole navigation and ``mkdocs.yml``) is written
from the cache instead.

An entry is one file per page under ``.cache/cnd-archive/pages/`` (``Entries``):

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
import zlib
from dataclasses import dataclass
from pathlib import Path

from cnd_archive.memo import DIGEST_SIZE, digest
from cnd_archive.workers import Later, run_now

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


@dataclass(frozen=True)
class EntryFolder:
    """Where the entries of one kind are written, and how each is stamped: all that a process
    writing one needs (``workers.py``)."""

    folder: Path
    magic: bytes
    version: bytes

    def entry(self, slot: str) -> Path:
        return self.folder / digest(slot.encode()).hex()

    def write(self, slot: str, inputs: bytes, payload: bytes) -> None:
        """Keep a payload; written whole or not at all (a build stopped half-way leaves no torn entry)."""
        entry = self.entry(slot)
        written = entry.with_name(f".{entry.name}.{os.getpid()}")  # one process writes an entry at a time
        data = self.magic + self.version + inputs + digest(payload) + payload
        try:
            written.write_bytes(data)
        except FileNotFoundError:  # the first entry of its kind
            self.folder.mkdir(parents=True, exist_ok=True)
            written.write_bytes(data)
        os.replace(written, entry)


class Entries:
    """Entries of one kind, one file each under ``folder``: checked whole before any is used.

        magic | code version (16 bytes) | inputs digest (16) | payload digest (16) | payload
    """

    def __init__(self, folder: Path, magic: bytes, version: bytes, later: Later = run_now) -> None:
        self.place = EntryFolder(folder, magic, version)
        self.later = later
        """How an entry is written: now, or by another process before the build ends."""
        self.header = len(magic) + 3 * DIGEST
        self.hits = 0
        self.ignored: list[str] = []
        """Entries found but not used, with why (another version, other inputs, damaged)."""

    def entry(self, slot: str) -> Path:
        return self.place.entry(slot)

    def read(self, slot: str, inputs: bytes) -> bytes | None:
        """The payload kept for these inputs, if its entry is intact; ``None`` (and why, in
        ``ignored``) otherwise. A caller that cannot read a payload that checks calls ``damaged``."""
        try:
            data = self.entry(slot).read_bytes()
        except OSError:
            return None
        why = self.fault(data, inputs)
        if why:
            self.ignored.append(f"{slot}: {why}")
            return None
        self.hits += 1
        return data[self.header:]

    def damaged(self, slot: str) -> None:
        """A payload that checks but does not read is still not used."""
        self.hits -= 1
        self.ignored.append(f"{slot}: damaged")

    def fault(self, data: bytes, inputs: bytes) -> str:
        """Why an entry cannot be used for these inputs; empty if it can."""
        magic = self.place.magic
        if len(data) < self.header or not data.startswith(magic):
            return "damaged"
        version, kept_inputs, checksum = (data[len(magic) + i * DIGEST:len(magic) + (i + 1) * DIGEST] for i in range(3))
        if version != self.place.version:
            return "written by another version"
        if kept_inputs != inputs:
            return "made from other inputs"
        if checksum != digest(data[self.header:]):
            return "damaged"
        return ""


class PageCache(Entries):
    """Laid-out pages by their source, each with the digest of the inputs it was laid out from."""

    def __init__(self, folder: Path, later: Later = run_now) -> None:
        super().__init__(folder / "pages", MAGIC, code_version(), later)

    def get(self, src_uri: str, inputs: bytes) -> str | None:
        """The page laid out from these inputs, if an entry holds it intact."""
        kept = self.get_compressed(src_uri, inputs)
        return None if kept is None else self.page(kept)

    def get_compressed(self, src_uri: str, inputs: bytes) -> bytes | None:
        """The page as kept, compressed (a build holds every page it reuses until MkDocs writes it)."""
        kept = self.read(src_uri, inputs)
        if kept is None:
            return None
        try:
            self.page(kept)
        except (zlib.error, UnicodeDecodeError):
            self.damaged(src_uri)
            return None
        return kept

    @staticmethod
    def page(kept: bytes) -> str:
        return zlib.decompress(kept).decode("utf-8")

    def put(self, src_uri: str, inputs: bytes, page: str) -> None:
        self.later(_write_page, self.place, src_uri, inputs, page)


def _write_page(place: EntryFolder, src_uri: str, inputs: bytes, page: str) -> None:
    place.write(src_uri, inputs, zlib.compress(page.encode("utf-8"), 1))
