"""Pages as HTML, rendered from the same markdown-it-py tokens that the checks read.

One parse of a page's final Markdown (the contributor's text with the archive's links,
anchors and notes) is checked (``model.safety``), given its heading ids and site links,
rendered, and then passed through an allowlist sanitizer (nh3) as defence in depth: no byte
of published HTML comes from a parse the checks did not see.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from cnd_archive.errors import Problem
from cnd_archive.layout import relative_url
from cnd_archive.model.markdown_text import EXPLICIT_ID_RE
from cnd_archive.model.parser import MAX_NESTING, Attributes, every_token, new_parser, parse_tokens
from cnd_archive.model.safety import ALLOWED_CLASSES, link_scheme, plain_text_value, reserved_id, unsafe_tokens
from cnd_archive.result_codec import stored

HEADERLINK = '<a class="headerlink" href="#{id}" title="Link to this section">¶</a>'

TAGS = {"a", "abbr", "blockquote", "br", "button", "code", "del", "div", "em", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "img", "input", "label", "li", "ol", "p", "pre", "s", "section", "strong",
        "sup", "table", "tbody", "td", "th", "thead", "tr", "ul", "fieldset", "legend", "select", "option",
        "optgroup", "span"}
"""The elements the archive itself produces; nothing else reaches a reader."""
ATTRIBUTES = {
    "*": {"id", "title"},
    "a": {"href"},
    "img": {"src", "alt"},
    "li": {"data-marker"},
    "p": {"data-cite-id", "data-cite-label", "data-cite", "data-cite-bibtex", "data-cite-ris", "data-cite-csl", "role"},
    "ol": {"start"},
    "form": {"action", "method", "role", "data-cnd-merged-indexes"},
    "input": {"name", "type", "autocomplete"},
    "label": {"for"},
    "button": {"type"},
    "select": {"name"},
    "option": {"value"},
    "optgroup": {"label"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_CLASSES = {tag: set(ALLOWED_CLASSES) for tag in TAGS}

_NESTING_LIMIT = MAX_NESTING - 4
"""Deepest nesting a page may use; the parser stops nesting at MAX_NESTING and would turn the rest
into literal text, so a page that comes near it is refused instead."""
MAX_BRACKET_DEPTH = 32
"""Square brackets inside square brackets; a report needs two at most."""
_BRACKET_RE = re.compile(r"(?<!\\)[\[\]]|\n")


@stored
@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@stored
@dataclass
class RenderedPage:
    html_deflated: bytes
    """The page's HTML, compressed (``html``): a large archive's pages are all rendered before
    MkDocs writes the first, and their text compresses about sixfold."""
    headings: list[Heading] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    """Every id on the page, for links and the permalink record."""
    links: list[tuple[str, str, int]] = field(default_factory=list)
    """(page, anchor, line) of each link to another page of the site."""
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def of(cls, html_text: str, headings: list[Heading] | None = None, anchors: set[str] | None = None,
           links: list[tuple[str, str, int]] | None = None) -> RenderedPage:
        return cls(_deflate(html_text), headings or [], anchors or set(), links or [])

    @property
    def html(self) -> str:
        return zlib.decompress(self.html_deflated).decode("utf-8")

    @html.setter
    def html(self, value: str) -> None:
        self.html_deflated = _deflate(value)

    @property
    def title(self) -> str | None:
        return next((h.text for h in self.headings if h.level == 1), None)

    def share_strings(self, strings: dict[str, str]) -> RenderedPage:
        """One copy of each page address and anchor that many pages name: a page rendered in another
        process comes back with copies of its own (over 100 MB at 1,000 reports)."""
        self.links = [(strings.setdefault(target, target), strings.setdefault(anchor, anchor), line)
                      for target, anchor, line in self.links]
        self.anchors = {strings.setdefault(anchor, anchor) for anchor in self.anchors}
        return self


@stored
@dataclass(frozen=True)
class Page:
    """What the renderer needs to know of one page."""

    src_uri: str
    path: str
    """The file a contributor edits (for messages); the page's own src_uri for generated pages."""
    first_line: int = 1
    trusted_html: bool = False
    """Generated pages write a few HTML elements of their own (forms, abbreviations)."""
    attributes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Extra attributes for blocks of a class: {"cnd-report-facts": {"data-cite": "..."}}."""
    links: tuple[Attributes, ...] = ()
    """The attributes of the archive's placeholder links in the Markdown, by number (``model.parser``)."""


def render(markdown: str, page: Page, site: Mapping[str, str]) -> RenderedPage:
    """The page's HTML; ``site`` maps the source of every file of the site to its URL."""
    rendered = RenderedPage.of("")
    rendered.problems += _brackets_too_deep(markdown, page)
    if rendered.problems:
        return rendered
    tokens = parse_tokens(markdown, page.links)
    # Symbol links are resolved before rendering: one left here would be published empty.
    rendered.problems += unsafe_tokens(tokens, page.first_line, page.path, allow_html=page.trusted_html,
                                       allow_symbols=False)
    rendered.problems += _too_deep(tokens, page)
    _name_headings(tokens, rendered, page)
    _add_attributes(tokens, page.attributes)
    all_tokens = every_token(tokens)
    _resolve_links(all_tokens, page, site, rendered)
    ids = [str(t.attrs["id"]) for t in all_tokens if "id" in t.attrs] + _footnote_ids(tokens)
    rendered.problems += repeated_ids(ids, page.path, page.first_line)
    rendered.problems += _reserved_attributes(all_tokens, page)
    rendered.anchors |= set(ids)
    body = _RENDERER.renderer.render(tokens, _RENDERER.options, {})
    rendered.html = sanitize(body)
    return rendered


def _deflate(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 1)


def toc_tokens(headings: list[Heading]) -> list[dict[str, Any]]:
    """The headings nested by level, in the shape of Python-Markdown's table of contents."""
    root: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for heading in headings:
        token = {"level": heading.level, "id": heading.id, "name": html.escape(heading.text), "children": []}
        while stack and stack[-1]["level"] >= heading.level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def sanitize(fragment: str) -> str:
    return nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None,
                     strip_comments=True, allowed_classes=_CLASSES)


# -- checks ---------------------------------------------------------------------

def _brackets_too_deep(markdown: str, page: Page) -> list[Problem]:
    """Brackets nested deeper than any report writes them (``[[[[...``): refused before parsing."""
    depth, line = 0, page.first_line
    for match in _BRACKET_RE.finditer(markdown):
        char = match[0]
        if char == "\n":
            line += 1
            continue
        depth = max(0, depth + (1 if char == "[" else -1))
        if depth > MAX_BRACKET_DEPTH:
            return [Problem(page.path, line, f"brackets nest deeper than {MAX_BRACKET_DEPTH} levels",
                            "a report nests a bracket or two; check the text for stray '['")]
    return []


def _too_deep(tokens: list[Token], page: Page) -> list[Problem]:
    for token in tokens:
        if token.level > _NESTING_LIMIT:
            line = page.first_line + (token.map[0] if token.map else 0)
            return [Problem(page.path, line, f"lists or quotes nest deeper than {_NESTING_LIMIT} levels",
                            "a report nests a few levels at most; check the indentation")]
    return []


# -- headings, links, attributes ------------------------------------------------------

def _name_headings(tokens: list[Token], rendered: RenderedPage, page: Page) -> None:
    """Every heading gets an id: its written ``{#id}``, else a slug of its text, as MkDocs's
    table of contents would make it (published anchors of hand-written pages keep working).

    The first-level heading is the page's title, which the theme prints in every page's
    navigation and in places where it strips tags (entities become characters again): it must be
    plain text, not merely escaped."""
    used: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        explicit = _strip_explicit_id(inline)
        text = _text_of(inline)
        anchor = explicit or _unique(_slugify(text), used)
        used.add(anchor)
        token.attrSet("id", anchor)
        rendered.headings.append(Heading(int(token.tag[1]), anchor, text))
        if token.tag == "h1" and not plain_text_value(text):
            line = page.first_line + (token.map[0] if token.map else 0)
            rendered.problems.append(Problem(page.path, line, "the page's title (its '# ' heading) must be plain text",
                                             'remove markup characters (< > " `) and code spans from it'))


def _reserved_attributes(tokens: list[Token], page: Page) -> list[Problem]:
    """Ids the theme's scripts own, and classes the archive does not use: refused by name, where a
    sanitizer would drop them silently."""
    problems: list[Problem] = []
    line = page.first_line
    for token in tokens:
        if token.map:
            line = page.first_line + token.map[0]
        anchor = str(token.attrs["id"]) if "id" in token.attrs else None
        unknown = [c for c in str(token.attrs.get("class", "")).split() if c not in ALLOWED_CLASSES]
        if anchor is not None and reserved_id(anchor):
            problems.append(Problem(page.path, line, f"the id {anchor[:40]!r} is reserved for the theme",
                                    "give the heading an id of its own, e.g. {#background}"))
        if unknown:
            problems.append(Problem(page.path, line, f"class {unknown[0][:40]!r} is not one the archive uses",
                                    "remove the attribute list"))
    return problems


def _strip_explicit_id(inline: Token) -> str | None:
    last = inline.children[-1] if inline.children else None
    if last is None or last.type != "text":
        return None
    match = EXPLICIT_ID_RE.search(last.content)
    if not match:
        return None
    last.content = last.content[: match.start()]
    return match["id"]


def _text_of(inline: Token) -> str:
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "code_inline")).strip()


def _slugify(text: str) -> str:
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    # A leading '_' or '-' could make a theme's reserved id (a heading '__config').
    return re.sub(r"[-\s]+", "-", value).lstrip("_-")


def _unique(anchor: str, used: set[str]) -> str:
    anchor = anchor or "section"
    candidate, number = anchor, 0
    while candidate in used:
        number += 1
        candidate = f"{anchor}_{number}"
    return candidate


def _add_attributes(tokens: list[Token], attributes: Mapping[str, Mapping[str, str]]) -> None:
    for token in tokens:
        classes = str(token.attrs.get("class", "")).split()
        for name in classes:
            for key, value in attributes.get(name, {}).items():
                token.attrSet(key, value)


def _resolve_links(tokens: list[Token], page: Page, site: Mapping[str, str], rendered: RenderedPage) -> None:
    """Relative links name source files (``../28.md#para_4``); they become site URLs, and a link to
    a file that is not in the site is a problem. ``tokens`` holds inline tokens after their block."""
    line = page.first_line
    for token in tokens:
        if token.map:
            line = page.first_line + token.map[0]
        attribute = "href" if token.type == "link_open" else "src" if token.type == "image" else None
        address = str(token.attrs.get(attribute, "")) if attribute else ""
        if not address or address.startswith("#") or link_scheme(address) is not None or address.startswith("//"):
            continue
        path, _, anchor = address.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path)) if path else page.src_uri
        if target not in site:
            rendered.problems.append(Problem(page.path, line, f"link to {path!r}: no such page or file in the site",
                                             "link to a page of content/ by its file, e.g. '../28.md#para_4'"))
            token.attrSet(attribute or "href", "#")
            continue
        token.attrSet(attribute or "href", relative_url(site[page.src_uri], site[target]) + (f"#{anchor}" if anchor else ""))
        if target.endswith(".md"):
            rendered.links.append((target, anchor, line))


def _footnote_ids(tokens: list[Token]) -> list[str]:
    return [f"fn:{t.meta['label']}" for t in tokens if t.type == "footnote_open" and t.meta.get("label")]


def repeated_ids(ids: list[str], path: str, line: int) -> list[Problem]:
    """An id twice on one page: a hand-written heading taking an id the archive generates, or the same
    printed number twice; a link could land on either."""
    seen: set[str] = set()
    repeated = [i for i in ids if i in seen or seen.add(i)]  # type: ignore[func-returns-value]
    return [Problem(path, line, f"the id {anchor!r} is used twice on this page",
                    "give the heading another {#id}: this one is the archive's") for anchor in dict.fromkeys(repeated)]


# -- rendering ---------------------------------------------------------------------
# Footnotes keep the markers the report printed (*, 1, 2 ...) and the structure that the
# site's styles and scripts expect; headings end with a link to themselves.

def _footnote_label(token: Token) -> str:
    return html.escape(str(token.meta.get("label") or token.meta.get("id", "")), quote=True)


def _footnote_ref(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    label = _footnote_label(tokens[index])
    sub = tokens[index].meta.get("subId", 0)
    ref_id = f"fnref{sub + 1}:{label}" if sub else f"fnref:{label}"
    return f'<sup id="{ref_id}"><a class="footnote-ref" href="#fn:{label}">{label}</a></sup>'


def _footnote_block_open(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    return '<div class="footnote">\n<hr />\n<ol>\n'


def _footnote_block_close(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    return "</ol>\n</div>\n"


def _footnote_open(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    label = _footnote_label(tokens[index])
    return f'<li id="fn:{label}" data-marker="{label}">\n'


def _footnote_close(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    return "</li>\n"


def _footnote_anchor(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    label = _footnote_label(tokens[index])
    number = int(tokens[index].meta.get("id", 0)) + 1
    return (f'&#160;<a class="footnote-backref" href="#fnref:{label}" '
            f'title="Jump back to footnote {number} in the text">&#8617;</a>')


def _heading_close(self: Any, tokens: Sequence[Token], index: int, options: Any, env: Any) -> str:
    opening = next(t for t in reversed(tokens[:index]) if t.type == "heading_open")
    anchor = html.escape(str(opening.attrs.get("id", "")), quote=True)
    return (HEADERLINK.format(id=anchor) if anchor else "") + f"</{tokens[index].tag}>\n"


def _renderer() -> MarkdownIt:
    md = new_parser()
    for name, rule in {
        "footnote_ref": _footnote_ref, "footnote_block_open": _footnote_block_open,
        "footnote_block_close": _footnote_block_close, "footnote_open": _footnote_open,
        "footnote_close": _footnote_close, "footnote_anchor": _footnote_anchor,
        "heading_close": _heading_close,
    }.items():
        md.add_render_rule(name, rule)
    return md


_RENDERER = _renderer()
