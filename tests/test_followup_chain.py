"""The follow-up chain over three fictional meetings (91, 92 reports; 93 placeholder).

The fixtures in tests/fixtures/fictional_chain are made up and say so in their front
matter (``fictional: true``) and titles.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import Build, build_site

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "fictional_chain"


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Build:
    overlay = {str(p.relative_to(FIXTURES)): p.read_text() for p in FIXTURES.rglob("*.md")}
    build = build_site(tmp_path_factory.mktemp("chain"), overlay, real_content=False)
    assert build.result.returncode == 0, build.log
    return build


def page(build: Build, uri: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(uri), "html.parser")


def hrefs_of(soup: BeautifulSoup, text: str) -> list[str]:
    return [a["href"] for a in soup.find_all("a") if a.get_text() == text]


def test_agenda_item_4_links_to_the_previous_meetings_recommendations(chain: Build) -> None:
    soup = page(chain, "honlac/92/index.html")
    item = soup.find(id="para_6__item_4").parent
    assert item.find("a", string="Ninety-first Meeting")["href"] == "../91/#chp_I__recommendations"
    heading = soup.find(id="chp_II")
    assert heading.find("a", string="Ninety-first Meeting")["href"] == "../91/#chp_I__recommendations"


def test_recommendations_show_where_they_were_reviewed(chain: Build) -> None:
    soup = page(chain, "honlac/91/index.html")
    notes = soup.select("p.cnd-followup")
    assert len(notes) == 3  # under the heading, and under each of the two recommendations
    heading_note = notes[0]
    assert heading_note.find("a", string="Ninety-second Meeting, agenda item 4")["href"] == "../92/#para_6__item_4"
    assert [a["href"] for a in heading_note.find_all("a")][1:] == ["../92/#para_3", "../92/#para_4"]
    assert notes[1].find_previous_sibling("p").find("a", class_="cnd-num")["id"] == "para_2__subpara_a"
    assert notes[1].find("a")["href"] == "../92/#para_6__item_4"


def test_a_provisional_agenda_schedules_the_next_review(chain: Build) -> None:
    soup = page(chain, "honlac/92/index.html")
    note = soup.find(id="para_2__subpara_a").parent.find_next_sibling("p")
    assert "cnd-followup" in note["class"]
    assert note.find("a")["href"] == "../93/#agenda__item_4"
    assert note.get_text() == ("Follow-up: scheduled for review at the Ninety-third Meeting, whose report is not yet "
                               "in the archive.")


def test_the_placeholder_shows_its_agenda_and_links_back(chain: Build) -> None:
    soup = page(chain, "honlac/93/index.html")
    item = soup.find(id="agenda__item_4").parent
    assert item.find("a", string="Ninety-second Meeting")["href"] == "../92/#chp_I__recommendations"
    assert "../92/#chp_I__recommendations" in hrefs_of(soup, "recommendations of the Ninety-second Meeting")


def test_symbols_ranges_and_explicit_symbol_links(chain: Build) -> None:
    soup = page(chain, "honlac/92/index.html")
    assert soup.find("a", string="UNODC/HONLAC/92/CRP.1-3")["href"] == "../../documents/unodc-honlac-92/#doc_UNODC_HONLAC_92_CRP_1"
    assert soup.find("a", string="note by the Secretariat")["href"] == "https://undocs.org/en/UNODC/HONLAC/92/4"


def test_the_documents_index_lists_each_range_member_with_title_and_citations(chain: Build) -> None:
    soup = page(chain, "documents/unodc-honlac-92/index.html")
    for n in (1, 2, 3):
        row = soup.find(id=f"doc_UNODC_HONLAC_92_CRP_{n}").find_parent("tr")
        cells = row.find_all("td")
        assert "Country reports (fictional)" in cells[1].get_text()
        assert [a["href"] for a in cells[2].find_all("a")] == ["../../honlac/92/#para_3",
                                                               "../../honlac/92/#annex__documents"]


def test_open_data_carries_the_chain(chain: Build) -> None:
    data = json.loads((chain.site / "data" / "archive.json").read_text())
    meetings = {s["id"]: s for s in data["sessions"]}
    assert meetings["honlac-92"]["follows_up"] == "honlac-91"
    assert meetings["honlac-91"]["reviewed_in"] == [{
        "session": "honlac-92", "status": "held", "agenda_item": "honlac/92/#para_6__item_4",
        "paragraphs": ["honlac/92/#para_3", "honlac/92/#para_4"]}]
    assert meetings["honlac-92"]["reviewed_in"][0]["status"] == "scheduled"
    assert meetings["honlac-93"]["agenda"][3] == {
        "number": "4", "title": "Implementation of the recommendations adopted by the Ninety-second Meeting.",
        "url": "honlac/93/#agenda__item_4"}
    recommendation = next(r for r in data["recommendations"] if r["id"] == "honlac-91-rec-1b")
    assert recommendation["text"] == "Governments should do another fictional thing."
    assert recommendation["reviewed_in"][0]["session"] == "honlac-92"


# -- broken references fail the strict build with file and line ---------------

@pytest.mark.parametrize(("edit", "expected"), [
    (("4\\. Several participants", "4\\. See [paragraph 99](91.md#para_99). Several participants"),
     "content/honlac/92.md:33:9: link to '91.md#para_99': no such paragraph"),
    (("[note by the Secretariat](symbol:UNODC/HONLAC/92/4)", "[note](symbol:UNODC//92/4)"),
     "content/honlac/92.md:31:"),
    (("4\\. Several participants", "4\\. As the Ninety-ninth Meeting will recall, several participants"),
     "content/honlac/92.md:33:12: 'Ninety-ninth Meeting' names HONLAC meeting 99, which has no page"),
])
def test_a_broken_reference_fails_the_strict_build(tmp_path: Path, edit: tuple[str, str], expected: str) -> None:
    overlay = {str(p.relative_to(FIXTURES)): p.read_text() for p in FIXTURES.rglob("*.md")}
    old, new = edit
    assert old in overlay["honlac/92.md"]
    overlay["honlac/92.md"] = overlay["honlac/92.md"].replace(old, new)
    build = build_site(tmp_path, overlay, real_content=False)
    assert build.result.returncode != 0
    assert expected in build.log, build.log


def test_a_scheduled_review_leads_to_the_placeholder_and_its_official_documents(chain: Build) -> None:
    soup = page(chain, "honlac/93/index.html")
    documents = soup.find(id="official_documents").find_next("ul")
    [item] = documents.find_all("li")
    assert item.get_text().startswith("UNODC/HONLAC/93/1: English, French, Spanish")
    assert [a["href"] for a in item.find_all("a") if a.get_text() in ("English", "French", "Spanish")] == [
        f"https://undocs.org/{language}/UNODC/HONLAC/93/1" for language in ("en", "fr", "es")]


def test_a_reports_symbol_links_to_each_working_language(chain: Build) -> None:
    facts = page(chain, "honlac/92/index.html").find("p", class_="cnd-report-facts")
    assert "symbol UNODC/HONLAC/92/6 (English, French, Spanish)" in facts.get_text()
    assert [a["href"] for a in facts.find_all("a")] == [
        f"https://undocs.org/{language}/UNODC/HONLAC/92/6" for language in ("en", "fr", "es")]


def test_a_reports_known_symbol_is_in_its_citations(chain: Build) -> None:
    soup = page(chain, "honlac/92/index.html")
    assert soup.find("meta", attrs={"name": "citation_technical_report_number"})["content"] == "UNODC/HONLAC/92/6"
    assert "number = {UNODC/HONLAC/92/6}" in (chain.site / "data" / "citations" / "honlac-92.bib").read_text()
    assert "SN  - UNODC/HONLAC/92/6" in (chain.site / "data" / "citations" / "honlac-92.ris").read_text()
    assert "UNODC/HONLAC/92/6" in soup.find("p", class_="cnd-report-facts")["data-cite"]
