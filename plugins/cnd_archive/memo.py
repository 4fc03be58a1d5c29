"""Results of pure work kept between builds of one long-running process (``mkdocs serve``).

Each result sits in a slot (a page's source) with the complete inputs it was computed from.
A result is reused only when the inputs are equal to those given now, so an edit anywhere in
a page's inputs always recomputes it: a rebuild cannot show a stale fact. Inputs are values,
or for what reads whole files, the files' BLAKE2b digests (``publishing/page_inputs.py``).
The tests run every rebuild with ``Memos.checked()``, which recomputes each reused result
and fails on any difference. One result per slot keeps memory to the size of one site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, Generic, TypeVar

T = TypeVar("T")
DIGEST_SIZE = 16


def digest(*parts: bytes) -> bytes:
    """A BLAKE2b digest of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.blake2b(digest_size=DIGEST_SIZE)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


class StaleResult(AssertionError):
    """A kept result differs from the one its inputs give now: the inputs miss something it reads."""


class Memo(Generic[T]):
    def __init__(self, keep: bool = True, check: bool = False) -> None:
        self.keep = keep
        """False in a one-off build: nothing would reuse the results, and keeping them costs memory."""
        self.check = check
        """Recompute every result that would be reused, and fail if it differs (the tests' mode)."""
        self._slots: dict[str, tuple[Any, T]] = {}
        self.hits = 0
        self.misses = 0

    def holds(self, slot: str, inputs: object) -> bool:
        held = self._slots.get(slot)
        return held is not None and held[0] == inputs

    def get(self, slot: str, inputs: object, compute: Callable[[], T]) -> T:
        if self.holds(slot, inputs):
            self.hits += 1
            kept = self._slots[slot][1]
            if self.check and compute() != kept:
                raise StaleResult(f"{slot}: the kept result differs from a fresh one with equal inputs")
            return kept
        self.misses += 1
        value = compute()
        if self.keep:
            self._slots[slot] = (inputs, value)
        return value


@dataclass
class Memos:
    """What a rebuild may reuse, by kind of work; ``Memos.none()`` keeps nothing (a one-off build)."""

    read: Memo[Any] = field(default_factory=Memo)
    """A file's front matter, tokens and their checks, by its text."""
    report: Memo[Any] = field(default_factory=Memo)
    """A report's elements and their numbering problems, by its front matter and text."""
    schema: Memo[Any] = field(default_factory=Memo)
    """The front matter values the schema refuses."""
    roles: Memo[Any] = field(default_factory=Memo)
    """A report's participation roles, checked against its text."""
    scan: Memo[Any] = field(default_factory=Memo)
    """What a report's text cites."""
    meeting_page: Memo[Any] = field(default_factory=Memo)
    """A report's page as Markdown with the archive's links and notes, by what it reads (``page_inputs``)."""
    render: Memo[Any] = field(default_factory=Memo)
    """A page's HTML, by its final Markdown and the site's files."""
    record: Memo[Any] = field(default_factory=Memo)
    """A report held to its source, by its front matter, its text and the source file's stamp."""
    feeds: Memo[Any] = field(default_factory=Memo)
    """An Atom feed's XML, by its meetings' facts (``feeds.feed_inputs``)."""
    generated: Memo[Any] = field(default_factory=Memo)
    """A generated page (or a country's or theme's pages), by what it reads (``page_inputs``)."""
    data: Memo[Any] = field(default_factory=Memo)
    """A part of the open data (a meeting's records, a country's), by what it reads."""
    finished: Memo[Any] = field(default_factory=Memo)
    """A generated page as published, by the page and the site's files."""
    sanitized: Memo[Any] = field(default_factory=Memo)
    """A generated page's HTML as the sanitizer leaves it, by the HTML written."""
    output: Memo[Any] = field(default_factory=Memo)
    """A page as the theme wrote it, by the digest of everything the theme's templates read of it and of the site."""

    @classmethod
    def none(cls) -> Memos:
        return cls(**{f.name: Memo(keep=False) for f in fields(cls)})

    @classmethod
    def checked(cls) -> Memos:
        """Memos that prove each reuse: a result whose inputs leave out something it reads fails."""
        return cls(**{f.name: Memo(check=True) for f in fields(cls)})
