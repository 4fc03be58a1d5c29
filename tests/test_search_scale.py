"""Search at the archive's future size: what a reader downloads before the first result,
measured in the browser on a synthetic (fictional) build of 1,000 reports.

The build takes a few minutes, so it runs with the benchmarks (make bench), not with make test;
it is required before a release. SEARCH_SCALE_SESSIONS sets a smaller N for a quick run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import synth_archive
from helpers import CHROMIUM, CHROMIUM_ARGS, served
from playwright.sync_api import Response, sync_playwright

pytestmark = [pytest.mark.slow, pytest.mark.bench]

ROOT = Path(__file__).resolve().parent.parent

SESSIONS = int(os.environ.get("SEARCH_SCALE_SESSIONS", "1000"))
BUDGET = 300 * 1024


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("search-scale")
    synth_archive.write_archive(SESSIONS, out, overflow=SESSIONS > 485)
    result = synth_archive.build(out, strict=True)
    assert result.returncode == 0, result.stderr[-3000:]
    with served(out / "site") as url:
        yield url


def test_a_first_query_downloads_at_most_300_kb(synthetic_site: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(synthetic_site + "search/")
        page.wait_for_load_state("networkidle")
        fetched: list[tuple[str, int]] = []

        def count(response: Response) -> None:
            fetched.append((response.url, len(response.body())))

        page.on("response", count)
        page.get_by_label("Words to find in the reports").fill("precursors")
        page.locator("#cnd-search-results li").first.wait_for()
        page.wait_for_load_state("networkidle")
        browser.close()
    # The browser asks for the favicon whenever it likes; every other request is the search's.
    fetched = [(url, size) for url, size in fetched if not url.endswith("/favicon.png")]
    total = sum(size for _, size in fetched)
    print(f"\nfirst query at N={SESSIONS}: {total / 1024:.1f} KB in {len(fetched)} requests")
    assert fetched and all("/pagefind/" in url for url, _ in fetched), fetched
    assert total <= BUDGET, f"{total / 1024:.1f} KB: " + ", ".join(f"{u.rsplit('/', 1)[-1]} {s}" for u, s in fetched)
