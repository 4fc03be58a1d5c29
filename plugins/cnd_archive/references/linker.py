"""References in a meeting page's text: found once, resolved against the archive, checked.

Each body line is read once for document symbols and meeting references; the mentions
are kept (they feed the documents index and the open data) and turned into Markdown
links whose text is the printed wording. Explicit links a contributor wrote are checked
too: ``[note](symbol:UNODC/HONLAC/27/4)`` must hold a valid symbol, and a link to a
paragraph of another meeting must name an anchor that exists there.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.errors import Problem
from cnd_archive.references.followup import recommendations_target
from cnd_archive.registry.gazetteer import load_gazetteer
from cnd_archive.layout import Target
from cnd_archive.references.meetings import MeetingMention, find_meetings
from cnd_archive.publishing.anchoring import Replacement
from cnd_archive.model.report import Report
from cnd_archive.references.symbols import SymbolMention, find_symbols, parse_symbol, resolver_url

DOCUMENTS_URI = "documents.md"

_FOOTNOTE_DEF_RE = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:")
_HEADING_RE = re.compile(r"^#{1,6}\s")
_EXPLICIT_SYMBOL_RE = re.compile(r"\]\(symbol:(?P<symbol>[^)\s]*)\)")
_MARKDOWN_LINK_RE = re.compile(r"\[[^\]]*\]\([^)]*\)(?:\{[^}]*\})?")
_PAGE_LINK_RE = re.compile(r"\[[^\]]*\]\((?P<path>[\w./-]*\.md)?#(?P<anchor>[^)\s]+)\)")


@dataclass(frozen=True)
class Mention:
    src_uri: str
    line: int
    start: int
    end: int
    wording: str
    cited_at: Target
    """The element (paragraph, footnote, heading) the mention is in."""
    symbols: tuple[str, ...] = ()
    meeting: MeetingMention | None = None
    heading: bool = False
    entity: str = ""
    """Gazetteer id of a country or organisation."""


def entity_uri(entity_id: str) -> str:
    """Page of a country ("countries/arg.md") or an organisation ("organisations/unodc.md")."""
    kind = load_gazetteer().entity(entity_id).kind
    folder = "countries" if kind == "country" else "organisations"
    return f"{folder}/{entity_id.lower()}.md"


def document_anchor(symbol: str) -> str:
    return "doc_" + re.sub(r"[^A-Za-z0-9]+", "_", symbol).strip("_")


def _enclosing(report: Report) -> tuple[list[int], list[str]]:
    ordered = sorted(report.elements, key=lambda e: e.line)
    return [e.line for e in ordered], [e.id for e in ordered]


def scan(report: Report, meeting: Meeting) -> list[Mention]:
    """Every symbol and meeting mention of one report, with the element it is cited in."""
    starts, ids = _enclosing(report)

    def cited_at(number: int, line: str) -> str:
        footnote = _FOOTNOTE_DEF_RE.match(line)
        if footnote:
            return f"fn:{footnote['label']}"
        position = bisect.bisect_right(starts, number) - 1
        return ids[position] if position >= 0 else ""

    return _scan_lines(report.body, report.body_line, meeting, cited_at, entities=True)


def scan_text(text: str, meeting: Meeting) -> list[Mention]:
    """Symbols and meetings in a page that has no report model (a placeholder); lines count from 1.

    Countries are linked from reports only: a placeholder's facts are not the record.
    """
    return _scan_lines(text, 1, meeting, lambda number, line: "", entities=False)


def _scan_lines(text: str, first_line: int, meeting: Meeting,
                cited_at: Callable[[int, str], str], entities: bool) -> list[Mention]:
    mentions: list[Mention] = []
    for index, line in enumerate(text.split("\n")):
        number = first_line + index
        target = Target(meeting.src_uri, cited_at(number, line))
        mentions += _line_mentions(line, number, target, meeting, entities)
    return mentions


def _line_mentions(line: str, number: int, cited_at: Target, meeting: Meeting, entities: bool) -> list[Mention]:
    # Text a contributor already linked is theirs: nothing inside a link is linked again.
    found: list[Mention] = [Mention("", number, m.start(), m.end(), "", cited_at)
                            for m in _MARKDOWN_LINK_RE.finditer(line)]
    heading = bool(_HEADING_RE.match(line))
    symbol_mentions: list[SymbolMention] = [m for m in find_symbols(line) if m.symbols]
    for s in symbol_mentions:
        if not any(f.start < s.end and s.start < f.end for f in found):
            found.append(Mention(meeting.src_uri, number, s.start, s.end, s.wording, cited_at, symbols=s.symbols))
    for m in find_meetings(line, meeting.body.code):
        if not any(f.start < m.end and m.start < f.end for f in found):
            found.append(Mention(meeting.src_uri, number, m.start, m.end, m.wording, cited_at,
                                 meeting=m, heading=heading))
    if entities and not heading:
        for e in load_gazetteer().find(line):
            if not any(f.start < e.end and e.start < f.end for f in found):
                found.append(Mention(meeting.src_uri, number, e.start, e.end, e.wording, cited_at, entity=e.entity))
    return sorted((f for f in found if f.wording), key=lambda f: f.start)


@dataclass
class Resolver:
    archive: Archive
    resolver_base: str
    language: str = "en"

    def __post_init__(self) -> None:
        self._held = {str(s.meta["symbol"]): s for s in self.archive.meetings if s.meta.get("symbol")}

    def held_documents(self) -> dict[str, Meeting]:
        """Symbols of the documents the archive holds (a report's own symbol)."""
        return self._held

    def symbol_target(self, symbols: tuple[str, ...], page_uri: str) -> str:
        if len(symbols) > 1:
            return Target(DOCUMENTS_URI, document_anchor(symbols[0])).markdown_from(page_uri)
        held = self.held_documents().get(symbols[0])
        if held is not None:
            return Target(held.src_uri).markdown_from(page_uri)
        return resolver_url(symbols[0], self.language, self.resolver_base)

    def meeting_target(self, mention: Mention, page: Meeting) -> Target | None:
        cited = mention.meeting
        assert cited is not None
        meeting = self.archive.meeting(cited.body, cited.number)
        if meeting is None:
            return None
        if cited.about_recommendations:
            return recommendations_target(self.archive, meeting)
        return Target(meeting.src_uri)

    def replacements(self, mentions: list[Mention], page: Meeting) -> dict[int, list[Replacement]]:
        out: dict[int, list[Replacement]] = {}
        for mention in mentions:
            href = self.href(mention, page)
            if href is not None:
                out.setdefault(mention.line, []).append(
                    Replacement(mention.start, mention.end, f"[{mention.wording}]({href})"))
        return out

    def href(self, mention: Mention, page: Meeting) -> str | None:
        if mention.entity:
            return Target(entity_uri(mention.entity)).markdown_from(page.src_uri)
        if mention.symbols:
            return self.symbol_target(mention.symbols, page.src_uri)
        cited = mention.meeting
        assert cited is not None
        is_self = (cited.body, cited.number) == (page.body.code, page.number)
        if is_self and (mention.heading or not cited.about_recommendations):
            return None  # a page does not link to itself, except to its own recommendations
        target = self.meeting_target(mention, page)
        return target.markdown_from(page.src_uri) if target else None


def unresolved_meetings(mentions: list[Mention], archive: Archive, path: str) -> list[Problem]:
    """A meeting named in a report must have a page, at least a placeholder."""
    problems = []
    for mention in mentions:
        meeting = mention.meeting
        if meeting is not None and archive.meeting(meeting.body, meeting.number) is None:
            problems.append(Problem(path, mention.line,
                                    f"'{mention.wording[:60]}' names {meeting.body} meeting {meeting.number}, "
                                    "which has no page",
                                    f"add content/{meeting.body.lower()}/{meeting.number}.md "
                                    "(kind: placeholder) with the facts known of it", mention.start + 1))
    return problems


def explicit_symbol_replacements(body: str, body_line: int, path: str, resolver: Resolver,
                                 page_uri: str) -> tuple[dict[int, list[Replacement]], list[Problem]]:
    """``[text](symbol:X)`` links: resolved, or a problem naming the malformed symbol."""
    out: dict[int, list[Replacement]] = {}
    problems: list[Problem] = []
    for index, line in enumerate(body.split("\n")):
        for match in _EXPLICIT_SYMBOL_RE.finditer(line):
            try:
                symbol = parse_symbol(match["symbol"])
            except ValueError as error:
                problems.append(Problem(path, body_line + index, f"malformed symbol in link: {error}",
                                        "write a UN document symbol, e.g. '](symbol:E/CN.7/2017/11)'",
                                        match.start() + 1))
                continue
            href = resolver.symbol_target((symbol,), page_uri)
            out.setdefault(body_line + index, []).append(Replacement(match.start(), match.end(), f"]({href})"))
    return out, problems


def broken_page_links(body: str, body_line: int, path: str, page_uri: str,
                      anchors_by_uri: dict[str, set[str]]) -> list[Problem]:
    """Links to an anchor of a meeting page that does not have it."""
    problems: list[Problem] = []
    for index, line in enumerate(body.split("\n")):
        for match in _PAGE_LINK_RE.finditer(line):
            target = _resolve_relative(page_uri, match["path"]) if match["path"] else page_uri
            known = anchors_by_uri.get(target)
            if known is not None and match["anchor"] not in known:
                problems.append(Problem(path, body_line + index,
                                        f"link to '{match['path'] or ''}#{match['anchor']}': no such "
                                        "paragraph, recommendation or heading there",
                                        "anchors come from printed numbers, e.g. #para_18 or "
                                        "#para_2__subpara_a", match.start() + 1))
    return problems


def _resolve_relative(page_uri: str, path: str) -> str:
    parts = page_uri.split("/")[:-1]
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)
