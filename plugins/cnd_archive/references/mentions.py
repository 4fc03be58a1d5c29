"""References in a meeting page's text, found once: document symbols, meetings, countries.

Each body line is read once; the mentions are kept (they feed the documents index, the
country pages and the open data) and later turned into links (``publishing.resolver``)
whose text is the printed wording. Links a contributor wrote by hand are checked here too:
a link to a paragraph of another meeting must name an anchor that exists there.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.errors import Problem
from cnd_archive.registry.bodies import Body, body_by_code
from cnd_archive.registry.gazetteer import load_gazetteer
from cnd_archive.layout import Target, meeting_uri, resolve_relative
from cnd_archive.references.meetings import MeetingMention, find_meetings
from cnd_archive.model.numbering import FOOTNOTE_DEFINITION_RE
from cnd_archive.model.report import Report
from cnd_archive.references.symbols import SymbolMention, find_symbols

_HEADING_RE = re.compile(r"^#{1,6}\s")
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


def _enclosing(report: Report) -> tuple[list[int], list[str]]:
    ordered = sorted(report.elements, key=lambda e: e.line)
    return [e.line for e in ordered], [e.id for e in ordered]


def scan(report: Report, meeting: Meeting, bodies: tuple[Body, ...]) -> list[Mention]:
    """Every symbol and meeting mention of one report, with the element it is cited in."""
    starts, ids = _enclosing(report)

    def cited_at(number: int, line: str) -> str:
        footnote = FOOTNOTE_DEFINITION_RE.match(line)
        if footnote:
            return f"fn:{footnote['label']}"
        position = bisect.bisect_right(starts, number) - 1
        return ids[position] if position >= 0 else ""

    return _scan_lines(report.body, report.body_line, meeting, bodies, cited_at, entities=True)


def scan_text(text: str, meeting: Meeting, bodies: tuple[Body, ...]) -> list[Mention]:
    """Symbols and meetings in a page that has no report model (a placeholder); lines count from 1.

    Countries are linked from reports only: a placeholder's facts are not the record.
    """
    return _scan_lines(text, 1, meeting, bodies, lambda number, line: "", entities=False)


def _scan_lines(text: str, first_line: int, meeting: Meeting, bodies: tuple[Body, ...],
                cited_at: Callable[[int, str], str], entities: bool) -> list[Mention]:
    mentions: list[Mention] = []
    for index, line in enumerate(text.split("\n")):
        number = first_line + index
        target = Target(meeting.src_uri, cited_at(number, line))
        mentions += _line_mentions(line, number, target, meeting, bodies, entities)
    return mentions


def _line_mentions(line: str, number: int, cited_at: Target, meeting: Meeting, bodies: tuple[Body, ...],
                   entities: bool) -> list[Mention]:
    # Text a contributor already linked is theirs: nothing inside a link is linked again.
    found: list[Mention] = [Mention("", number, m.start(), m.end(), "", cited_at)
                            for m in _MARKDOWN_LINK_RE.finditer(line)]
    heading = bool(_HEADING_RE.match(line))
    symbol_mentions: list[SymbolMention] = [m for m in find_symbols(line) if m.symbols]
    for s in symbol_mentions:
        if not any(f.start < s.end and s.start < f.end for f in found):
            found.append(Mention(meeting.src_uri, number, s.start, s.end, s.wording, cited_at, symbols=s.symbols))
    for m in find_meetings(line, meeting.body.code, bodies):
        if not any(f.start < m.end and m.start < f.end for f in found):
            found.append(Mention(meeting.src_uri, number, m.start, m.end, m.wording, cited_at,
                                 meeting=m, heading=heading))
    if entities and not heading:
        for e in load_gazetteer().find(line):
            if not any(f.start < e.end and e.start < f.end for f in found):
                found.append(Mention(meeting.src_uri, number, e.start, e.end, e.wording, cited_at, entity=e.entity))
    return sorted((f for f in found if f.wording), key=lambda f: f.start)


def unresolved_meetings(mentions: list[Mention], archive: Archive, path: str) -> list[Problem]:
    """A meeting named in a report must have a page, at least a placeholder."""
    problems = []
    for mention in mentions:
        meeting = mention.meeting
        if meeting is not None and archive.meeting(meeting.body, meeting.number) is None \
                and _meeting_uri(meeting.body, meeting.number, archive) not in archive.unreadable:
            problems.append(Problem(path, mention.line,
                                    f"'{mention.wording[:60]}' names {meeting.body} meeting {meeting.number}, "
                                    "which has no page",
                                    f"add content/{_meeting_uri(meeting.body, meeting.number, archive)} "
                                    "(kind: placeholder) with the facts known of it", mention.start + 1))
    return problems


def _meeting_uri(body_code: str, number: int, archive: Archive) -> str:
    return meeting_uri(body_by_code(body_code, archive.bodies).slug, number)


def broken_page_links(body: str, body_line: int, path: str, page_uri: str,
                      anchors_by_uri: dict[str, set[str]]) -> list[Problem]:
    """Links to an anchor of a meeting page that does not have it."""
    problems: list[Problem] = []
    for index, line in enumerate(body.split("\n")):
        for match in _PAGE_LINK_RE.finditer(line):
            target = resolve_relative(page_uri, match["path"]) if match["path"] else page_uri
            known = anchors_by_uri.get(target)
            if known is not None and match["anchor"] not in known:
                problems.append(Problem(path, body_line + index,
                                        f"link to '{match['path'] or ''}#{match['anchor']}': no such "
                                        "paragraph, recommendation or heading there",
                                        "anchors come from printed numbers, e.g. #para_18 or "
                                        "#para_2__subpara_a", match.start() + 1))
    return problems
