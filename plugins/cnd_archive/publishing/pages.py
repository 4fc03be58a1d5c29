"""Markdown of the pages the archive generates: a body's list of meetings, placeholder meetings.

Every value that comes from front matter is escaped: content from pull requests must
not be able to inject markup into a generated page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cnd_archive.model.ordinals import counted
from cnd_archive.indexes.entities import EntityRecord
from cnd_archive.publishing.meeting_facts import NOT_KNOWN, format_dates, venue
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.publishing.html import Page
from cnd_archive.publishing.html_page import HtmlPage, strong, text
from cnd_archive.publishing.index_pages import participation_matrix
from cnd_archive.registry.bodies import Body
from cnd_archive.model.markdown_text import escape
from cnd_archive.publishing.citations import Citation
from cnd_archive.publishing.citations import text as citation_text
from cnd_archive.publishing.resolver import Resolver
from cnd_archive.publishing.search_facets import Option
from cnd_archive.publishing.search_shards import Shard
from cnd_archive.references.followup import recommendations_target
from cnd_archive.layout import (COUNTRIES_INDEX, DATA_DIR, DOCUMENTS, HOME, HOW_TO_CITE, SEARCH, THEMES_INDEX,
                                 WORKING_GROUPS, Target, body_index_uri)

REPORT_FACTS_CLASS = "cnd-report-facts"
HOW_TO_CITE_CLASS = "cnd-how-to-cite"
KIND_TEXT = {"report": "Report in the archive", "placeholder": "Report not yet in the archive"}


def body_page(body: Body, meetings: list[Meeting], entities: dict[str, EntityRecord], feed: str | None = None) -> HtmlPage:
    """The page of one body: what it is, a table of its meetings, and who took part in them."""
    in_archive = sum(1 for s in meetings if s.kind == "report")
    page = HtmlPage(body_index_uri(body.slug), body.code,
                    f"{body.name} ({body.code}): the {len(meetings)} {body.meeting_word.lower()}s the archive knows "
                    f"of, with their dates and venues; the reports of {in_archive} are in the archive.")
    page.heading(1, f"{body.name} ({body.code})", "title")
    page.paragraph(text(
        f"A subsidiary body of the Commission on Narcotic Drugs, established by "
        f"{body.established_by}. Its members meet once a year to review drug "
        f"trafficking trends in the region, the implementation of the recommendations of "
        f"an earlier {body.meeting_word.lower()}, and topics discussed in working groups."))
    follow = f" {page.link('Follow its new reports (Atom feed)', Target(feed))}." if feed else ""
    page.paragraph(text(f"The archive knows of {len(meetings)} {body.meeting_word.lower()}s of this body; "
                        f"the reports of {in_archive} are in it.") + follow)
    page.heading(2, "Meetings", "meetings")
    page.table(["Meeting", "Number", "Dates", "Venue", "Status"],
               [[page.link(text(s.ordinal_name), Target(s.src_uri)), str(s.number),
                 text(format_dates(s.start_date, s.end_date)), text(venue(s)), text(KIND_TEXT[s.kind])]
                for s in meetings])
    if in_archive:
        page.heading(2, "Participation", "participation")
        if not participation_matrix(page, entities, meetings):
            page.paragraph("The reports of the archive record no participants.")
    return page


def official_versions(symbol: str, body: Body, resolver: Resolver) -> str:
    """Links to a document in each working language of its body: "[English](…), [French](…)"."""
    return ", ".join(f"[{name}]({url})" for name, url in resolver.official_versions(symbol, body))


FILTER_LABELS = {"body": ("Body", "All bodies"), "meeting": ("Meeting", "All meetings"), "year": ("Year", "All years"),
                 "country": ("Country", "All countries"), "theme": ("Theme", "All themes")}


def search_page(offered: dict[str, list[Option]], shards: Sequence[Shard]) -> HtmlPage:
    """The search page: its form (``fragments/search_form.html``) and what a result is. The form
    names the search indexes the page merges into the first one's (``search_shards.py``)."""
    page = HtmlPage(SEARCH, "Search", "Search the words of every report in the archive, paragraph by paragraph.")
    page.heading(1, "Search the archive", "title")
    filters = []
    for name, (label, everything) in FILTER_LABELS.items():
        groups: dict[str, list[Option]] = {}
        for option in offered.get(name, []):
            groups.setdefault(option.group, []).append(option)
        filters.append({"name": name, "label": label, "everything": everything, "groups": list(groups.items())})
    page.fragment("search_form.html", filters=filters, merged=" ".join(s.path for s in shards[1:]))
    page.paragraph("Each result is a paragraph, subparagraph or recommendation where the words occur, named as it is "
                   "cited. A theme finds the paragraphs of the working-group issues tagged with it and the "
                   "paragraphs tagged with it after review.")
    return page


def report_facts(meeting: Meeting, resolver: Resolver) -> str:
    """A line of facts under a report's title; it carries the citation the Cite buttons copy."""
    issued = meeting.meta.get("issued")
    parts = [f"**{escape(meeting.body.code)}, {escape(meeting.ordinal_name)}**",
             escape(venue(meeting)), format_dates(meeting.start_date, meeting.end_date)]
    symbol = meeting.meta.get("symbol")
    if isinstance(symbol, str) and symbol:
        parts.append(f"symbol {escape(symbol)} ({official_versions(symbol, meeting.body, resolver)})")
    if isinstance(issued, dt.date):
        parts.append(f"issued {issued.day} {issued:%B %Y}")
    if meeting.meta.get("job_number"):
        parts.append(f"job number {escape(str(meeting.meta['job_number']))}")
    return f"{{.{REPORT_FACTS_CLASS}}}\n" + " · ".join(parts)


def how_to_cite(meeting: Meeting, cited: Citation) -> str:
    """The section at the foot of a report: its citation, and the files a reference manager reads."""
    files = citation_files_of(meeting)
    links = ", ".join(f"[{name}]({Target(path).markdown_from(meeting.src_uri)})" for name, path in files.items())
    # Marked as the archive's own words: search finds the reports' words, not these.
    return "\n".join([
        f"## How to cite {{#{HOW_TO_CITE}}}", "",
        f"{{.{HOW_TO_CITE_CLASS}}}",
        "Cite the report by the body that adopted it, its title, its symbol where the archive knows it and "
        "its date of issue; cite a paragraph, subparagraph or recommendation by its number and its permalink:", "",
        f"{{.{HOW_TO_CITE_CLASS}}}",
        f"> {escape(citation_text(cited, 'para. 6', cited.url + '#para_6'))}", "",
        f"{{.{HOW_TO_CITE_CLASS}}}",
        "The **Cite** button beside each number gives that citation for its paragraph, as text to copy or as a "
        f"file for a reference manager. The whole report: {links}.", ""])


def citation_files_of(meeting: Meeting) -> dict[str, str]:
    """A report's citation for reference managers, by format name: its path in the site."""
    stem = f"{DATA_DIR}/citations/{meeting.id}"
    return {"BibTeX": f"{stem}.bib", "RIS": f"{stem}.ris", "CSL-JSON": f"{stem}.json"}


@dataclass(frozen=True)
class HomeCounts:
    """What the home page counts."""

    recommendations: int
    documents: int
    participants: int
    feed: str | None = None
    """The archive's feed, where it is written."""


def home_page(archive: Archive, counts: HomeCounts, intro: tuple[str, Page], rest: tuple[str, Page]) -> HtmlPage:
    """The home page: its own words (``index.md``), with the archive's summary before their first
    section: counts, the latest report, a search box and the ways in."""
    page = HtmlPage(HOME, "Home")
    page.markdown(*intro)
    page.heading(2, "What the archive holds", "holdings")
    page.fragment("home_search.html", action=page.href(Target(SEARCH)))
    reports = [s for s in archive.meetings if s.kind == "report"]
    page.paragraph(f"The archive holds {strong(counted(len(reports), 'report'))} of {len(archive.meetings)} known "
                   f"meetings, with {strong(counted(counts.recommendations, 'recommendation'))}, "
                   f"{strong(counted(counts.documents, 'cited document'))} and "
                   f"{strong(f'{counts.participants} countries and organisations')}.")
    latest = max(reports, key=lambda s: s.start_date or dt.date.min) if reports else None
    if latest is not None:
        named = f"{latest.ordinal_name}, {latest.city or NOT_KNOWN}, {format_dates(latest.start_date, latest.end_date)}"
        page.paragraph(f"Latest report: {page.link(text(named), Target(latest.src_uri))} "
                       f"({page.link('its recommendations', recommendations_target(archive, latest))}).")
    page.paragraph("Ways in:")
    bodies = {s.body.code: s.body for s in archive.meetings_sorted()}.values()
    page.bullets([
        *[page.link(text(f"By meeting: {body.short_name} ({body.code})"), Target(body_index_uri(body.slug)))
          for body in bodies],
        f"{page.link('By theme', Target(THEMES_INDEX))} and "
        f"{page.link('working-group issue', Target(WORKING_GROUPS))}",
        page.link("By country or organisation", Target(COUNTRIES_INDEX)),
        page.link("By document", Target(DOCUMENTS)),
        page.link("Search", Target(SEARCH)),
        *([page.link("New reports as they arrive: Atom feed", Target(counts.feed))] if counts.feed else []),
    ])
    page.markdown(*rest)
    return page


def withheld_page(src_uri: str) -> str:
    """What a page whose source has a problem shows instead of its content (the build has failed)."""
    page = HtmlPage(src_uri, "Page withheld")
    page.heading(1, "Page withheld", "title")
    page.paragraph("This page's source has a problem that the archive's checks found, so it is not published. "
                   "The build log names the file, the line and the fix.")
    return page.finish({}).html
