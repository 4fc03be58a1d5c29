"""The spine of the archive: which meeting's recommendations each meeting reviews, as its report says.

Agenda item 4 of a report reads "Implementation of the recommendations adopted by the <X>
Meeting" (or "... by the Subcommission at its <x> session"). Meeting X is whatever the text
names: HONLAC reviews the previous meeting, HONLAP the one two before. In the agenda the meeting
adopted, the review was held; in the provisional agenda it approved for a later meeting, the
review is scheduled at that meeting, until that meeting's own report is in the archive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnd_archive.errors import Problem
from cnd_archive.layout import (PLACEHOLDER_RECOMMENDATIONS, RECOMMENDATIONS_CHAPTER, RECOMMENDATIONS_HEADING,
                                Target, agenda_item_anchor)
from cnd_archive.model.anchors import paragraph_id
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.model.report import Element, Report
from cnd_archive.references.agenda import Agenda, agendas
from cnd_archive.references.meetings import find_meetings
from cnd_archive.registry.bodies import Body

FOLLOW_UP_RE = re.compile(r"^(?:[IVXLC]+\.\s+|[A-Z]\.\s+)?Implementation of the recommendations adopted by the\s",
                          re.I)


@dataclass(frozen=True)
class Review:
    reviewed: Meeting
    """The meeting whose recommendations are reviewed."""
    reviewing: Meeting
    scheduled: bool
    """True while the review is only on a provisional agenda."""
    agenda_item: Target
    agenda_number: str
    discussion: tuple[Target, ...] = ()
    """The paragraphs of the chapter that reports on the review."""


def reviewed_meeting(element: Element, meeting: Meeting, bodies: tuple[Body, ...]) -> int | None:
    """The number of the meeting whose recommendations an agenda item or heading is about; None if it
    is not such an item, or names no meeting of the same body."""
    if not FOLLOW_UP_RE.match(element.plain_text):
        return None
    mentions = [m for m in find_meetings(element.text, meeting.body.code, bodies) if m.about_recommendations]
    return mentions[0].number if mentions and mentions[0].body == meeting.body.code else None


def _discussion(report: Report, meeting: Meeting, reviewed: int, bodies: tuple[Body, ...]) -> tuple[Target, ...]:
    """The paragraphs of the chapter or section whose title names the review, wherever it stands."""
    paragraphs: list[Target] = []
    chapter = section = False
    for element in report.elements:
        if element.kind in ("chapter", "annex"):
            chapter, section = reviewed_meeting(element, meeting, bodies) == reviewed, False
        elif element.kind == "section":
            section = reviewed_meeting(element, meeting, bodies) == reviewed
        elif element.kind == "paragraph" and (chapter or section):
            paragraphs.append(Target(meeting.src_uri, element.id))
    return tuple(paragraphs)


def find_reviews(archive: Archive) -> tuple[list[Review], list[Problem]]:
    """Every review the reports state, and what in their agendas cannot be read as one."""
    reviews: list[Review] = []
    problems: list[Problem] = []
    for meeting in archive.meetings_sorted():
        report = archive.reports.get(meeting.src_uri)
        if report is None:
            continue
        for agenda in agendas(report, meeting, archive.bodies):
            for item in agenda.items:
                review, problem = _review(archive, report, meeting, agenda, item)
                reviews += [review] if review else []
                problems += [problem] if problem else []
    return reviews, problems


def _review(archive: Archive, report: Report, meeting: Meeting, agenda: Agenda,
            item: Element) -> tuple[Review | None, Problem | None]:
    if not FOLLOW_UP_RE.match(item.plain_text):
        return None, None
    number = reviewed_meeting(item, meeting, archive.bodies)
    where = f"agenda item {item.label}"
    if number is None:
        return None, Problem(report.path, item.line, f"{where} is a review of recommendations but names no "
                             f"{meeting.body.code} meeting", "check the item's words against the report")
    if not agenda.provisional:
        return _held(archive, report, meeting, item, number)
    return _scheduled(archive, report, meeting, agenda, item, number)


def _held(archive: Archive, report: Report, meeting: Meeting, item: Element,
          number: int) -> tuple[Review | None, Problem | None]:
    if number >= meeting.number:
        return None, Problem(report.path, item.line, f"agenda item {item.label} reviews the recommendations of meeting "
                             f"{number}, which is not before this meeting ({meeting.number})",
                             "check the meeting the item names")
    reviewed = archive.meeting(meeting.body.code, number)
    if reviewed is None:
        return None, None  # the mention itself is reported: that meeting needs a page
    return Review(reviewed, meeting, False, Target(meeting.src_uri, item.id), item.label,
                  _discussion(report, meeting, number, archive.bodies)), None


def _scheduled(archive: Archive, report: Report, meeting: Meeting, agenda: Agenda, item: Element,
               number: int) -> tuple[Review | None, Problem | None]:
    at = agenda.for_meeting
    if at is None and _listed_as_unread(report, agenda):
        return None, None  # the import could not read it, and says so in the front matter
    if at is None:
        return None, Problem(report.path, agenda.paragraph.line, "the provisional agenda does not say which "
                             "meeting it is for", "the paragraph should name it, e.g. 'for the Twenty-eighth Meeting'")
    if not number < at or at <= meeting.number:
        return None, Problem(report.path, item.line, f"the provisional agenda for meeting {at} reviews the "
                             f"recommendations of meeting {number}: the text contradicts itself",
                             "check the meetings the paragraph and the item name")
    reviewed, following = archive.meeting(meeting.body.code, number), archive.meeting(meeting.body.code, at)
    if reviewed is None or following is None or following.kind == "report":
        return None, None  # a report of the later meeting tells what its own agenda held
    shown = following.meta.get("provisional_agenda")
    shows_agenda = isinstance(shown, dict) and agenda.paragraph.id == paragraph_id(shown.get("paragraph", 0))
    target = (Target(following.src_uri, agenda_item_anchor(item.label)) if shows_agenda
              else Target(meeting.src_uri, item.id))
    return Review(reviewed, following, True, target, item.label), None


UNREAD_AGENDA = "provisional_agenda_meeting"
"""The ``unread:`` entry of a provisional agenda whose meeting the text does not state."""


def _listed_as_unread(report: Report, agenda: Agenda) -> bool:
    """Whether the front matter lists this agenda's meeting among the facts the import could not read."""
    unread = report.meta.get("unread")
    return isinstance(unread, list) and any(
        isinstance(u, dict) and u.get("fact") == UNREAD_AGENDA and str(u.get("paragraph")) == agenda.paragraph.label
        for u in unread)


def recommendations_target(archive: Archive, meeting: Meeting) -> Target:
    """Where a link to "the recommendations of this meeting" lands."""
    report = archive.reports.get(meeting.src_uri)
    if report is None:
        return Target(meeting.src_uri, PLACEHOLDER_RECOMMENDATIONS)
    ids = report.by_id()
    for candidate in (RECOMMENDATIONS_HEADING, RECOMMENDATIONS_CHAPTER):
        if candidate in ids:
            return Target(meeting.src_uri, candidate)
    return Target(meeting.src_uri)


@dataclass
class ReviewIndex:
    """Reviews grouped by the meeting reviewed and the meeting reviewing, built once."""

    of: dict[Meeting, list[Review]]
    by: dict[Meeting, list[Review]]

    @classmethod
    def of_reviews(cls, reviews: list[Review]) -> ReviewIndex:
        index = cls({}, {})
        for review in reviews:
            index.of.setdefault(review.reviewed, []).append(review)
            index.by.setdefault(review.reviewing, []).append(review)
        return index
