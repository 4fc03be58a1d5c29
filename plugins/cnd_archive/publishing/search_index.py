"""The search index: Pagefind, given each meeting page's article as the site writes it.

Pagefind splits the index into small chunks fetched as a reader types, so the first
query downloads a few hundred kilobytes however large the archive grows; Material's
built-in search would load one file holding all the text of every report.

Pagefind is given only each meeting page's ``<article>``, as the build writes the page
(``SearchIndexer.add``): what a search finds, without the navigation that every page repeats
(at 1,000 reports, nine tenths of a meeting page's bytes), which Pagefind would otherwise read
and hold for every page.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT_SELECTOR = "article"
"""Index the page's article only, never the navigation repeated on every page."""
EXCLUDED = (".headerlink, .cnd-cite, .md-source-file, .cnd-search, .cnd-followup, .cnd-report-facts, "
            ".cnd-how-to-cite, #how_to_cite, .cnd-report-problem, .md-content__button")
"""What is not the reports' words: the archive's own notes, facts, buttons and links."""
_MEETING_URL_RE = re.compile(r"^[a-z0-9-]+/[0-9]+/$")
"""Only meeting pages are searched: the indexes (countries, themes, documents) repeat the
reports' words, so indexing them would return each paragraph several times."""
_ARTICLE_RE = re.compile(r"<article\b.*?</article>", re.S)


class SearchIndexError(RuntimeError):
    pass


def is_searched(url: str) -> bool:
    """Whether the page at this site-relative URL ("honlac/27/") is a meeting page."""
    return bool(_MEETING_URL_RE.match(url))


def article_document(output: str, title: str) -> str | None:
    """A page's article, as the site wrote it, in a document of its own for Pagefind."""
    article = _ARTICLE_RE.search(output)
    if article is None:
        return None
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"</head><body>{article[0]}</body></html>")


class SearchIndexer:
    """The meeting pages' articles, gathered as the build writes each page, then indexed at once by
    Pagefind's command (its service takes a page at a time and is several times slower)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="cnd-search-"))
        self.pages = 0

    def add(self, url: str, document: str) -> None:
        """Keep a page's document (its URL relative to the site, "honlac/27/") for the index."""
        target = self.folder / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document, encoding="utf-8")
        self.pages += 1

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def finish(self, site_dir: Path) -> str:
        """Write the index into site_dir/pagefind; Pagefind's summary. Results name pages from the
        site's root, and the search page adds the site's path (Pagefind's baseUrl)."""
        command = [sys.executable, "-m", "pagefind", "--site", str(self.folder), "--output-path",
                   str(site_dir / "pagefind"), "--root-selector", ROOT_SELECTOR, "--exclude-selectors", EXCLUDED,
                   "--force-language", "en"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
        finally:
            self.discard()
        if result.returncode != 0:
            raise SearchIndexError(f"pagefind failed ({result.returncode}): "
                                   f"{result.stderr.strip() or result.stdout.strip()}")
        lines = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("Indexed")]
        return "Pagefind: " + "; ".join(lines) if lines else "Pagefind: search index written"


def index_site(site_dir: Path) -> str:
    """Index the meeting pages of a site already written (the benchmarks time this on their own)."""
    indexer = SearchIndexer()
    for path in sorted(site_dir.glob("*/[0-9]*/index.html")):
        url = path.parent.relative_to(site_dir).as_posix() + "/"
        output = path.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", output, re.S)
        document = article_document(output, html.unescape(title[1]) if title else "")
        if document is not None and is_searched(url):
            indexer.add(url, document)
    return indexer.finish(site_dir)
