"""The documents index: every symbol cited anywhere, its title, its link, who cites it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnd_archive.model.anchors import citation_label
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.references.linker import DOCUMENTS_URI, Mention, Resolver, document_anchor
from cnd_archive.layout import Target
from cnd_archive.importing.markdown_writer import escape
from cnd_archive.model.report import plain_text
from cnd_archive.references.symbols import find_symbols

_NATURAL_RE = re.compile(r"(\d+)")


@dataclass
class DocumentEntry:
    symbol: str
    title: str | None = None
    agenda_item: str | None = None
    listed_by: Meeting | None = None
    """The meeting whose list of documents (annex) names this one."""
    cited_in: list[Target] = field(default_factory=list)


def natural_key(symbol: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in _NATURAL_RE.split(symbol)]


def collect(archive: Archive, mentions: dict[str, list[Mention]]) -> list[DocumentEntry]:
    entries: dict[str, DocumentEntry] = {}
    seen: set[tuple[str, Target]] = set()
    for meeting in archive.meetings:
        for mention in mentions.get(meeting.src_uri, []):
            for symbol in mention.symbols:
                entry = entries.setdefault(symbol, DocumentEntry(symbol))
                if (symbol, mention.cited_at) not in seen:
                    seen.add((symbol, mention.cited_at))
                    entry.cited_in.append(mention.cited_at)
        _add_titles(archive, meeting, entries)
    return sorted(entries.values(), key=lambda e: natural_key(e.symbol))


def _add_titles(archive: Archive, meeting: Meeting, entries: dict[str, DocumentEntry]) -> None:
    """Titles and agenda items from a report's table of documents (Symbol | Agenda item | Title)."""
    report = archive.reports.get(meeting.src_uri)
    for table in report.tables if report else []:
        header = [plain_text(cell).lower() for cell in table.header]
        if "symbol" not in header:
            continue
        title_column = next((i for i, h in enumerate(header) if h.startswith("title")), None)
        item_column = next((i for i, h in enumerate(header) if h.startswith("agenda item")), None)
        for _, cells in table.rows:
            for mention in find_symbols(plain_text(cells[header.index("symbol")])):
                for symbol in mention.symbols:
                    entry = entries.setdefault(symbol, DocumentEntry(symbol))
                    entry.listed_by = meeting
                    if title_column is not None:
                        entry.title = plain_text(cells[title_column])
                    if item_column is not None:
                        entry.agenda_item = plain_text(cells[item_column])


def _source_name(target: Target, archive: Archive) -> str:
    meeting = archive.meeting_at(target.src_uri)
    name = f"{meeting.body.code} {meeting.number}" if meeting else target.src_uri
    return f"{name}, {citation_label(target.anchor)}"


def index_page(entries: list[DocumentEntry], archive: Archive, resolver: Resolver) -> str:
    rows = []
    for entry in entries:
        href = resolver.symbol_target((entry.symbol,), DOCUMENTS_URI)
        anchor = document_anchor(entry.symbol)
        title = escape(entry.title, extra="|") if entry.title else "—"
        if entry.agenda_item and entry.listed_by:
            title += f" (agenda item {escape(entry.agenda_item, extra='|')} of the {entry.listed_by.ordinal_name})"
        cited = ", ".join(f"[{escape(_source_name(t, archive))}]({t.markdown_from(DOCUMENTS_URI)})"
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
