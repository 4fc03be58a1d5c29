"""Publishable Markdown: every printed number becomes an anchor and a link to itself.

``23\\. The working group`` becomes ``[23.](#para_23){#para_23 .cnd-num} The working
group``: the number a reader sees is the permalink they copy. Headings get their id as
an attribute list. The output is plain Markdown with ``attr_list`` attributes, so any
generator that reads that extension can publish it.
"""

from __future__ import annotations

import re

from .report import Report

_LEADING_MARKER_RE = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<marker>\d{1,4}\\\.|\((?:[a-z]|([a-z])\3)\))")

NUMBER_CLASS = "cnd-num"


def number_link(marker: str, element_id: str) -> str:
    shown = marker.replace("\\", "")
    return f"[{shown}](#{element_id}){{#{element_id} .{NUMBER_CLASS}}}"


def publish(report: Report) -> str:
    """The report body with anchors derived from its printed numbers (one pass over lines)."""
    lines = report.body.split("\n")
    for element in report.elements:
        index = element.line - report.body_line
        if element.kind in ("chapter", "section", "issue", "annex"):
            lines[index] = f"{lines[index].rstrip()} {{#{element.id}}}"
        elif element.kind in ("paragraph", "subparagraph", "item"):
            lines[index] = _LEADING_MARKER_RE.sub(
                lambda m, e=element: m["lead"] + number_link(m["marker"], e.id), lines[index], count=1)
    return "\n".join(lines)
