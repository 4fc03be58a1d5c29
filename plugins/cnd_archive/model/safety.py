"""Content from pull requests must not be able to attack readers: no raw HTML, no script links.

Every page's Markdown is parsed with markdown-it-py (the same parse the report model
uses) and refused, with its line, when it holds raw HTML or a link or image whose
address runs code or embeds content (``javascript:``, ``data:``, ``vbscript:``, ``file:``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

from markdown_it.token import Token

from cnd_archive.errors import Problem
from cnd_archive.model.parser import parse_tokens

ALLOWED_SCHEMES = ("http", "https", "mailto", "symbol")
"""``symbol:`` is the archive's own annotation for a UN document symbol."""

PAGE_KEYS = ("title", "description", "hide", "search")
_ATTRIBUTE_LIST_RE = re.compile(r"(?<!\\)\{[^}\n]*\}")
_HEADING_ID_RE = re.compile(r"^\{#[a-z][A-Za-z0-9_]*\}$")
_PLAIN_TEXT_RE = re.compile(r"^[^<>\"`\x00-\x1f\x7f]{1,200}$")
_SCHEME_RE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*)\s*:")
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f]+")


def link_scheme(href: str) -> str | None:
    """The scheme of an address as a browser reads it (entities, escapes and blanks removed)."""
    cleaned = _INVISIBLE_RE.sub("", unquote(href))
    match = _SCHEME_RE.match(cleaned)
    return match[1].lower() if match else None


def unsafe_markdown(body: str, body_line: int, path: str, tokens: list[Token] | None = None) -> list[Problem]:
    """A contributor's Markdown: no raw HTML, no script links, no attribute lists but a heading's id."""
    tokens = tokens if tokens is not None else parse_tokens(body)
    return _attribute_lists(body, body_line, path) + unsafe_tokens(tokens, body_line, path)


def unsafe_tokens(tokens: list[Token], first_line: int, path: str, allow_html: bool = False) -> list[Problem]:
    """Raw HTML (unless the page is the archive's own) and links whose address runs code."""
    problems: list[Problem] = []
    for token in tokens:
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "html_block" and not allow_html:
            problems.append(_html_problem(path, line, token.content))
        for child in token.children or []:
            problems += _inline_problems(child, path, line, allow_html)
    return problems


def _inline_problems(token: Token, path: str, line: int, allow_html: bool) -> list[Problem]:
    if token.type == "html_inline":
        return [] if allow_html else [_html_problem(path, line, token.content)]
    address = token.attrGet("href") or token.attrGet("src")
    if token.type in ("link_open", "image") and address is not None:
        scheme = link_scheme(str(address))
        if scheme is not None and scheme not in ALLOWED_SCHEMES:
            return [Problem(path, line, f"link to a '{scheme}:' address is not allowed",
                            "link to a page of the archive or to an http(s) address")]
    return []


def _attribute_lists(body: str, body_line: int, path: str) -> list[Problem]:
    """Attribute lists can set any HTML attribute (onclick=...): only a heading's {#id} may be written."""
    problems = []
    for index, line in enumerate(body.split("\n")):
        for match in _ATTRIBUTE_LIST_RE.finditer(line):
            allowed = line.startswith("#") and match.end() == len(line.rstrip()) and _HEADING_ID_RE.match(match[0])
            if not allowed:
                problems.append(Problem(path, body_line + index, f"attribute list {match[0][:40]!r} is not allowed",
                                        "only a heading may end with {#id}; write literal braces as \\{ \\}",
                                        match.start() + 1))
    return problems


def plain_text_value(value: str) -> bool:
    """Text a theme may print as it is: no markup, no control characters, not too long."""
    return bool(_PLAIN_TEXT_RE.match(value))


def unsafe_front_matter(meta: dict[str, object], path: str, line_of: Callable[[str], int]) -> list[Problem]:
    """Front matter of a page that is not a meeting page: the few keys MkDocs reads, as plain text."""
    problems = []
    for key, value in meta.items():
        if key not in PAGE_KEYS:
            problems.append(Problem(path, line_of(key), f"front matter field {key!r} is not allowed here",
                                    "use only: " + ", ".join(PAGE_KEYS)))
        elif key in ("title", "description") and not (isinstance(value, str) and _PLAIN_TEXT_RE.match(value)):
            problems.append(Problem(path, line_of(key), f"{key} must be plain text",
                                    'remove markup characters (< > " `)'))
    return problems


def _html_problem(path: str, line: int, html: str) -> Problem:
    shown = html.strip().splitlines()[0][:60] if html.strip() else "HTML"
    return Problem(path, line, f"raw HTML {shown!r} is not allowed", "write the text as Markdown")
