"""Pages the archive writes itself, written straight as HTML: no Markdown to parse.

Index pages are built from the model, not from a contributor's text, so there is nothing for a
Markdown parser to find in them; writing their HTML directly spares the largest share of a
build. What the Markdown route gave them still holds: every value is escaped here, every
heading gets its id and its link to itself, and every link is recorded with its anchor and
checked against the site (``finish``), as a link of a contributor's page is. The result then
passes through the same sanitizer as every other page.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from cnd_archive.errors import Problem
from cnd_archive.result_codec import stored
from cnd_archive.layout import Target, relative_url, site_url
from cnd_archive.publishing.html import HEADERLINK, Heading, Page, RenderedPage, render, repeated_ids, sanitize
from cnd_archive.publishing.anchoring import NUMBER_CLASS
from cnd_archive.publishing.fragments import fragment

Items = Sequence["str | tuple[str, Items]"]
"""List items as inline HTML; a (html, items) pair is an item with a list of its own."""


def add_item(items: list[str | tuple[str, Items]], inline: str, under_last: bool) -> None:
    """A list item, or (``under_last``) an item of the list of the item before it: a subparagraph
    under its paragraph."""
    if under_last and items:
        last = items[-1]
        parent, children = last if isinstance(last, tuple) else (last, [])
        items[-1] = (parent, [*children, inline])
    else:
        items.append(inline)


def text(value: str) -> str:
    """Words as HTML text: nothing in them is markup."""
    return html.escape(value, quote=False)


def strong(inline: str) -> str:
    return f"<strong>{inline}</strong>"


def abbr(shown: str, title: str) -> str:
    return f'<abbr title="{html.escape(title)}">{text(shown)}</abbr>'


@stored
@dataclass
class HtmlPage:
    """One generated page, block by block."""

    src_uri: str
    title: str
    description: str = ""
    """What the page is about, for search engines and link previews; the first paragraph's words
    unless given."""
    parts: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    """Every page of the site this one links to, with the anchor it needs there."""
    heading_parts: list[int] = field(default_factory=list)
    """The place of each heading among the parts, to order them with a contributor's."""
    embedded: dict[int, tuple[str, Page]] = field(default_factory=dict)
    """A contributor's Markdown in the page (a placeholder's own words), by its place among the parts:
    rendered, checked and sanitized as any contributor's page is, once the site is known."""
    sealed: bytes = b""
    """The parts of a complete page, joined and compressed (``seal``)."""
    sealed_size: int = 0

    # -- inline -----------------------------------------------------------------

    def link(self, inline: str, target: Target | str, anchor_id: str = "") -> str:
        """A link to a page of the site (a Target) or to an address outside it (a str)."""
        if isinstance(target, Target):
            self.targets.append(target)
            href = self.href(target)
        else:
            href = target
        if anchor_id:
            self.ids.append(anchor_id)
        id_attribute = f' id="{html.escape(anchor_id)}"' if anchor_id else ""
        return f'<a href="{html.escape(href)}"{id_attribute}>{inline}</a>'

    def href(self, target: Target) -> str:
        if target.src_uri == self.src_uri:
            return f"#{target.anchor}"
        url = _page_to_page(self.src_uri, target.src_uri)
        return f"{url}#{target.anchor}" if target.anchor else url

    # -- blocks -------------------------------------------------------------------

    def heading(self, level: int, words: str, anchor: str, inline: str | None = None) -> None:
        """A heading with its id and self-link; ``words`` are its text (for the table of contents),
        ``inline`` its HTML when it holds more than words (a link)."""
        self.ids.append(anchor)
        self.headings.append(Heading(level, anchor, words))
        self.heading_parts.append(len(self.parts))
        inline = text(words) if inline is None else inline
        self.parts.append(f'<h{level} id="{html.escape(anchor)}">{inline}{HEADERLINK.format(id=html.escape(anchor))}'
                          f"</h{level}>\n")

    def number(self, shown: str, anchor_id: str) -> str:
        """A printed number as a link to itself, the id a permalink names (as a report's numbers are)."""
        self.ids.append(anchor_id)
        escaped = html.escape(anchor_id)
        return f'<a class="{NUMBER_CLASS}" id="{escaped}" href="#{escaped}">{text(shown)}</a>'

    def paragraph(self, inline: str, classes: str = "") -> None:
        if not self.description:
            # A paragraph's closing link leads elsewhere ("All bodies"): it says nothing of this page.
            self.description = words_of(_CLOSING_LINK_RE.sub("", inline))
        class_attribute = f' class="{html.escape(classes)}"' if classes else ""
        self.parts.append(f"<p{class_attribute}>{inline}</p>\n")

    def markdown(self, source: str, page: Page) -> None:
        """A contributor's Markdown, rendered in its place when the page is finished."""
        self.embedded[len(self.parts)] = (source, page)
        self.parts.append("")

    def bullets(self, items: Items) -> None:
        self.parts.append(_list(items))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        head = "".join(f"<th>{cell}</th>\n" for cell in header)
        body = "".join("<tr>\n" + "".join(f"<td>{cell}</td>\n" for cell in row) + "</tr>\n" for row in rows)
        self.parts.append(f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n"
                          + (f"<tbody>\n{body}</tbody>\n" if rows else "") + "</table>\n")

    def element(self, fragment: str) -> None:
        """A block of the archive's own HTML (a form: its ids are for scripts, not anchors to cite)."""
        self.parts.append(fragment)

    def fragment(self, name: str, **values: Any) -> None:
        """One of the archive's fixed pieces of HTML (``publishing/fragments/``), its values escaped."""
        self.element(fragment(name, **values))

    # -- the page -----------------------------------------------------------------

    def seal(self) -> HtmlPage:
        """The page is complete: its parts are kept joined and compressed until it is finished. A
        site's thousands of generated pages are all made before any can be finished (the links
        of each need the whole site), and as text they were a third of a build's memory at 1,000
        reports. A page with a contributor's words in it keeps its parts (they are rendered in place)."""
        if not self.embedded and self.parts:
            joined = "".join(self.parts)
            self.sealed, self.sealed_size, self.parts = zlib.compress(joined.encode("utf-8"), 1), len(joined), []
        return self

    def release(self) -> None:
        """Let go of the page's HTML once it is finished (a build that keeps nothing for the next)."""
        self.parts.clear()
        self.sealed = b""

    def finish(self, site: Mapping[str, str], clean: Callable[[str], str] = sanitize) -> RenderedPage:
        """The page as published, once every file of the site is known: a link to a page that is
        not in the site is a problem, as it would be in a contributor's page."""
        parts = [zlib.decompress(self.sealed).decode("utf-8")] if self.sealed else list(self.parts)
        ids = list(self.ids)
        placed = list(zip(self.heading_parts, self.headings))
        contributed = []
        for index, (source, page) in self.embedded.items():
            part = render(source, page, site)
            parts[index] = part.html
            contributed.append(part)
            placed += [(index, heading) for heading in part.headings]
        headings = [heading for _, heading in sorted(placed, key=lambda item: item[0])]  # stable: in page order
        rendered = RenderedPage.of(clean("".join(parts)), headings, set(ids).union(*(p.anchors for p in contributed)))
        for part in contributed:
            rendered.problems += part.problems
            rendered.links += part.links
            ids += sorted(part.anchors)
        for target in self.targets:
            if target.src_uri not in site:
                rendered.problems.append(Problem(self.src_uri, 1, f"link to {target.src_uri!r}: no such page",
                                                 "the archive generated a link to a page it does not build"))
            elif target.src_uri.endswith(".md") and target.src_uri != self.src_uri:
                rendered.links.append((target.src_uri, target.anchor, 1))
        rendered.problems += repeated_ids(ids, self.src_uri, 1)
        return rendered

    @property
    def size(self) -> int:
        return self.sealed_size if self.sealed else sum(map(len, self.parts))


_TAG_RE = re.compile(r"<[^>]*>")
_CLOSING_LINK_RE = re.compile(r"\s*<a [^>]*>[^<]*</a>\s*$")


def words_of(inline: str) -> str:
    """The words of the archive's own inline HTML (its tags hold no text)."""
    return " ".join(html.unescape(_TAG_RE.sub("", inline)).split())


@lru_cache(maxsize=65536)
def _page_to_page(from_uri: str, to_uri: str) -> str:
    """A page links to the same few hundred others many times over (a meeting from each of its mentions)."""
    return relative_url(site_url(from_uri), site_url(to_uri))


def _list(items: Items) -> str:
    out = []
    for item in items:
        if isinstance(item, tuple):
            inline, children = item
            out.append(f"<li>{inline}\n{_list(children)}</li>\n")
        else:
            out.append(f"<li>{item}</li>\n")
    return "<ul>\n" + "".join(out) + "</ul>\n"
