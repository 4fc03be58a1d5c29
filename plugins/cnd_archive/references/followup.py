"""The spine of the archive: agenda item 4 of meeting N reviews meeting N-1's recommendations.

A review is found wherever a report prints "Implementation of the recommendations
adopted by the <N-1> Meeting" as an item of its adopted agenda (the review took place),
or "... adopted by the <N> Meeting" as an item of the provisional agenda it approved for
meeting N+1 (the review is scheduled, until N+1's own report is in the archive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.layout import (PLACEHOLDER_RECOMMENDATIONS, RECOMMENDATIONS_CHAPTER, RECOMMENDATIONS_HEADING,
                                Target, agenda_item_anchor)
from cnd_archive.references.meetings import find_meetings
from cnd_archive.registry.bodies import Body
from cnd_archive.model.report import Element, Report

FOLLOW_UP_RE = re.compile(r"^(?:[IVXLC]+\.\s+)?Implementation of the recommendations adopted by the\s", re.I)


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


def _reviewed_number(element: Element, meeting: Meeting, bodies: tuple[Body, ...]) -> int | None:
    if not FOLLOW_UP_RE.match(element.plain_text):
        return None
    mentions = [m for m in find_meetings(element.text, meeting.body.code, bodies) if m.about_recommendations]
    return mentions[0].number if mentions and mentions[0].body == meeting.body.code else None


def _discussion(report: Report, meeting: Meeting, bodies: tuple[Body, ...]) -> tuple[Target, ...]:
    chapters = [e.id for e in report.elements
                if e.kind == "chapter" and _reviewed_number(e, meeting, bodies) == meeting.number - 1]
    return tuple(Target(meeting.src_uri, e.id) for e in report.elements
                 if e.kind == "paragraph" and e.parent in chapters)


def find_reviews(archive: Archive) -> list[Review]:
    reviews: list[Review] = []
    for meeting in archive.meetings:
        report = archive.reports.get(meeting.src_uri)
        if report is None:
            continue
        for item in report.elements:
            if item.kind != "item" or "__subpara_" in item.id:
                continue
            number = _reviewed_number(item, meeting, archive.bodies)
            if number == meeting.number - 1:
                review = _held_review(archive, report, meeting, item, number)
            elif number == meeting.number:
                review = _scheduled_review(archive, meeting, item)
            else:
                review = None
            if review is not None:
                reviews.append(review)
    return reviews


def _held_review(archive: Archive, report: Report, meeting: Meeting, item: Element, number: int) -> Review | None:
    reviewed = archive.meeting(meeting.body.code, number)
    if reviewed is None:
        return None
    return Review(reviewed, meeting, False, Target(meeting.src_uri, item.id), item.label,
                  _discussion(report, meeting, archive.bodies))


def _scheduled_review(archive: Archive, meeting: Meeting, item: Element) -> Review | None:
    following = archive.meeting(meeting.body.code, meeting.number + 1)
    if following is None or following.kind == "report":
        return None  # the following meeting's own adopted agenda tells what happened
    agenda = following.meta.get("provisional_agenda")
    shows_agenda = isinstance(agenda, dict) and item.parent == f"para_{agenda.get('paragraph')}"
    target = (Target(following.src_uri, agenda_item_anchor(item.label)) if shows_agenda
              else Target(meeting.src_uri, item.id))
    return Review(meeting, following, True, target, item.label)


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
