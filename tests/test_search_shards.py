"""Search indexes in shards: how the meeting pages are split, the kept index of an unchanged
shard, and, in Chromium, a search that finds pages of every shard of a fictional archive."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import synth_archive
from playwright.sync_api import Page, expect, sync_playwright

from cnd_archive.memo import digest
from cnd_archive.publishing.search_cache import MANIFEST, SearchCache, shard_inputs
from cnd_archive.publishing.search_index import build_index, how_pagefind_runs
from cnd_archive.publishing.search_shards import ALL_MEETING_PAGES, Shard, plan
from helpers import CHROMIUM, CHROMIUM_ARGS, served


def test_bodies_share_a_shard_up_to_the_limit_and_keep_their_order() -> None:
    shards = plan([("honlac", 150), ("honlaf", 200), ("honlap", 100), ("honeuro", 30)], shard_pages=400)
    assert [s.folders for s in shards] == [("honlac", "honlaf"), ("honlap", "honeuro")]
    assert [s.path for s in shards] == ["pagefind/", "pagefind/shard-2/"]
    assert shards[0].glob == "{honlac,honlaf}/[0-9]*/index.html"
    assert shards[1].glob == "{honlap,honeuro}/[0-9]*/index.html"


def test_a_body_larger_than_a_shard_is_never_split() -> None:
    shards = plan([("honlac", 10), ("honlaf", 500), ("honlap", 10)], shard_pages=400)
    assert [s.folders for s in shards] == [("honlac",), ("honlaf",), ("honlap",)]
    assert shards[1].glob == "honlaf/[0-9]*/index.html"


def test_an_archive_without_meetings_has_one_shard_of_every_meeting_page() -> None:
    assert plan([("honlac", 0)]) == (Shard((), 0),)
    assert plan([])[0].glob == ALL_MEETING_PAGES


# -- the kept index of a shard ------------------------------------------------------------

@pytest.fixture
def indexed(tmp_path: Path) -> tuple[Path, Shard, SearchCache, bytes]:
    """A site of two fictional meeting pages, indexed once with a cache."""
    site = tmp_path / "site"
    for number in (1, 2):
        page = site / "fictional" / str(number) / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<html lang=en><body><article><h1>Fictional meeting {number}</h1>"
                        f"<p>Words of a fictional report, number {number}.</p></article></body></html>")
    shard = plan([("fictional", 2)])[0]
    cache = SearchCache(tmp_path / "cache")
    build_index(site, [shard], cache)
    return site, shard, cache, shard_inputs(site, shard, how_pagefind_runs())


def test_an_unchanged_shard_is_copied_from_the_cache_as_pagefind_wrote_it(
        indexed: tuple[Path, Shard, SearchCache, bytes], tmp_path: Path) -> None:
    site, shard, cache, inputs = indexed
    assert cache.restore(shard, inputs, tmp_path / "restored") == 2
    written = {p.relative_to(site / "pagefind").as_posix(): p.read_bytes()
               for p in (site / "pagefind").rglob("*") if p.is_file()}
    restored = {p.relative_to(tmp_path / "restored").as_posix(): p.read_bytes()
                for p in (tmp_path / "restored").rglob("*") if p.is_file()}
    assert restored == written
    summary = build_index(site, [shard], cache)
    assert "kept from the build cache" in summary


def test_an_edited_page_is_indexed_again(indexed: tuple[Path, Shard, SearchCache, bytes]) -> None:
    site, shard, cache, inputs = indexed
    page = site / "fictional" / "2" / "index.html"
    page.write_text(page.read_text().replace("number 2", "number two"))
    assert shard_inputs(site, shard, how_pagefind_runs()) != inputs
    assert "kept" not in build_index(site, [shard], cache)


@pytest.mark.parametrize("damage", ["truncated file", "missing file", "edited manifest", "escaping name",
                                    "other format", "unreadable manifest"])
def test_a_damaged_entry_is_ignored(indexed: tuple[Path, Shard, SearchCache, bytes], tmp_path: Path,
                                    damage: str) -> None:
    site, shard, cache, inputs = indexed
    entry = cache.entry(shard)
    manifest = json.loads((entry / MANIFEST).read_text())
    name = next(n for n in manifest["files"] if n.startswith("fragment/"))
    if damage == "truncated file":
        (entry / name).write_bytes((entry / name).read_bytes()[:10])
    elif damage == "missing file":
        (entry / name).unlink()
    elif damage == "edited manifest":
        manifest["files"][name] = digest(b"other").hex()
    elif damage == "escaping name":
        manifest["files"]["../../outside"] = manifest["files"].pop(name)
    elif damage == "other format":
        manifest["format"] = "something else"
    if damage in ("edited manifest", "escaping name", "other format"):
        (entry / MANIFEST).write_text(json.dumps(manifest))
    if damage == "unreadable manifest":
        (entry / MANIFEST).write_bytes(b"\xff{")
    assert cache.restore(shard, inputs, tmp_path / "restored") is None
    assert not (tmp_path / "restored").exists()
    summary = build_index(site, [shard], cache)
    assert "kept" not in summary and "damaged" in summary  # indexed again, said, and the entry rewritten
    assert cache.restore(shard, inputs, tmp_path / "again") == 2


# -- a fictional archive in three shards, in the browser ------------------------------------

BODIES = ["HONLAC", "HONEURO", "HONLAF"]


def _build(root: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                            text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("sharded")
    synth_archive.write_archive(12, root, body_codes=BODIES, capacity=4)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  - cnd-archive:\n", "  - cnd-archive:\n      search_shard_pages: 5\n"),
                                     encoding="utf-8")
    log = _build(root)
    yield root, log


def test_each_body_of_the_fictional_archive_has_its_shard(sharded_site: tuple[Path, str]) -> None:
    root, log = sharded_site
    site = root / "site"
    assert "in 3 shards" in log
    entries = [site / "pagefind" / "pagefind-entry.json", *sorted((site / "pagefind").glob("shard-*/pagefind-entry.json"))]
    counts = [json.loads(p.read_text())["languages"]["en"]["page_count"] for p in entries]
    meeting_pages = len(list(site.glob(ALL_MEETING_PAGES)))
    assert len(counts) == 3 and all(counts) and sum(counts) == meeting_pages
    form = re.search(r'<form id="cnd-search"[^>]*>', (site / "search" / "index.html").read_text())
    assert form is not None and 'data-cnd-merged-indexes="pagefind/shard-2/ pagefind/shard-3/"' in form[0]


def test_an_edit_indexes_only_its_own_shard_again(sharded_site: tuple[Path, str], tmp_path: Path) -> None:
    root, _ = sharded_site
    copy = tmp_path / "copy"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site"))
    report = next(p for p in sorted((copy / "content" / "honeuro").glob("*.md")) if "kind: report" in p.read_text())
    report.write_text(report.read_text() + "\nA sentence added to a fictional report.\n")
    assert "in 3 shards, 2 kept from the build cache" in _build(copy)


def results(page: Page) -> list[str]:
    page.locator("#cnd-search-results li").first.wait_for()
    return page.locator("#cnd-search-results li a").all_inner_texts()


def test_a_search_finds_the_reports_of_every_shard(sharded_site: tuple[Path, str]) -> None:
    root, _ = sharded_site
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: apt-get install -y chromium (.ci/run does it)")
    with served(root / "site") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=base)
        for code in BODIES:
            page.goto(f"search/?q=precursors&body={code.lower()}")
            found = results(page)
            assert found and all(label.startswith(f"{code} ") for label in found), (code, found)
        page.goto("search/?q=precursors")
        expect(page.locator("#cnd-search-status")).to_contain_text("result")
        browser.close()


def test_a_shard_of_no_pages_is_refused_with_the_fix(tmp_path: Path) -> None:
    synth_archive.write_archive(2, tmp_path, body_codes=["HONLAC"])
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config.replace("  - cnd-archive:\n", "  - cnd-archive:\n      search_shard_pages: 0\n"),
                                         encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "search_shard_pages is 0; give it a number of pages of at least 1" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()
