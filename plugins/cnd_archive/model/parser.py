"""The archive's one Markdown parser: the report model, the checks and the rendered pages all
read its tokens, so what is checked is what is published.

CommonMark with tables, footnotes, admonitions (``!!! warning "Title"``) and block attribute
lists (``{.class}`` on the line before a block), which the archive's generated Markdown uses;
contributors may write only a heading's ``{#id}`` (``safety``). Attribute lists after inline
elements are not parsed at all: text that becomes a link only when the archive links it (a
symbol, a number) must not be able to give that link attributes.

The links the archive adds to a page (a number's link to itself, a symbol's link to its
document) are written as numbered placeholders, ``\ue000<n>\ue001<label>\ue002``, whose
attributes the page's list of links gives (``parse_tokens(text, links)``): they become the
same link tokens as a Markdown link, without the cost of parsing one (a report has thousands).
A contributor cannot write them: the three characters are refused when a file is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.footnote import footnote_plugin

MAX_NESTING = 20
"""Blocks and inline elements nest at most this deep; a report needs fewer than ten."""
LINK_OPEN, LINK_LABEL, LINK_CLOSE = "\ue000", "\ue001", "\ue002"
RESERVED_CHARACTERS = LINK_OPEN + LINK_LABEL + LINK_CLOSE
_LINKS = "archive_links"

Attributes = tuple[tuple[str, str], ...]
"""A link's attributes in order: (("href", "../28.md#para_4"), ("id", ...), ...)."""


def new_parser() -> MarkdownIt:
    parser = (MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
              .use(footnote_plugin).use(admon_plugin).use(attrs_block_plugin))
    # Every address becomes a link token, so that none escapes the safety check as text.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    parser.inline.ruler.before("link", "archive_link", _archive_link)
    for char in RESERVED_CHARACTERS:  # a run of text stops where a link starts, and where its label ends
        parser.inline.add_terminator_char(char)
    return parser


def _archive_link(state: StateInline, silent: bool) -> bool:
    """A placeholder link: its attributes from the page's list, its label parsed as a link label is."""
    if state.src[state.pos] != LINK_OPEN:
        return False
    links = state.env.get(_LINKS) if isinstance(state.env, dict) else None
    label = state.src.find(LINK_LABEL, state.pos, state.posMax)
    close = state.src.find(LINK_CLOSE, label, state.posMax) if label >= 0 else -1
    number = state.src[state.pos + 1:label] if label >= 0 else ""
    if not links or close < 0 or not number.isdigit() or int(number) >= len(links):
        return False
    if not silent:
        attributes = dict(links[int(number)])
        attributes["href"] = _normalized_link(attributes["href"])
        state.push("link_open", "a", 1).attrs = attributes
        end = state.posMax
        state.pos, state.posMax = label + 1, close
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        state.posMax = end
        state.push("link_close", "a", -1)
    state.pos = close + 1
    return True


PARSER = new_parser()


@lru_cache(maxsize=65536)
def _normalized_link(href: str) -> str:
    """The address as the parser writes any link's (percent-encoded); a page repeats its links' addresses."""
    return PARSER.normalizeLink(href)


def parse_tokens(text: str, links: Sequence[Attributes] = ()) -> list[Token]:
    """The tokens of ``text``; ``links`` are the attributes of its placeholder links, by number."""
    return PARSER.parse(text, {_LINKS: links} if links else {})


def every_token(tokens: Sequence[Token]) -> list[Token]:
    """Every token in document order, each block followed by its inline tokens (and theirs)."""
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        if token.children:
            out += every_token(token.children)
    return out
