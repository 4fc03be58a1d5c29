"""The archive's one Markdown parser: the report model, the checks and the rendered pages all
read its tokens, so what is checked is what is published.

CommonMark with tables, footnotes, admonitions (``!!! warning "Title"``) and attribute lists
(``{#id .class}`` after a link, ``{.class}`` on the line before a block), which the archive's
generated Markdown uses; contributors may write only a heading's ``{#id}`` (``safety``).
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

MAX_NESTING = 20
"""Blocks and inline elements nest at most this deep; a report needs fewer than ten."""


def new_parser() -> MarkdownIt:
    parser = (MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
              .use(footnote_plugin).use(admon_plugin).use(attrs_plugin).use(attrs_block_plugin))
    # Every address becomes a link token, so that none escapes the safety check as text.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


PARSER = new_parser()


def parse_tokens(text: str) -> list[Token]:
    return PARSER.parse(text)
