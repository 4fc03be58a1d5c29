"""English ordinal words, "First" to "Ninety-ninth", as UN reports spell meeting numbers.

Parsed by rule, not from a table of known meetings, so that a report of any meeting
can be read without the table growing.
"""

from __future__ import annotations

import re

_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# The ordinal form of each cardinal word that is not simply cardinal + "th".
_IRREGULAR = {
    "one": "first", "two": "second", "three": "third", "five": "fifth",
    "eight": "eighth", "nine": "ninth", "twelve": "twelfth",
}

MIN_ORDINAL = 1
MAX_ORDINAL = 99


def _ordinal_of(cardinal: str) -> str:
    if cardinal in _IRREGULAR:
        return _IRREGULAR[cardinal]
    if cardinal.endswith("y"):
        return cardinal[:-1] + "ieth"
    return cardinal + "th"


def _cardinal(n: int) -> tuple[str, str]:
    """Split n into (tens word, unit word); the unit part is empty for round tens."""
    if n < 10:
        return "", _UNITS[n]
    if n < 20:
        return "", _TEENS[n - 10]
    return _TENS[n // 10], _UNITS[n % 10]


def int_to_ordinal(n: int) -> str:
    """Return the capitalised ordinal word of n, e.g. 27 -> "Twenty-seventh"."""
    if not MIN_ORDINAL <= n <= MAX_ORDINAL:
        raise ValueError(f"ordinal out of range {MIN_ORDINAL}-{MAX_ORDINAL}: {n}")
    tens, unit = _cardinal(n)
    if not unit:
        word = _ordinal_of(tens)
    elif tens:
        word = f"{tens}-{_ordinal_of(unit)}"
    else:
        word = _ordinal_of(unit)
    return word.capitalize()


_WORD_TO_INT = {int_to_ordinal(n).lower(): n for n in range(MIN_ORDINAL, MAX_ORDINAL + 1)}

ORDINAL_PATTERN = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
    r"|seventeenth|eighteenth|nineteenth)"
)
"""A case-insensitive regular expression for one ordinal word (compile with re.I)."""

_ORDINAL_RE = re.compile(rf"^{ORDINAL_PATTERN}$", re.IGNORECASE)


def ordinal_to_int(word: str) -> int:
    """Return the number of an ordinal word, e.g. "Twenty-seventh" -> 27.

    Case is ignored; a tens word without its hyphen's unit ("Twenty") is not an
    ordinal and raises ValueError, as does anything else that is not one.
    """
    key = word.strip().lower()
    if not _ORDINAL_RE.match(key):
        raise ValueError(f"not an ordinal from First to Ninety-ninth: {word!r}")
    return _WORD_TO_INT[key]


def counted(count: int, noun: str) -> str:
    """ "1 paragraph", "3 paragraphs": a count with its noun, for nouns that take an s."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
