"""A meeting's dates and venue as pages print them, or that the reports do not state them."""

from __future__ import annotations

import datetime as dt

from cnd_archive.model.archive import Meeting
from cnd_archive.registry.gazetteer import load_gazetteer

NOT_KNOWN = "not stated in the reports of the archive"


def format_dates(start: dt.date | None, end: dt.date | None) -> str:
    """UN style: "2–6 October 2017", "30 September–4 October 2013"."""
    if start is None or end is None:
        return NOT_KNOWN
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B}–{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y}–{end.day} {end:%B %Y}"


def venue(meeting: Meeting) -> str:
    if meeting.city is None:
        return NOT_KNOWN
    return f"{meeting.city}, {load_gazetteer().entity(meeting.country).name}" if meeting.country else meeting.city
