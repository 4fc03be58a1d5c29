"""A report's plain text typeset as the United Nations prints its reports, as a PDF to import.

A4 pages; the report's symbol as a running header; a footer with the job number and the page
("V.17-07261 3/15"); a barcode line on the first page; hanging paragraph numbers and indented
lettered subparagraphs; footnote markers raised after their word, and each footnote at the
foot of the page that cites it, under a rule. Built with reportlab (pure Python), twice: once to
count the pages, once to print "page/pages".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FOOTNOTE_RE = re.compile(r"^(?:\^\{(?P<star>\*{1,3})\}|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s+(?P<text>.*)$")
_MARKER_RE = re.compile(r"(?<=\S)\s?(?P<marker>[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\*(?=\s|$))")
_NUMBER_RE = re.compile(r"^(?P<number>\d{1,3}\.|\([a-z]{1,2}\))\s+(?P<text>.*)$")
_HEADING_RE = re.compile(r"^(?:[IVXLC]+\.|[A-Z]\.|Issue \d+\.|Annex|Report of the)\s*")

BODY = ParagraphStyle("body", fontName="Times-Roman", fontSize=10, leading=12, spaceAfter=6, leftIndent=1.2 * cm)
NUMBERED = ParagraphStyle("numbered", parent=BODY, firstLineIndent=-1.2 * cm)
LETTERED = ParagraphStyle("lettered", parent=BODY, leftIndent=2.2 * cm, firstLineIndent=-1.0 * cm)
HEADING = ParagraphStyle("heading", parent=BODY, fontName="Times-Bold", leftIndent=0, spaceBefore=6)
FOOTNOTE = ParagraphStyle("footnote", parent=BODY, fontSize=8, leading=9.5, leftIndent=0.4 * cm,
                          firstLineIndent=-0.4 * cm, spaceAfter=2)
FOOTNOTE_ROOM = 3.5 * cm


@dataclass
class Cited(Flowable):  # type: ignore[misc]
    """A paragraph and the footnotes it cites, drawn at the foot of the page it lands on."""

    paragraph: Paragraph
    footnotes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        Flowable.__init__(self)

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        return self.paragraph.wrap(width, height)  # type: ignore[no-any-return]

    def split(self, width: float, height: float) -> list[Any]:
        parts = self.paragraph.split(width, height)
        if not parts:
            return []
        return [Cited(parts[0], self.footnotes), *(Cited(p, []) for p in parts[1:])]

    def draw(self) -> None:
        self.paragraph.drawOn(self.canv, 0, 0)


class _Report(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, path: Path, symbol: str, job: str, pages: int) -> None:
        super().__init__(str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm, topMargin=2.5 * cm,
                         bottomMargin=2.2 * cm + FOOTNOTE_ROOM)
        self.symbol, self.job, self.pages, self.page_footnotes = symbol, job, pages, []
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._furniture)])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Cited):
            self.page_footnotes += flowable.footnotes

    def _furniture(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, _ = A4
        canvas.setFont("Times-Bold", 10)
        canvas.drawRightString(width - 2.5 * cm, A4[1] - 1.6 * cm, self.symbol)
        canvas.setFont("Times-Roman", 8)
        canvas.drawString(2.5 * cm, 1.4 * cm, self.job)
        canvas.drawRightString(width - 2.5 * cm, 1.4 * cm, f"{doc.page}/{self.pages}")
        if doc.page == 1:
            canvas.setFont("Courier", 9)
            canvas.drawString(2.5 * cm, 0.8 * cm, f"*{self.job[2:4]}{self.job[5:]}*")
        if self.page_footnotes:
            canvas.line(2.5 * cm, 2.2 * cm + FOOTNOTE_ROOM - 0.2 * cm, 7 * cm, 2.2 * cm + FOOTNOTE_ROOM - 0.2 * cm)
            y = 2.2 * cm + FOOTNOTE_ROOM - 0.6 * cm
            for note in self.page_footnotes:
                paragraph = Paragraph(note, FOOTNOTE)
                _, height = paragraph.wrap(width - 5 * cm, FOOTNOTE_ROOM)
                paragraph.drawOn(canvas, 2.5 * cm, y - height + 8)
                y -= height + 2
        self.page_footnotes = []


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _raised(text: str) -> str:
    return _MARKER_RE.sub(lambda m: f"<super>{m['marker'].translate(SUPERSCRIPTS)}</super>", _escaped(text))


def _flowables(source: str) -> list[Flowable]:
    lines = [line.strip().removeprefix("- ").strip() for line in source.split("\n")]
    notes = {}
    for line in lines:
        match = _FOOTNOTE_RE.match(line)
        if match:
            label = match["star"] or match["sup"].translate(SUPERSCRIPTS)
            notes[label] = f"{label} {_escaped(match['text'])}"
    flowables: list[Flowable] = []
    for line in lines:
        if not line or _FOOTNOTE_RE.match(line) or re.match(r"^V\.\d{2}-\d{5}", line):
            continue
        cited = [notes[m["marker"].translate(SUPERSCRIPTS)] for m in _MARKER_RE.finditer(line)
                 if m["marker"].translate(SUPERSCRIPTS) in notes]
        numbered = _NUMBER_RE.match(line)
        if "\t" in line:
            style, text = BODY, "&nbsp;&nbsp;&nbsp;".join(_raised(cell) for cell in line.split("\t"))
        elif numbered:
            style = LETTERED if numbered["number"].startswith("(") else NUMBERED
            text = f"{numbered['number']}&nbsp;&nbsp;{_raised(numbered['text'])}"
        else:
            style, text = (HEADING if _HEADING_RE.match(line) else BODY), _raised(line)
        flowables.append(Cited(Paragraph(text, style), cited))
    return [*flowables, Spacer(1, 1)]


def typeset(source: str, path: Path, symbol: str, job: str) -> Path:
    """The PDF of a report's text at ``path``."""
    counting = _Report(path, symbol, job, 0)
    counting.build(_flowables(source))
    _Report(path, symbol, job, counting.page).build(_flowables(source))
    return path
