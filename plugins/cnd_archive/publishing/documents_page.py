"""The documents index page: every symbol cited anywhere, its title, its link, who cites it."""

from __future__ import annotations

from cnd_archive.indexes.documents import DocumentEntry
from cnd_archive.layout import DOCUMENTS, Target, document_anchor
from cnd_archive.model.anchors import citation_label
from cnd_archive.model.archive import Archive
from cnd_archive.publishing.html_page import HtmlPage, text
from cnd_archive.publishing.resolver import Resolver


def _source_name(target: Target, archive: Archive) -> str:
    meeting = archive.meeting_at(target.src_uri)
    name = f"{meeting.body.code} {meeting.number}" if meeting else target.src_uri
    return f"{name}, {citation_label(target.anchor)}"


def index_page(entries: list[DocumentEntry], archive: Archive, resolver: Resolver) -> HtmlPage:
    page = HtmlPage(DOCUMENTS, "Documents")
    page.heading(1, "Documents cited in the archive", "title")
    page.paragraph("Every United Nations document symbol cited in a report of the archive, with its title "
                   "where a report's list of documents gives it, and every paragraph that cites it. A symbol "
                   "links to the document in the archive when the archive holds it, otherwise to the United "
                   "Nations' document system. Ranges such as <code>CRP.1-10</code> are listed document by document.")
    page.paragraph(f"{len(entries)} documents.")
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
