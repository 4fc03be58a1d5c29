"""What a generated page or data file reads of the archive, so that a rebuild redoes only what changed.

A generated page (a country's, a theme's, a documents series') reads two things: facts that
every meeting page contributes to the whole archive (which meetings exist, their numbers,
titles, dates and venues, which documents each holds, which pages are withheld), and the
files of the few meetings it lists. The first is the archive's *shape*; the second, the
fingerprints of those files. An edit of a word changes one file's fingerprint and no shape,
so it redoes only the pages that list that meeting; a new, deleted or renumbered meeting
changes the shape and so redoes them all.
"""

from __future__ import annotations

from collections.abc import Iterable

from cnd_archive.memo import digest
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.publishing.resolver import Resolver
from cnd_archive.publishing.site_config import Web


Reads = tuple[bytes, tuple[tuple[str, bytes], ...]]
"""The archive's shape, and the fingerprint of each file read (by src_uri, in order)."""


def archive_shape(archive: Archive, resolver: Resolver, web: Web) -> bytes:
    """A digest of every fact that one meeting's file decides for pages listing other meetings."""
    held_documents = resolver.held_documents()
    facts = (
        resolver.resolver_base,
        archive.bodies,
        tuple((m.src_uri, m.kind, m.body.code, m.number, m.title, m.start_date, m.end_date, m.city, m.country,
               m.meta.get("report_title")) for m in archive.meetings_sorted()),
        sorted((symbol, meeting.src_uri) for symbol, meeting in held_documents.items()),
        sorted(archive.withheld), sorted(archive.unreadable), sorted(archive.other_pages),
        web,
    )
    return digest(repr(facts).encode("utf-8"))


def reads(shape: bytes, archive: Archive, meetings: Iterable[Meeting | str]) -> Reads:
    """The inputs of a result that reads the shape and these meetings' files."""
    uris = sorted({m if isinstance(m, str) else m.src_uri for m in meetings})
    return shape, tuple((uri, archive.fingerprints.get(uri, b"")) for uri in uris)
