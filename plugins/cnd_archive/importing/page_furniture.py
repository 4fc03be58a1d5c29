"""What a PDF adds to a report's text that is not the report: page furniture and the contents.

Text extracted from an official PDF repeats the report's symbol at the top of every page, ends
each page with the job number and the page (``V.18-08123 3/12``), prints a barcode line on the
first page (``*1808123*``), separates pages with form feeds, and opens with a table of contents
that repeats every heading with dot leaders and page numbers. None of it is the report's text,
and the contents must not become its chapters.

Each line taken out is left blank rather than deleted, so that every message about the text
still names the line of the source file it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_SYMBOL = r"[A-Z][A-Za-z0-9.]*(?:/[A-Za-z0-9.]+){2,}\*?"
SYMBOL_LINE_RE = re.compile(rf"^{_SYMBOL}$")
"""A document symbol on a line of its own (the report's own at its top, or a running header)."""
_JOB = r"V\.\d{2}-\d{5}(?:\s+\([A-Z]\))?"
_FOOTER_RE = re.compile(rf"^(?:{_JOB}\s+\d+/\d+|\d+/\d+\s+{_JOB}|{_JOB}|\d+/\d+)$")
_JOB_RE = re.compile(r"V\.\d{2}-\d{5}")
_BARCODE_RE = re.compile(r"^\*\d{6,}\*$")
_CONTENTS_RE = re.compile(r"^(?:Contents|CONTENTS)$")
_PAGE_HEADING_RE = re.compile(r"^Page$", re.I)
_LEADER_RE = re.compile(r"\s*(?:\.\s?){2,}\s*\d*\s*$|\s+\d{1,3}$")
"""Dot leaders of any length, with the page number after them, or a page number alone."""
_MAX_CONTENTS_LINES = 120


@dataclass
class Furniture:
    """What was taken out, for the import's summary."""

    symbol: str | None = None
    job_number: str | None = None
    contents: tuple[int, int] | None = None
    """First and last line of the table of contents."""
    lines: list[int] = field(default_factory=list)
    """Lines of running headers, footers and barcodes."""


def without_furniture(text: str) -> tuple[str, Furniture]:
    """The text with page furniture and the table of contents blanked, line for line."""
    lines = text.replace("\f", "").split("\n")
    furniture = Furniture()
    stripped = [line.strip() for line in lines]
    first = next((i for i, s in enumerate(stripped) if s), 0)
    furniture.symbol = _running_symbol(stripped, first)
    for index, line in enumerate(stripped):
        repeated_symbol = furniture.symbol is not None and line.rstrip("*") == furniture.symbol
        if repeated_symbol and index == first:
            continue  # the report's own symbol at its top: a fact of the preamble
        footer = _FOOTER_RE.match(line)
        if footer and furniture.job_number is None:
            furniture.job_number = (_JOB_RE.search(line) or [None])[0]
        if repeated_symbol or footer or _BARCODE_RE.match(line):
            furniture.lines.append(index + 1)
            lines[index] = ""
    furniture.contents = _blank_contents(lines)
    return "\n".join(lines), furniture


def is_furniture(line: str) -> bool:
    """A line that is page furniture wherever it stands: a footer (job number, page) or a barcode.
    (A symbol on a line of its own is furniture only as a running header: see ``without_furniture``.)"""
    stripped = line.strip().lstrip("\f")
    return bool(_FOOTER_RE.match(stripped) or _BARCODE_RE.match(stripped))


def _running_symbol(stripped: list[str], first: int) -> str | None:
    """The report's symbol: its first line, or else a symbol that heads two pages or more."""
    if first < len(stripped) and SYMBOL_LINE_RE.match(stripped[first]):
        return stripped[first].rstrip("*")
    counts: dict[str, int] = {}
    for line in stripped:
        if SYMBOL_LINE_RE.match(line):
            counts[line.rstrip("*")] = counts.get(line.rstrip("*"), 0) + 1
    repeated = [symbol for symbol, count in counts.items() if count >= 2]
    return repeated[0] if len(repeated) == 1 else None


def _blank_contents(lines: list[str]) -> tuple[int, int] | None:
    """Blank the table of contents: from a 'Contents' line to the line before the body repeats its
    first entry. Where the body's start cannot be found, nothing is blanked."""
    start = next((i for i, line in enumerate(lines[:200]) if _CONTENTS_RE.match(line.strip())), None)
    if start is None:
        return None
    entries = [i for i in range(start + 1, min(len(lines), start + _MAX_CONTENTS_LINES))
               if lines[i].strip() and not _PAGE_HEADING_RE.match(lines[i].strip())]
    if not entries:
        return None
    first_entry = _entry_text(lines[entries[0]])
    for index in range(entries[0] + 1, min(len(lines), start + _MAX_CONTENTS_LINES + 200)):
        line = lines[index].strip()
        if line and not _LEADER_RE.search(line) and _same_heading(line, first_entry):
            end = index - 1
            for blanked in range(start, index):
                lines[blanked] = ""
            return start + 1, end + 1
    return None


def _entry_text(line: str) -> str:
    return " ".join(_LEADER_RE.sub("", line).split())


def _same_heading(line: str, entry: str) -> bool:
    """The body's heading, of which the contents' entry may hold only the first line."""
    words = " ".join(line.split())
    return bool(entry) and (words == entry or words.startswith(entry + " "))


# -- lines wrapped at the page width ------------------------------------------------------------

_BLOCK_START_RE = re.compile(
    r"^(?:-\s|\d{1,4}\.\s|\([a-z]{1,2}\)\s|[IVXLC]+\.\s|[A-Z]{1,2}\.\s|Issue\s\d+\.|Annex\b|\^\{|\*{1,3}\s"
    r"|[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s|Report of the\b|Original:|[A-Z][a-z]+ only\*?$|[A-Z][\w-]*(?: [\w-]+){0,3}:\s"
    r"|Recommendations adopted by\b|Observations and conclusions\b|List of documents\b|Contents$)")
"""What begins a block of a report: a list dash, a paragraph or subparagraph number, a chapter,
section, issue or annex heading, a footnote, the title, the 'Original:' line, an entry of a list
of officers ("First Vice-Chair: ..."), and the unnumbered headings every report has."""
_PREAMBLE_START_RE = re.compile(rf"^(?:{_SYMBOL}|\d{{1,2}} [A-Z][a-z]+ \d{{4}})$")
"""Before the title: the report's symbol and its date, each a line of its own."""
_ANNEX_ALONE_RE = re.compile(r"^Annex(?:\s+(?:[IVX]+|\d+))?$")
_STANDS_ALONE_RE = re.compile(r"^(?:\^\{|[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s|\*{1,3}\s|Annex(?:\s+(?:[IVX]+|\d+))?$)")
"""Lines nothing is joined to across a page break: a footnote at the foot of the page (the text
goes on after it, in the block before), and an annex heading (its title follows on its own line)."""
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass
class Unwrapped:
    text: str
    uncertain_hyphens: list[int] = field(default_factory=list)
    """Lines ending in a hyphen that the document's own words do not settle: the hyphen is kept."""


def unwrapped(text: str, page_breaks: set[int] | None = None) -> Unwrapped:
    """Lines that a PDF wrapped at the page width joined again, each onto the line its block began
    on (the lines it took are left blank, so line numbers stay those of the source).

    Within a page, a line is joined to the one before it when no blank line stands between them
    and it begins no block. Across a page break (the blank lines around the furniture taken out,
    ``page_breaks`` holding the 1-based lines of that furniture), see ``_continues``. A word
    broken at a line's end is joined without its hyphen only when the document itself writes the
    whole word so ("in-" + "vestigations" where "investigations" occurs) and never the hyphenated
    form; "drug-" + "trafficking" stays hyphenated, and a break the document does not settle keeps
    its hyphen and is listed. One pass: a block's lines are gathered and joined once."""
    lines = text.split("\n")
    printed = list(lines)  # as the pages print them, for the length of the line before a break
    full = _full_line(lines)
    breaks = page_breaks or set()
    words = {w.casefold() for w in _WORD_RE.findall(text)}
    result = Unwrapped("")
    block: _Block | None = None
    gap = ""  # "" (none), "blank" or "page"
    title_seen = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            gap = "page" if index + 1 in breaks or gap == "page" else "blank"
            continue
        preamble = not title_seen and bool(_PREAMBLE_START_RE.match(stripped))
        title_seen = title_seen or stripped.startswith("Report of the")
        if block is not None and not preamble and "\t" not in line and not block.table and _continues(
                block, stripped, gap, lambda: _block_ends_sentence(lines, index),
                len(printed[index - 1 - _blank_run(printed, index)].rstrip()) >= full):
            block.add(stripped, words, index + 1, result)
            lines[index] = ""
        else:
            if block is not None:
                lines[block.start] = block.text()
            block = _Block(index, line.rstrip(), "\t" in line)
        gap = ""
    if block is not None:
        lines[block.start] = block.text()
    result.text = "\n".join(lines)
    return result


@dataclass
class _Block:
    """The lines of one block, joined once at its end (a block of many lines is not copied for each)."""

    start: int
    first: str
    table: bool
    pieces: list[str] = field(default_factory=list)
    last_letter: str = ""
    """The last lettered item joined into the block from the start of a line."""

    def __post_init__(self) -> None:
        self.pieces.append(self.first)

    @property
    def last(self) -> str:
        return self.pieces[-1]

    def text(self) -> str:
        return "".join(self.pieces)

    def add(self, tail: str, words: set[str], line: int, result: Unwrapped) -> None:
        broken = re.search(r"([^\W\d_]+)-$", self.last)
        following = _WORD_RE.match(tail)
        if broken is None or following is None:
            self.pieces.append(tail if broken is not None else f" {tail}")
            return
        whole = (broken[1] + following[0]).casefold()
        hyphenated = f"{broken[1]}-{following[0]}".casefold()
        if whole in words and hyphenated not in words:
            self.pieces[-1] = self.last[:-1]
        elif hyphenated not in words:
            result.uncertain_hyphens.append(line - 1)
        self.pieces.append(tail)


_TERMINATED_RE = re.compile(r"""[.;:!?]["'”’)\]]*$""")


def _full_line(lines: list[str]) -> int:
    """How long a line is when the page's width cut it: nine lines in ten are no longer, less a
    long word (in a text of one paragraph per line, no line is cut and none is this long)."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.9)] - 15 if lengths else 0


def _blank_run(lines: list[str], index: int) -> int:
    run = 0
    while index - 1 - run > 0 and not lines[index - 1 - run].strip():
        run += 1
    return run


def _continues(block: _Block, tail: str, gap: str, tail_is_prose: Callable[[], bool], head_was_cut: bool) -> bool:
    """Whether ``tail`` goes on with the block of ``head``. Across a page break, a line goes on
    with the block before it when the line before the break was cut at the page's width, when it
    begins in lower case, or when its own lines end a sentence: a report's headings end with
    none, and its paragraphs are numbered, so a capitalised line that ends no sentence after a
    line that ended short is a heading of the new page."""
    if gap == "blank":
        return False
    alone = len(block.pieces) == 1
    if _BLOCK_START_RE.match(tail):
        return _goes_on_inline_letters(block, tail)
    if gap == "":
        return not (alone and _ANNEX_ALONE_RE.match(block.first.strip()))
    if _STANDS_ALONE_RE.match(block.first.strip()):
        return False
    return head_was_cut or tail[:1].islower() or tail_is_prose()


_LETTER_START_RE = re.compile(r"^\((?P<letter>[b-z])\)\s")


def _goes_on_inline_letters(block: _Block, tail: str) -> bool:
    """"... the following subjects: (a) new trends; (b) trafficking ...": a lettered item that the
    width cut to the start of a line, in a paragraph that lists its items in the running text: the
    letter before it stands in the block's last few lines, not at the block's start."""
    letter = _LETTER_START_RE.match(tail)
    if letter is None or letter["letter"] <= block.last_letter:
        return False
    before = chr(ord(letter["letter"]) - 1)
    recent = "".join(block.pieces[-_LETTER_LOOKBACK:])
    if block.first.lstrip().startswith(f"({before})") or f"({before}) " not in recent[1:]:
        return False
    block.last_letter = letter["letter"]
    return True


_PAGE_LINES = 80
"""More lines than a page of a report holds."""
_LETTER_LOOKBACK = 6
"""Lines back in which the item before a cut lettered item is looked for."""


def _block_ends_sentence(lines: list[str], index: int) -> bool:
    """Whether the block a page begins with ends a sentence (within the lines a page holds)."""
    end = index
    while end + 1 < min(len(lines), index + _PAGE_LINES) and lines[end + 1].strip() \
            and not _BLOCK_START_RE.match(lines[end + 1].strip()):
        end += 1
    return bool(_TERMINATED_RE.search(lines[end].rstrip()))
