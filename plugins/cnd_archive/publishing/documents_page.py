"""The documents pages: every symbol cited anywhere, its title, its link, who cites it.

One page per series of symbols (``layout.document_series``), listed on an index: a page that
listed every document would grow with the archive past what a reader's browser loads well.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from cnd_archive.model.ordinals import counted
from cnd_archive.indexes.documents import DocumentEntry, natural_key
from cnd_archive.layout import DOCUMENTS, Target, document_anchor, document_series, document_series_uri
from cnd_archive.model.anchors import citation_label
from cnd_archive.model.archive import Archive
from cnd_archive.publishing.html_page import HtmlPage, text
from cnd_archive.publishing.resolver import Resolver

_ABOUT = ("Every United Nations document symbol cited in a report of the archive, with its title "
          "where a report's list of documents gives it, and every paragraph that cites it. A symbol "
          "links to the document in the archive when the archive holds it, otherwise to the United "
          "Nations' document system. Ranges such as <code>CRP.1-10</code> are listed document by document.")


def _source_name(target: Target, archive: Archive) -> str:
    meeting = archive.meeting_at(target.src_uri)
    name = f"{meeting.body.code} {meeting.number}" if meeting else target.src_uri
    return f"{name}, {citation_label(target.anchor)}"


def _series_name(entries: list[DocumentEntry]) -> str:
    """The series a page lists: one, or more whose names give the same page address."""
    return " and ".join(sorted({document_series(e.symbol) for e in entries}, key=natural_key))


Made = Callable[[str, object, Callable[[], HtmlPage]], HtmlPage]
"""How a page is made from its inputs: at once, or kept from a rebuild with the same inputs."""


def documents_pages(entries: list[DocumentEntry], archive: Archive, resolver: Resolver,
                    made: Made = lambda slot, inputs, compute: compute()) -> dict[str, HtmlPage]:
    """The index and one page per series, by src_uri. A series page reads its entries, and of the
    archive only the names of meetings and the documents each holds (its shape)."""
    pages: dict[str, list[DocumentEntry]] = {}
    for entry in entries:
        pages.setdefault(document_series_uri(document_series(entry.symbol)), []).append(entry)
    out = {uri: made(uri, listed, functools.partial(series_page, uri, listed, archive, resolver))
           for uri, listed in pages.items()}
    return {DOCUMENTS: index_page(entries, pages), **out}


def index_page(entries: list[DocumentEntry], pages: dict[str, list[DocumentEntry]]) -> HtmlPage:
    page = HtmlPage(DOCUMENTS, "Documents")
    page.heading(1, "Documents cited in the archive", "title")
    page.paragraph(_ABOUT)
    page.paragraph(f"{len(entries)} documents in {len(pages)} series.")
    rows = []
    for uri, listed in sorted(pages.items(), key=lambda item: natural_key(document_series(item[1][0].symbol))):
        rows.append([page.link(text(_series_name(listed)), Target(uri)), str(len(listed))])
    page.table(["Series", "Documents"], rows)
    return page


def series_page(uri: str, entries: list[DocumentEntry], archive: Archive, resolver: Resolver) -> HtmlPage:
    name = _series_name(entries)
    page = HtmlPage(uri, f"Documents {name}")
    page.heading(1, f"Documents {name}", "title")
    page.paragraph(f"{counted(len(entries), 'document')} of the series {text(name)} cited in the archive. "
                   f"{page.link('All series of documents', Target(DOCUMENTS))}")
    rows = []
    for entry in entries:
        title = text(entry.title) if entry.title else "—"
        if entry.agenda_item and entry.listed_by:
            title += text(f" (agenda item {entry.agenda_item} of the {entry.listed_by.ordinal_name})")
        cited = ", ".join(page.link(text(_source_name(t, archive)), t) for t in entry.cited_in) or "—"
        symbol = page.link(text(entry.symbol), resolver.document_target(entry.symbol),
                           anchor_id=document_anchor(entry.symbol))
        rows.append([symbol, title, cited])
    page.table(["Symbol", "Title", "Cited in"], rows)
    return page
