"""Results of pure work kept between builds of one long-running process (``mkdocs serve``), and
between builds on disk for the kinds of result a ``Store`` holds (``result_store.py``).

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
from typing import Any, Generic, Protocol, TypeVar

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


class Store(Protocol):
    """Results kept beyond this process, by slot and inputs."""

    def recall(self, slot: str, inputs: object) -> tuple[bool, Any]: ...

    def keep(self, slot: str, inputs: object, value: object) -> None: ...


class Memo(Generic[T]):
    def __init__(self, keep: bool = True, check: bool = False, store: Store | None = None) -> None:
        self.keep = keep
        """False in a one-off build: nothing would reuse the results, and keeping them costs memory."""
        self.check = check
        """Recompute every result that would be reused, and fail if it differs (the tests' mode)."""
        self.store = store
        self._slots: dict[str, tuple[Any, T]] = {}
        self._recalled: dict[str, tuple[Any, T]] = {}
        """Results read from the store by ``holds``, until ``get`` takes them."""
        self._not_stored: dict[str, Any] = {}
        """The inputs the store was asked for in vain by ``holds``, until ``get`` computes their result."""
        self.hits = 0
        self.misses = 0

    def holds(self, slot: str, inputs: object, stored_as: object = None) -> bool:
        """Whether a result for these inputs is kept, in memory or in the store."""
        return self._find(slot, inputs, stored_as) is not None

    def get(self, slot: str, inputs: object, compute: Callable[[], T], stored_as: object = None) -> T:
        """The result kept for these inputs, or a fresh one. ``stored_as``, if given, is what the store
        keys it by instead of the inputs: values that determine the result as surely (the archive's
        shape and the fingerprints of the files it reads) and cost less to digest than the facts
        themselves. A preview's memory still compares the inputs, which an edit changes less often."""
        held = self._find(slot, inputs, stored_as)
        self._recalled.pop(slot, None)
        self._not_stored.pop(slot, None)
        if held is not None:
            self.hits += 1
            if self.check and compute() != held[1]:
                raise StaleResult(f"{slot}: the kept result differs from a fresh one with equal inputs")
            if self.keep:
                self._slots[slot] = held
            return held[1]
        self.misses += 1
        value = compute()
        if self.keep:
            self._slots[slot] = (inputs, value)
        if self.store is not None:
            self.store.keep(slot, inputs if stored_as is None else stored_as, value)
        return value

    def _find(self, slot: str, inputs: object, stored_as: object) -> tuple[Any, T] | None:
        """The inputs and result kept for this slot, if kept for these inputs."""
        for kept in (self._slots, self._recalled):
            held = kept.get(slot)
            if held is not None and held[0] == inputs:
                return held
        if self.store is None or (slot in self._not_stored and self._not_stored[slot] == inputs):
            return None
        found, value = self.store.recall(slot, inputs if stored_as is None else stored_as)
        if not found:
            self._not_stored[slot] = inputs
            return None
        self._recalled[slot] = (inputs, value)
        return self._recalled[slot]


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
