"""Reading the plain text that a UN report's PDF gives: page furniture, footnotes, line kinds.

Extraction leaves a list dash before many lines, page footers (``V.17-07261 3/15``: a
job number and a page) and footnotes in the middle of the flow. This module takes that
apart line by line; ``importer`` puts the report back together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from cnd_archive.errors import Problem
from cnd_archive.model.numbering import ANNEX_RE, LETTER

MAX_SOURCE_BYTES = 5 * 1024 * 1024
"""A report is about 50 KB; anything a hundred times larger is not one."""

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

_FOOTER_RE = re.compile(r"^(?P<job>V\.\d{2}-\d{5})(?: \([A-Z]\))?\s+(?P<page>\d+)/(?P<pages>\d+)$")
_LIST_DASH_RE = re.compile(r"^\s*-\s+")
_FOOTNOTE_RE = re.compile(
    rf"^(?:\^\{{(?P<star>\*{{1,3}})\}}|(?P<sup>[{SUPERSCRIPT_DIGITS}]+))\s+(?P<text>\S.*)$"
)
_ISSUE_RE = re.compile(r"^Issue (?P<number>\d+)\.\s+(?P<text>\S.*)$")
_LETTER_HEADING_RE = re.compile(r"^(?P<label>[A-Z]{1,6})\.\s+(?P<text>\S.*)$")
_PARAGRAPH_RE = re.compile(r"^(?P<number>\d{1,4})\.\s+(?P<text>\S.*)$")
_SUBPARAGRAPH_RE = re.compile(rf"^\((?P<letter>{LETTER})\)\s+(?P<text>\S.*)$")
_MARKER_RE = re.compile(rf"\s?(?P<sup>[{SUPERSCRIPT_DIGITS}]+)")


class Kind(Enum):
    FOOTNOTE = "footnote"
    ISSUE = "issue heading"
    LABELLED_HEADING = "chapter or section heading"
    ANNEX = "annex heading"
    PARAGRAPH = "numbered paragraph"
    SUBPARAGRAPH = "lettered subparagraph"
    TABLE_ROW = "table row"
    TEXT = "text"


@dataclass
class Line:
    """One meaningful line of the source, with its 1-based line number."""

    number: int
    kind: Kind
    text: str
    label: str = ""


@dataclass
class Source:
    lines: list[Line]
    job_number: str | None
    page_count: int | None
    problems: list[Problem] = field(default_factory=list)


def decode(data: bytes, path: str) -> str:
    """Return the text of a source file, or raise ValueError that says why it is not one."""
    if not data.strip():
        raise ValueError(f"{path}:1:1: the file is empty; give the plain text of a UN report")
    if len(data) > MAX_SOURCE_BYTES:
        raise ValueError(f"{path}:1:1: the file is {len(data)} bytes, more than the "
                         f"{MAX_SOURCE_BYTES} a report can be; check that it is the right file")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ValueError(f"{path}:{line}:1: the file is binary (a NUL byte); "
                         "extract the report's text first, e.g. with pdftotext")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValueError(f"{path}:{line}:1: the file is not valid UTF-8 (byte {error.start}); "
                         "save it as UTF-8") from None


def read_lines(text: str) -> Source:
    """Classify every line, dropping blank lines and page footers."""
    lines: list[Line] = []
    job_number, page_count = None, None
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        footer = _FOOTER_RE.match(stripped)
        if footer:
            job_number = job_number or footer["job"]
            page_count = int(footer["pages"])
            continue
        lines.append(_classify(number, raw))
    return Source(lines, job_number, page_count)


def _classify(number: int, raw: str) -> Line:
    if "\t" in raw:
        return Line(number, Kind.TABLE_ROW, raw.strip())
    text = _LIST_DASH_RE.sub("", raw).strip()
    footnote = _FOOTNOTE_RE.match(text)
    if footnote:
        label = footnote["star"] or footnote["sup"].translate(_SUPERSCRIPT_TO_ASCII)
        return Line(number, Kind.FOOTNOTE, footnote["text"], label)
    for kind, pattern, group in (
        (Kind.ISSUE, _ISSUE_RE, "number"),
        (Kind.PARAGRAPH, _PARAGRAPH_RE, "number"),
        (Kind.SUBPARAGRAPH, _SUBPARAGRAPH_RE, "letter"),
        (Kind.LABELLED_HEADING, _LETTER_HEADING_RE, "label"),
    ):
        match = pattern.match(text)
        if match:
            return Line(number, kind, match["text"], match[group])
    annex = ANNEX_RE.match(text)
    if annex:
        return Line(number, Kind.ANNEX, text, annex["label"] or "")
    return Line(number, Kind.TEXT, text)


def superscript_markers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of each superscript footnote marker, with the space before it."""
    return [(m.start(), m.end(), m["sup"].translate(_SUPERSCRIPT_TO_ASCII))
            for m in _MARKER_RE.finditer(text)]
