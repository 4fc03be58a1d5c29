"""What a page is about in one sentence: its description for search engines and link previews.

Each sentence is built from facts the archive holds for the page (a meeting's venue and dates,
a country's roles), so two pages never share one and none says more than the reports state.
"""

from __future__ import annotations

from cnd_archive.model.ordinals import counted
from cnd_archive.indexes.entities import EntityRecord
from cnd_archive.model.archive import Meeting
from cnd_archive.model.report import Report
from cnd_archive.publishing.meeting_facts import NOT_KNOWN, format_dates, venue
from cnd_archive.registry.roles import ROLE_NAMES


def meeting_description(meeting: Meeting, report: Report | None) -> str:
    where = _held(meeting)
    if report is None:
        return f"{meeting.ordinal_name} of {meeting.body.title_phrase}{where}: what the archive knows of it. " \
               "Its report is not yet in the archive."
    return (f"Report of the {meeting.ordinal_name} of {meeting.body.title_phrase}{where}, paragraph by paragraph: "
            f"{counted(len(report.recommendations), 'recommendation')}, each with its permalink.")


def _held(meeting: Meeting) -> str:
    place, dates = venue(meeting), format_dates(meeting.start_date, meeting.end_date)
    parts = [f"held in {place}" if place != NOT_KNOWN else "", dates if dates != NOT_KNOWN else ""]
    shown = ", ".join(p for p in parts if p)
    return f", {shown}" if shown else ""


def entity_description(record: EntityRecord) -> str:
    """A country's or organisation's name, its roles as the reports record them, and its mentions."""
    entity = record.entity
    roles: dict[str, set[str]] = {}
    for meeting, role in record.roles:
        roles.setdefault(role.role, set()).add(meeting.id)
    listed = "; ".join(f"{ROLE_NAMES[name].lower()} ({counted(len(ids), 'meeting')})" for name, ids in roles.items())
    said = f"Roles: {listed}." if listed else "No role recorded at a meeting in the archive."
    return f"{entity.name} in the reports of the archive. {said} " \
           f"{counted(len(record.paragraphs()), 'paragraph')} mention it."
