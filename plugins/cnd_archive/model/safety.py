"""Content from pull requests must not be able to attack readers: no raw HTML, no script links,
no attributes but a heading's id.

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
from cnd_archive.model.anchors import ID_RE
from cnd_archive.model.markdown_text import EXPLICIT_ID_RE
from cnd_archive.model.parser import every_token, parse_tokens

ALLOWED_SCHEMES = ("http", "https", "mailto", "symbol")
"""``symbol:`` is the archive's own annotation for a UN document symbol."""

PAGE_KEYS = ("title", "description", "hide", "search")
NATIVE_ATTRIBUTES = {
    "link_open": ("href", "title"), "image": ("src", "alt", "title"), "ordered_list_open": ("start",),
    "th_open": ("style",), "td_open": ("style",), "admonition_open": ("class",), "admonition_title_open": ("class",),
}
"""The attributes Markdown itself gives each kind of token; any other was written in an attribute list."""
ADMONITION_TYPES = ("note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger",
                    "bug", "example", "quote")
_ADMONITION_CLASSES = {f"admonition {kind}" for kind in ADMONITION_TYPES}
ALLOWED_CLASSES = frozenset({
    "admonition", "admonition-title", *ADMONITION_TYPES, "footnote", "footnote-ref", "footnote-backref", "headerlink",
    "cnd-num", "cnd-followup", "cnd-report-facts", "cnd-cite", "cnd-decision", "cnd-resolution", "cnd-search",
    "cnd-search--home", "cnd-search-results", "cnd-search-input", "cnd-search-status", "cnd-home-search",
    "cnd-visually-hidden", "cnd-search-filters", "cnd-search-filter", "cnd-how-to-cite",
})
"""The classes the archive's pages use; no other reaches a reader (Material's ``md-`` classes carry behaviour)."""
_PLAIN_TEXT_RE = re.compile(r"^[^<>\"`\x00-\x1f\x7f]{1,500}$")
"""The schema's plain text: nothing a template could print as markup (titles reach every page)."""
_SCHEME_RE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*)\s*:")
_INVISIBLE_RE = re.compile(r"[\x00-\x20\x7f]+")


def link_scheme(href: str) -> str | None:
    """The scheme of an address as a browser reads it (entities, escapes and blanks removed)."""
    cleaned = _INVISIBLE_RE.sub("", unquote(href))
    match = _SCHEME_RE.match(cleaned)
    return match[1].lower() if match else None


def unsafe_markdown(body: str, body_line: int, path: str, tokens: list[Token] | None = None) -> list[Problem]:
    """A contributor's Markdown: no raw HTML, no script links, no attributes but a heading's {#id}."""
    tokens = tokens if tokens is not None else parse_tokens(body)
    return written_attributes(tokens, body_line, path) + unsafe_tokens(tokens, body_line, path)


def unsafe_tokens(tokens: list[Token], first_line: int, path: str, allow_html: bool = False,
                  allow_symbols: bool = True) -> list[Problem]:
    """Raw HTML (unless the page is the archive's own) and links whose address runs code or leaves
    the site by a scheme-less address (``//host``)."""
    problems: list[Problem] = []
    for token in tokens:
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "html_block" and not allow_html:
            problems.append(_html_problem(path, line, token.content))
        for child in token.children or []:
            problems += _inline_problems(child, path, line, allow_html, allow_symbols)
    return problems


def _inline_problems(token: Token, path: str, line: int, allow_html: bool, allow_symbols: bool) -> list[Problem]:
    if token.type == "html_inline":
        return [] if allow_html else [_html_problem(path, line, token.content)]
    address = token.attrGet("href") or token.attrGet("src")
    if token.type not in ("link_open", "image") or address is None:
        return []
    scheme = link_scheme(str(address))
    if scheme == "symbol" and not allow_symbols:
        return [Problem(path, line, "a 'symbol:' link is resolved on meeting pages only",
                        "link to the document's address, e.g. https://undocs.org/E/2017/28")]
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        return [Problem(path, line, f"link to a '{scheme}:' address is not allowed",
                        "link to a page of the archive or to an http(s) address")]
    if scheme is None and _leaves_the_site(str(address)):
        return [Problem(path, line, f"link {str(address)[:40]!r} leaves the site without a scheme",
                        "write the whole address, https://...")]
    return []


def _leaves_the_site(address: str) -> bool:
    """``//host/x`` (and ``/\\host``, which browsers read the same way) is another site's address."""
    cleaned = _INVISIBLE_RE.sub("", unquote(address)).replace("\\", "/")
    return cleaned.startswith("//")


def written_attributes(tokens: list[Token], first_line: int, path: str) -> list[Problem]:
    """Attributes the contributor wrote (``{.class}`` or ``{#id}`` on the line before a block, an
    admonition's type) rather than those Markdown itself gives: any HTML attribute could be set
    that way (``onclick``, Material's reserved ``id="__config"``), so only a heading's {#id} is."""
    problems: list[Problem] = []
    line, previous = first_line, None
    for token in every_token(tokens):
        if token.map:
            line = first_line + token.map[0]
        native = NATIVE_ATTRIBUTES.get(token.type, ())
        written = [key for key in token.attrs if key not in native]
        if written:
            shown = " ".join(f"{k}={str(token.attrs[k])[:30]!r}" for k in written)
            problems.append(Problem(path, line, f"attribute list ({shown}) is not allowed",
                                    "only a heading may end with {#id}; to start a line with a literal brace, write \\{"))
        elif token.type == "admonition_open" and str(token.attrs.get("class", "")) not in _ADMONITION_CLASSES:
            problems.append(Problem(path, line, f"admonition {str(token.attrs['class'])[11:40]!r} is not a known kind",
                                    "use one of: " + ", ".join(ADMONITION_TYPES)))
        elif token.type == "inline" and previous is not None and previous.type == "heading_open":
            problems += _heading_id_problems(token, path, line)
        elif token.type == "inline":
            problems += _attribute_list_text(token, path, line)
        if token.nesting or token.type == "inline":
            previous = token
    return problems


def _attribute_list_text(inline: Token, path: str, line: int) -> list[Problem]:
    """``[x](url){.class}`` or a line ``{: onclick=...}``: not read as attributes here, but written as
    if they were (other Markdown readers would), so they are named rather than published as text."""
    children = inline.children or []
    breaks = 0
    for before, token in zip([None, *children], children):
        breaks += token.type in ("softbreak", "hardbreak")
        if token.type != "text":
            continue
        text = token.content.lstrip()
        after_element = before is not None and before.type in _INLINE_ENDS and token.content.startswith("{")
        at_line_start = before is None or before.type in ("softbreak", "hardbreak")
        if after_element or at_line_start and text.startswith(("{:", "{#", "{.")):
            return [Problem(path, line + breaks, f"attribute list {text[:40]!r} is not allowed",
                            "remove it; only a heading may end with {#id}")]
    return []


_INLINE_ENDS = ("link_close", "image", "code_inline")


def _heading_id_problems(inline: Token, path: str, line: int) -> list[Problem]:
    last = inline.children[-1] if inline.children else None
    if last is None or last.type != "text" or "{#" not in last.content:
        return []
    match = EXPLICIT_ID_RE.search(last.content)
    if match is None or ID_RE.match(match["id"]):
        return []
    return [Problem(path, line, f"heading id {match['id'][:40]!r} is not allowed",
                    "an id starts with a small letter and holds letters, digits and '_' only, e.g. {#background}")]


def reserved_id(anchor: str) -> bool:
    """Ids the theme's scripts look up (``__config`` holds its settings, ``__search`` ...), and its
    ``md-`` hooks: a page that took one would steer the theme."""
    return anchor.startswith(("__", "md-", "md_")) or not anchor


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
