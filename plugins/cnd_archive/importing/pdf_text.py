"""A report's text from its official PDF: poppler's pdftotext, and its footnotes as the text gives them.

pdftotext (Debian's poppler-utils) reads the PDF in reading order, one page after another
separated by form feeds; what it cannot know is that a raised digit after a word is a footnote
marker: "the Political Declaration3 and ..." with "3 See Official Records ..." at the foot of the
page. A marker is read as one only when the footnote with its number stands at the foot of the
same page; it is then written as a superscript (and the footnote as "³ See ..."), as the plain
text of a report writes them. The rest of the layout (furniture, wrapped lines) is read as for
any text (``page_furniture``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from cnd_archive.importing.page_furniture import SYMBOL_LINE_RE, is_furniture

PDFTOTEXT = "pdftotext"
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FOOTNOTE_START_RE = re.compile(r"^(?P<label>\d{1,2}|\*{1,3})\s+\S")
_MAX_CONTINUATION_LINES = 4
_MAX_FOOTNOTES = 30
"""More footnotes than a page holds: each is looked for in the page once."""
_NUMBERED_BEFORE_RE = re.compile(r"(?:\b(?:Add|Corr|Rev|Amend|CRP|L|No|para|paras|chap|sect|art|WP|INF)\.|[\d/.-])$")
"""What a number after it belongs to (``Add.1``, ``CRP.3``, ``2017/11``): not a footnote marker."""


def _page_furniture(line: str) -> bool:
    """Footers, barcodes and, on a PDF's page, the running header (a symbol on a line of its own)."""
    return is_furniture(line) or bool(SYMBOL_LINE_RE.match(line.strip().lstrip("\f")))


class PdfError(ValueError):
    """The PDF cannot be read: the message says why and what to do."""


def pdf_text(path: Path) -> str:
    """The text of a PDF, by pdftotext, with its footnote markers read."""
    if shutil.which(PDFTOTEXT) is None:
        raise PdfError(f"{path}: reading a PDF needs poppler's pdftotext: apt-get install poppler-utils "
                       "(or give the report's text as a .txt file)")
    result = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", "-eol", "unix", str(path), "-"], capture_output=True,
                            timeout=300, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PdfError(f"{path}:1:1: pdftotext cannot read it ({message[-1] if message else 'no message'}); "
                       "check that it is the report's PDF")
    return documents_table(footnotes_read("\n".join(result.stdout.decode("utf-8", "replace").split("\r\n"))))


def footnotes_read(text: str) -> str:
    """Each page's footnotes at its foot, and their raised markers, as superscripts."""
    return "\f".join(_page_footnotes(page) for page in text.split("\f"))


def _page_footnotes(page: str) -> str:
    lines = page.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip() and not _page_furniture(line)]
    body_end = len(lines)
    body = "\n".join(lines)
    read: list[tuple[int, str]] = []
    for index in reversed(_footnote_starts(lines, content)[-_MAX_FOOTNOTES:]):
        label = _FOOTNOTE_START_RE.match(lines[index].strip())["label"]  # type: ignore[index]
        marked = _mark("\n".join(lines[:index]), label)
        if marked is None:
            break  # a footnote's marker must stand on its page, above it: the rest is body text
        read.append((index, label))
        body_end = index
    if not read:
        return page
    body = "\n".join(lines[:body_end])
    for index, label in read:
        body = _mark(body, label) or body
        rest = lines[index].strip()[len(label):].lstrip()
        lines[index] = f"^{{{label}}} {rest}" if label.startswith("*") else f"{label.translate(SUPERSCRIPTS)} {rest}"
    return "\n".join([*body.split("\n"), *lines[body_end:]])


def _footnote_starts(lines: list[str], content: list[int]) -> list[int]:
    """The lines at the page's foot that may begin a footnote, read upwards from its last line: a
    footnote runs on a few lines at most, so a longer stretch without one is the body."""
    starts: list[int] = []
    pending = 0
    for index in reversed(content):
        if _FOOTNOTE_START_RE.match(lines[index].strip()):
            starts.insert(0, index)
            pending = 0
        else:
            pending += 1
            if pending > _MAX_CONTINUATION_LINES:
                break
    return starts


def _mark(body: str, label: str) -> str | None:
    """The body with the last raised marker ``label`` written as a superscript, or None."""
    if label.startswith("*"):
        pattern = re.compile(rf"(?<=\S){re.escape(label)}(?=\s|$)")
        found = list(pattern.finditer(body))
        return body if found else None
    pattern = re.compile(rf"(?<=[^\W\d_]|[)\]\"”’.,;:]){label}(?=[\s.,;:)]|$)")
    found = [m for m in pattern.finditer(body) if not _NUMBERED_BEFORE_RE.search(body[max(0, m.start() - 8):m.start()])]
    if not found:
        return None
    last = found[-1]
    return body[:last.start()] + label.translate(SUPERSCRIPTS) + body[last.end():]


# -- the annex's list of documents --------------------------------------------------------------

_TABLE_HEADER_RE = re.compile(r"^Symbol\s+Agenda items?\s+Title(?: or description)?$")
_ROW_RE = re.compile(r"^(?P<symbol>[A-Z][A-Za-z0-9.]*(?:/[A-Za-z0-9.()*-]+)+(?: and (?:Add|Corr|Rev)\.[\d-]+)?)"
                     r"\s+(?P<item>\d{1,2}(?:\s*(?:,|and)\s*\d{1,2})*)\s+(?P<title>\S.*)$")


def documents_table(text: str) -> str:
    """The annex's list of documents, whose columns pdftotext gives as runs of spaces, as the
    tab-separated rows of a report's text: each row a symbol, its agenda items and its title, a
    title that runs on joined to its row. Page furniture inside the table stays as it is."""
    lines = text.split("\n")
    header = next((i for i, line in enumerate(lines) if _TABLE_HEADER_RE.match(" ".join(line.split()))), None)
    if header is None:
        return text
    lines[header] = "Symbol\tAgenda item\tTitle or description"
    row: int | None = None
    for index in range(header + 1, len(lines)):
        line = lines[index].strip()
        match = _ROW_RE.match(line)
        if match:
            lines[index], row = f"{match['symbol']}\t{match['item']}\t{match['title']}", index
        elif line and row is not None and not _page_furniture(line):
            lines[row] += f" {line}"
            lines[index] = ""
    return "\n".join(lines)
