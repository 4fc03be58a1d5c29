"""Country, organisation and theme indexes of the real site, and their bad inputs."""

from __future__ import annotations

import pytest
import csv
import io
import json
from pathlib import Path

from bs4 import BeautifulSoup

from helpers import Build, build_site

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES_27 = ("ARG BOL BRA CHL COL CRI CUB DEU DOM ECU ESP FRA GBR GTM HND ITA JAM MEX NIC PAN PER PRY RUS SLV")


def soup(build: Build, uri: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(uri), "html.parser")


def test_a_page_for_every_country_and_organisation_of_the_27th(real_site: Build) -> None:
    for code in COUNTRIES_27.split():
        assert (real_site.site / "countries" / code.lower() / "index.html").exists(), code
    for organisation in ("unodc", "interpol", "wco", "caricom", "eclac"):
        assert (real_site.site / "organisations" / organisation / "index.html").exists(), organisation
    countries = sorted(p.name.upper() for p in (real_site.site / "countries").iterdir() if p.is_dir())
    assert countries == sorted(COUNTRIES_27.split())


def test_the_host_country_page_lists_its_roles_with_paragraph_links(real_site: Build) -> None:
    page = soup(real_site, "countries/gtm/index.html")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in page.select("#roles ~ table tr")[1:]]
    roles = {(r[1], r[2], r[3]) for r in rows}
    assert ("Host", "", "51") in roles and ("Officer", "Chair", "56") in roles and ("Member", "", "52") in roles
    assert ("Statement", "Closure of the Meeting", "59") in roles
    link = page.select_one("#roles ~ table a[href$='#para_56']")
    assert link["href"] == "../../honlac/27/#para_56"
    attended = page.select_one("#recommendations ~ ul li")
    assert attended.get_text(" ", strip=True) == "Twenty-seventh Meeting (2017) : 18 recommendations"
    assert attended.find("a")["href"] == "../../honlac/27/#chp_I__recommendations"


def test_mentions_in_the_text_link_to_country_pages_but_not_inside_longer_names(real_site: Build) -> None:
    page = soup(real_site, "honlac/27/index.html")
    paragraph = page.find(id="para_52").parent
    assert paragraph.find("a", string="Argentina")["href"] == "../../countries/arg/"
    assert paragraph.find("a", string="Bolivia (Plurinational State of)")["href"] == "../../countries/bol/"
    assert paragraph.find("a", string="United Kingdom")["href"] == "../../countries/gbr/"
    opening = page.find(id="para_51").parent
    assert opening.find("a", string="Guatemala City") is None
    assert opening.find("a", string="Guatemala")["href"] == "../../countries/gtm/"


def test_the_participation_matrix_is_a_table_with_role_codes(real_site: Build) -> None:
    table = soup(real_site, "honlac/index.html").select_one("#participation ~ table")
    rows = {tr.find("td").get_text(strip=True): tr.find_all("td")[1] for tr in table.select("tr")[1:]}
    guatemala = rows["Guatemala"]
    assert [a.get_text() for a in guatemala.find_all("abbr")] == ["M", "H", "C", "R", "Q", "S"]
    assert guatemala.find("abbr", string="C")["title"] == "Officer: Chair"
    assert rows["Brazil"].get_text(strip=True) == "Q"


def test_the_country_index_leads_to_each_body_s_participation_matrix(real_site: Build) -> None:
    index = soup(real_site, "countries/index.html")
    assert [a["href"] for a in index.select("#participation ~ ul a")] == ["../honlac/#participation"]


def test_the_theme_index_collects_the_four_working_group_issues(real_site: Build) -> None:
    bodies = [a["href"] for a in soup(real_site, "working-groups/index.html").select("article li > a")]
    assert bodies == ["honlac/"]
    issues = {a["href"] for a in soup(real_site, "working-groups/honlac/index.html").select("article li > a:first-child")}
    assert issues == {f"../../honlac/27/#chp_I__issue_{n}" for n in (1, 2, 3, 4)}
    theme = soup(real_site, "themes/money-laundering/index.html")
    assert theme.find(id="honlac_27__issue_2") is not None
    in_full = theme.find("a", string="5 recommendations, 2 paragraphs of observations")
    assert in_full["href"] == "honlac/#honlac_27__issue_2"
    page = soup(real_site, "themes/money-laundering/honlac/index.html")
    recommendations = page.select("#honlac_27__issue_2 ~ ul")[0].find_all("li")
    assert len(recommendations) == 5
    assert recommendations[0].get_text().startswith("para. 3 (a) Governments are urged to continue")
    assert "27/#para_25" in str(page) and "27/#para_26__subpara_a" in str(page)
    proposed = theme.select_one("#proposed ~ ul").get_text()
    assert "use of the darknet to promote trafficking and support money-laundering" in proposed
    children = soup(real_site, "themes/children-and-youth/index.html")
    assert children.find(id="honlac_27__issue_4") is not None and children.find(id="honlac_27__issue_2") is None


def test_open_data_has_countries_themes_and_participation(real_site: Build) -> None:
    data = json.loads((real_site.site / "data" / "archive.json").read_text())
    countries = {c["id"]: c for c in data["countries"]}
    assert countries["GTM"]["kind"] == "country" and countries["unodc"]["kind"] == "organisation"
    officer = next(r for r in countries["GTM"]["roles"] if r["role"] == "officer")
    assert officer == {"session": "honlac-27", "role": "officer", "detail": "Chair",
                       "paragraphs": ["honlac/27/#para_56"], "url": "honlac/27/#para_56"}
    assert "honlac/27/#para_52" in countries["CRI"]["mentions"]
    themes = {t["id"]: t for t in data["themes"]}
    assert [i["issue"] for i in themes["demand-reduction"]["issues"]] == [3, 4]
    rows = list(csv.DictReader(io.StringIO((real_site.site / "data" / "participation.csv").read_text())))
    assert {"participant": "JAM", "name": "Jamaica", "kind": "country", "session": "honlac-27",
            "role": "officer", "detail": "Rapporteur", "paragraphs": "56"} in rows


def test_all_index_errors_of_a_build_are_reported_together(tmp_path: Path) -> None:
    source = (ROOT / "content" / "honlac" / "27.md").read_text()
    broken = (source.replace("{participant: CRI, role: member, paragraphs: [52]}",
                             "{participant: Costa Ric, role: member, paragraphs: [52]}")
                    .replace("{participant: BRA, role: questionnaire, paragraphs: [18]}",
                             "{participant: BRA, role: questionnaire, paragraphs: [17]}")
                    .replace("themes: [alternatives-to-imprisonment, demand-reduction]}",
                             "themes: [alternatives-to-prison, demand-reduction]}"))
    build = build_site(tmp_path, {"honlac/27.md": broken})
    assert build.result.returncode != 0
    assert "unknown country or organisation 'Costa Ric'; did you mean 'Costa Rica'" in build.log
    assert "BRA questionnaire: paragraph 17 does not name Brazil" in build.log
    assert "theme 'alternatives-to-prison' is not in the vocabulary; did you mean alternatives-to-imprisonment?" in build.log
    assert build.log.count("content/honlac/27.md:") == 3


def test_a_theme_page_lists_the_paragraphs_tagged_with_it(real_site: Build) -> None:
    page = soup(real_site, "themes/new-psychoactive-substances/index.html")
    items = page.select_one("#paragraphs ~ ul").find_all("li", recursive=False)
    assert [li.a["href"] for li in items] == [f"../../honlac/27/#para_{n}" for n in (9, 20, 35)]
    assert items[0].get_text().startswith("HONLAC 27, para. 9: Among the current and new trends")
    assert "not yet reviewed" not in page.select_one("#paragraphs ~ ul").get_text()
    proposed = soup(real_site, "themes/precursors/index.html").select_one("#paragraphs ~ ul").get_text()
    assert "HONLAC 27, para. 8" in proposed and "Proposed from keywords, not yet reviewed." in proposed
    index = soup(real_site, "themes/index.html")
    row = index.find("a", string="New psychoactive substances").find_parent("tr")
    assert [td.get_text() for td in row.find_all("td")][1:] == ["0", "3", "0"]


def test_the_recommendations_csv_and_json_carry_their_themes(real_site: Build) -> None:
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((real_site.site / "data" / "recommendations.csv").read_text()))}
    assert rows["honlac-27-rec-2a"]["themes"] == ("organized-crime money-laundering corruption-and-integrity "
                                                  "legal-persons international-cooperation")
    data = json.loads((real_site.site / "data" / "archive.json").read_text())
    themes = {t["id"]: t for t in data["themes"]}
    assert themes["new-psychoactive-substances"]["paragraphs"][0] == {
        "session": "honlac-27", "paragraph": 9, "url": "honlac/27/#para_9", "proposed": False}
    assert all(p["proposed"] for p in themes["precursors"]["paragraphs"])


@pytest.mark.parametrize(("tag", "expected"), [
    ("{theme: precursors, paragraphs: [99]}", "theme precursors: paragraph 99 does not exist"),
    ("{theme: precursor, paragraphs: [8]}", "theme 'precursor' is not in the vocabulary; did you mean precursors?"),
])
def test_a_bad_paragraph_tag_is_refused_at_its_line(tmp_path: Path, tag: str, expected: str) -> None:
    source = (ROOT / "content" / "honlac" / "27.md").read_text()
    line = source.split("\n").index("themes:") + 2
    build = build_site(tmp_path, {"honlac/27.md": source.replace("themes:\n", f"themes:\n  - {tag}\n", 1)})
    assert build.result.returncode != 0
    assert f"content/honlac/27.md:{line}:" in build.log and expected in build.log, build.log
