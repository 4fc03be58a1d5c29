"""How the meeting pages are split between search indexes.

Pagefind holds about 1.4 MB for every page it indexes until it writes the index (1,443 MB for
the 1,022 meeting pages of a 1,000-report archive). The pages are therefore indexed in shards
of whole bodies, at most ``SHARD_PAGES`` pages each, one Pagefind run after the other, and the
search page merges the shards in the reader's browser (Pagefind's ``mergeIndex``): the first
shard's index is served at ``pagefind/`` with Pagefind's scripts, each other one at
``pagefind/shard-K/``. An archive of a few hundred reports has one shard, and so one index.

A shard is also what an edit costs the search: the shards whose pages are unchanged are not
indexed again (``search_index.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SHARD_PAGES = 400
"""At most this many meeting pages in a shard, unless one body has more (a body is never split,
so its pages keep one index): about 560 MB of Pagefind's memory."""
INDEX_DIR = "pagefind"
MEETING_PAGE = "[0-9]*/index.html"
"""A meeting page within its body's folder."""
ALL_MEETING_PAGES = f"*/{MEETING_PAGE}"
"""What an archive without a body's meeting yet indexes: its one shard's glob."""


@dataclass(frozen=True)
class Shard:
    """The meeting pages of one or more bodies' folders, indexed in one Pagefind run (of any folder
    when ``folders`` is empty)."""

    folders: tuple[str, ...]
    position: int
    """0 for the shard served at ``pagefind/``, whose scripts the search page loads."""

    @property
    def name(self) -> str:
        """The shard's folder under ``pagefind/`` ('' for the first)."""
        return f"shard-{self.position + 1}" if self.position else ""

    @property
    def glob(self) -> str:
        """The meeting pages of its folders, in Pagefind's glob syntax (wax: ``{a,b}`` is either)."""
        if not self.folders:
            return ALL_MEETING_PAGES
        folders = self.folders[0] if len(self.folders) == 1 else "{" + ",".join(self.folders) + "}"
        return f"{folders}/{MEETING_PAGE}"

    @property
    def path(self) -> str:
        """Where its index is served, from the site's root."""
        return f"{INDEX_DIR}/{self.name}/" if self.name else f"{INDEX_DIR}/"


def plan(folders: Iterable[tuple[str, int]], shard_pages: int = SHARD_PAGES) -> tuple[Shard, ...]:
    """Shards of consecutive bodies, from each body's folder and its number of meeting pages, in
    the bodies' order: the same archive always gives the same shards."""
    groups: list[list[str]] = []
    pages = 0
    for folder, count in folders:
        if count <= 0:
            continue
        if not groups or pages + count > shard_pages:
            groups.append([])
            pages = 0
        groups[-1].append(folder)
        pages += count
    return tuple(Shard(tuple(group), position) for position, group in enumerate(groups)) or (Shard((), 0),)
