"""The follow-up chain comes from what the reports say, whatever the distance between meetings.

HONLAP reviews the meeting two before: the fictional reports in tests/fixtures/fictional_honlap
(35, 36 and 37, and a placeholder for 38) say so, and the archive must say nothing else.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cnd_archive.model.archive import load
from cnd_archive.publishing.publication import Publication

FIXTURES = Path(__file__).parent / "fixtures" / "fictional_honlap"


def publish(tmp_path: Path, replace: dict[str, tuple[str, str]] | None = None) -> Publication:
    docs = tmp_path / "content"
    shutil.copytree(FIXTURES, docs / "honlap")
    for name, (old, new) in (replace or {}).items():
        path = docs / "honlap" / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    archive = load(docs, sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")))
    publication = Publication.build(archive, "https://undocs.org")
    publication.render_html(publication.site_map([]))
    return publication


@pytest.fixture(scope="module")
def honlap(tmp_path_factory: pytest.TempPathFactory) -> Publication:
    return publish(tmp_path_factory.mktemp("honlap"))


def test_the_reports_of_a_chain_two_apart_raise_no_problem(honlap: Publication) -> None:
    assert honlap.problems == [], "\n".join(map(str, honlap.problems))


def test_each_review_is_the_one_the_text_states(honlap: Publication) -> None:
    found = {(r.reviewed.number, r.reviewing.number, r.scheduled, r.agenda_number) for r in honlap.reviews}
    assert found == {(35, 37, False, "4"), (36, 38, True, "3")}


def test_the_open_data_says_only_what_the_reports_state(honlap: Publication) -> None:
    sessions = {s["id"]: s for s in json.loads(honlap.data["data/archive.json"])["sessions"]}
    assert sessions["honlap-37"]["follows_up"] == "honlap-35"
    assert sessions["honlap-36"]["follows_up"] is None
    assert sessions["honlap-35"]["reviewed_in"] == [{
        "session": "honlap-37", "status": "held", "agenda_item": "honlap/37/#para_6__item_4",
        "paragraphs": ["honlap/37/#para_3", "honlap/37/#para_4"]}]
    assert sessions["honlap-36"]["reviewed_in"] == [{
        "session": "honlap-38", "status": "scheduled", "agenda_item": "honlap/38/#agenda__item_3", "paragraphs": []}]
    assert sessions["honlap-38"]["follows_up"] == "honlap-36"


def test_the_links_run_both_ways(honlap: Publication) -> None:
    reviewing = BeautifulSoup(honlap.html["honlap/37.md"].html, "html.parser")
    item = reviewing.find(id="para_6__item_4").parent
    assert item.find("a", string="Thirty-fifth Meeting")["href"] == "../35/#chp_I__recommendations"
    reviewed = BeautifulSoup(honlap.html["honlap/35.md"].html, "html.parser")
    note = reviewed.select_one("p.cnd-followup")
    assert note.find("a", string="Thirty-seventh Meeting, agenda item 4")["href"] == "../37/#para_6__item_4"
    scheduled = BeautifulSoup(honlap.html["honlap/36.md"].html, "html.parser").select_one("p.cnd-followup")
    assert scheduled.find("a")["href"] == "../38/#agenda__item_3"
    assert "Thirty-seventh" not in scheduled.get_text()


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("- 4\\. Implementation of the recommendations adopted by the Thirty-fifth Meeting.",
     "- 4\\. Implementation of the recommendations adopted by the Thirty-ninth Meeting.",
     "agenda item 4 reviews the recommendations of meeting 39, which is not before this meeting (37)"),
    ("- 4\\. Implementation of the recommendations adopted by the Thirty-fifth Meeting.",
     "- 4\\. Implementation of the recommendations adopted by the previous meeting.",
     "agenda item 4 is a review of recommendations but names no HONLAP meeting"),
    ("provisional agenda for the Thirty-eighth Meeting was approved",
     "provisional agenda for the next meeting was approved",
     "the provisional agenda does not say which meeting it is for"),
])
def test_an_agenda_the_chain_cannot_be_read_from_is_named_never_guessed(tmp_path: Path, old: str, new: str,
                                                                         expected: str) -> None:
    publication = publish(tmp_path, {"37.md": (old, new)})
    messages = [p.message for p in publication.problems if p.path.endswith("honlap/37.md")]
    assert expected in messages, messages
    assert all(r.reviewing.number != 37 or r.reviewed.number == 35 for r in publication.reviews)
