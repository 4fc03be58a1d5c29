"""The search index: Pagefind, run over the built site, one shard after another (search_shards.py).

Pagefind splits each index into small chunks fetched as a reader types, so the first query
downloads a few hundred kilobytes however large the archive grows; Material's built-in search
would load one file holding all the text of every report.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from cnd_archive.build_cache import library_version
from cnd_archive.publishing.search_cache import SearchCache, shard_inputs
from cnd_archive.publishing.search_shards import INDEX_DIR, Shard

ROOT_SELECTOR = "article"
"""Index the page's article only, never the navigation repeated on every page."""
EXCLUDED = (".headerlink, .cnd-cite, .md-source-file, .cnd-search, .cnd-followup, .cnd-report-facts, "
            ".cnd-how-to-cite, #how_to_cite, .cnd-report-problem, .md-content__button")
"""What is not the reports' words: the archive's own notes, facts, buttons and links."""
OPTIONS = ("--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDED, "--force-language", "en")
"""Only meeting pages are searched (each shard's glob): the indexes (countries, themes, documents)
repeat the reports' words, so indexing them would return each paragraph several times and make
every result's download larger."""
FRESH_DIR = ".pagefind-fresh"
"""Where the next index is written before it replaces the served one (a hidden folder: MkDocs
leaves those alone)."""
INDEXED_RE = re.compile(r"Indexed (\d+) pages?")


class SearchIndexError(RuntimeError):
    pass


def _command(site_dir: Path, shard: Shard, output: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), *OPTIONS, "--glob", shard.glob,
            "--output-path", str(output)]


def how_pagefind_runs() -> bytes:
    """What else an index is written from: Pagefind's version and the options it runs with."""
    return repr((library_version("pagefind-bin"), OPTIONS)).encode()


class Indexer:
    """Indexes a site's shards one after the other, each from the build cache when its pages are
    unchanged, and then puts the new index in place of the served one in two renames. ``stop``
    ends a run under way (a preview's next save makes it moot)."""

    def __init__(self, cache: SearchCache | None) -> None:
        self.cache = cache
        self._process: subprocess.Popen[str] | None = None
        self._stopped = False

    def stop(self) -> None:
        self._stopped = True
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()

    def run(self, site_dir: Path, shards: Sequence[Shard]) -> str | None:
        """Index the site; Pagefind's summary, or None if stopped."""
        work = site_dir / FRESH_DIR
        shutil.rmtree(work, ignore_errors=True)
        pages = kept = 0
        for shard in shards:
            indexed = self.index(site_dir, shard, work / f"part-{shard.position}")
            if indexed is None:
                return None
            pages, kept = pages + indexed[0], kept + indexed[1]
        _assemble(work, shards)
        _replace_served(site_dir, work / INDEX_DIR)
        shutil.rmtree(work, ignore_errors=True)
        shown = f" in {len(shards)} shards" if len(shards) > 1 else ""
        reused = f", {kept} kept from the build cache" if kept else ""
        damaged = self.cache.ignored if self.cache else []
        ignored = f"; ignored {len(damaged)} damaged cache entries, first {damaged[0]}" if damaged else ""
        return f"Pagefind: indexed {pages} pages{shown}{reused}{ignored}"

    def index(self, site_dir: Path, shard: Shard, output: Path) -> tuple[int, int] | None:
        """The shard's index written to ``output``: (pages, 1 if it came from the cache else 0)."""
        inputs = shard_inputs(site_dir, shard, how_pagefind_runs()) if self.cache else b""
        if self.cache is not None:
            restored = self.cache.restore(shard, inputs, output)
            if restored is not None:
                return restored, 1
        if self._stopped:
            return None
        self._process = subprocess.Popen(_command(site_dir, shard, output), stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True)
        stdout, stderr = self._process.communicate(timeout=1800)
        if self._process.returncode < 0 or self._stopped:
            return None
        if self._process.returncode != 0:
            raise SearchIndexError(f"pagefind failed ({self._process.returncode}): "
                                   f"{stderr.strip() or stdout.strip()}")
        found = INDEXED_RE.search(stdout)
        pages = int(found[1]) if found else 0
        if self.cache is not None:
            self.cache.keep(shard, inputs, output, pages)
        return pages, 0


def _assemble(work: Path, shards: Sequence[Shard]) -> None:
    """The first shard's index (with Pagefind's scripts) at the top, each other one in its folder."""
    index = work / INDEX_DIR
    (work / f"part-{shards[0].position}").rename(index)
    for shard in shards[1:]:
        (work / f"part-{shard.position}").rename(index / shard.name)


def _replace_served(site_dir: Path, fresh: Path) -> None:
    served, old = site_dir / INDEX_DIR, site_dir / ".pagefind-old"
    shutil.rmtree(old, ignore_errors=True)
    if served.exists():
        served.rename(old)
    fresh.rename(served)
    shutil.rmtree(old, ignore_errors=True)


def build_index(site_dir: Path, shards: Sequence[Shard], cache: SearchCache | None = None) -> str:
    """Index site_dir in place (site_dir/pagefind/); return Pagefind's summary line."""
    summary = Indexer(cache).run(site_dir, shards)
    assert summary is not None  # only stop() ends a run early
    return summary


class PreviewIndex:
    """The search index of a preview (``mkdocs serve``), rebuilt after each reload instead of before it.

    The edited page shows as soon as it is written; search answers from the previous index for the
    few seconds Pagefind takes, then from the new one. A save during a run stops that run: the run
    after the new build is the one that counts."""

    def __init__(self, report: Callable[[int, str], None]) -> None:
        """``report(level, message)``: how a run's outcome is logged."""
        self.report = report
        self._indexer: Indexer | None = None
        self._thread: threading.Thread | None = None

    def stop(self) -> None:
        if self._indexer is not None:
            self._indexer.stop()
        if self._thread is not None:
            self._thread.join()
        self._indexer = self._thread = None

    def start(self, site_dir: Path, shards: Sequence[Shard], cache: SearchCache | None) -> None:
        self.stop()
        self._indexer = Indexer(cache)
        self._thread = threading.Thread(target=self._run, args=(self._indexer, site_dir, shards), daemon=True)
        self._thread.start()

    def _run(self, indexer: Indexer, site_dir: Path, shards: Sequence[Shard]) -> None:
        try:
            summary = indexer.run(site_dir, shards)
        except SearchIndexError as error:
            self.report(logging.ERROR, str(error))
            return
        if summary is not None:
            self.report(logging.INFO, f"{summary}; search index updated")
