"""Publishable Markdown: every printed number becomes an anchor and a link to itself.

``23\\. The working group`` becomes ``[23.](#para_23){#para_23 .cnd-num} The working
group``: the number a reader sees is the permalink they copy. Headings get their id as
an attribute list. References found in the text become links, and notes (the follow-up
of a recommendation) are added after the block they belong to. The output is plain
Markdown with ``attr_list`` attributes, so any generator that reads that extension can
publish it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnd_archive.model.numbering import LETTER_MARKER, PARAGRAPH_MARKER
from cnd_archive.model.report import Element, Report

_LEADING_MARKER_RE = re.compile(rf"^(?P<lead>\s*(?:- )?)(?P<marker>{PARAGRAPH_MARKER}|{LETTER_MARKER})")

NUMBER_CLASS = "cnd-num"


@dataclass(frozen=True)
class Replacement:
    """Markdown that replaces line[start:end] of one body line."""

    start: int
    end: int
    markdown: str


def number_link(marker: str, element_id: str) -> str:
    shown = marker.replace("\\", "")
    return f"[{shown}](#{element_id}){{#{element_id} .{NUMBER_CLASS}}}"


def _anchor_line(line: str, element: Element) -> str:
    if element.kind in ("chapter", "section", "issue", "annex"):
        return f"{line.rstrip()} {{#{element.id}}}"
    if element.kind in ("paragraph", "subparagraph", "item"):
        return _LEADING_MARKER_RE.sub(lambda m: m["lead"] + number_link(m["marker"], element.id), line, count=1)
    return line


def replace_spans(line: str, replacements: list[Replacement]) -> str:
    for replacement in sorted(replacements, key=lambda r: r.start, reverse=True):
        line = line[: replacement.start] + replacement.markdown + line[replacement.end:]
    return line


def publish(report: Report, replacements: dict[int, list[Replacement]] | None = None,
            notes_after: dict[int, list[str]] | None = None) -> str:
    """The report body with anchors, links and notes; keys are 1-based file lines. One pass."""
    replacements = replacements or {}
    notes_after = notes_after or {}
    elements = {e.line: e for e in report.elements}
    out: list[str] = []
    for index, line in enumerate(report.body.split("\n")):
        number = report.body_line + index
        line = replace_spans(line, replacements.get(number, []))
        element = elements.get(number)
        out.append(_anchor_line(line, element) if element else line)
        for note in notes_after.get(number, []):
            out.extend(["", note])
    return "\n".join(out)


def apply_replacements(text: str, first_line: int, replacements: dict[int, list[Replacement]]) -> str:
    """Text with the replacements of each line applied; keys are line numbers from first_line."""
    lines = text.split("\n")
    for number, items in replacements.items():
        index = number - first_line
        lines[index] = replace_spans(lines[index], items)
    return "\n".join(lines)
