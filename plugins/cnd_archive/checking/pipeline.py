"""One way from the content folder to what is published, for the build and the checker alike.

The MkDocs plugin, the content checker, the importer and the benchmarks all call ``publish``,
so what the checker passes is what the build publishes: the same files are refused, the same
pages are withheld, and every address of the site has exactly one source. MkDocs itself only
sees collisions within a folder (``honlac/29.md`` and ``honlac/29/index.md`` both write
``honlac/29/index.html``, and the later one wins), so they are settled here, before rendering.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import gc
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cnd_archive.errors import Problem
from cnd_archive.layout import PERMALINK_SCRIPT, site_url
from cnd_archive.memo import Memos
from cnd_archive.model.archive import load
from cnd_archive.model.content_files import allowed_files
from cnd_archive.publishing.permalink_record import Record, anchor_script, compare, load_record, redirect_pages
from cnd_archive.publishing.publication import Mapper, Publication
from cnd_archive.checking.record import source_problems
from cnd_archive.publishing.site_config import Project
from cnd_archive.timing import Stopwatch


@dataclass
class Outcome:
    """What a build publishes, and every problem found on the way."""

    publication: Publication
    record: Record | None
    record_problems: list[Problem] = field(default_factory=list)
    published_files: set[str] = field(default_factory=set)
    """The files of the content folder that are published; MkDocs must not copy any other."""
    generated: dict[str, str] = field(default_factory=dict)
    """Files the archive writes, by path in the site: generated pages ('' : the archive renders
    them), open data, the permalink script and the redirect pages."""

    @property
    def problems(self) -> list[Problem]:
        return self.publication.problems + self.record_problems


COLLECTION_THRESHOLDS = (50_000, 20, 100)
"""Python's cycle collector, run less often while a site is read and rendered (see ``publish``)."""


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The pipeline builds a site's worth of long-lived objects, and at the default thresholds the
    cycle collector scans them all again and again: about a quarter of a cold build's time at 300
    reports, and more the larger the archive. Collections are made rarer, not switched off, so
    memory stays bounded (the peak was the same, 364 MB, either way)."""
    kept = gc.get_threshold()
    gc.set_threshold(*COLLECTION_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*kept)


def publish(project: Project, theme_files: Iterable[str] = (), memos: Memos | None = None, mapper: Mapper = map,
            stopwatch: Stopwatch | None = None) -> Outcome:
    """Read, check and render the whole site. ``theme_files`` are the static files the theme adds
    (links to them are links within the site)."""
    with fewer_collections():
        outcome = _publish(project, theme_files, memos, mapper, stopwatch)
    return_freed_memory()
    return outcome


def return_freed_memory() -> None:
    """Give back to the system the memory of what the pipeline let go (each report's annotated
    Markdown, the generated pages' text): large strings live in the C library's heap, which keeps
    freed memory for later large strings, while the many small objects MkDocs then makes come
    from Python's own arenas and cannot use it. About 100 MB at 1,000 reports, in 10 ms (glibc
    only; elsewhere nothing is done)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def _publish(project: Project, theme_files: Iterable[str], memos: Memos | None, mapper: Mapper,
             stopwatch: Stopwatch | None) -> Outcome:
    bodies, problems = project.readable_bodies()
    allowed, file_problems = allowed_files(project.docs_dir, set(project.assets), shown_from=project.root)
    pages = sorted(uri for uri in allowed if uri.endswith(".md"))
    static = sorted(uri for uri in allowed if not uri.endswith(".md"))
    archive = load(project.docs_dir, pages, shown_from=project.root, bodies=bodies, stopwatch=stopwatch,
                   memos=memos)
    publication = Publication.build(archive, project.resolver_base, stopwatch=stopwatch, memos=memos,
                                    web=project.web, shard_pages=project.search_shard_pages)
    with (stopwatch or Stopwatch()).phase("build/the record against its sources"):
        publication.problems += source_problems(archive, project.root, memos)
    shown_record = os.path.relpath(project.record, project.root)
    record, record_problems = load_record(project.record, shown_record)
    outcome = Outcome(publication, record, record_problems)
    outcome.generated = {**dict.fromkeys(publication.generated, ""), **publication.data,
                         PERMALINK_SCRIPT: anchor_script(record or Record())}
    refused, collisions = one_source_per_address(outcome.generated, [*pages, *static], project)
    outcome.published_files = set(allowed) - refused
    # A redirect gives way to a page that is published at its address again (the record says so).
    taken = {output_path(uri) for uri in [*outcome.generated, *pages, *static]}
    outcome.generated.update((path, page) for path, page in redirect_pages(record or Record()).items()
                             if path not in taken)
    publication.withhold(refused)
    publication.problems[:0] = problems + file_problems + collisions
    site_files = [*static, *theme_files, *(uri for uri in outcome.generated if not uri.endswith(".md"))]
    return_freed_memory()  # before the pages come back from the processes that render them
    publication.render_html(publication.site_map(site_files), mapper)
    outcome.record_problems += broken_promises(record, publication, shown_record)
    return outcome


def broken_promises(record: Record | None, publication: Publication, shown: str) -> list[Problem]:
    """Published pages and anchors that disappeared, and new ones not yet recorded.

    Checked once the content has no other problem: a page withheld or a value left out for
    a mistake would otherwise show as missing anchors, far from the mistake itself."""
    if record is None or publication.problems:
        return []
    return compare(record, publication.published(), shown, skip=publication.withheld_urls())


def output_path(uri: str) -> str:
    """The file a source becomes in the built site (directory URLs: ``a/b.md`` -> ``a/b/index.html``)."""
    url = site_url(uri)
    if url == "./":
        return "index.html"
    return url + "index.html" if url.endswith("/") else url


def one_source_per_address(archive_files: Iterable[str], contributor_files: list[str],
                           project: Project) -> tuple[set[str], list[Problem]]:
    """The contributor files that would overwrite another file of the site, and a problem naming
    both. The archive's own files come first; of two contributor files, ``a.md`` keeps its address
    over ``a/index.md``."""
    owners: dict[str, str] = {output_path(uri): uri for uri in archive_files}
    generated = set(owners.values())
    refused: set[str] = set()
    problems: list[Problem] = []
    for uri in sorted(contributor_files, key=lambda u: (u.endswith("/index.md"), u)):
        address = output_path(uri)
        owner = owners.setdefault(address, uri)
        if owner == uri and uri not in generated:
            continue
        refused.add(uri)
        shown = os.path.relpath(project.docs_dir / uri, project.root)
        kept = "the archive publishes its own page" if owner in generated else \
            f"{os.path.relpath(project.docs_dir / owner, project.root)} is published"
        problems.append(Problem(shown, 1, f"this file would be published at /{address}, where {kept}",
                                "remove or rename it: each address of the site has one source"))
    return refused, problems
