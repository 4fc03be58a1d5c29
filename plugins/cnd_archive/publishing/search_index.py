"""The search index: Pagefind, run over the built site.

Pagefind splits the index into small chunks fetched as a reader types, so the first
query downloads a few hundred kilobytes however large the archive grows; Material's
built-in search would load one file holding all the text of every report.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT_SELECTOR = "article"
"""Index the page's article only, never the navigation repeated on every page."""
EXCLUDED = (".headerlink, .cnd-cite, .md-source-file, .cnd-search, .cnd-followup, .cnd-report-facts, "
            ".cnd-how-to-cite, #how_to_cite, .cnd-report-problem, .md-content__button")
"""What is not the reports' words: the archive's own notes, facts, buttons and links."""
MEETING_PAGES = "*/[0-9]*/index.html"
"""Only meeting pages are searched: the indexes (countries, themes, documents) repeat the
reports' words, so indexing them would return each paragraph several times and make every
result's download larger."""


class SearchIndexError(RuntimeError):
    pass


def build_index(site_dir: Path) -> str:
    """Index site_dir in place (site_dir/pagefind/); return Pagefind's summary line."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--root-selector", ROOT_SELECTOR,
               "--exclude-selectors", EXCLUDED, "--force-language", "en", "--glob", MEETING_PAGES]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({result.returncode}): {result.stderr.strip() or result.stdout.strip()}")
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("Indexed")]
    return "Pagefind: " + "; ".join(lines) if lines else "Pagefind: search index written"
