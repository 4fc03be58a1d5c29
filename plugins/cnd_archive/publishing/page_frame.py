"""What the theme shows around a page's own content: its feeds, its kind for link previews, and
the address that opens a report of a problem with it in the repository's issues.

A report of a problem opens the repository's issue form (``.github/ISSUE_TEMPLATE/problem.yml``)
with the page's and the paragraph's permalinks filled in, so that a maintainer knows exactly
which words are meant.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from cnd_archive.layout import Target, body_index_uri
from cnd_archive.model.archive import Archive
from cnd_archive.publishing.citations import Citation, highwire, schema_org
from cnd_archive.publishing.feeds import ARCHIVE_FEED, Feed, in_head
from cnd_archive.publishing.search_facets import Facets
from cnd_archive.publishing.site_config import Web

PROBLEM_FORM = "problem.yml"
"""The issue form under .github/ISSUE_TEMPLATE/ that takes reports of problems."""


@dataclass(frozen=True)
class FeedLink:
    title: str
    path: str
    """Where the feed is in the site."""


@dataclass(frozen=True)
class Frame:
    kind: str
    """``article`` for a meeting's page, ``website`` for the others (Open Graph's types)."""
    feeds: tuple[FeedLink, ...]
    problem_url: str | None
    issue_form: str | None
    """The issue form's address, to which a paragraph's permalink is added (by cite.js)."""
    citation_meta: tuple[tuple[str, str], ...] = ()
    """A report's Highwire ``citation_*`` tags (Google Scholar, Zotero)."""
    json_ld: str = ""
    """A report's schema.org description, as JSON-LD safe in a script element."""
    search: Facets | None = None
    """What search filters a meeting page by (Pagefind reads them from the page)."""


def issue_form(web: Web) -> str | None:
    if web.repo_url is None:
        return None
    return f"{web.repo_url}issues/new?" + urlencode({"template": PROBLEM_FORM}, quote_via=quote)


def problem_url(web: Web, title: str, page_url: str) -> str | None:
    """The issue form, titled and naming the page by its permalink."""
    form, address = issue_form(web), web.absolute(page_url)
    if form is None:
        return None
    fields = {"title": f"Problem: {title}", "page": address or page_url}
    return f"{form}&" + urlencode(fields, quote_via=quote)


def frame_of(src_uri: str, title: str, archive: Archive, feeds: list[Feed], web: Web,
             cited: Citation | None = None, search: Facets | None = None) -> Frame:
    meeting = archive.meeting_at(src_uri)
    followed = {body_index_uri(meeting.body.slug)} if meeting else set()
    offered = tuple(FeedLink(f.title, f.path) for f in feeds
                    if in_head(f) and (f.path == ARCHIVE_FEED or f.page == src_uri or f.page in followed))
    return Frame("article" if meeting else "website", offered if web.site_url else (),
                 problem_url(web, title, Target(src_uri).url), issue_form(web),
                 tuple(highwire(cited)) if cited else (), schema_org(cited) if cited else "", search)


def site_feeds(feeds: list[Feed], web: Web) -> tuple[FeedLink, ...]:
    """The feeds a page outside the archive's own offers (the 404 page): the archive's."""
    return tuple(FeedLink(f.title, f.path) for f in feeds if f.path == ARCHIVE_FEED) if web.site_url else ()

