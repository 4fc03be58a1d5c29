"""Atom feeds (RFC 4287) of the reports in the archive: the whole archive, each body, each country.

A feed needs absolute addresses, so it is written only when the site has a ``site_url``. An
entry's id is the permalink of the report's page, which never changes once published. Its date
is the day the report entered the archive (``added`` in its front matter); a report without
that date gives its date of issue, then the last day of its meeting, and says which in the entry.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from cnd_archive.indexes.entities import EntityRecord
from cnd_archive.layout import Target, body_index_uri, entity_uri
from cnd_archive.memo import Memo
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.publishing.site_config import Web

ATOM = "http://www.w3.org/2005/Atom"
FEEDS_DIR = "feeds"
ARCHIVE_FEED = "feed.xml"
"""The archive's and the bodies' feeds are at the site's root: Material's script fetches
``sitemap.xml`` beside every ``<link rel="alternate">`` of a page (it takes them for other
languages of the site), and only at the root is there one."""
DATE_SOURCES = {"added": "the day the report entered the archive", "issued": "the report's date of issue",
                "end_date": "the last day of the meeting"}
"""Where an entry's date comes from, in order of preference."""


def body_feed(body_slug: str) -> str:
    return f"feed-{body_slug}.xml"


def entity_feed(entity_id: str) -> str:
    """A country's or organisation's feed: linked from its page's text, not its head (see ARCHIVE_FEED)."""
    return f"{FEEDS_DIR}/{entity_id.lower()}.xml"


def in_head(feed: Feed) -> bool:
    return "/" not in feed.path


@dataclass(frozen=True)
class Feed:
    path: str
    """Where the feed is in the site."""
    title: str
    page: str
    """The page the feed follows (its ``alternate`` link)."""
    meetings: tuple[Meeting, ...]


@dataclass(frozen=True)
class Entry:
    meeting: Meeting
    date: dt.date
    date_source: str


def entry_of(meeting: Meeting) -> Entry | None:
    for key, source in DATE_SOURCES.items():
        value = meeting.end_date if key == "end_date" else meeting.meta.get(key)
        if isinstance(value, dt.date):
            return Entry(meeting, value, source)
    return None


def feeds_of(archive: Archive, web: Web, entities: Iterable[EntityRecord] = ()) -> list[Feed]:
    """Every feed the site offers: one for all reports, one per body and one per country or
    organisation that a report records or mentions (a feed with no report is not offered)."""
    reports = tuple(m for m in archive.meetings_sorted() if m.kind == "report")
    site_name = web.site_name
    feeds = [Feed(ARCHIVE_FEED, f"{site_name}: new reports", "index.md", reports)]
    for body in archive.bodies:
        listed = tuple(m for m in reports if m.body == body)
        feeds.append(Feed(body_feed(body.slug), f"{site_name}: new reports of {body.code}",
                          body_index_uri(body.slug), listed))
    for record in entities:
        meetings = {m for m, _ in record.roles} | {archive.meeting_at(t.src_uri) for t in record.paragraphs()}
        listed = tuple(m for m in reports if m in meetings)
        feeds.append(Feed(entity_feed(record.entity.id), f"{site_name}: new reports on {record.entity.name}",
                          entity_uri(record.entity), listed))
    return [feed for feed in feeds if feed.meetings]


def feed_files(feeds: list[Feed], web: Web, descriptions: dict[str, str], memo: Memo[str] | None = None,
               stored_as: Callable[[Feed], object] = lambda feed: None) -> dict[str, str]:
    """Each feed's XML by its path; none without a site address to give its entries. A rebuild
    keeps a feed whose every input is as before (``feed_inputs``); the build cache keeps it by
    ``stored_as`` (what its meetings' files and the archive's shape decide of it)."""
    if web.site_url is None:
        return {}
    kept = memo or Memo(keep=False)
    return {feed.path: kept.get(feed.path, feed_inputs(feed, web, descriptions), lambda: atom(feed, web, descriptions),
                                stored_as=stored_as(feed))
            for feed in feeds}


def feed_inputs(feed: Feed, web: Web, descriptions: dict[str, str]) -> tuple[object, ...]:
    """All that ``atom`` reads: a meeting is equal to another of its body and number, so its facts
    are given one by one."""
    return (feed.path, feed.title, feed.page, web,
            tuple((m.body, m.number, m.src_uri, m.meta.get("report_title"), entry_of(m),
                   descriptions.get(m.src_uri)) for m in feed.meetings))


def atom(feed: Feed, web: Web, descriptions: dict[str, str]) -> str:
    entries = sorted((e for e in map(entry_of, feed.meetings) if e is not None),
                     key=lambda e: (e.date, e.meeting.body.code, e.meeting.number), reverse=True)
    root = ET.Element("feed", xmlns=ATOM)
    _text(root, "id", _address(web, feed.path))
    _text(root, "title", feed.title)
    _text(root, "updated", _timestamp(max((e.date for e in entries), default=dt.date(1970, 1, 1))))
    ET.SubElement(root, "link", rel="self", type="application/atom+xml", href=_address(web, feed.path))
    ET.SubElement(root, "link", rel="alternate", type="text/html", href=_address(web, Target(feed.page).url))
    author = ET.SubElement(root, "author")
    _text(author, "name", web.site_name)
    _text(root, "generator", "cnd-archive")
    for entry in entries:
        _entry(root, entry, web, descriptions)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _entry(root: ET.Element, entry: Entry, web: Web, descriptions: dict[str, str]) -> None:
    meeting = entry.meeting
    url = _address(web, Target(meeting.src_uri).url)
    element = ET.SubElement(root, "entry")
    _text(element, "id", url)
    _text(element, "title", str(meeting.meta.get("report_title") or f"{meeting.ordinal_name} of "
                                 f"{meeting.body.title_phrase}"))
    _text(element, "published", _timestamp(entry.date))
    _text(element, "updated", _timestamp(entry.date))
    ET.SubElement(element, "link", rel="alternate", type="text/html", href=url)
    author = ET.SubElement(element, "author")
    _text(author, "name", meeting.body.name)
    ET.SubElement(element, "category", term=meeting.body.slug, label=meeting.body.name)
    summary = descriptions.get(meeting.src_uri, "")
    _text(element, "summary", f"{summary} (This entry is dated by {entry.date_source}.)".strip())


def _address(web: Web, url: str) -> str:
    absolute = web.absolute(url)
    assert absolute is not None  # feed_files writes no feed without a site address
    return absolute


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value
