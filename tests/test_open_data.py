"""Open data of the real site: valid against its schema, URLs that resolve, CSVs; and on a fictional
archive, archive.json joined from its parts as the standard library writes the whole."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import synth_archive

from helpers import Build

from cnd_archive.checking.pipeline import publish
from cnd_archive.publishing.site_config import Project

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data(real_site: Build) -> dict:
    return json.loads((real_site.site / "data" / "archive.json").read_text())


def test_archive_json_validates_against_its_published_schema(real_site: Build, data: dict) -> None:
    schema = json.loads((real_site.site / "data" / "archive.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


def test_the_schema_rejects_what_it_should(real_site: Build, data: dict) -> None:
    schema = json.loads((real_site.site / "data" / "archive.schema.json").read_text())
    broken = json.loads(json.dumps(data))
    broken["sessions"][0]["url"] = "javascript:alert(1)"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_sessions_and_their_chain(data: dict) -> None:
    meetings = {s["id"]: s for s in data["sessions"]}
    assert list(meetings) == ["honlac-26", "honlac-27", "honlac-28", "honlac-29"]
    s27 = meetings["honlac-27"]
    assert (s27["status"], s27["city"], s27["country"], s27["start_date"]) == ("report", "Guatemala City", "GTM", "2017-10-02")
    assert s27["follows_up"] == "honlac-26"
    assert [i["number"] for i in s27["agenda"]] == ["1", "2", "3", "4", "5", "5 (a)", "5 (b)", "5 (c)", "5 (d)",
                                                   "6", "7", "8", "9", "10"]
    assert s27["agenda"][3]["url"] == "honlac/27/#para_57__item_4"
    assert meetings["honlac-26"]["reviewed_in"] == [{
        "session": "honlac-27", "status": "held", "agenda_item": "honlac/27/#para_57__item_4",
        "paragraphs": [f"honlac/27/#para_{n}" for n in (18, 19, 20, 21)]}]
    assert s27["reviewed_in"] == [{"session": "honlac-28", "status": "scheduled",
                                   "agenda_item": "honlac/28/#agenda__item_4", "paragraphs": []}]
    assert meetings["honlac-28"]["status"] == "placeholder" and len(meetings["honlac-28"]["agenda"]) == 10


def test_eighteen_recommendations_with_their_words(data: dict) -> None:
    recommendations = data["recommendations"]
    assert len(recommendations) == 18
    first = recommendations[0]
    assert first["id"] == "honlac-27-rec-1a" and first["issue"] == 1 and first["letter"] == "a"
    assert first["text"] == ("Governments of the region are encouraged to support inter-agency responses to "
                             "addressing drug trafficking and related offences;")
    assert first["url"] == "honlac/27/#para_2__subpara_a"
    assert [r["id"][-2:] for r in recommendations if r["issue"] == 4] == ["4a", "4b", "4c", "4d", "4e"]


def test_documents_expand_ranges_and_carry_titles(data: dict) -> None:
    documents = {d["symbol"]: d for d in data["documents"]}
    for n in range(1, 15):
        assert f"UNODC/HONLAC/27/CRP.{n}" in documents
    assert documents["UNODC/HONLAC/27/CRP.7"]["title"] == "Country reports"
    assert documents["UNODC/HONLAC/27/CRP.7"]["cited_in"] == ["honlac/27/#para_6", "honlac/27/#annex__documents"]
    assert "UNODC/HONLAC/27/L.1" in documents and "UNODC/HONLAC/27/L.1/Add.8" in documents
    assert documents["UNODC/HONLAC/27/2"]["title"] == "Statistics on drug trafficking trends in the Americas and worldwide"
    assert documents["UNODC/HONLAC/27/2"]["url"] == "https://undocs.org/en/UNODC/HONLAC/27/2"
    assert documents["E/2009/28"]["cited_in"] == ["honlac/27/#fn:1"]
    assert documents["A/RES/71/211"]["cited_in"] == ["honlac/27/#para_42"]
    assert documents["E/2013/28"]["cited_in"] == ["honlac/27/#para_42"]  # CND resolution 56/10
    assert "V.17-07261" not in documents


def test_every_site_relative_url_resolves_in_the_built_site(real_site: Build, data: dict) -> None:
    urls = [s["url"] for s in data["sessions"]] + [r["url"] for r in data["recommendations"]]
    urls += [u for d in data["documents"] for u in d["cited_in"]]
    urls += [i["url"] for s in data["sessions"] for i in s["agenda"]]
    for url in urls:
        path, _, anchor = url.partition("#")
        html = (real_site.site / path / "index.html").read_text()
        assert not anchor or f'id="{anchor}"' in html, url


def test_csv_files_for_spreadsheets(real_site: Build) -> None:
    rows = list(csv.DictReader(io.StringIO((real_site.site / "data" / "recommendations.csv").read_text())))
    assert len(rows) == 18 and rows[0]["reviewed_in"] == "honlac-28"
    documents = list(csv.DictReader(io.StringIO((real_site.site / "data" / "documents.csv").read_text())))
    assert {"symbol", "title", "url", "cited_in"} <= set(documents[0])



def test_archive_json_joined_from_its_parts_is_what_json_writes_of_the_whole(tmp_path: Path) -> None:
    """archive.json is joined from parts a rebuild may keep: its text is the one the standard library
    writes of the whole record, byte for byte, on a fictional archive of several bodies."""
    synth_archive.write_archive(8, tmp_path)
    text = publish(Project.at(tmp_path)).publication.data["data/archive.json"]
    record = json.loads(text)
    assert len(record["sessions"]) > 8 and record["recommendations"] and record["countries"]
    assert text == json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
