"""Results of pure work kept between builds of one long-running process (``mkdocs serve``).

Each result sits in a slot (a page's source) with the complete inputs it was computed from.
A result is reused only when the inputs are equal to those given now, compared by value,
never by a hash, so an edit anywhere in a page's inputs always recomputes it: a rebuild
cannot show a stale fact. One result per slot keeps memory to the size of one site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Memo(Generic[T]):
    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        """False in a one-off build: nothing would reuse the results, and keeping them costs memory."""
        self._slots: dict[str, tuple[Any, T]] = {}
        self.hits = 0
        self.misses = 0

    def holds(self, slot: str, inputs: object) -> bool:
        held = self._slots.get(slot)
        return held is not None and held[0] == inputs

    def get(self, slot: str, inputs: object, compute: Callable[[], T]) -> T:
        if self.holds(slot, inputs):
            self.hits += 1
            return self._slots[slot][1]
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
    schema: Memo[Any] = field(default_factory=Memo)
    """The front matter values the schema refuses."""
    roles: Memo[Any] = field(default_factory=Memo)
    """A report's participation roles, checked against its text."""
    scan: Memo[Any] = field(default_factory=Memo)
    """What a report's text cites."""
    render: Memo[Any] = field(default_factory=Memo)
    """A page's HTML, by its final Markdown and the site's files."""
    record: Memo[Any] = field(default_factory=Memo)
    """A report held to its source, by its front matter, its text and the source file's stamp."""
    feeds: Memo[Any] = field(default_factory=Memo)
    """An Atom feed's XML, by its meetings' facts (``feeds.feed_inputs``)."""
    sanitized: Memo[Any] = field(default_factory=Memo)
    """A generated page's HTML as the sanitizer leaves it, by the HTML written."""
    output: Memo[Any] = field(default_factory=Memo)
    """A page as the theme wrote it, by everything the theme's templates read of it and of the site."""

    @classmethod
    def none(cls) -> Memos:
        return cls(**{f.name: Memo(keep=False) for f in fields(cls)})
