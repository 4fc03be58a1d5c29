"""Report text in Markdown and back: escaping words so they stay literal, and reading them plain.

The two directions live together so that what ``escape`` writes, ``plain_text`` reads back
as the same words.
"""

from __future__ import annotations

import re
from functools import cache

_MARKER_RE = re.compile(r"(\[\^[^\]\s]+\])")
_ESCAPES = {c: "\\" + c for c in "\\`*_[]{}"}
_ESCAPES.update({"<": "&lt;", ">": "&gt;"})
_ENTITY_RE = re.compile(r"&(?=#?\w+;)")


def escape(text: str, extra: str = "") -> str:
    """Make report text literal in Markdown, keeping footnote markers ``[^1]`` as markup."""
    parts = _MARKER_RE.split(text)
    return "".join(part if index % 2 else _escape_plain(part, extra)
                   for index, part in enumerate(parts))


def _escape_plain(text: str, extra: str) -> str:
    return _ENTITY_RE.sub("&amp;", text).translate(_escape_table(extra))


@cache
def _escape_table(extra: str) -> dict[int, str]:
    return str.maketrans({**_ESCAPES, **{c: "\\" + c for c in extra}})


_FOOTNOTE_REF_RE = re.compile(r"\[\^[^\]\s]+\]")
EXPLICIT_ID_RE = re.compile(r"\s*\{#(?P<id>[^}\s]*)\}\s*$")
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain_text(markdown_inline: str) -> str:
    text = _FOOTNOTE_REF_RE.sub("", markdown_inline)
    text = EXPLICIT_ID_RE.sub("", text)
    return _ESCAPE_RE.sub(r"\1", text).strip()
