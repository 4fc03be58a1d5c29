"""Real MkDocs builds: the real content, and fictional content that must fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import Build, build_site

pytestmark = pytest.mark.slow


def soup(build: Build, uri: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(uri), "html.parser")


def test_the_real_site_builds_strict_without_warnings(real_site: Build) -> None:
    assert "WARNING" not in real_site.log and "ERROR" not in real_site.log


def test_every_paragraph_of_the_27th_report_has_a_self_linking_number(real_site: Build) -> None:
    page = soup(real_site, "honlac/27/index.html")
    for number in range(1, 60):
        anchor = page.find(id=f"para_{number}")
        assert anchor is not None, f"para_{number}"
        assert anchor.name == "a" and anchor["href"] == f"#para_{number}"
        assert anchor.get_text() == f"{number}."


def test_all_18_recommendations_have_anchors(real_site: Build) -> None:
    page = soup(real_site, "honlac/27/index.html")
    expected = [f"para_{p}__subpara_{x}" for p, letters in ((2, "abcd"), (3, "abcde"), (4, "abcd"), (5, "abcde"))
                for x in letters]
    assert len(expected) == 18
    for element_id in expected:
        anchor = page.find(id=element_id)
        assert anchor is not None and anchor["href"] == f"#{element_id}"
    assert page.find(id="para_2__subpara_a").parent.get_text().startswith(
        "(a) Governments of the region are encouraged to support inter-agency responses")


def test_headings_carry_ids_from_their_printed_numbers_and_a_copyable_link(real_site: Build) -> None:
    page = soup(real_site, "honlac/27/index.html")
    for element_id in ("chp_I", "chp_IV__issue_3", "chp_X__sec_C", "chp_XI", "annex", "chp_I__recommendations"):
        heading = page.find(id=element_id)
        assert heading is not None and heading.name in ("h2", "h3", "h4")
        assert heading.find("a", class_="headerlink")["href"] == f"#{element_id}"


def test_agenda_items_are_addressable(real_site: Build) -> None:
    page = soup(real_site, "honlac/27/index.html")
    item = page.find(id="para_57__item_4")
    assert item.parent.name == "li"
    assert "Implementation of the recommendations adopted by the Twenty-sixth Meeting" in item.parent.get_text()
    assert page.find(id="para_57__item_5__subpara_b") is not None


def test_footnotes_keep_their_printed_markers(real_site: Build) -> None:
    page = soup(real_site, "honlac/27/index.html")
    markers = [a.get_text() for a in page.select("a.footnote-ref")]
    assert markers == ["*", "1", "2", "3"]
    notes = page.select(".footnote li")
    assert [li["data-marker"] for li in notes] == ["*", "1", "2", "3"]
    assert "Available only in English, French and Spanish" in notes[0].get_text()


def test_the_annex_table_lists_the_documents(real_site: Build) -> None:
    rows = soup(real_site, "honlac/27/index.html").select("table tr")
    assert [td.get_text() for td in rows[0].find_all("th")] == ["Symbol", "Agenda item", "Title or description"]
    assert len(rows) == 8
    assert [td.get_text() for td in rows[6].find_all("td")] == ["UNODC/HONLAC/27/L.1 and Add.1-8", "10", "Draft report"]


def test_the_body_page_lists_its_meetings(real_site: Build) -> None:
    page = soup(real_site, "honlac/index.html")
    meetings = page.select("table")[0]
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in meetings.select("tr")[1:]]
    assert rows == [
        ["Twenty-sixth Meeting", "26", "3–7 October 2016", "Santiago, Chile", "Report not yet in the archive"],
        ["Twenty-seventh Meeting", "27", "2–6 October 2017", "Guatemala City, Guatemala", "Report in the archive"],
        ["Twenty-eighth Meeting", "28", "22–26 October 2018", "Santiago, Chile", "Report not yet in the archive"],
        ["Twenty-ninth Meeting", "29", "7–11 October 2019", "Lima, Peru", "Report not yet in the archive"],
    ]
    assert meetings.select("tr")[2].find("a")["href"] == "27/"


def test_neighbouring_meetings_are_marked_as_not_yet_in_the_archive(real_site: Build) -> None:
    for number, dates in ((26, "3–7 October 2016"), (28, "22–26 October 2018")):
        page = soup(real_site, f"honlac/{number}/index.html")
        assert page.select_one(".admonition.warning .admonition-title").get_text() == "Report not yet in the archive"
        assert dates in page.get_text() and "Santiago, Chile" in page.get_text()


def test_the_28th_shows_the_provisional_agenda_approved_in_paragraph_48(real_site: Build) -> None:
    page = soup(real_site, "honlac/28/index.html")
    source = page.find("a", string="report, paragraph 48")
    assert source["href"] == "../27/#para_48"
    items = page.select_one("#provisional_agenda ~ ul").find_all("li", recursive=False)
    assert len(items) == 10
    assert items[3].get_text().startswith("4. Implementation of the recommendations adopted by the Twenty-seventh Meeting")
    assert page.find(id="agenda__item_4")["href"] == "#agenda__item_4"


def test_navigation_names_the_body_and_orders_meetings(real_site: Build) -> None:
    page = soup(real_site, "honlac/27/index.html")
    nav_text = page.select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "HONLAC: Latin America and the Caribbean" in nav_text
    assert nav_text.index("Twenty-sixth") < nav_text.index("Twenty-seventh") < nav_text.index("Twenty-eighth")


# -- bad content fails the strict build with file and line --------------------

FICTIONAL_META = """---
kind: report
body: HONLAC
meeting: 91
title: Ninety-first Meeting (fictional), Lima, 2030
start_date: 2030-03-01
end_date: 2030-03-03
city: Lima
country: PER
---
"""


@pytest.mark.parametrize(("body", "expected"), [
    ("# Fictional report {#title}\n\n1\\. One.\n\n3\\. Three.\n", "content/honlac/91.md:16:1: paragraph 3 jumps: expected 2"),
    ("# Fictional report {#title}\n\n1\\. See [paragraph 9](#para_9).\n", "para_9"),
    ("# Fictional report {#title}\n\n1\\. One <b>bold</b>.\n", "content/honlac/91.md:14:1: raw HTML '<b>'"),
])
def test_a_broken_report_fails_the_strict_build_naming_file_and_line(tmp_path: Path, body: str, expected: str) -> None:
    build = build_site(tmp_path, {"honlac/91.md": FICTIONAL_META + "\n" + body})
    assert build.result.returncode != 0
    assert expected in build.log


def test_a_meeting_page_in_the_wrong_place_is_an_error(tmp_path: Path) -> None:
    build = build_site(tmp_path, {"honlac/fictional-91.md": FICTIONAL_META + "\n# Fictional {#title}\n"})
    assert build.result.returncode != 0 and "must be at honlac/91.md" in build.log


# -- links of the 27th report (the plugin) -------------------------------------

def test_the_27th_links_its_symbols_with_their_printed_wording(real_site: Build) -> None:
    page = soup(real_site, "honlac/27/index.html")
    links = {a.get_text(): a["href"] for a in page.select("article a")}
    assert links["UNODC/HONLAC/27/2"] == "https://undocs.org/en/UNODC/HONLAC/27/2"
    assert links["UNODC/HONLAC/27/CRP.1-10"] == "../../documents/unodc-honlac-27/#doc_UNODC_HONLAC_27_CRP_1"
    assert links["UNODC/HONLAC/27/L.1 and Add.1-8"] == "../../documents/unodc-honlac-27/#doc_UNODC_HONLAC_27_L_1"
    assert links["E/2009/28"] == "https://undocs.org/en/E/2009/28"
    assert links["General Assembly resolution 71/211"] == "https://undocs.org/en/A/RES/71/211"
    assert links["Economic and Social Council resolution 1992/28"] == "https://undocs.org/en/E/RES/1992/28"
    assert "V.17-07261" not in links


def test_the_documents_index_lists_each_series_with_its_count(real_site: Build) -> None:
    page = soup(real_site, "documents/index.html")
    rows = {tr.find("a").get_text(): (tr.find("a")["href"], tr.find_all("td")[1].get_text())
            for tr in page.select("article tbody tr")}
    assert rows["UNODC/HONLAC/27"] == ("unodc-honlac-27/", "28")
    assert rows["A/RES/71"] == ("a-res-71/", "1") and rows["E/2009"] == ("e-2009/", "1")


def test_the_documents_of_a_series_list_every_range_member(real_site: Build) -> None:
    page = soup(real_site, "documents/unodc-honlac-27/index.html")
    for n in range(1, 15):
        assert page.find(id=f"doc_UNODC_HONLAC_27_CRP_{n}") is not None
    for suffix in ["L_1"] + [f"L_1_Add_{n}" for n in range(1, 9)]:
        assert page.find(id=f"doc_UNODC_HONLAC_27_{suffix}") is not None


def test_agenda_item_4_and_the_twenty_sixth_meeting_link_to_its_recommendations(real_site: Build) -> None:
    page = soup(real_site, "honlac/27/index.html")
    item = page.find(id="para_57__item_4").parent
    assert item.find("a", href="../26/#recommendations").get_text().startswith("Twenty-sixth Meeting")
    paragraph = page.find(id="para_19").parent
    assert paragraph.find("a", string="Twenty-sixth Meeting")["href"] == "../26/#recommendations"
    assert page.find(id="chp_III").find("a")["href"] == "../26/#recommendations"


def test_the_27th_recommendations_will_be_reviewed_by_the_28th(real_site: Build) -> None:
    page = soup(real_site, "honlac/27/index.html")
    notes = page.select("p.cnd-followup")
    assert len(notes) == 19  # the recommendations heading and each of the 18 recommendations
    assert all(n.find("a")["href"] == "../28/#agenda__item_4" for n in notes)
    assert ("is scheduled for review at the Twenty-eighth Meeting (item 4 of its provisional agenda); that "
            "meeting's report is not yet in the archive") in notes[0].get_text()
    assert notes[1].get_text() == ("Follow-up: scheduled for review at the Twenty-eighth Meeting, whose report is "
                                   "not yet in the archive.")
