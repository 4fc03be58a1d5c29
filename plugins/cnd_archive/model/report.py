"""The report model: the addressable elements of one annotated Markdown report.

Parsed once with markdown-it-py, whose tokens carry source line maps, so every element
and every problem knows its line. Ids come from printed numbers (see ``anchors``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from cnd_archive.layout import RECOMMENDATIONS_CHAPTER
from cnd_archive.model import anchors, numbering
from cnd_archive.errors import Problem
from cnd_archive.model.frontmatter import ContentFile
from cnd_archive.model.markdown_text import EXPLICIT_ID_RE, plain_text
from cnd_archive.model.parser import parse_tokens
from cnd_archive.result_codec import NOT_STORED, stored

_CHAPTER_RE = re.compile(r"^(?P<label>[IVXLC]+)\. \S")
_SECTION_RE = re.compile(r"^(?P<label>[A-Z])\. \S")
_ISSUE_RE = re.compile(r"^(?:Issue )?(?P<label>\d+)\. \S")
"""A working-group issue: "Issue 2. Title", or a topic "2. Title" as the Subcommission numbers them."""
_NUMBER_RE = re.compile(rf"^(?P<label>{numbering.NUMBER})\\\. ")
_LETTER_RE = re.compile(rf"^\((?P<label>{numbering.LETTER})\) ")




@stored
@dataclass(frozen=True)
class Element:
    kind: str
    """chapter, section, issue, annex, heading, title, paragraph, subparagraph or item."""
    id: str
    label: str
    line: int
    text: str
    parent: str | None = None
    recommendation: bool = False
    issue: int | None = None
    end_line: int = 0
    """Last line of the element's first block (for notes inserted after it)."""

    @functools.cached_property
    def plain_text(self) -> str:
        """The words of the element without Markdown escapes, footnote markers or its number (read
        by many indexes, computed once)."""
        return plain_text(numbering.LEADING_MARKER_RE.sub("", self.text))


@stored
@dataclass(frozen=True)
class Table:
    line: int
    header: list[str]
    rows: list[tuple[int, list[str]]]
    """(line, cells) of each body row."""


@stored
@dataclass
class Report:
    path: str
    meta: dict[str, Any]
    body: str
    body_line: int
    elements: list[Element] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    footnote_labels: list[str] = field(default_factory=list)

    _ids: dict[str, Element] = field(default_factory=dict, compare=False, repr=False, metadata=NOT_STORED)

    def by_id(self) -> dict[str, Element]:
        """Elements by id, built once when the report has been read (or read back from the build cache)."""
        if not self._ids and self.elements:
            self._ids = {e.id: e for e in self.elements}
        return self._ids

    @functools.cached_property
    def recommendations(self) -> list[Element]:
        """Read once the report is read (``read_report``), by many indexes."""
        return [e for e in self.elements if e.recommendation]


@dataclass
class _State:
    chapter: str = ""
    issue: int | None = None
    paragraph: str = ""
    last_paragraph: int = 0
    last_letter: int = 0
    item: str = ""
    last_item: int = 0
    last_item_letter: int = 0


class _Reader:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.problems: list[Problem] = []
        self.state = _State()
        self.seen: dict[str, int] = {}
        self.end_line = 0

    def line_of(self, token: Token) -> int:
        return self.report.body_line + (token.map[0] if token.map else 0)

    def fail(self, line: int, message: str, fix: str) -> None:
        self.problems.append(Problem(self.report.path, line, message, fix))

    def add(self, element: Element) -> None:
        if element.id in self.seen:
            self.fail(element.line, f"id {element.id!r} is already used on line {self.seen[element.id]}",
                      "each printed number may occur once in its place")
            return
        self.seen[element.id] = element.line
        self.report.elements.append(element)

    def read(self, tokens: list[Token]) -> None:
        list_depth = 0
        for index, token in enumerate(tokens):
            if token.type in ("bullet_list_open", "ordered_list_open"):
                list_depth += 1
                if token.type == "ordered_list_open" and list_depth == 1:
                    self.refuse_ordered_list(token)
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                list_depth -= 1
            elif token.type == "heading_open":
                self.heading(token, tokens[index + 1])
            elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
                self.paragraph(tokens[index - 1], token, list_depth)
            elif token.type == "table_open":
                self.table(tokens, index)

    def refuse_ordered_list(self, token: Token) -> None:
        self.fail(self.line_of(token), "a numbered line became a Markdown list",
                  "escape the dot of a printed number, e.g. '23\\. The ...', so the number is kept")

    # -- headings ------------------------------------------------------------

    def heading(self, open_token: Token, inline: Token) -> None:
        line = self.line_of(open_token)
        level = int(open_token.tag[1])
        text = inline.content
        explicit = EXPLICIT_ID_RE.search(text)
        bare = text[: explicit.start()] if explicit else text
        derived = self.derived_heading(level, bare, line)
        if derived is not None:
            if explicit:
                self.fail(line, f"heading {bare[:30]!r} has a printed number and an explicit id",
                          f"remove '{{#{explicit['id']}}}': the id {derived.id!r} comes from the number")
            self.add(derived)
            return
        if not explicit:
            self.fail(line, f"heading {bare[:40]!r} has no printed number and no id",
                      "add a stable id at its end, e.g. '{#chp_I__recommendations}'")
            return
        if not anchors.ID_RE.match(explicit["id"]):
            self.fail(line, f"id {explicit['id']!r} is not allowed",
                      "ids use ASCII letters, digits and '_' and start with a lower-case letter")
            return
        kind = "title" if level == 1 else "heading"
        self.add(Element(kind, explicit["id"], "", line, bare, parent=self.state.chapter or None))

    def derived_heading(self, level: int, text: str, line: int) -> Element | None:
        state = self.state
        if level == 2:
            annex = numbering.ANNEX_RE.match(text)
            chapter = _CHAPTER_RE.match(text)
            if annex:
                state.chapter, state.issue = anchors.annex_id(annex["label"]), None
                return Element("annex", state.chapter, annex["label"] or "", line, text)
            if chapter:
                state.chapter, state.issue = anchors.chapter_id(chapter["label"]), None
                return Element("chapter", state.chapter, chapter["label"], line, text)
        if level == 3:
            section = _SECTION_RE.match(text)
            if section and state.chapter:
                return Element("section", anchors.section_id(state.chapter, section["label"]),
                               section["label"], line, text, parent=state.chapter)
        if level == 4:
            issue = _ISSUE_RE.match(text)
            if issue and state.chapter:
                state.issue = int(issue["label"])
                return Element("issue", anchors.issue_id(state.chapter, state.issue), issue["label"],
                               line, text, parent=state.chapter, issue=state.issue)
        return None

    # -- tables --------------------------------------------------------------

    def table(self, tokens: list[Token], start: int) -> None:
        rows: list[tuple[int, list[str]]] = []
        cells: list[str] = []
        line = self.line_of(tokens[start])
        for token in tokens[start + 1:]:
            if token.type == "table_close":
                break
            if token.type == "tr_open":
                cells, line = [], self.line_of(token)
            elif token.type == "inline":
                cells.append(token.content)
            elif token.type == "tr_close":
                rows.append((line, cells))
        if rows:
            self.report.tables.append(Table(rows[0][0], rows[0][1], rows[1:]))

    # -- paragraphs ----------------------------------------------------------

    def paragraph(self, open_token: Token, inline: Token, list_depth: int) -> None:
        line = self.line_of(open_token)
        self.end_line = self.report.body_line + (open_token.map[1] - 1 if open_token.map else 0)
        text = inline.content
        number = _NUMBER_RE.match(text)
        letter = _LETTER_RE.match(text)
        if list_depth == 0 and number:
            self.numbered_paragraph(int(number["label"]), line, text)
        elif list_depth == 0 and letter:
            self.subparagraph(letter["label"], line, text)
        elif list_depth == 1 and number:
            self.item(int(number["label"]), line, text)
        elif list_depth == 2 and letter and self.state.item:
            self.subitem(letter["label"], line, text)

    def numbered_paragraph(self, number: int, line: int, text: str) -> None:
        state = self.state
        expected = state.last_paragraph + 1
        if number != expected:
            what = "repeats" if number < expected else "jumps"
            self.fail(line, f"paragraph {number} {what}: expected {expected}",
                      "paragraphs are numbered 1, 2, 3 ... through the whole report")
        state.last_paragraph, state.last_letter, state.item = number, 0, ""
        state.paragraph = anchors.paragraph_id(number)
        self.add(Element("paragraph", state.paragraph, str(number), line, text,
                         parent=state.chapter or None, issue=state.issue, end_line=self.end_line))

    def subparagraph(self, letter: str, line: int, text: str) -> None:
        state = self.state
        if not state.paragraph:
            self.fail(line, f"subparagraph ({letter}) comes before any numbered paragraph",
                      "put it after the paragraph it belongs to")
            return
        state.last_letter = self.check_letter(letter, state.last_letter, line)
        recommendation = state.chapter == RECOMMENDATIONS_CHAPTER and state.issue is not None
        self.add(Element("subparagraph", anchors.subparagraph_id(state.paragraph, letter), letter,
                         line, text, parent=state.paragraph, recommendation=recommendation,
                         issue=state.issue, end_line=self.end_line))

    def item(self, number: int, line: int, text: str) -> None:
        state = self.state
        if not state.paragraph:
            self.fail(line, f"list item {number} comes before any numbered paragraph",
                      "put the list after the paragraph that introduces it")
            return
        if not state.item:
            state.last_item = 0
        if number != state.last_item + 1:
            self.fail(line, f"item {number} out of order: expected {state.last_item + 1}",
                      "number the items of a list 1, 2, 3 ...")
        state.last_item, state.last_item_letter = number, 0
        state.item = anchors.item_id(state.paragraph, number)
        self.add(Element("item", state.item, str(number), line, text, parent=state.paragraph, end_line=self.end_line))

    def subitem(self, letter: str, line: int, text: str) -> None:
        state = self.state
        state.last_item_letter = self.check_letter(letter, state.last_item_letter, line)
        self.add(Element("item", anchors.subparagraph_id(state.item, letter), letter, line, text,
                         parent=state.item, end_line=self.end_line))

    def check_letter(self, letter: str, previous: int, line: int) -> int:
        problem = numbering.letter_out_of_sequence(letter, previous)
        if problem:
            self.fail(line, problem, "letter subparagraphs (a), (b), (c) ... under each paragraph")
        return numbering.letter_index(letter)


def read_report(document: ContentFile, tokens: list[Token] | None = None) -> tuple[Report, list[Problem]]:
    """The report's elements and every problem with its structure, all at once.

    Pass the tokens if the body was already parsed (the safety check uses the same parse).
    """
    report = Report(document.path, document.meta, document.body, document.body_line)
    reader = _Reader(report)
    reader.read(tokens if tokens is not None else parse_tokens(document.body))
    report.footnote_labels = numbering.FOOTNOTE_DEFINITION_RE.findall(document.body)
    report._ids = {e.id: e for e in report.elements}
    return report, reader.problems
