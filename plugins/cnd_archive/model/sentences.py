"""Words in one sentence, found without an expression that retries every start against the rest.

``\\bofficers\\b[^.]*\\belected\\b`` reads a paragraph of repeated "officers" once for each of them
(quadratic in the paragraph); cutting the text at its full stops first reads each word once.
"""

from __future__ import annotations

import re


def in_one_sentence(text: str, first: re.Pattern[str], then: re.Pattern[str]) -> bool:
    """Whether some stretch of ``text`` without a full stop holds ``first`` and, after it, ``then``.

    The first ``first`` of a stretch is the one to try: a later one has less text after it."""
    for stretch in text.split("."):
        found = first.search(stretch)
        if found is not None and then.search(stretch, found.end()) is not None:
            return True
    return False


def after_in_line(text: str, opening: str, closing: str) -> int | None:
    """Where ``closing`` ends, after ``opening`` and at least one more character on the same line
    (as ``opening.+?closing`` would find it), or None."""
    offset = 0
    for line in text.split("\n"):
        start = line.find(opening)
        if start >= 0:
            end = line.find(closing, start + len(opening) + 1)
            if end >= 0:
                return offset + end + len(closing)
        offset += len(line) + 1
    return None
