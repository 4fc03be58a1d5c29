"""Roles in each body's phrasing, on fictional paragraphs written the way HONLAP, HONLAF and the
Subcommission write them (made up for these tests; no real meeting is described)."""

from __future__ import annotations

import pytest

from cnd_archive.indexes.roles import propose_roles
from cnd_archive.model.frontmatter import split
from cnd_archive.model.report import read_report
from cnd_archive.registry.gazetteer import load_gazetteer

FICTIONAL = """---
kind: report
fictional: true
---

# Report of a fictional Meeting (test data, not a real report) {#title}

## I. Major regional drug trafficking trends

1\\. Participants considered agenda item 3. Australia, India and Thailand had submitted country reports.
Statements were made by the representatives of Hong Kong, China, the Democratic People's Republic of Korea
and Papua New Guinea. The observer for the Association of Southeast Asian Nations also made a statement.

## II. Implementation of the recommendations adopted by the Thirty-fifth Meeting

2\\. Participants considered agenda item 4. The Secretariat had summarized the replies to a questionnaire received from Fiji, Japan and Macao, China.

## III. Organization of the Meeting

3\\. The Meeting was held in Bangkok. It was opened by the Minister of Justice of Thailand.

4\\. The States members of the Economic and Social Commission for Asia and the Pacific were represented: Australia, China, India, Japan, Republic of Korea and Thailand.

5\\. The State of Palestine and the Holy See were represented by observers.

6\\. The Meeting elected the following officers:

- Chair: A. Person (Thailand)
- Vice-Chair: B. Person (Japan)
- Rapporteur: C. Person (India)
"""


def roles(text: str = FICTIONAL) -> set[tuple[str, str, str, tuple[int, ...]]]:
    document, _ = split(text, "fictional.md")
    assert document is not None
    report, problems = read_report(document)
    assert problems == []
    return {(r.participant, r.role, r.detail, r.paragraphs) for r in propose_roles(report, "THA", load_gazetteer())}


def test_country_reports_questionnaire_replies_and_statements() -> None:
    found = roles()
    assert {("AUS", "national-report", "", (1,)), ("IND", "national-report", "", (1,)),
            ("THA", "national-report", "", (1,))} <= found
    assert {(c, "questionnaire", "", (2,)) for c in ("FJI", "JPN", "MAC")} <= found
    assert {(c, "statement", "agenda item 3", (1,)) for c in ("HKG", "PRK", "PNG", "asean")} <= found
    assert ("asean", "observer", "", (1,)) in found


def test_associate_members_and_neighbours_are_never_taken_for_another() -> None:
    participants = {participant for participant, *_ in roles()}
    assert {"HKG", "MAC", "PRK", "PNG"} <= participants
    assert not participants & {"GIN"}
    assert ("CHN", "statement", "agenda item 3", (1,)) not in roles()
    assert ("KOR", "statement", "agenda item 3", (1,)) not in roles()


def test_observer_states_officers_and_the_host() -> None:
    found = roles()
    assert {("PSE", "observer", "", (5,)), ("VAT", "observer", "", (5,))} <= found
    assert {("THA", "officer", "Chair", (6,)), ("JPN", "officer", "Vice-Chair", (6,)),
            ("IND", "officer", "Rapporteur", (6,))} <= found
    assert ("THA", "host", "", (3,)) in found
    assert {(c, "member", "", (4,)) for c in ("AUS", "CHN", "IND", "JPN", "KOR", "THA")} <= found


def test_the_organisations_of_every_region_are_known() -> None:
    text = ("ASEAN, the African Union, ECOWAS, CARICC, the Gulf Criminal Intelligence Centre, the Economic "
            "Cooperation Organization, the Collective Security Treaty Organization, the Shanghai Cooperation "
            "Organisation, the European Union, Europol, the EMCDDA, the European Union Drugs Agency, the Pompidou "
            "Group, the International Narcotics Control Board, the World Customs Organization and INTERPOL")
    found = [m.entity for m in load_gazetteer().find(text)]
    assert found == ["asean", "au", "ecowas", "caricc", "gcic", "eco", "csto", "sco", "eu", "europol", "euda",
                     "euda", "pompidou-group", "incb", "wco", "interpol"]


@pytest.mark.parametrize("sentence", [
    "UNODC served as the secretariat of the Meeting.",
    "The United Nations Office on Drugs and Crime acted as secretariat.",
    "The secretariat of the Meeting was provided by UNODC.",
    "The Meeting was serviced by the United Nations Office on Drugs and Crime.",
])
def test_the_secretariat_is_read_in_its_phrasings(sentence: str) -> None:
    assert ("unodc", "secretariat", "", (7,)) in roles(FICTIONAL + f"\n7\\. {sentence}\n")


def test_a_country_is_never_the_secretariat() -> None:
    found = roles(FICTIONAL + "\n7\\. Mexico served as the secretariat of the Meeting.\n")
    assert not [r for r in found if r[1] == "secretariat"]
