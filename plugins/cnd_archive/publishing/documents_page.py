"""The documents index page: every symbol cited anywhere, its title, its link, who cites it."""

from __future__ import annotations

from cnd_archive.indexes.documents import DocumentEntry
from cnd_archive.layout import DOCUMENTS, Target, document_anchor
from cnd_archive.model.anchors import citation_label
from cnd_archive.model.archive import Archive
from cnd_archive.model.markdown_text import escape
from cnd_archive.publishing.resolver import Resolver


def _source_name(target: Target, archive: Archive) -> str:
    meeting = archive.meeting_at(target.src_uri)
    name = f"{meeting.body.code} {meeting.number}" if meeting else target.src_uri
    return f"{name}, {citation_label(target.anchor)}"


def index_page(entries: list[DocumentEntry], archive: Archive, resolver: Resolver) -> str:
    rows = []
    for entry in entries:
        href = resolver.symbol_target((entry.symbol,), DOCUMENTS)
        anchor = document_anchor(entry.symbol)
        title = escape(entry.title, extra="|") if entry.title else "—"
        if entry.agenda_item and entry.listed_by:
            title += f" (agenda item {escape(entry.agenda_item, extra='|')} of the {entry.listed_by.ordinal_name})"
        cited = ", ".join(f"[{escape(_source_name(t, archive))}]({t.markdown_from(DOCUMENTS)})"
                          for t in entry.cited_in) or "—"
        rows.append(f"| [{escape(entry.symbol, extra='|')}]({href}){{#{anchor}}} | {title} | {cited} |")
    return "\n".join([
        "---", "title: Documents", "---", "",
        "# Documents cited in the archive {#title}", "",
        "Every United Nations document symbol cited in a report of the archive, with its title "
        "where a report's list of documents gives it, and every paragraph that cites it. A symbol "
        "links to the document in the archive when the archive holds it, otherwise to the United "
        "Nations' document system. Ranges such as `CRP.1-10` are listed document by document.", "",
        f"{len(entries)} documents.", "",
        "| Symbol | Title | Cited in |", "| --- | --- | --- |", *rows, "",
    ])
