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
from cnd_archive.result_codec import stored

_HEADING_RE = re.compile(r"^#{1,6}\s")
_PAGE_LINK_RE = re.compile(r"\[[^\]]*\]\((?P<path>[\w./-]*\.md)?#(?P<anchor>[^)\s]+)\)")
"""Applied to one link's text at a time (``link_spans``), so it never runs over a whole line."""
MAX_DOCUMENTS_PER_PAGE = 5_000
"""Documents the ranges of one page may stand for; the 27th report cites about 60."""


@stored
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
    over_limit: bool = False
    """A range past the page's MAX_DOCUMENTS_PER_PAGE: not expanded, and reported."""


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


def scan_text(text: str, meeting: Meeting, bodies: tuple[Body, ...], first_line: int = 1) -> list[Mention]:
    """Symbols and meetings in a page that has no report model (a placeholder's own words), whose
    first line is ``first_line`` of its file.

    Countries are linked from reports only: a placeholder's facts are not the record.
    """
    return _scan_lines(text, first_line, meeting, bodies, lambda number, line: "", entities=False)


def _scan_lines(text: str, first_line: int, meeting: Meeting, bodies: tuple[Body, ...],
                cited_at: Callable[[int, str], str], entities: bool) -> list[Mention]:
    mentions: list[Mention] = []
    documents = MAX_DOCUMENTS_PER_PAGE
    for index, line in enumerate(text.split("\n")):
        number = first_line + index
        target = Target(meeting.src_uri, cited_at(number, line))
        found = _line_mentions(line, number, target, meeting, bodies, entities, documents)
        documents -= sum(len(m.symbols) for m in found)
        mentions += found
    return mentions


class _Taken:
    """Which characters of a line a mention already holds: a later mention may not overlap one.

    One mark per character, so a line of forty thousand mentions is checked in one pass
    rather than each mention against every earlier one."""

    def __init__(self, length: int) -> None:
        self.marks = bytearray(length)

    def take(self, start: int, end: int) -> bool:
        if self.marks.find(1, start, end) >= 0:
            return False
        self.marks[start:end] = b"\x01" * (end - start)
        return True


def _line_mentions(line: str, number: int, cited_at: Target, meeting: Meeting, bodies: tuple[Body, ...],
                   entities: bool, documents: int) -> list[Mention]:
    taken = _Taken(len(line))
    # Text a contributor already linked is theirs: nothing inside a link is linked again.
    for start, end in link_spans(line):
        taken.take(start, end)
    found: list[Mention] = []
    heading = bool(_HEADING_RE.match(line))
    symbol_mentions: list[SymbolMention] = [m for m in find_symbols(line, max(0, documents))
                                            if m.symbols or m.kind == "over-limit"]
    for s in symbol_mentions:
        if taken.take(s.start, s.end):
            found.append(Mention(meeting.src_uri, number, s.start, s.end, s.wording, cited_at, symbols=s.symbols,
                                 over_limit=s.kind == "over-limit"))
    for m in find_meetings(line, meeting.body.code, bodies):
        if taken.take(m.start, m.end):
            found.append(Mention(meeting.src_uri, number, m.start, m.end, m.wording, cited_at,
                                 meeting=m, heading=heading))
    if entities and not heading:
        for e in load_gazetteer().find(line):
            if taken.take(e.start, e.end):
                found.append(Mention(meeting.src_uri, number, e.start, e.end, e.wording, cited_at, entity=e.entity))
    return sorted(found, key=lambda f: f.start)


def link_spans(line: str) -> list[tuple[int, int]]:
    """Where ``[text](address)`` links stand in a line, in one pass: each '[' takes the first ']' after
    it and each '(' the first ')' (as ``\\[[^\\]]*\\]\\([^)]*\\)`` would, without retrying every '[' of
    a long run against the rest of the line)."""
    spans: list[tuple[int, int]] = []
    position = 0
    while (start := line.find("[", position)) >= 0:
        close = line.find("]", start + 1)
        if close < 0:
            break
        if not line.startswith("(", close + 1):
            position = close + 1  # every '[' up to here closes at this same ']'
            continue
        end = line.find(")", close + 2)
        if end < 0:
            break  # no ')' is left for any later link either
        spans.append((start, end + 1))
        position = end + 1
    return spans


def mention_problems(mentions: list[Mention], archive: Archive, path: str) -> list[Problem]:
    """Meetings named without a page, and ranges past what one page may cite."""
    over = [m for m in mentions if m.over_limit]
    problems = unresolved_meetings(mentions, archive, path)
    if over:
        problems.append(Problem(path, over[0].line, f"the ranges of this page stand for more than "
                                f"{MAX_DOCUMENTS_PER_PAGE} documents; '{over[0].wording[:40]}' and "
                                f"{len(over) - 1} more are not expanded", "check the ranges: a report cites a few "
                                "dozen documents", over[0].start + 1))
    return problems


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
        for start, end in link_spans(line):
            match = _PAGE_LINK_RE.fullmatch(line, start, end)
            if match is None:
                continue
            target = resolve_relative(page_uri, match["path"]) if match["path"] else page_uri
            known = anchors_by_uri.get(target)
            if known is not None and match["anchor"] not in known:
                problems.append(Problem(path, body_line + index,
                                        f"link to '{match['path'] or ''}#{match['anchor']}': no such "
                                        "paragraph, recommendation or heading there",
                                        "anchors come from printed numbers, e.g. #para_18 or "
                                        "#para_2__subpara_a", match.start() + 1))
    return problems
