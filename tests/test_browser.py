"""The reader's experience in a real browser: Debian's Chromium driven by Playwright,
against the built site served on localhost."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from urllib.parse import parse_qs, urlsplit
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect, sync_playwright

from cnd_archive.model.archive import load
from cnd_archive.publishing.citations import bibtex, citation_of, csl_json, ris
from cnd_archive.registry.bodies import all_bodies
from helpers import CHROMIUM, CHROMIUM_ARGS, Build, build_site, served, served_like_pages

pytestmark = pytest.mark.slow

PAGE_TYPES = {
    "home": "",
    "body": "honlac/",
    "report": "honlac/27/",
    "placeholder meeting": "honlac/28/",
    "country": "countries/gtm/",
    "organisation": "organisations/unodc/",
    "organisations index": "organisations/",
    "country index": "countries/",
    "theme": "themes/money-laundering/",
    "themes index": "themes/",
    "issues index": "working-groups/",
    "documents index": "documents/",
    "search": "search/?q=precursors",
    "search with filters": "search/?q=substances&theme=new-psychoactive-substances&year=2017",
    "open data": "data/",
    "accessibility statement": "accessibility/",
    "privacy note": "privacy/",
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
    expect(result).to_have_text("HONLAC 27, para. 10")
    assert page.url.endswith("/search/?q=glyphosate")  # the typed words are in the address
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


PERMALINK_27 = "https://honlea-archive.github.io/reports/honlac/27/"


def test_copy_citation_puts_a_full_citation_on_the_clipboard(page: Page) -> None:
    page.goto("honlac/27/")
    page.get_by_role("button", name="Cite para. 3 (b)").click()
    dialog = page.get_by_role("dialog", name="Cite para. 3 (b)")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Copy citation").click()
    text = page.evaluate("navigator.clipboard.readText()")
    assert text == ("Meeting of Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean, "
                    "“Report of the Twenty-seventh Meeting of Heads of National Drug Law Enforcement Agencies, Latin "
                    "America and the Caribbean, held in Guatemala City from 2 to 6 October 2017”, 12 October 2017, "
                    f"para. 3 (b). {PERMALINK_27}#para_3__subpara_b")
    expect(dialog.get_by_role("button", name="Copied")).to_be_visible()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], f"the Cite dialog ({scheme}): {serious}"
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Cite para. 3 (b)"


@pytest.mark.parametrize(("format_name", "extension"), [("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json")])
def test_a_paragraph_saves_its_citation_as_the_archive_writes_it(page: Page, real_site: Build, format_name: str,
                                                                 extension: str) -> None:
    page.goto("honlac/27/")
    page.get_by_role("button", name="Cite para. 2 (a)").click()
    with page.expect_download() as download:
        page.get_by_role("button", name=f"Save as {format_name}").click()
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == f"honlac-27-para_2__subpara_a.{extension}"
    archive = load(real_site.root / "content", ["honlac/27.md"], bodies=all_bodies())
    cited = citation_of(archive.meetings[0], PERMALINK_27)
    write = {"bib": bibtex, "ris": ris, "json": csl_json}[extension]
    arguments = ("para. 2 (a)", PERMALINK_27 + "#para_2__subpara_a")
    expected = write(cited, *arguments, "honlac-27-para_2__subpara_a") if extension != "ris" else ris(cited, *arguments)
    assert saved == expected
    whole = (real_site.site / "data" / "citations" / f"honlac-27.{extension}").read_text(encoding="utf-8")
    assert whole == write(cited)  # the report's own file: the same writer, without a paragraph


def test_the_keyboard_reaches_the_cite_buttons(page: Page) -> None:
    page.goto("honlac/27/#para_1")
    page.locator("#para_1").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Cite para. 1"
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="Cite para. 1")).to_be_visible()


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


def test_no_page_asks_another_site_for_anything(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    for address in PAGE_TYPES.values():
        page.goto(address)
        page.wait_for_load_state("networkidle")
    page.goto("search/")
    page.get_by_label("Words to find in the reports").fill("precursors")
    expect(page.locator("#cnd-search-results li").first).to_be_visible()
    context.close()
    elsewhere = sorted({url for url in requested if not url.startswith((site_url, "data:", "blob:"))})
    assert len(requested) > len(PAGE_TYPES) and elsewhere == []


PROJECT_PATH = "/reports/"
"""The path of site_url in mkdocs.yml: a GitHub Pages project site."""


@pytest.mark.parametrize("where", ["under a project path", "at the root"])
def test_a_missing_address_shows_a_styled_404_with_search_and_ways_in(browser: Browser, real_site: Build,
                                                                      tmp_path_factory: pytest.TempPathFactory,
                                                                      where: str) -> None:
    if where == "at the root":
        build = build_site(tmp_path_factory.mktemp("root-site"), env={"SITE_URL": "https://example.org/"})
        assert build.result.returncode == 0, build.log
        site, prefix = build.site, "/"
    else:
        site, prefix = real_site.site, PROJECT_PATH
    with served_like_pages(site, prefix) as base:
        context = browser.new_context()
        failed: list[str] = []
        context.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "no/such" not in r.url else None)
        page = context.new_page()
        response = page.goto(base + "no/such/page/")
        assert response is not None and response.status == 404
        page.wait_for_load_state("networkidle")
        assert failed == []
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == [], f"404 ({scheme}): {serious}"
        page.locator("article").get_by_role("link", name="HONLAC: Latin America and the Caribbean").click()
        assert page.url == base + "honlac/"
        page.go_back()
        page.get_by_label("Search the reports").fill("precursors")
        page.get_by_label("Search the reports").press("Enter")
        page.wait_for_url(base + "search/?q=precursors")
        context.close()


def answered_elsewhere(context: BrowserContext, pattern: str) -> list[str]:
    """Addresses of another site the pages open, each answered here (the sandbox has no network)."""
    opened: list[str] = []

    def answer(route: Route) -> None:
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>elsewhere</title>")

    context.route(pattern, answer)
    return opened


def test_a_paragraph_opens_a_prefilled_report_of_a_problem(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url)
    opened = answered_elsewhere(context, "https://github.com/**")
    page = context.new_page()
    page.goto("honlac/27/")
    page.get_by_role("link", name="Report a problem with para. 6", exact=True).click()
    page.wait_for_url("https://github.com/**")
    context.close()
    [address] = opened
    parts = urlsplit(address)
    fields = {key: values[0] for key, values in parse_qs(parts.query).items()}
    permalink = "https://honlea-archive.github.io/reports/honlac/27/"
    assert parts.path == "/honlea-archive/reports/issues/new"
    assert fields["template"] == "problem.yml"
    assert fields["page"] == permalink and fields["paragraph"] == permalink + "#para_6"
    assert fields["title"] == "Problem: HONLAC 27, para. 6"


def results(page: Page) -> list[str]:
    page.locator("#cnd-search-status").filter(has_text="in 1 report").or_(
        page.locator("#cnd-search-status").filter(has_text="0 results")).wait_for()
    while page.get_by_role("button", name="More results").is_visible():
        page.get_by_role("button", name="More results").click()
        page.wait_for_timeout(100)
    return page.locator("#cnd-search-results li > a").all_inner_texts()


def test_a_shared_search_address_gives_one_result_per_paragraph(page: Page) -> None:
    page.goto("search/?q=Guatemala")
    found = results(page)
    paragraphs = [label for label in found if label.startswith("HONLAC 27, para. ")]
    assert len(set(paragraphs)) == len(paragraphs) >= 8
    assert set(found) - set(paragraphs) == {"HONLAC 27, Report of the Twenty-seventh Meeting of Heads of National\u2026"}
    first = page.locator("#cnd-search-results li").first
    expect(first.locator("mark").first).to_have_text(re.compile("Guatemala"))
    hrefs = page.locator("#cnd-search-results li > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert all(re.fullmatch(r".*/honlac/27/#(para_\d+(__\w+)?|title)", href) for href in hrefs)


def test_filters_in_the_address_narrow_the_results(page: Page) -> None:
    page.goto("search/?q=substances&theme=new-psychoactive-substances")
    assert page.locator("#cnd-filter-theme").input_value() == "new-psychoactive-substances"
    assert sorted(results(page)) == ["HONLAC 27, para. 20", "HONLAC 27, para. 35", "HONLAC 27, para. 9"]
    page.goto("search/?q=precursors&body=honlac&year=2017&country=GTM&meeting=honlac-27")
    assert len(results(page)) >= 3
    page.goto("search/?q=precursors&year=2016")
    assert results(page) == []
    expect(page.locator("#cnd-search-status")).to_have_text("0 results in 0 reports for “precursors”")


def test_filters_without_words_list_the_meetings_they_choose(page: Page) -> None:
    page.goto("search/?body=honlac&year=2017")
    assert results(page) == ["HONLAC 27"]
    page.goto("search/?theme=new-psychoactive-substances")
    assert sorted(results(page)) == ["HONLAC 27, para. 20", "HONLAC 27, para. 35", "HONLAC 27, para. 9"]


def test_choosing_a_filter_goes_into_the_address(page: Page) -> None:
    page.goto("search/")
    page.get_by_label("Words to find in the reports").fill("precursors")
    page.get_by_label("Theme").select_option("demand-reduction")
    page.wait_for_url(re.compile(r"q=precursors&theme=demand-reduction$"))
    assert all(label.startswith("HONLAC 27, para. ") for label in results(page))


CHAIN = Path(__file__).parent / "fixtures" / "fictional_chain"


def test_a_scheduled_review_leads_to_its_placeholder_and_on_to_the_official_document(
        browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> None:
    overlay = {str(p.relative_to(CHAIN)): p.read_text() for p in CHAIN.rglob("*.md")}
    build = build_site(tmp_path_factory.mktemp("chain-site"), overlay, real_content=False)
    assert build.result.returncode == 0, build.log
    with served(build.site) as base:
        context = browser.new_context(base_url=base)
        opened = answered_elsewhere(context, "https://undocs.org/**")
        page = context.new_page()
        page.goto("honlac/92/")
        note = page.locator("#para_2__subpara_a").locator("xpath=..").locator("xpath=following-sibling::p[1]")
        expect(note).to_have_text("Follow-up: scheduled for review at the Ninety-third Meeting, whose report is not "
                                  "yet in the archive.")
        note.get_by_role("link").click()
        assert page.url.endswith("/honlac/93/#agenda__item_4")
        expect(page.locator("#agenda__item_4")).to_be_in_viewport()
        documents = page.locator("#official_documents ~ ul").first
        documents.get_by_role("link", name="French").click()
        page.wait_for_url("https://undocs.org/**")
        context.close()
    assert opened == ["https://undocs.org/fr/UNODC/HONLAC/93/1"]
