"""The search index: Pagefind, run over the built site.

Pagefind splits the index into small chunks fetched as a reader types, so the first
query downloads a few hundred kilobytes however large the archive grows; Material's
built-in search would load one file holding all the text of every report.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
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


INDEX_DIR = "pagefind"
FRESH_DIR = ".pagefind-fresh"
"""Where a preview's next index is written before it replaces the served one (a hidden folder:
MkDocs leaves those alone)."""


def _command(site_dir: Path, output: Path | None = None) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--root-selector", ROOT_SELECTOR,
            "--exclude-selectors", EXCLUDED, "--force-language", "en", "--glob", MEETING_PAGES,
            *(["--output-path", str(output)] if output else [])]


def _summary(returncode: int, stdout: str, stderr: str) -> str:
    if returncode != 0:
        raise SearchIndexError(f"pagefind failed ({returncode}): {stderr.strip() or stdout.strip()}")
    lines = [line.strip() for line in stdout.splitlines() if line.strip().startswith("Indexed")]
    return "Pagefind: " + "; ".join(lines) if lines else "Pagefind: search index written"


def build_index(site_dir: Path) -> str:
    """Index site_dir in place (site_dir/pagefind/); return Pagefind's summary line."""
    result = subprocess.run(_command(site_dir), capture_output=True, text=True, timeout=1800)
    return _summary(result.returncode, result.stdout, result.stderr)


class PreviewIndex:
    """The search index of a preview (``mkdocs serve``), rebuilt after each reload instead of before it.

    The edited page shows as soon as it is written; search answers from the previous index for the
    few seconds Pagefind takes, then from the new one, which replaces it in two renames. A save
    during a run stops that run: the run after the new build is the one that counts."""

    def __init__(self, report: Callable[[int, str], None]) -> None:
        """``report(level, message)``: how a run's outcome is logged."""
        self.report = report
        self._process: subprocess.Popen[str] | None = None
        self._thread: threading.Thread | None = None

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
        if self._thread is not None:
            self._thread.join()
        self._process = self._thread = None

    def start(self, site_dir: Path) -> None:
        self.stop()
        fresh = site_dir / FRESH_DIR
        shutil.rmtree(fresh, ignore_errors=True)
        self._process = subprocess.Popen(_command(site_dir, fresh), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         text=True)
        self._thread = threading.Thread(target=self._finish, args=(self._process, site_dir), daemon=True)
        self._thread.start()

    def _finish(self, process: subprocess.Popen[str], site_dir: Path) -> None:
        stdout, stderr = process.communicate()
        if process.returncode < 0:
            return  # stopped by a newer build
        try:
            summary = _summary(process.returncode, stdout, stderr)
        except SearchIndexError as error:
            self.report(logging.ERROR, str(error))
            return
        served, old = site_dir / INDEX_DIR, site_dir / ".pagefind-old"
        shutil.rmtree(old, ignore_errors=True)
        if served.exists():
            served.rename(old)
        (site_dir / FRESH_DIR).rename(served)
        shutil.rmtree(old, ignore_errors=True)
        self.report(logging.INFO, f"{summary}; search index updated")
