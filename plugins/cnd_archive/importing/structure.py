"""Rebuild a report's structure from its plain text, checking every printed number.

The importer never rewords: it only removes page furniture, re-joins what a page break
or a footnote cut in two, and says what each block is (chapter, paragraph, agenda item,
footnote ...). A number that jumps or repeats stops the import with the line to look at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from cnd_archive.model import anchors, numbering
from cnd_archive.errors import ContentError, Problem
from cnd_archive.importing.page_furniture import unwrapped, without_furniture
from cnd_archive.importing.plain_text import SUPERSCRIPT_DIGITS, Kind, Line, Source, read_lines, superscript_markers


class BlockKind(Enum):
    PREAMBLE = "preamble"
    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    SUBPARAGRAPH = "subparagraph"
    ITEM = "list item"
    TABLE = "table"


@dataclass
class Block:
    kind: BlockKind
    text: str
    line: int
    label: str = ""
    level: int = 0
    depth: int = 0
    anchor: str = ""
    numbered: bool = False
    """A heading whose id the build derives from its printed number or "Annex"."""
    topic: bool = False
    """A working-group topic printed "1. Title" (the Subcommission's way) rather than "Issue 1. Title"."""
    rows: list[list[str]] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)


@dataclass
class Footnote:
    label: str
    text: str
    line: int


@dataclass(frozen=True)
class Unread:
    """A fact the import could not read with certainty: left out (or kept as printed), and listed."""

    fact: str
    line: int
    """The line of the source."""
    note: str
    paragraph: int | None = None
    """The paragraph it belongs to, by its printed number, where it belongs to one."""


@dataclass
class Structure:
    blocks: list[Block]
    footnotes: list[Footnote]
    job_number: str | None
    page_count: int | None
    page_symbol: str | None = None
    """The report's symbol as its pages print it (its first line, or the running header)."""
    uncertain_hyphens: list[int] = field(default_factory=list)
    """Lines whose end hyphen the document's words do not settle (kept, and listed)."""
    unread: list[Unread] = field(default_factory=list)


# Headings known to recur in UN reports get a readable id; others are numbered in order.
_KNOWN_HEADINGS = (
    ("Recommendations adopted", "recommendations"),
    ("Observations and conclusions", "observations"),
    ("List of documents", "documents"),
)

_MAX_TOPIC_CHARACTERS = 200
"""A topic heading is a title, not a paragraph."""
_TERMINAL_RE = re.compile(r"""[.;:!?]["'”’)\]]*$""")
_MARKDOWN_MARKER_RE = re.compile(r"\[\^([^\]]+)\]")
_STAR_MARKER_RE = re.compile(r"(?<=[^\s*])(\*{1,3})(?=\s|$)")


def is_terminated(text: str) -> bool:
    """Whether a block's text ends a sentence or a clause, footnote markers aside."""
    bare = re.sub(r"\s?\[\^[^\]]+\]$", "", text.rstrip())
    bare = re.sub(r"\s?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$", "", bare)
    return bool(_TERMINAL_RE.search(bare))


class _Assembler:
    """Walks the classified lines once, keeping the numbering state of the report."""

    def __init__(self, path: str, lines: list[Line]) -> None:
        self.path = path
        self.lines = lines
        self.position = 0
        self.blocks: list[Block] = []
        self.footnotes: list[Footnote] = []
        self.problems: list[Problem] = []
        self.title_seen = False
        self.chapter = ""
        self.chapters = 0
        self.sections = 0
        self.issues = 0
        self.unnumbered_headings = 0
        self.next_paragraph = 1
        self.letters = 0
        self.list_mode = ""  # "", "agenda" or "plain"
        self.last_item = 0
        self.item_letters = 0
        self.previous: Line | None = None

    # -- helpers -------------------------------------------------------------

    def fail(self, line: Line, message: str, fix: str) -> None:
        self.problems.append(Problem(self.path, line.number, message, fix))

    @property
    def last(self) -> Block | None:
        return self.blocks[-1] if self.blocks else None

    def open_text_block(self) -> Block | None:
        """The block a cut-off line continues: body text that did not end its sentence."""
        last = self.last
        if last is None or last.kind in (BlockKind.HEADING, BlockKind.TITLE, BlockKind.TABLE):
            return None
        if last.kind is BlockKind.PREAMBLE or is_terminated(last.text):
            return None
        return last

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def end_list(self) -> None:
        self.list_mode, self.last_item, self.item_letters = "", 0, 0

    # -- line handlers -------------------------------------------------------

    def take(self, line: Line) -> None:
        handler = {
            Kind.FOOTNOTE: self.take_footnote,
            Kind.TABLE_ROW: self.take_table_row,
            Kind.TEXT: self.take_text,
            Kind.PARAGRAPH: self.take_paragraph,
            Kind.SUBPARAGRAPH: self.take_subparagraph,
            Kind.ISSUE: self.take_issue,
            Kind.LABELLED_HEADING: self.take_labelled_heading,
            Kind.ANNEX: self.take_annex,
        }[line.kind]
        if line.kind is not Kind.FOOTNOTE and not self.title_seen and line.kind is not Kind.TEXT:
            self.fail(line, f"found a {line.kind.value} before the report's title",
                      "a report starts with its date, 'Original:' line and 'Report of the ...' title")
        handler(line)
        self.previous = line

    def take_footnote(self, line: Line) -> None:
        self.footnotes.append(Footnote(line.label, line.text, line.number))

    def continue_footnote(self, line: Line) -> bool:
        if self.previous is None or self.previous.kind is not Kind.FOOTNOTE:
            return False
        footnote = self.footnotes[-1]
        if is_terminated(footnote.text):
            return False
        footnote.text += " " + line.text
        return True

    def join(self, block: Block, line: Line) -> None:
        block.text += " " + line.text

    def take_text(self, line: Line) -> None:
        if not self.title_seen:
            if line.text.startswith("Report of the "):
                self.title_seen = True
                self.add(Block(BlockKind.TITLE, line.text, line.number, level=1, anchor="title"))
            else:
                self.add(Block(BlockKind.PREAMBLE, line.text, line.number))
            return
        if self.continue_footnote(line):
            return
        if self.list_mode == "plain":
            self.add(Block(BlockKind.ITEM, line.text, line.number))
            return
        open_block = self.open_text_block()
        if open_block is not None:
            self.join(open_block, line)
            return
        last = self.last
        if last is not None and last.kind is BlockKind.PARAGRAPH and last.text.endswith(":"):
            self.list_mode = "plain"
            self.add(Block(BlockKind.ITEM, line.text, line.number))
            return
        self.add_unnumbered_heading(line)

    def add_unnumbered_heading(self, line: Line) -> None:
        self.end_list()
        self.unnumbered_headings += 1
        name = next((n for prefix, n in _KNOWN_HEADINGS if line.text.startswith(prefix)),
                    f"hdg_{self.unnumbered_headings}")
        scope = self.chapter or "front"
        self.add(Block(BlockKind.HEADING, line.text, line.number, level=3, anchor=f"{scope}__{name}"))

    def take_paragraph(self, line: Line) -> None:
        number = int(line.label)
        if self.is_topic_heading(line, number):
            self.add_topic(line, number)
            return
        open_block = self.open_text_block()
        if number != self.next_paragraph and open_block is not None and self.list_mode != "agenda":
            # A year or a figure that a page break left at the start of a line.
            self.join(open_block, Line(line.number, Kind.TEXT, f"{line.label}. {line.text}"))
            return
        if self.continues_agenda(number):
            self.add_item(line, number)
            return
        self.end_list()
        if number != self.next_paragraph:
            what = "repeats" if number < self.next_paragraph else "jumps"
            self.fail(line, f"paragraph number {number} {what}: expected {self.next_paragraph}",
                      "check the source for a lost or doubled paragraph")
        self.next_paragraph = number + 1
        self.letters = 0
        self.add(Block(BlockKind.PARAGRAPH, line.text, line.number, label=line.label))

    def is_topic_heading(self, line: Line, number: int) -> bool:
        """"1. Countering money-laundering": a working-group topic numbered apart from the paragraphs.
        It is short, ends no sentence, comes next in the topics' own numbering, and the paragraph
        numbering goes on right after it."""
        if not self.chapter or self.list_mode or number != self.issues + 1:
            return False
        if is_terminated(line.text) or len(line.text) > _MAX_TOPIC_CHARACTERS:
            return False
        following = next((other for other in self.lines[self.position + 1:] if other.kind is Kind.PARAGRAPH), None)
        return following is not None and int(following.label) == self.next_paragraph

    def add_topic(self, line: Line, number: int) -> None:
        self.end_list()
        self.issues = number
        self.add(Block(BlockKind.HEADING, line.text, line.number, label=line.label, level=4,
                       anchor=anchors.issue_id(self.chapter, number), numbered=True, topic=True))

    def continues_agenda(self, number: int) -> bool:
        # A list in progress wins a tie with the paragraph numbering: its next number is
        # what the reader expects, while a paragraph would leave the list cut short.
        if self.list_mode == "agenda":
            return number == self.last_item + 1
        if number == self.next_paragraph:
            return False
        last = self.last
        return number == 1 and last is not None and last.kind is BlockKind.PARAGRAPH \
            and last.text.endswith(":")

    def add_item(self, line: Line, number: int) -> None:
        self.list_mode, self.last_item, self.item_letters = "agenda", number, 0
        self.add(Block(BlockKind.ITEM, line.text, line.number, label=line.label))

    def take_subparagraph(self, line: Line) -> None:
        index = numbering.letter_index(line.label)
        last = self.last
        if last is not None and self.continues_inline_list(last, index):
            self.join(last, Line(line.number, Kind.TEXT, f"({line.label}) {line.text}"))
            return
        if self.list_mode == "agenda":
            self.item_letters = self.check_letter(line, index, self.item_letters)
            self.add(Block(BlockKind.ITEM, line.text, line.number, label=line.label, depth=1))
            return
        self.end_list()
        if self.next_paragraph == 1:
            self.fail(line, f"subparagraph ({line.label}) before any numbered paragraph",
                      "number the paragraph it belongs to")
        self.letters = self.check_letter(line, index, self.letters)
        self.add(Block(BlockKind.SUBPARAGRAPH, line.text, line.number, label=line.label))

    def continues_inline_list(self, last: Block, index: int) -> bool:
        """A lettered line that goes on with letters written inside the paragraph before it."""
        if index < 2 or last.kind not in (BlockKind.PARAGRAPH, BlockKind.SUBPARAGRAPH):
            return False
        if last.kind is BlockKind.PARAGRAPH and self.letters != 0:
            return False
        return f"({numbering.index_letter(index - 1)}) " in last.text and not is_terminated(last.text)

    def check_letter(self, line: Line, index: int, previous: int) -> int:
        problem = numbering.letter_out_of_sequence(line.label, previous)
        if problem:
            self.fail(line, problem, "check the source for a lost or doubled subparagraph")
        return index

    def take_issue(self, line: Line) -> None:
        self.end_list()
        number = int(line.label)
        if number != self.issues + 1:
            self.fail(line, f"Issue {number} out of order: expected Issue {self.issues + 1}",
                      "working-group issues are numbered from 1 in each chapter")
        self.issues = number
        self.add(Block(BlockKind.HEADING, line.text, line.number, label=line.label, level=4,
                       anchor=anchors.issue_id(self.chapter, number), numbered=True))

    def take_labelled_heading(self, line: Line) -> None:
        label = line.label
        open_block = self.open_text_block()
        expected_section = numbering.index_letter(self.sections + 1).upper() if self.chapter else ""
        if label == expected_section:
            self.add_section(line)
        elif label == numbering.int_to_roman(self.chapters + 1):
            self.add_chapter(line)
        elif open_block is not None:
            self.join(open_block, Line(line.number, Kind.TEXT, f"{label}. {line.text}"))
        elif _is_roman(label):
            self.fail(line, f"chapter {label} out of order: expected "
                            f"{numbering.int_to_roman(self.chapters + 1)}",
                      "check the source for a lost or doubled chapter")
            self.add_chapter(line)
        else:
            self.fail(line, f"section {label}. out of order: expected {expected_section or 'a chapter'}",
                      "sections are lettered from A in each chapter")
            self.add_section(line)

    def add_chapter(self, line: Line) -> None:
        self.end_list()
        self.chapters = numbering.roman_to_int(line.label)
        self.chapter = anchors.chapter_id(line.label)
        self.sections = self.issues = self.unnumbered_headings = 0
        self.add(Block(BlockKind.HEADING, line.text, line.number, label=line.label, level=2,
                       anchor=self.chapter, numbered=True))

    def add_section(self, line: Line) -> None:
        self.end_list()
        self.sections = ord(line.label[0]) - ord("A") + 1
        self.add(Block(BlockKind.HEADING, line.text, line.number, label=line.label, level=3,
                       anchor=anchors.section_id(self.chapter, line.label), numbered=True))

    def take_annex(self, line: Line) -> None:
        self.end_list()
        self.chapter = anchors.annex_id(line.label or None)
        self.sections = self.issues = self.unnumbered_headings = 0
        self.add(Block(BlockKind.HEADING, line.text, line.number, label=line.label, level=2,
                       anchor=self.chapter, numbered=True))

    def take_table_row(self, line: Line) -> None:
        cells = [cell.strip() for cell in line.text.split("\t")]
        last = self.last
        if last is None or last.kind is not BlockKind.TABLE:
            self.end_list()
            self.add(Block(BlockKind.TABLE, "", line.number, rows=[cells]))
            return
        if len(cells) != len(last.rows[0]):
            self.fail(line, f"table row has {len(cells)} cells, the header has {len(last.rows[0])}",
                      "separate cells with exactly one tab")
        last.rows.append(cells)


def _is_roman(label: str) -> bool:
    try:
        numbering.roman_to_int(label)
    except ValueError:
        return False
    return True


def assemble(source: Source, path: str) -> Structure:
    """Blocks of the report in order, or ContentError listing every problem found."""
    assembler = _Assembler(path, source.lines)
    for position, line in enumerate(source.lines):
        assembler.position = position
        assembler.take(line)
    if not assembler.title_seen:
        first = source.lines[0].number if source.lines else 1
        assembler.problems.insert(0, Problem(
            path, first, "no report title found: this does not look like a UN meeting report",
            "expected a line 'Report of the <Ordinal> Meeting of ...'"))
    problems = assembler.problems + attach_footnotes(assembler.blocks, assembler.footnotes, path)
    if problems:
        raise ContentError(problems)
    structure = Structure(assembler.blocks, assembler.footnotes, source.job_number, source.page_count)
    structure.unread = _place_orphan_footnotes(assembler.blocks, assembler.footnotes)
    return structure


def attach_footnotes(blocks: list[Block], footnotes: list[Footnote], path: str) -> list[Problem]:
    """Put each footnote's marker in Markdown form and hang the footnote on its block."""
    by_label = {f.label: f for f in footnotes}
    problems: list[Problem] = []
    used: set[str] = set()
    for block in blocks:
        block.text = _mark_footnotes(block, by_label, used)
        for row in block.rows:
            row[:] = [_replace_superscripts(cell, by_label, used, block) for cell in row]
        problems += [Problem(path, block.line, f"footnote marker {label} has no footnote text",
                             "check that the footnote survived the text extraction")
                     for _, _, label in _all_markers(block) if label not in by_label]
    return problems


def _place_orphan_footnotes(blocks: list[Block], footnotes: list[Footnote]) -> list[Unread]:
    """A footnote whose marker the extraction lost keeps its words: it is hung on the block it
    follows in the source, and listed, since where its marker stood cannot be read."""
    marked = {label for block in blocks for _, _, label in _all_markers(block)}
    unread: list[Unread] = []
    for footnote in footnotes:
        if footnote.label in marked:
            continue
        before = [b for b in blocks if b.line < footnote.line and b.kind is not BlockKind.TABLE]
        if not before:
            continue
        block = before[-1]
        block.text += f"[^{footnote.label}]"
        block.footnotes.append(footnote)
        unread.append(Unread("footnote_marker", footnote.line,
                             f"footnote {footnote.label} has no marker in the text; it is placed after the "
                             "block it follows"))
    return unread


def _all_markers(block: Block) -> list[tuple[int, int, str]]:
    texts = [block.text] + [cell for row in block.rows for cell in row]
    return [(m.start(), m.end(), m[1]) for text in texts for m in _MARKDOWN_MARKER_RE.finditer(text)]


def _mark_footnotes(block: Block, by_label: dict[str, Footnote], used: set[str]) -> str:
    text = _replace_superscripts(block.text, by_label, used, block)

    def star(match: re.Match[str]) -> str:
        label = match[1]
        if label not in by_label or label in used:
            return match[0]
        used.add(label)
        block.footnotes.append(by_label[label])
        return f"[^{label}]"

    return _STAR_MARKER_RE.sub(star, text)


def _replace_superscripts(text: str, by_label: dict[str, Footnote], used: set[str],
                          block: Block) -> str:
    out, position = [], 0
    for start, end, label in superscript_markers(text):
        out.append(text[position:start])
        if label in by_label and label not in used:
            used.add(label)
            block.footnotes.append(by_label[label])
        out.append(f"[^{label}]")
        position = end
    out.append(text[position:])
    return "".join(out)


def without_markers(text: str) -> str:
    """Text without its footnote markers (``*``, superscript digits), as its words read."""
    return _STAR_MARKER_RE.sub("", _SUPERSCRIPT_MARKER_RE.sub("", text)).strip()


_SUPERSCRIPT_MARKER_RE = re.compile(f"\\s?[{SUPERSCRIPT_DIGITS}]+")


def import_text(text: str, path: str) -> Structure:
    cleaned, furniture = without_furniture(text)
    lines = unwrapped(cleaned, set(furniture.lines))
    source = read_lines(lines.text)
    source.job_number = source.job_number or furniture.job_number
    structure = assemble(source, path)
    structure.page_symbol = furniture.symbol
    structure.uncertain_hyphens = lines.uncertain_hyphens
    structure.unread += [Unread("line_end_hyphen", line, "a hyphen at the end of the line: the document does not "
                                "say whether it joins a broken word, so it is kept") for line in lines.uncertain_hyphens]
    return structure
