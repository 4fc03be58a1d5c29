"""The provisional agenda a meeting approved for the next one, read from its report.

A placeholder page names the paragraph (``provisional_agenda: {paragraph: 48}``); the
items are that paragraph's agenda list in the previous meeting's report, so the words
are the report's own.
"""

from __future__ import annotations

from cnd_archive.errors import Problem
from cnd_archive.model.anchors import paragraph_id
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.model.report import Element, Report


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
    return approving, [e for item in items for e in [item, *children.get(item.id, [])]], []


def _children(report: Report) -> dict[str, list[Element]]:
    children: dict[str, list[Element]] = {}
    for element in report.elements:
        if element.kind == "item" and element.parent:
            children.setdefault(element.parent, []).append(element)
    return children
