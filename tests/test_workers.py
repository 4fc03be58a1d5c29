"""The processes that render a large build's meeting pages and write its cache (``workers.py``):
an entry written by another process is the entry this process would write, a job sees its
arguments as they were when it was handed out, an error in a job fails the build, and a build
large enough to use them publishes what a build without the cache publishes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import synth_archive
from helpers import site_files

from cnd_archive.build_cache import EntryFolder, PageCache
from cnd_archive.memo import digest
from cnd_archive.mkdocs_plugin import PARALLEL_FROM
from cnd_archive.result_store import ResultStore
from cnd_archive.workers import Workers

VALUE = {"kind": "fictional", "numbers": (1, 2, 3), "words": ["Paragraph", "1"]}
PAGE = "<html><body><p>Paragraph 1 (fictional).</p></body></html>"


@pytest.fixture
def workers() -> Iterator[Workers]:
    started = Workers.start()
    if started.pool is None:
        pytest.skip("one processor, or no fork: builds write their cache in their own process")
    yield started
    started.close()


def _entries(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_entries_written_by_other_processes_are_those_written_here(workers: Workers, tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    for folder, later in ((here, Workers.none().later), (there, workers.later)):
        store, pages = ResultStore(folder, "report", later), PageCache(folder, later)
        for number in range(40):
            inputs = ("honlac", number)
            assert store.recall(f"honlac/{number}.md", inputs) == (False, None)
            store.keep(f"honlac/{number}.md", inputs, {**VALUE, "number": number})
            pages.put(f"honlac/{number}.md", digest(str(number).encode()), PAGE * number)
    workers.finish()
    assert _entries(here) == _entries(there) and len(_entries(there)) == 80
    assert ResultStore(there, "report").recall("honlac/7.md", ("honlac", 7)) == (True, {**VALUE, "number": 7})
    assert PageCache(there).get("honlac/7.md", digest(b"7")) == PAGE * 7
    assert not [p for p in there.rglob(".*") if p.is_file()]  # no temporary file left


def test_a_job_sees_its_arguments_as_they_were_when_handed_out(workers: Workers, tmp_path: Path) -> None:
    pages = PageCache(tmp_path, workers.later)
    words = ["as handed out"]
    workers.later(_write_words, pages.place, words)
    words[0] = "changed afterwards"
    workers.finish()
    assert pages.get("honlac/27.md", digest(b"inputs")) == "as handed out"


def _write_words(place: EntryFolder, words: list[str]) -> None:
    place.write("honlac/27.md", digest(b"inputs"), zlib.compress(" ".join(words).encode("utf-8")))


def test_an_error_in_a_job_is_raised_when_the_build_waits_for_its_jobs(workers: Workers, tmp_path: Path) -> None:
    (tmp_path / "results").write_text("a file where the cache's folder would be", encoding="utf-8")
    store = ResultStore(tmp_path, "report", workers.later)
    store.keep("honlac/27.md", ("honlac", 27), VALUE)
    with pytest.raises(OSError):
        workers.finish()
    workers.close()
    assert workers.pool is None


def test_a_build_that_failed_stops_its_processes_without_raising_their_errors(workers: Workers,
                                                                             tmp_path: Path) -> None:
    (tmp_path / "results").write_text("a file where the cache's folder would be", encoding="utf-8")
    ResultStore(tmp_path, "report", workers.later).keep("honlac/27.md", ("honlac", 27), VALUE)
    workers.stop()
    assert workers.pool is None and not workers.pending
    workers.close()  # as on_shutdown does after a failed build: nothing left to raise


def test_pages_rendered_by_other_processes_come_back_in_order(workers: Workers) -> None:
    assert list(workers.map(str.upper, ["a", "b", "c"] * 20)) == ["A", "B", "C"] * 20


def _build(root: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                            text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stderr



@pytest.mark.slow
def test_a_build_that_uses_the_processes_publishes_what_one_without_the_cache_publishes(tmp_path: Path) -> None:
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one processor: no process is started")
    reports = PARALLEL_FROM + 2
    root, without = tmp_path / "cached", tmp_path / "without"
    for folder in (root, without):
        synth_archive.write_archive(reports, folder, body_codes=["HONLAC", "HONLAF"])
    config = without / "mkdocs.yml"
    config.write_text(re.sub(r"(\n(\s+)- cnd-archive:\n)", r"\1\2    cache: false\n", config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    assert "0 of " in _build(root)
    report = root / "content" / "honlac" / "1.md"
    edited = report.read_text(encoding="utf-8") + "\nAn edited sentence (fictional).\n"
    for folder in (root, without):
        (folder / "content" / "honlac" / "1.md").write_text(edited, encoding="utf-8")
    warm = _build(root)
    read = re.search(r"build cache: (\d+) of (\d+) file results read", warm)
    assert read and 0 < int(read[2]) - int(read[1]) < int(read[2]) / 4, warm
    assert "build cache" not in _build(without)
    assert site_files(root) == site_files(without)
