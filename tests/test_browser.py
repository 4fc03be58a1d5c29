"""The reader's experience in a real browser: Debian's Chromium driven by Playwright,
against the built site served on localhost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from helpers import CHROMIUM, CHROMIUM_ARGS, Build, served

pytestmark = pytest.mark.slow

PAGE_TYPES = {
    "home": "",
    "body": "honlac/",
    "report": "honlac/27/",
    "placeholder meeting": "honlac/28/",
    "country": "countries/gtm/",
    "organisation": "organisations/unodc/",
    "country index": "countries/",
    "theme": "themes/money-laundering/",
    "themes index": "themes/",
    "issues index": "working-groups/",
    "documents index": "documents/",
    "search": "search/?q=precursors",
    "open data": "data/",
    "accessibility statement": "accessibility/",
}


@pytest.fixture(scope="module")
def site_url(real_site: Build) -> Iterator[str]:
    with served(real_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: apt-get install -y chromium (.ci/run does it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    opened = context.new_page()
    yield opened
    context.close()


def test_agenda_item_4_leads_to_the_26th_recommendations_and_back(page: Page) -> None:
    page.goto("honlac/27/")
    page.locator("#para_57__item_4").locator("xpath=..").get_by_role("link", name="Twenty-sixth Meeting").click()
    assert page.url.endswith("/honlac/26/#recommendations")
    expect(page.locator("#recommendations")).to_be_visible()
    page.get_by_role("link", name="Twenty-seventh Meeting, agenda item 4").click()
    assert page.url.endswith("/honlac/27/#para_57__item_4")
    expect(page.locator("#para_57__item_4")).to_be_in_viewport()


def test_a_country_page_opens_from_a_mention(page: Page) -> None:
    page.goto("honlac/27/#para_52")
    page.locator("#para_52").locator("xpath=..").get_by_role("link", name="Jamaica").click()
    assert page.url.endswith("/countries/jam/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jamaica")
    expect(page.locator("article")).to_contain_text("Rapporteur")


def test_search_finds_the_27th_report_by_a_word_only_it_contains(page: Page) -> None:
    page.goto("search/")
    page.get_by_label("Words to find in the reports").fill("glyphosate")
    result = page.locator("#cnd-search-results li a").first
    expect(result).to_contain_text("Twenty-seventh Meeting")
    expect(result).to_contain_text("para. 10")
    result.click()
    assert page.url.endswith("/honlac/27/#para_10")


def test_a_paragraph_permalink_is_scrolled_to_and_highlighted(page: Page) -> None:
    page.goto("honlac/27/#para_2__subpara_b")
    target = page.locator("#para_2__subpara_b")
    expect(target).to_be_in_viewport()
    paragraph = target.locator("xpath=..")
    assert paragraph.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    other = page.locator("#para_2__subpara_c").locator("xpath=..")
    assert other.evaluate("e => getComputedStyle(e).outlineStyle") == "none"


def test_copy_citation_puts_a_full_citation_on_the_clipboard(page: Page) -> None:
    page.goto("honlac/27/")
    page.get_by_role("button", name="Copy citation of para. 3 (b)").click()
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith("Report of the Twenty-seventh Meeting of Heads of National Drug Law Enforcement "
                           "Agencies, Latin America and the Caribbean, held in Guatemala City from 2 to 6 "
                           "October 2017, para. 3 (b). http://127.0.0.1:")
    assert text.endswith("/honlac/27/#para_3__subpara_b")
    expect(page.get_by_role("button", name="Copy citation of para. 3 (b)")).to_have_text("Copied")


def test_the_keyboard_reaches_the_cite_buttons(page: Page) -> None:
    page.goto("honlac/27/#para_1")
    page.locator("#para_1").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Copy citation of para. 1"


def test_a_first_time_reader_reaches_a_recommendation_in_three_clicks(page: Page) -> None:
    page.goto("")
    page.get_by_role("link", name="its recommendations").click()
    assert page.url.endswith("/honlac/27/#chp_I__recommendations")
    for anchor in ("para_2__subpara_a", "para_5__subpara_e"):
        link = page.locator(f"#{anchor}")
        link.click()  # a recommendation's number is its permalink
        assert page.url.endswith(f"#{anchor}")


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_serious_or_critical_accessibility_violations(page: Page, kind: str) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(PAGE_TYPES[kind])
        page.wait_for_load_state("networkidle")
        results = Axe().run(page)
        serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{kind} ({scheme}): " + "; ".join(
            f"{v['id']}: {v['nodes'][0]['target']}" for v in serious)


@pytest.mark.parametrize("kind", ["home", "report", "country index", "documents index", "theme", "body"])
def test_nothing_overflows_at_375_pixels(browser: Browser, site_url: str, kind: str) -> None:
    context = browser.new_context(base_url=site_url, viewport={"width": 375, "height": 800})
    phone = context.new_page()
    phone.goto(PAGE_TYPES[kind])
    width = phone.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375, f"{kind} is {width}px wide"


def test_print_hides_navigation_and_keeps_numbers_and_link_targets(page: Page) -> None:
    page.goto("honlac/27/")
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") == "none"
    expect(page.locator("#para_23")).to_be_visible()
    link = page.get_by_role("link", name="UNODC/HONLAC/27/2").first
    after = link.evaluate("e => getComputedStyle(e, '::after').content")
    assert "https://undocs.org/en/UNODC/HONLAC/27/2" in after
