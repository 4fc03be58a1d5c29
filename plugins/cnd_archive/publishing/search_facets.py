"""What search filters a meeting page by, and what it tells a result about its paragraphs.

Pagefind indexes each meeting page with its filters (body, meeting, year, country, theme); the
search page turns a page's matches into one result per paragraph. A theme filters paragraphs,
not only pages: a page carries, as metadata, which of its paragraphs each theme covers (those of
a working-group issue tagged with it, and those tagged in the front matter after review).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cnd_archive.indexes.entities import EntityRecord
from cnd_archive.indexes.themes import TaggedParagraph, WorkingGroupIssue
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.registry.themes import theme

FILTERS = ("body", "meeting", "year", "country", "theme")
"""The filters, in the order of the search form; each is also a parameter of the search's address."""


@dataclass(frozen=True)
class Facets:
    filters: tuple[tuple[str, str], ...]
    """(filter, value) pairs, a filter given once per value."""
    meta: tuple[tuple[str, str], ...]
    """(key, value) pairs a result reads: ``label`` ("HONLAC 27") and ``themes`` (the numbers of the
    paragraphs each theme covers, with their subparagraphs: "precursors=8,10;darknet=47")."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    group: str = ""


def _paragraph_number(element_id: str) -> str:
    """ "para_2__subpara_a" -> "2": a subparagraph is covered with its paragraph."""
    return element_id.split("__", 1)[0].removeprefix("para_")


def meeting_label(meeting: Meeting) -> str:
    return f"{meeting.body.code} {meeting.number}"


def facets(archive: Archive, entities: Iterable[EntityRecord], issues: list[WorkingGroupIssue],
           tagged: list[TaggedParagraph]) -> dict[str, Facets]:
    """Every meeting page's facets, by src_uri, in one pass over each index."""
    countries: dict[Meeting, set[str]] = {}
    for record in entities:
        if record.entity.kind != "country":
            continue
        for meeting, _ in record.roles:
            countries.setdefault(meeting, set()).add(record.entity.id)
        for target in record.paragraphs():
            mentioned = archive.meeting_at(target.src_uri)
            if mentioned is not None:
                countries.setdefault(mentioned, set()).add(record.entity.id)
    covered: dict[Meeting, dict[str, list[str]]] = {}
    for issue in issues:
        numbers = [_paragraph_number(e.id) for e in (*issue.recommendations, *issue.observations)]
        for theme_id in issue.themes:
            covered.setdefault(issue.meeting, {}).setdefault(theme_id, []).extend(numbers)
    for tag in tagged:
        if not tag.proposed:
            covered.setdefault(tag.meeting, {}).setdefault(tag.theme, []).append(tag.paragraph.label)
    return {meeting.src_uri: _facets_of(meeting, sorted(countries.get(meeting, ())), covered.get(meeting, {}))
            for meeting in archive.meetings}


def _facets_of(meeting: Meeting, countries: list[str], covered: dict[str, list[str]]) -> Facets:
    filters = [("body", meeting.body.slug), ("meeting", meeting.id)]
    if meeting.start_date:
        filters.append(("year", str(meeting.start_date.year)))
    filters += [("country", country) for country in countries]
    filters += [("theme", theme_id) for theme_id in covered]
    themes = ";".join(f"{theme_id}={','.join(dict.fromkeys(ids))}" for theme_id, ids in covered.items())
    return Facets(tuple(filters), (("label", meeting_label(meeting)), ("themes", themes)))


def options(archive: Archive, by_page: dict[str, Facets], country_names: dict[str, str]) -> dict[str, list[Option]]:
    """What each filter of the search form offers: the values some page has, each with its name."""
    present: dict[str, set[str]] = {name: set() for name in FILTERS}
    for found in by_page.values():
        for name, value in found.filters:
            present[name].add(value)
    meetings = [m for m in archive.meetings_sorted() if m.id in present["meeting"]]
    return {
        "body": [Option(b.slug, f"{b.code}: {b.short_name}") for b in archive.bodies if b.slug in present["body"]],
        "meeting": [Option(m.id, f"{meeting_label(m)} ({m.year})", m.body.code) for m in meetings],
        "year": [Option(year, year) for year in sorted(present["year"], reverse=True)],
        "country": sorted((Option(c, country_names.get(c, c)) for c in present["country"]), key=lambda o: o.label),
        "theme": sorted((Option(t, theme(t).name) for t in present["theme"]), key=lambda o: o.label),
    }
