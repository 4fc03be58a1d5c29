"""The build cache (``.cache/cnd-archive/``): a build with it writes exactly what a build without it
writes, and an entry that is damaged, from another version or for other inputs is never used (each
file's results: ``test_result_store.py``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import copy_project, site_files

from cnd_archive.build_cache import CACHE_DIR, HEADER, MAGIC, PageCache
from cnd_archive.memo import digest
from cnd_archive.result_store import MAGIC as RESULT_MAGIC

PAGE = "<html><body><p>Paragraph 1 (fictional).</p></body></html>"
INPUTS = digest(b"the page's inputs")


@pytest.fixture
def cache(tmp_path: Path) -> PageCache:
    kept = PageCache(tmp_path)
    kept.put("honlac/27.md", INPUTS, PAGE)
    return kept


def test_a_kept_page_comes_back_for_the_same_inputs_only(cache: PageCache) -> None:
    assert cache.get("honlac/27.md", INPUTS) == PAGE
    assert cache.get("honlac/27.md", digest(b"other inputs")) is None
    assert cache.get("honlac/28.md", INPUTS) is None
    assert cache.hits == 1 and cache.ignored == ["honlac/27.md: made from other inputs"]


def test_a_truncated_entry_is_ignored(cache: PageCache) -> None:
    entry = cache.entry("honlac/27.md")
    for size in (len(entry.read_bytes()) - 1, HEADER, len(MAGIC) + 3, 0):
        entry.write_bytes(entry.read_bytes()[:size])
        assert cache.get("honlac/27.md", INPUTS) is None
    assert cache.ignored == ["honlac/27.md: damaged"] * 4


def test_an_entry_from_another_version_is_ignored(cache: PageCache) -> None:
    entry = cache.entry("honlac/27.md")
    data = entry.read_bytes()
    entry.write_bytes(MAGIC + digest(b"another version") + data[len(MAGIC) + 16:])
    assert cache.get("honlac/27.md", INPUTS) is None
    assert cache.ignored == ["honlac/27.md: written by another version"]


def test_an_entry_edited_by_hand_is_ignored(cache: PageCache) -> None:
    entry = cache.entry("honlac/27.md")
    data = bytearray(entry.read_bytes())
    data[-3] ^= 0x01
    entry.write_bytes(bytes(data))
    assert cache.get("honlac/27.md", INPUTS) is None
    assert cache.ignored == ["honlac/27.md: damaged"]


def test_a_new_entry_replaces_the_old_one_whole(cache: PageCache) -> None:
    cache.put("honlac/27.md", digest(b"new inputs"), PAGE + "<!-- edited -->")
    assert cache.get("honlac/27.md", digest(b"new inputs")) == PAGE + "<!-- edited -->"
    assert [p.name for p in cache.place.folder.iterdir()] == [cache.entry("honlac/27.md").name]  # no temporary left


def _build(root: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.slow
def test_a_build_with_the_cache_writes_what_a_build_without_it_writes(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    (root / "permalinks.json").unlink()  # the edit renames a heading's anchor, which the record would refuse
    page = root / "content" / "accessibility.md"
    assert "0 of " in _build(root).stderr
    cold = site_files(root)
    warm = _build(root).stderr
    assert site_files(root) == cold
    pages = len([name for name in cold if name.endswith(".html") and name != "404.html"])
    assert f"{pages} of {pages} pages written from {CACHE_DIR}" in warm
    results = re.search(r"build cache: (\d+) of (\d+) file results read", warm)
    assert results and results[1] == results[2] and int(results[1]) > pages

    # An edit, and three entries damaged: those pages are laid out again.
    page.write_text(page.read_text(encoding="utf-8").replace("Known limits", "Known limitations"), encoding="utf-8")
    edited_entry = PageCache(root / CACHE_DIR).entry("accessibility.md")
    entries = sorted(p for p in (root / CACHE_DIR / "pages").iterdir() if p != edited_entry)
    entries[0].write_bytes(entries[0].read_bytes()[:-10])  # truncated
    entries[1].write_bytes(MAGIC + digest(b"another version") + entries[1].read_bytes()[len(MAGIC) + 16:])
    edited = bytearray(entries[2].read_bytes())
    edited[-5] ^= 0x01  # a byte changed by hand
    entries[2].write_bytes(bytes(edited))
    kept_results = sorted(p for p in (root / CACHE_DIR / "results").rglob("*") if p.is_file())
    kept_results[0].write_bytes(kept_results[0].read_bytes()[:-10])
    kept_results[1].write_bytes(RESULT_MAGIC + digest(b"another version") + kept_results[1].read_bytes()[len(RESULT_MAGIC) + 16:])
    edited = bytearray(kept_results[2].read_bytes())
    edited[-5] ^= 0x01
    kept_results[2].write_bytes(bytes(edited))
    log = _build(root).stderr
    assert f"{pages - 4} of {pages} pages written from {CACHE_DIR}; ignored 3 entries" in log
    assert re.search(r"file results read from \S+; ignored 3 entries", log)
    without = copy_project(tmp_path / "without-cache")
    (without / "permalinks.json").unlink()
    (without / "content" / "accessibility.md").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    config = without / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      permalinks: permalinks.json\n",
                                                                 "      permalinks: permalinks.json\n      cache: false\n"),
                      encoding="utf-8")
    assert "build cache" not in _build(without).stderr
    assert site_files(root) == site_files(without)
    assert not (without / ".cache").exists()


def test_an_entry_whose_payload_checks_but_does_not_read_is_ignored(cache: PageCache) -> None:
    entry = cache.entry("honlac/27.md")
    payload = b"not compressed HTML"
    entry.write_bytes(MAGIC + cache.place.version + INPUTS + digest(payload) + payload)
    assert cache.get("honlac/27.md", INPUTS) is None
    assert cache.ignored == ["honlac/27.md: damaged"] and cache.hits == 0
