"""Element identifiers built from printed numbers, in the Akoma Ntoso for UN style.

An id never comes from heading text: a chapter is ``chp_IV`` whatever its title says,
so correcting a typo in a heading keeps every published link working.
"""

from __future__ import annotations

import re

ID_RE = re.compile(r"^[a-z][A-Za-z0-9_]*$")
"""Every element id: ASCII, safe in a URL fragment and a file name."""


def chapter_id(numeral: str) -> str:
    return f"chp_{numeral}"


def section_id(chapter: str, letter: str) -> str:
    return f"{chapter}__sec_{letter}"


def issue_id(chapter: str, number: int) -> str:
    return f"{chapter}__issue_{number}"


def annex_id(number: str | None) -> str:
    return f"annex_{number}" if number else "annex"


def paragraph_id(number: int) -> str:
    return f"para_{number}"


def subparagraph_id(parent: str, letter: str) -> str:
    return f"{parent}__subpara_{letter}"


def item_id(parent: str, number: int) -> str:
    return f"{parent}__item_{number}"


_LABEL_PARTS_RE = re.compile(r"(para|subpara|item|chp|sec|issue|annex)_([A-Za-z0-9]+)")


def citation_label(anchor: str) -> str:
    """How a reader cites an element: "para. 2 (a)", "para. 57, item 4", "footnote 1"."""
    if anchor.startswith("fn:"):
        return f"footnote {anchor[3:]}"
    parts = dict(_LABEL_PARTS_RE.findall(anchor))
    if anchor.startswith("annex"):
        return "annex"
    if "para" in parts:
        label = f"para. {parts['para']}"
        if "item" in parts:
            label += f", item {parts['item']}"
        if "subpara" in parts:
            label += f" ({parts['subpara']})"
        return label
    if "chp" in parts:
        return f"chap. {parts['chp']}"
    return anchor.replace("_", " ")
