"""Publishable Markdown: every printed number becomes an anchor and a link to itself.

``23\\. The working group`` becomes a link to ``#para_23`` with the id ``para_23``: the
number a reader sees is the permalink they copy. Headings get their id as an attribute
list. References found in the text become links, and notes (the follow-up of a
recommendation) are added after the block they belong to. The links the archive adds are
placeholders whose attributes a ``Links`` list keeps (see ``model.parser``); the
contributor's own words and links are left as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnd_archive.model.numbering import LETTER_MARKER, PARAGRAPH_MARKER
from cnd_archive.model.parser import LINK_CLOSE, LINK_LABEL, LINK_OPEN, Attributes
from cnd_archive.model.report import Element, Report

_LEADING_MARKER_RE = re.compile(rf"^(?P<lead>\s*(?:- )?)(?P<marker>{PARAGRAPH_MARKER}|{LETTER_MARKER})")

NUMBER_CLASS = "cnd-num"


@dataclass(frozen=True)
class Replacement:
    """Markdown that replaces line[start:end] of one body line."""

    start: int
    end: int
    markdown: str


@dataclass
class Links:
    """The links the archive adds to one page, by number: each is written in the page's Markdown
    as a placeholder that the parser turns into a link with these attributes."""

    attributes: list[Attributes] = field(default_factory=list)

    def link(self, label: str, href: str, *extra: tuple[str, str]) -> str:
        """``label`` (Markdown, as the page's text has it) linked to ``href``."""
        self.attributes.append((("href", href), *extra))
        return f"{LINK_OPEN}{len(self.attributes) - 1}{LINK_LABEL}{label}{LINK_CLOSE}"

    def number(self, marker: str, element_id: str) -> str:
        """A printed number as a link to itself, with the id a permalink names."""
        return self.link(marker.replace("\\", ""), f"#{element_id}", ("id", element_id), ("class", NUMBER_CLASS))


def _anchor_line(line: str, element: Element, links: Links) -> str:
    if element.kind in ("chapter", "section", "issue", "annex"):
        return f"{line.rstrip()} {{#{element.id}}}"
    if element.kind in ("paragraph", "subparagraph", "item"):
        return _LEADING_MARKER_RE.sub(lambda m: m["lead"] + links.number(m["marker"], element.id), line, count=1)
    return line


def replace_spans(line: str, replacements: list[Replacement]) -> str:
    """The line with each (non-overlapping) span replaced, joined once: a line of thousands of
    mentions is not copied once for each of them."""
    if not replacements:
        return line
    pieces: list[str] = []
    position = 0
    for replacement in sorted(replacements, key=lambda r: r.start):
        pieces += [line[position:replacement.start], replacement.markdown]
        position = replacement.end
    pieces.append(line[position:])
    return "".join(pieces)


def publish(report: Report, links: Links, replacements: dict[int, list[Replacement]] | None = None,
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
        out.append(_anchor_line(line, element, links) if element else line)
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
