"""The printed numbers of a report, one grammar for the importer, the model and the pages.

Chapters are roman (I, II ... XIV), sections capital letters, paragraphs 1, 2, 3 ...,
subparagraphs (a) ... (z), then doubled letters (aa), (bb) as UN texts write them. In
annotated Markdown a paragraph number keeps its dot escaped (``23\\.``) so that it is not
read as a list.
"""

from __future__ import annotations

import re
from string import ascii_lowercase

ROMAN = r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN_RE = re.compile(ROMAN)
_ROMAN_VALUES = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90),
                 ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))

LETTER = "(?:" + "|".join(c * 2 for c in ascii_lowercase) + "|[a-z])"
"""A subparagraph letter: a ... z, then aa ... zz (never "ab")."""
NUMBER = r"\d{1,4}"

PARAGRAPH_MARKER = rf"{NUMBER}\\\."
"""``23\\.`` as annotated Markdown writes a paragraph number."""
LETTER_MARKER = rf"\({LETTER}\)"
LEADING_MARKER_RE = re.compile(rf"^(?:{PARAGRAPH_MARKER}|{LETTER_MARKER})\s+")
"""The printed number at the start of a paragraph, subparagraph or agenda item."""

ANNEX_RE = re.compile(r"^Annex(?:\s+(?P<label>[IVX]+|\d+))?$")
FOOTNOTE_DEFINITION_RE = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:", re.MULTILINE)


def roman_to_int(numeral: str) -> int:
    if not _ROMAN_RE.fullmatch(numeral):
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
    if not re.fullmatch(LETTER, letter):
        raise ValueError(f"not a subparagraph letter: {letter!r}")
    return ord(letter[0]) - ord("a") + 1 + (26 if len(letter) == 2 else 0)


def index_letter(index: int) -> str:
    if not 1 <= index <= 52:
        raise ValueError(f"no subparagraph letter for {index}")
    base = chr(ord("a") + (index - 1) % 26)
    return base * (2 if index > 26 else 1)


def letter_out_of_sequence(letter: str, previous: int) -> str | None:
    """What is wrong when ``letter`` follows the letter numbered ``previous`` (0: none yet)."""
    index = letter_index(letter)
    if index == previous + 1:
        return None
    what = "repeats" if index <= previous else "jumps"
    return f"subparagraph ({letter}) {what}: expected ({index_letter(previous + 1)})"
