"""Element identifiers built from printed numbers, in the Akoma Ntoso for UN style.

An id never comes from heading text: a chapter is ``chp_IV`` whatever its title says,
so correcting a typo in a heading keeps every published link working.
"""

from __future__ import annotations

import re

_ROMAN_RE = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90),
                 ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))

ID_RE = re.compile(r"^[a-z][A-Za-z0-9_]*$")
"""Every element id: ASCII, safe in a URL fragment and a file name."""


def roman_to_int(numeral: str) -> int:
    if not _ROMAN_RE.match(numeral):
        raise ValueError(f"not a roman numeral: {numeral!r}")
    total, rest = 0, numeral
    for symbol, value in _ROMAN_VALUES:
        while rest.startswith(symbol):
            total += value
            rest = rest[len(symbol):]
    return total


def int_to_roman(n: int) -> str:
    if not 0 < n < 4000:
        raise ValueError(f"no roman numeral for {n}")
    out = []
    for symbol, value in _ROMAN_VALUES:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def letter_index(letter: str) -> int:
    """(a) -> 1 ... (z) -> 26, (aa) -> 27: UN texts double the letter after (z)."""
    if not re.fullmatch(r"[a-z]|([a-z])\1", letter):
        raise ValueError(f"not a subparagraph letter: {letter!r}")
    return ord(letter[0]) - ord("a") + 1 + (26 if len(letter) == 2 else 0)


def index_letter(index: int) -> str:
    if not 1 <= index <= 52:
        raise ValueError(f"no subparagraph letter for {index}")
    base = chr(ord("a") + (index - 1) % 26)
    return base * (2 if index > 26 else 1)


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
