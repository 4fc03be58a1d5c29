"""The archive on the web, read from the built site as a search engine, a link preview, a feed
reader and a contributor would: addresses, descriptions, feeds, nothing from third parties,
and the way to report a problem."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

from cnd_archive.model.archive import Meeting
from cnd_archive.publishing.citations import citation_of, schema_org
from cnd_archive.publishing.feeds import Feed, atom
from cnd_archive.publishing.site_config import Web
from cnd_archive.registry.bodies import all_bodies
from helpers import ROOT, Build, build_site

pytestmark = pytest.mark.slow

SITE = "https://honlea-archive.github.io/reports/"
REPO = "https://github.com/honlea-archive/reports/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def pages(build: Build) -> dict[str, BeautifulSoup]:
    """Every HTML page of the site but the 404 and the redirects, by its URL."""
    found = {}
    for path in sorted(build.site.rglob("*.html")):
        relative = path.relative_to(build.site).as_posix()
        html = path.read_text(encoding="utf-8")
        if relative == "404.html" or 'http-equiv="refresh"' in html:
            continue
        found[SITE + relative.removesuffix("index.html")] = BeautifulSoup(html, "html.parser")
    return found


@pytest.fixture(scope="module")
def site_pages(real_site: Build) -> dict[str, BeautifulSoup]:
    return pages(real_site)


def meta(soup: BeautifulSoup, **attributes: str) -> str | None:
    tag = soup.find("meta", attrs=attributes)
    return str(tag["content"]) if tag is not None else None


def test_the_sitemap_lists_every_page_at_its_address(real_site: Build, site_pages: dict[str, BeautifulSoup]) -> None:
    root = ET.parse(real_site.site / "sitemap.xml").getroot()
    listed = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    assert len(site_pages) > 100
    assert listed == set(site_pages)


def test_every_page_names_its_canonical_address_and_previews_with_its_own_words(
        site_pages: dict[str, BeautifulSoup]) -> None:
    descriptions: dict[str, str] = {}
    for url, soup in site_pages.items():
        canonical = soup.find("link", rel="canonical")
        assert canonical is not None and canonical["href"] == url, url
        assert meta(soup, property="og:url") == url
        assert meta(soup, property="og:site_name") == "HONLEA Reports Archive"
        assert meta(soup, name="twitter:card") == "summary"
        description = meta(soup, name="description")
        assert description and meta(soup, property="og:description") == description
        assert meta(soup, property="og:title"), url
        assert description not in descriptions, f"{url} and {descriptions.get(description)} share a description"
        descriptions[description] = url


def test_a_meeting_a_country_and_a_placeholder_describe_themselves(site_pages: dict[str, BeautifulSoup]) -> None:
    report = meta(site_pages[SITE + "honlac/27/"], name="description") or ""
    assert "Twenty-seventh Meeting" in report and "Guatemala City, Guatemala" in report and "2–6 October 2017" in report
    assert meta(site_pages[SITE + "honlac/27/"], property="og:type") == "article"
    placeholder = meta(site_pages[SITE + "honlac/28/"], name="description") or ""
    assert "Twenty-eighth Meeting" in placeholder and "not yet in the archive" in placeholder
    country = meta(site_pages[SITE + "countries/gtm/"], name="description") or ""
    assert country.startswith("Guatemala in the reports") and "host (1 meeting)" in country.lower()


def test_a_description_with_markup_is_escaped_once(site_pages: dict[str, BeautifulSoup], real_site: Build) -> None:
    html = real_site.page("honlac/27/index.html")
    assert 'content="Report of the Twenty-seventh Meeting' in html
    assert "&amp;amp;" not in html


def feeds(build: Build) -> dict[str, feedparser.FeedParserDict]:
    found = [*build.site.glob("feed*.xml"), *(build.site / "feeds").glob("*.xml")]
    return {path.relative_to(build.site).as_posix(): feedparser.parse(path.read_bytes()) for path in sorted(found)}


def test_every_feed_is_valid_atom_whose_entries_are_permalinks(real_site: Build,
                                                               site_pages: dict[str, BeautifulSoup]) -> None:
    parsed = feeds(real_site)
    assert {"feed.xml", "feed-honlac.xml", "feeds/gtm.xml"} <= set(parsed)
    for path, feed in parsed.items():
        assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
        assert feed.version == "atom10", path
        assert feed.feed.id == SITE + path
        assert any(link.rel == "self" and link.href == SITE + path for link in feed.feed.links)
        assert feed.feed.updated_parsed and feed.feed.author
        for entry in feed.entries:
            assert entry.id == entry.link and entry.id in site_pages, entry.id
            assert entry.title and entry.summary and entry.updated_parsed and entry.author
    [entry] = parsed["feed.xml"].entries
    assert entry.id == SITE + "honlac/27/"
    assert entry.updated.startswith("2026-11-28")  # `added` in the report's front matter
    assert "entered the archive" in entry.summary


def test_feeds_are_linked_from_the_head_and_the_home_page(site_pages: dict[str, BeautifulSoup]) -> None:
    def alternates(url: str) -> set[str]:
        return {str(link["href"]) for link in site_pages[url].find_all("link", rel="alternate",
                                                                      type="application/atom+xml")}
    assert alternates(SITE) == {"feed.xml"}
    assert alternates(SITE + "honlac/27/") == {"../../feed.xml", "../../feed-honlac.xml"}
    assert alternates(SITE + "honlac/") == {"../feed.xml", "../feed-honlac.xml"}
    assert site_pages[SITE].find("a", href="feed.xml") is not None
    assert site_pages[SITE + "honlac/"].find("a", href="../feed-honlac.xml") is not None
    assert site_pages[SITE + "countries/gtm/"].find("a", href="../../feeds/gtm.xml") is not None


def test_a_feed_keeps_the_words_content_gives_it_as_text() -> None:
    title = 'Report & <b>x</b> ]]> "of" the Twenty-seventh Meeting'
    body = all_bodies()[0]
    meeting = Meeting(body, 27, "report", "t", dt.date(2017, 10, 2), dt.date(2017, 10, 6), "Guatemala City", "GTM",
                      "honlac/27.md", {"report_title": title, "added": dt.date(2026, 11, 28)})
    web = Web.of(SITE, REPO, "Archive <i>")
    parsed = feedparser.parse(atom(Feed("feed.xml", "New & <new>", "index.md", (meeting,)), web,
                                   {"honlac/27.md": "<script>alert(1)</script>"}))
    assert not parsed.bozo
    assert parsed.feed.title == "New & <new>" and parsed.feed.author == "Archive <i>"
    [entry] = parsed.entries
    assert entry.title == title
    assert entry.summary_detail.type == "text/plain"  # a text construct: a reader shows it, never runs it
    assert entry.summary.startswith("<script>alert(1)</script>")


def test_a_site_without_an_address_writes_no_feed_and_links_none(tmp_path: Path) -> None:
    build = build_site(tmp_path, config=lambda text: re.sub(r"(?m)^site_url:.*\n", "", text))
    assert build.result.returncode == 0, build.log
    assert not (build.site / "feeds").exists() and not list(build.site.glob("feed*.xml"))
    assert "application/atom+xml" not in build.page("honlac/27/index.html")


def test_a_fork_sets_its_own_address(tmp_path: Path) -> None:
    build = build_site(tmp_path, env={"SITE_URL": "https://example.org/honlea/", "REPO_URL": "https://example.org/r"})
    assert build.result.returncode == 0, build.log
    assert '<link rel="canonical" href="https://example.org/honlea/honlac/27/">' in build.page("honlac/27/index.html")
    assert 'href="/honlea/assets/stylesheets/' in build.page("404.html")
    assert "https://example.org/r/issues/new?template=problem.yml" in build.page("honlac/27/index.html")


def test_no_page_asks_a_third_party_for_anything(real_site: Build) -> None:
    for path in real_site.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, path
        assert 'data-md-component="source"' not in html, path  # Material's GitHub API lookup


def test_materials_built_in_search_is_not_deployed(real_site: Build) -> None:
    scripts = real_site.site / "assets" / "javascripts"
    assert not (scripts / "lunr").exists()
    assert not list(scripts.glob("workers/search.*"))
    assert not (real_site.site / "search" / "search_index.json").exists()


def test_pages_from_a_file_have_an_edit_link_and_generated_pages_none(site_pages: dict[str, BeautifulSoup]) -> None:
    edit = site_pages[SITE + "honlac/27/"].find("a", rel="edit")
    assert edit is not None and edit["href"] == REPO + "edit/main/content/honlac/27.md"
    assert site_pages[SITE + "countries/gtm/"].find("a", rel="edit") is None
    assert site_pages[SITE + "honlac/"].find("a", rel="edit") is None


def problem_form_fields() -> set[str]:
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "problem.yml").read_text(encoding="utf-8"))
    return {item["id"] for item in form["body"] if "id" in item}


def test_every_meeting_page_links_to_a_prefilled_report_of_a_problem(site_pages: dict[str, BeautifulSoup]) -> None:
    for url in (SITE + "honlac/27/", SITE + "honlac/28/", SITE + "countries/gtm/"):
        link = site_pages[url].find("p", class_="cnd-report-problem").a
        address = urlsplit(str(link["href"]))
        assert f"{address.scheme}://{address.netloc}{address.path}" == REPO + "issues/new"
        fields = {key: values[0] for key, values in parse_qs(address.query).items()}
        assert fields["template"] == "problem.yml" and fields["page"] == url
        assert set(fields) - {"template", "title"} <= problem_form_fields()
        assert str(link["data-issue-form"]) == REPO + "issues/new?template=problem.yml"


def test_the_issue_and_pull_request_templates_ask_for_what_a_reviewer_needs() -> None:
    assert {"page", "paragraph", "what", "source"} <= problem_form_fields()
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for needed in ("PDF", "SHA-256", "Permalinks", "make test"):
        assert needed in template
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_the_terms_name_their_source_and_the_privacy_note_is_published(site_pages: dict[str, BeautifulSoup]) -> None:
    terms = site_pages[SITE + "data/"].find(id="terms")
    assert terms is not None
    text = site_pages[SITE + "data/"].get_text(" ")
    assert "ST/AI/189/Add.9/Rev.2" in text and "CC0 1.0" in text
    privacy = site_pages[SITE + "privacy/"].get_text(" ")
    assert "No cookies" in privacy and re.search(r"GitHub Privacy Statement", privacy)


def test_a_report_page_carries_the_metadata_reference_managers_read(site_pages: dict[str, BeautifulSoup],
                                                                    real_site: Build) -> None:
    report = site_pages[SITE + "honlac/27/"]
    assert meta(report, name="citation_title") == ("Report of the Twenty-seventh Meeting of Heads of National Drug "
                                                     "Law Enforcement Agencies, Latin America and the Caribbean, "
                                                     "held in Guatemala City from 2 to 6 October 2017")
    assert meta(report, name="citation_author") == ("Meeting of Heads of National Drug Law Enforcement Agencies, "
                                                    "Latin America and the Caribbean")
    assert meta(report, name="citation_publication_date") == "2017/10/12"
    assert meta(report, name="citation_technical_report_number") is None  # no source names the 27th's symbol
    [script] = report.find_all("script", type="application/ld+json")
    described = json.loads(script.string)
    assert described["@type"] == "Report" and described["datePublished"] == "2017-10-12"
    assert described["url"] == SITE + "honlac/27/" and "reportNumber" not in described
    assert site_pages[SITE + "countries/gtm/"].find("meta", attrs={"name": "citation_title"}) is None
    section = report.find(id="how_to_cite").find_next("p").find_next("p")
    for link in section.find_all("a"):
        assert (real_site.site / "honlac" / "27" / str(link["href"])).resolve().is_file(), link["href"]


def test_metadata_from_content_cannot_end_its_script_element() -> None:
    body = all_bodies()[0]
    meeting = Meeting(body, 27, "report", "t", None, None, None, None, "honlac/27.md",
                      {"report_title": "A </script><script>alert(1)</script> & title"})
    written = schema_org(citation_of(meeting, SITE + "honlac/27/"))
    assert "<" not in written and ">" not in written
    assert json.loads(written)["name"] == "A </script><script>alert(1)</script> & title"


def test_search_indexes_the_articles_of_meeting_pages_and_only_the_reports_words(real_site: Build) -> None:
    fragments = []
    for path in (real_site.site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).decode("utf-8")
        fragments.append(json.loads(data[data.index("{"):]))
    assert sorted(f["url"] for f in fragments) == ["/honlac/26/", "/honlac/27/", "/honlac/28/", "/honlac/29/"]
    report = next(f for f in fragments if f["url"] == "/honlac/27/")
    assert report["meta"]["label"] == "HONLAC 27"
    assert report["filters"]["body"] == ["honlac"] and "GTM" in report["filters"]["country"]
    assert "para_6" in {a["id"] for a in report["anchors"]}
    for archive_words in ("How to cite", "Follow-up:", "Report a problem", "Switch to dark mode", "job number"):
        assert archive_words not in report["content"]
    assert "Guatemala City from 2 to 6 October 2017" in report["content"]
