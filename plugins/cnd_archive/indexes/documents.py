"""The documents cited in the archive: every symbol, its title from a list of documents, who cites it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.references.mentions import Mention
from cnd_archive.layout import Target
from cnd_archive.model.markdown_text import plain_text
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
