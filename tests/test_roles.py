"""Participation roles: proposals from the real 27th report against a reading by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnd_archive.model.frontmatter import split
from cnd_archive.registry.gazetteer import load_gazetteer
from cnd_archive.model.report import Report, read_report
from cnd_archive.indexes.roles import check_roles, propose_roles, read_roles

ROOT = Path(__file__).resolve().parent.parent

# Read by hand from the report's paragraphs (cited in each key's comment).
MEMBERS_52 = "ARG BOL CHL COL CRI CUB DOM ECU SLV FRA DEU GTM HND ITA JAM MEX PRY PER ESP GBR"
NATIONAL_REPORTS_6 = "ARG BOL CHL COL ECU FRA HND MEX PRY ESP GTM JAM PAN GBR"
QUESTIONNAIRE_18 = "ARG BOL BRA CHL COL ECU SLV FRA GTM HND ITA MEX PAN PRY ESP GBR"
HAND_READING: set[tuple[str, str, str, tuple[int, ...]]] = {
    *((c, "member", "", (52,)) for c in MEMBERS_52.split()),
    *((c, "national-report", "", (6,)) for c in NATIONAL_REPORTS_6.split()),
    *((c, "questionnaire", "", (18,)) for c in QUESTIONNAIRE_18.split()),
    ("RUS", "observer", "", (49, 53)),          # "The observer from the Russian Federation", "represented by an observer"
    ("caricom", "observer", "", (54,)),         # "CARICOM was also represented by an observer"
    ("GTM", "host", "", (51,)),                 # "was held in Guatemala City" ... "Vice-President of Guatemala"
    ("GTM", "officer", "Chair", (56,)),
    ("COL", "officer", "First Vice-Chair", (56,)),
    ("ARG", "officer", "Second Vice-Chair", (56,)),
    ("JAM", "officer", "Rapporteur", (56,)),
    # para 7: statements ... by the representatives of Colombia, Cuba, France, Guatemala, Mexico and Peru
    *((c, "statement", "agenda item 3", (7,)) for c in "COL CUB FRA GTM MEX PER".split()),
    ("unodc", "statement", "agenda item 3", (7,)),   # "A representative of UNODC introduced the item"
    ("MEX", "statement", "agenda item 4", (19,)),
    ("PER", "statement", "agenda item 4", (20,)),
    ("BOL", "statement", "agenda item 4", (21,)),    # "the delegation of the Plurinational State of Bolivia referred"
    ("unodc", "statement", "agenda item 6", (32,)),  # audiovisual presentation; Bolivia is where the course was
    # para 32: statements were made by the representatives of Colombia, Cuba, Guatemala, Mexico, Paraguay and Peru
    *((c, "statement", "agenda item 6", (32,)) for c in "COL CUB GTM MEX PRY PER".split()),
    # para 46: statements were made by the representatives of Argentina, Colombia, Ecuador, Germany, Mexico and Spain
    *((c, "statement", "agenda item 8", (46,)) for c in "ARG COL ECU DEU MEX ESP".split()),
    ("RUS", "statement", "agenda item 9", (49,)),
    ("COL", "statement", "agenda item 9", (49,)),
    ("GTM", "statement", "Opening and duration of the Meeting", (51,)),    # speeches by the Vice-President of Guatemala
    ("unodc", "statement", "Opening and duration of the Meeting", (51,)),  # the representative of the UNODC Executive Director
    ("unodc", "secretariat", "", (55,)),        # "UNODC served as the secretariat of the Meeting"
    ("GTM", "statement", "Closure of the Meeting", (59,)),                 # closing statements
}


def real_report() -> tuple[Report, object]:
    path = ROOT / "content" / "honlac" / "27.md"
    document, _ = split(path.read_text(), str(path))
    assert document is not None
    report, problems = read_report(document)
    assert problems == []
    return report, document


def test_proposed_roles_match_a_reading_by_hand() -> None:
    report, _ = real_report()
    proposed = {(r.participant, r.role, r.detail, r.paragraphs) for r in propose_roles(report, "GTM", load_gazetteer())}
    assert proposed - HAND_READING == set(), "proposed but not read by hand"
    assert HAND_READING - proposed == set(), "read by hand but not proposed"


def test_the_committed_roles_are_the_reviewed_ones() -> None:
    report, document = real_report()
    roles, problems = read_roles(document, load_gazetteer())  # type: ignore[arg-type]
    assert problems == [] and check_roles(roles, report, load_gazetteer()) == []
    assert {(r.participant, r.role, r.detail, r.paragraphs) for r in roles} == HAND_READING


def document_with(entries: str) -> tuple[Report, object]:
    source = (ROOT / "content" / "honlac" / "27.md").read_text()
    head, body = source.split("\n---\n", 1)
    head = head.split("\nparticipation:")[0]
    text = f"{head}\nparticipation:\n{entries}---\n{body}"
    document, problems = split(text, "content/honlac/27.md")
    assert document is not None, problems
    report, _ = read_report(document)
    return report, document


@pytest.mark.parametrize(("entry", "expected"), [
    ("  - {participant: Boliva, role: member, paragraphs: [52]}\n",
     "unknown country or organisation 'Boliva'; did you mean 'Bolivia (Plurinational State of)'"),
    ("  - {participant: ARG, role: chairperson, paragraphs: [52]}\n", "unknown role 'chairperson'"),
    ("  - {participant: ARG, role: member, paragraphs: []}\n", "paragraphs must be a list of paragraph numbers"),
    ("  - {participant: ARG, role: officer, paragraphs: [56]}\n", "an officer role needs its office"),
    ("  - {participant: ARG, role: member, paragraphs: [99]}\n", "ARG member: paragraph 99 does not exist"),
    ("  - {participant: BRA, role: member, paragraphs: [52]}\n", "BRA member: paragraph 52 does not name Brazil"),
])
def test_bad_roles_are_errors_with_file_line_and_fix(entry: str, expected: str) -> None:
    report, document = document_with("  - {participant: ARG, role: member, paragraphs: [52]}\n" + entry)
    roles, problems = read_roles(document, load_gazetteer())  # type: ignore[arg-type]
    problems += check_roles(roles, report, load_gazetteer())
    messages = [str(p) for p in problems]
    assert len(messages) == 1 and expected in messages[0], messages
    line = document.line_of_item("participation", 1)  # type: ignore[attr-defined]
    assert messages[0].startswith(f"content/honlac/27.md:{line}:")
