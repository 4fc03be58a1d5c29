"""Where everything lives in the site: page URIs, generated anchor names, navigation order.

A page is named by its Markdown source (``honlac/27.md``), as MkDocs checks links to
sources; ``Target.url`` gives the published, directory-style URL (``honlac/27/``). Ids
of the report's own elements come from printed numbers (``model.anchors``); the ids
below are those of what the archive adds to a page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from cnd_archive.registry.gazetteer import Entity
from cnd_archive.result_codec import stored

HOME = "index.md"
DOCUMENTS = "documents/index.md"
SEARCH = "search.md"
WORKING_GROUPS = "working-groups/index.md"
OPEN_DATA_PAGE = "data.md"
COUNTRIES_INDEX = "countries/index.md"
ORGANISATIONS_INDEX = "organisations/index.md"
THEMES_INDEX = "themes/index.md"
DATA_DIR = "data"
"""Open data files, under the site root."""
PERMALINK_SCRIPT = "assets/permalinks.js"

RECOMMENDATIONS_HEADING = "chp_I__recommendations"
"""The heading the importer gives the recommendations of chapter I."""
RECOMMENDATIONS_CHAPTER = "chp_I"
"""UN reports of these meetings put the adopted recommendations in chapter I."""
PLACEHOLDER_RECOMMENDATIONS = "recommendations"
"""Where links to the recommendations of a meeting whose report is not yet here land."""
PROVISIONAL_AGENDA = "provisional_agenda"
PROPOSED_TOPICS = "proposed_topics"
OFFICIAL_DOCUMENTS = "official_documents"
HOW_TO_CITE = "how_to_cite"


def meeting_uri(body_slug: str, number: int) -> str:
    return f"{body_slug}/{number}.md"


def body_index_uri(body_slug: str) -> str:
    return f"{body_slug}/index.md"


def entity_uri(entity: Entity) -> str:
    """Page of a country ("countries/arg/index.md") or an organisation ("organisations/unodc/index.md"):
    the index of its folder, which holds its pages per body, so that their breadcrumbs lead to it."""
    folder = "countries" if entity.kind == "country" else "organisations"
    return f"{folder}/{entity.id.lower()}/index.md"


def entity_body_uri(entity: Entity, body_slug: str) -> str:
    """Where one body's reports mention a country or organisation: "countries/gtm/honlac.md"."""
    return entity_uri(entity).replace("/index.md", f"/{body_slug}.md")


def working_groups_uri(body_slug: str) -> str:
    """The working-group issues of one body's meetings: "working-groups/honlac.md"."""
    return f"working-groups/{body_slug}.md"


def theme_uri(theme_id: str) -> str:
    """A theme's page, the index of the folder of its pages per body."""
    return f"themes/{theme_id}/index.md"


def theme_body_uri(theme_id: str, body_slug: str) -> str:
    """One body's working-group issues on a theme, in full: "themes/money-laundering/honlac.md"."""
    return f"themes/{theme_id}/{body_slug}.md"


def document_series(symbol: str) -> str:
    """The series a symbol belongs to, read from the symbol alone so that it never changes:
    its first three parts, never the whole ("UNODC/HONLAC/27/CRP.1" and "UNODC/HONLAC/27/L.1/Add.1"
    are "UNODC/HONLAC/27"; "E/2017/28" is "E/2017")."""
    parts = symbol.split("/")
    return "/".join(parts[: max(1, min(3, len(parts) - 1))])


def document_series_uri(series: str) -> str:
    """The page of a series of documents: "documents/unodc-honlac-27.md"."""
    return f"documents/{re.sub(r'[^a-z0-9]+', '-', series.lower()).strip('-') or 'other'}.md"


def document_entry(symbol: str) -> Target:
    """A symbol's entry on the documents pages."""
    return Target(document_series_uri(document_series(symbol)), document_anchor(symbol))


def page_url(src_uri: str) -> str:
    """Site-relative URL of a page with directory URLs: "honlac/27.md" -> "honlac/27/"."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page or file at from_url to to_url, both site-relative, as MkDocs writes
    it: "honlac/27/" -> "honlac/28/" is "../28/"; the home page is "./"."""
    directory, _, name = from_url.rpartition("/")
    base = directory if "." in name else from_url
    start, target = _parts(base), _parts(to_url)
    common = 0
    for a, b in zip(start, target):
        if a != b:
            break
        common += 1
    path = "/".join([".."] * (len(start) - common) + target[common:]) or "."
    return path + "/" if to_url.endswith("/") else path


def _parts(url: str) -> list[str]:
    return [part for part in posixpath.normpath("/" + url).split("/") if part]


def site_url(src_uri: str) -> str:
    """The URL a page or file is served at, the home page as "./"."""
    return (page_url(src_uri) or "./") if src_uri.endswith(".md") else src_uri


def section_page(uris: list[str]) -> str | None:
    """The page that names the folder holding ``uris`` (a navigation section): its index."""
    folder = min((posixpath.dirname(uri) for uri in uris), key=len, default="")
    return f"{folder}/index.md" if folder else None


def resolve_relative(page_uri: str, path: str) -> str:
    """The source a relative link written on page_uri points to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path)).lstrip("/")


# -- anchors the archive adds ---------------------------------------------------

def agenda_anchor(item_id: str, list_paragraph: str) -> str:
    """A provisional agenda item on the page of the meeting it is for: agenda__item_4."""
    return "agenda" + item_id.removeprefix(list_paragraph)


def agenda_item_anchor(number: str) -> str:
    return f"agenda__item_{number}"


def document_anchor(symbol: str) -> str:
    return "doc_" + re.sub(r"[^A-Za-z0-9]+", "_", symbol).strip("_")


def slug(text: str) -> str:
    """An id from a name or a meeting id: "Latin America" -> "latin_america"."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def issue_anchor(meeting_id: str, number: int) -> str:
    """A working-group issue on a theme page: honlac_27__issue_2."""
    return f"{meeting_id.replace('-', '_')}__issue_{number}"


# -- navigation -----------------------------------------------------------------

def navigation_order(body_slugs: Iterable[str]) -> list[str]:
    """Top-level entries, by the prefix of their source: home, each body, then the indexes."""
    return [HOME, *(f"{slug}/" for slug in body_slugs), "countries/", "organisations/", "themes/",
            "working-groups/", "documents/", OPEN_DATA_PAGE]


FOLDED_SECTIONS = (COUNTRIES_INDEX, ORGANISATIONS_INDEX, THEMES_INDEX, DOCUMENTS, WORKING_GROUPS)
"""Sections of one page per country, organisation, theme, series of documents or body show their index
only in the navigation."""


@lru_cache(maxsize=65536)
def _relative_source(src_uri: str, page_uri: str) -> str:
    # A report links to the same few pages hundreds of times (its documents, its meetings).
    return posixpath.relpath(src_uri, posixpath.dirname(page_uri) or ".")


@stored
@dataclass(frozen=True)
class Target:
    """A page of the site, and optionally an anchor on it."""

    src_uri: str
    """The Markdown source of the page, e.g. "honlac/27.md"."""
    anchor: str = ""

    def markdown_from(self, page_uri: str) -> str:
        """A link as written in page_uri's Markdown: relative, to the .md file, so MkDocs checks it."""
        path = "" if self.src_uri == page_uri else _relative_source(self.src_uri, page_uri)
        return f"{path}#{self.anchor}" if self.anchor else path

    @property
    def url(self) -> str:
        """Site-relative URL, as published in the open data."""
        base = page_url(self.src_uri)
        return f"{base}#{self.anchor}" if self.anchor else base
