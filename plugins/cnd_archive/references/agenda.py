"""A report's agendas: the one the meeting adopted, and the provisional agenda it approved for a
later meeting, each the list of items under the paragraph that says which it is.

A placeholder page names the paragraph of the previous meeting's report that holds its
provisional agenda (``provisional_agenda: {paragraph: 48}``), so the words are the report's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnd_archive.errors import Problem
from cnd_archive.model.anchors import paragraph_id
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.model.ordinals import ORDINAL_PATTERN, ordinal_to_int
from cnd_archive.model.report import Element, Report
from cnd_archive.model.sentences import in_one_sentence
from cnd_archive.references.meetings import find_meetings
from cnd_archive.registry.bodies import Body


def provisional_agenda_items(meeting: Meeting, archive: Archive) -> tuple[Meeting | None, list[Element], list[Problem]]:
    """The items of the agenda that the previous meeting approved for this one, from its report."""
    source = meeting.meta.get("provisional_agenda")
    if source is None:
        return None, [], []
    document = archive.files[meeting.src_uri]
    where = document.line_of("provisional_agenda")
    number = source.get("paragraph") if isinstance(source, dict) else None
    approving = archive.meeting(meeting.body.code, meeting.number - 1)
    report = archive.reports.get(approving.src_uri) if approving else None
    if approving is None and archive.unreadable_meeting(meeting.body, meeting.number - 1):
        return None, [], []
    if not isinstance(number, int) or report is None or approving is None:
        return None, [], [Problem(document.path, where, "provisional_agenda needs 'paragraph: N' of the "
                                  "previous meeting's report, and that report in the archive",
                                  "e.g. 'provisional_agenda: {paragraph: 48}'")]
    children = _children(report)
    items = children.get(paragraph_id(number), [])
    if not items:
        return None, [], [Problem(document.path, where, f"paragraph {number} of the {approving.id} "
                                  "report has no agenda list", "cite the paragraph that holds the agenda")]
    stated = next((a.for_meeting for a in agendas(report, approving, archive.bodies)
                   if a.paragraph.id == paragraph_id(number)), None)
    if stated is not None and stated != meeting.number:
        return None, [], [Problem(document.path, where, f"paragraph {number} of the {approving.id} report is the "
                                  f"provisional agenda for meeting {stated}, not this one",
                                  "cite the paragraph that holds this meeting's provisional agenda")]
    return approving, [e for item in items for e in [item, *children.get(item.id, [])]], []


def _children(report: Report) -> dict[str, list[Element]]:
    children: dict[str, list[Element]] = {}
    for element in report.elements:
        if element.kind == "item" and element.parent:
            children.setdefault(element.parent, []).append(element)
    return children


_PROVISIONAL_RE = re.compile(r"\bprovisional\s+agenda\b", re.I)
_ADOPTED_RE = re.compile(r"\badopted\b", re.I)
_AGENDA_RE = re.compile(r"\bagenda\b", re.I)
_WAS_ADOPTED_RE = re.compile(r"\b(?:was|were)\s+adopted\b", re.I)


@dataclass(frozen=True)
class Agenda:
    paragraph: Element
    """The paragraph that introduces the list ("the following agenda was adopted:")."""
    provisional: bool
    """A provisional agenda approved for a later meeting; else the agenda this meeting adopted."""
    for_meeting: int | None
    """The meeting a provisional agenda is for, as the paragraph names it."""
    items: list[Element]
    """Top-level items, in order."""
    sub_items: dict[str, list[Element]]


_ITS_RE = re.compile(rf"\b(?:for|on|at)\s+its\s+(?P<ordinal>{ORDINAL_PATTERN})\s+session\b", re.I)
"""A session the Subcommission names as its own: "approved the following provisional agenda for its
fifty-fourth session", "Adoption of the report of the Subcommission on its fifty-fourth session"
(its "meetings" are the sittings of a session)."""
_ORGANIZATION_RE = re.compile(r"\b(?:Organization of|Provisional agenda for)\s+(?:the\s+)?$", re.I)
_ADOPTION_RE = re.compile(r"\bAdoption of the report\b", re.I)


def _meeting_of(paragraph: Element, after: int, items: list[Element], children: dict[str, list[Element]],
                meeting: Meeting, bodies: tuple[Body, ...]) -> int | None:
    """The meeting a provisional agenda is for, as the text states it, in any of the ways reports
    do: named after "provisional agenda" ("for the Twenty-eighth Meeting", "for its fifty-fourth
    session"), named by the item the paragraph is under ("Organization of the Twenty-ninth
    Meeting"), or by the agenda's own item for adopting that meeting's report. Where these
    disagree, or none says it, the meeting is not read: no guess."""
    own = [m for m in find_meetings(paragraph.text, meeting.body.code, bodies)
           if m.body == meeting.body.code and not m.about_recommendations]
    stated = {m.number for m in own if m.start > after}
    stated |= {ordinal_to_int(m["ordinal"]) for m in _ITS_RE.finditer(paragraph.text, after)}
    stated |= {m.number for m in own if _ORGANIZATION_RE.search(paragraph.text[max(0, m.start - 40):m.start])}
    for item in [e for item in items for e in [item, *children.get(item.id, [])]]:
        if _ADOPTION_RE.search(item.text):
            stated |= {m.number for m in find_meetings(item.text, meeting.body.code, bodies)
                       if m.body == meeting.body.code and not m.about_recommendations}
            stated |= {ordinal_to_int(m["ordinal"]) for m in _ITS_RE.finditer(item.text)}
    return stated.pop() if len(stated) == 1 else None


def agendas(report: Report, meeting: Meeting, bodies: tuple[Body, ...]) -> list[Agenda]:
    """Every agenda of the report, recognised by the paragraph that introduces its list."""
    children = _children(report)
    found = []
    for paragraph in report.elements:
        items = children.get(paragraph.id, [])
        if paragraph.kind != "paragraph" or not items:
            continue
        text = paragraph.plain_text
        provisional = _PROVISIONAL_RE.search(paragraph.text)
        if provisional:
            found.append(Agenda(paragraph, True, _meeting_of(paragraph, provisional.end(), items, children, meeting,
                                                             bodies), items, children))
        elif in_one_sentence(text, _ADOPTED_RE, _AGENDA_RE) or in_one_sentence(text, _AGENDA_RE, _WAS_ADOPTED_RE):
            found.append(Agenda(paragraph, False, None, items, children))
    return found
