"""Markdown of the pages the archive generates: a body's list of meetings, placeholder meetings.

Every value that comes from front matter is escaped: content from pull requests must
not be able to inject markup into a generated page.
"""

from __future__ import annotations

import datetime as dt
import html

from cnd_archive.indexes.entities import EntityRecord
from cnd_archive.publishing.meeting_facts import NOT_KNOWN, format_dates, venue
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.publishing.html_page import HtmlPage, text
from cnd_archive.publishing.index_pages import participation_matrix
from cnd_archive.registry.bodies import Body
from cnd_archive.model.markdown_text import escape
from cnd_archive.publishing.anchoring import Links
from cnd_archive.publishing.citations import Citation
from cnd_archive.publishing.citations import text as citation_text
from cnd_archive.publishing.resolver import Resolver
from cnd_archive.publishing.search_facets import Option
from cnd_archive.model.anchors import citation_label, paragraph_id
from cnd_archive.model.numbering import LEADING_MARKER_RE
from cnd_archive.references.followup import Review, recommendations_target
from cnd_archive.layout import (DATA_DIR, HOME, HOW_TO_CITE, DOCUMENTS, OFFICIAL_DOCUMENTS, PLACEHOLDER_RECOMMENDATIONS, PROPOSED_TOPICS, PROVISIONAL_AGENDA,
                                 SEARCH, WORKING_GROUPS, COUNTRIES_INDEX, THEMES_INDEX, Target, agenda_anchor,
                                 body_index_uri, theme_uri)
from cnd_archive.model.report import Element
from cnd_archive.indexes.themes import ProposedTopic
from cnd_archive.registry.themes import theme

FOLLOWUP_CLASS = "cnd-followup"
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


def placeholder_page(meeting: Meeting, approving: Meeting | None, agenda: list[Element],
                     reviewing: list[Review], archive: Archive, links: Links) -> str:
    """A known meeting whose report is not in the archive yet: the facts we hold."""
    body = meeting.body
    lines = [
        f"# {escape(meeting.ordinal_name)} of {escape(body.title_phrase)} {{#title}}", "",
        '!!! warning "Report not yet in the archive"', "",
        f"    The report of this {body.meeting_word.lower()} has not been added to the archive yet. "
        f"This page holds what the archive knows of the {body.meeting_word.lower()}.", "",
        f"- **Body:** [{escape(body.name)}]({Target(body_index_uri(body.slug)).markdown_from(meeting.src_uri)})",
        f"- **{body.meeting_word.capitalize()}:** {meeting.number}",
        f"- **Dates:** {format_dates(meeting.start_date, meeting.end_date)}",
        f"- **Venue:** {escape(venue(meeting))}",
        f"- **Status:** {KIND_TEXT[meeting.kind]}", "",
    ]
    if approving is not None and agenda:
        lines += provisional_agenda(approving, agenda[0].parent or "", agenda, meeting.src_uri, links)
    for review in reviewing:
        target = recommendations_target(archive, review.reviewed).markdown_from(meeting.src_uri)
        lines += [f"Item {review.agenda_number} of this Meeting's provisional agenda is to review the "
                  f"implementation of the [recommendations of the {escape(review.reviewed.ordinal_name)}]"
                  f"({target}).", ""]
    return "\n".join(lines)


def official_versions(symbol: str, body: Body, resolver: Resolver) -> str:
    """Links to a document in each working language of its body: "[English](…), [French](…)"."""
    return ", ".join(f"[{name}]({url})" for name, url in resolver.official_versions(symbol, body))


def official_documents_section(meeting: Meeting, symbols: list[str], resolver: Resolver) -> str:
    """A placeholder's documents that the archive knows by their symbols (its own report's, where a
    contributor recorded it, and those that other reports cite), with their official versions."""
    if not symbols:
        return ""
    lines = [f"## Official documents {{#{OFFICIAL_DOCUMENTS}}}", "",
             f"Documents of this {meeting.body.meeting_word.lower()} that the archive knows by their symbols, "
             "in the United Nations' document system:", ""]
    lines += [f"- {escape(symbol)}: {official_versions(symbol, meeting.body, resolver)}" for symbol in symbols]
    return "\n".join(lines) + "\n"


def proposed_topics_section(topics: list[ProposedTopic]) -> str:
    """Topics the previous meeting proposed for this one's working groups, with their themes."""
    if not topics:
        return ""
    first = topics[0]
    source = Target(first.proposed_by.src_uri, paragraph_id(first.paragraph)).markdown_from(first.meeting.src_uri)
    lines = [f"## Proposed topics {{#{PROPOSED_TOPICS}}}", "",
             f"Subjects proposed for the working groups by the {escape(first.proposed_by.ordinal_name)} "
             f"([report, paragraph {first.paragraph}]({source})):", ""]
    for topic in topics:
        themes = ", ".join(f"[{escape(theme(t).name)}]({Target(theme_uri(t)).markdown_from(first.meeting.src_uri)})"
                           for t in topic.themes)
        lines.append(f"- ({topic.letter}) {escape(topic.text)}" + (f" (themes: {themes})" if themes else ""))
    return "\n".join(lines) + "\n"


def recommendations_section(meeting: Meeting, reviewed: list[Review]) -> str:
    """The landing place of links to a placeholder meeting's recommendations."""
    lines = [f"## Recommendations {{#{PLACEHOLDER_RECOMMENDATIONS}}}", "",
             "The recommendations adopted by this meeting are not in the archive yet.", ""]
    if reviewed:
        lines.append(review_note(reviewed, meeting, "these recommendations"))
    return "\n".join(lines) + "\n"


def review_note(reviews: list[Review], page: Meeting, subject: str | None) -> str:
    """A styled "Follow-up:" paragraph; without a subject, the short form under one recommendation."""
    if subject is None:
        sentence = " and ".join(_short_review_phrase(r, page) for r in reviews)
    else:
        sentence = f"implementation of {subject} " + " and ".join(_review_phrase(r, page) for r in reviews)
    return f"{{.{FOLLOWUP_CLASS}}}\n**Follow-up:** {sentence}."


NOT_YET_HERE = "report is not yet in the archive"
"""Said of a reviewing meeting known only by a placeholder: it may well have been held already."""


def _short_review_phrase(review: Review, page: Meeting) -> str:
    where = review.agenda_item.markdown_from(page.src_uri)
    name = escape(review.reviewing.ordinal_name)
    if not review.scheduled:
        return f"[reviewed by the {name}]({where})"
    waiting = f", whose {NOT_YET_HERE}" if review.reviewing.kind == "placeholder" else ""
    return f"[scheduled for review at the {name}]({where}){waiting}"


def _review_phrase(review: Review, page: Meeting) -> str:
    where = review.agenda_item.markdown_from(page.src_uri)
    name = escape(review.reviewing.ordinal_name)
    if review.scheduled:
        waiting = f"; that meeting's {NOT_YET_HERE}" if review.reviewing.kind == "placeholder" else ""
        return (f"is scheduled for review at the [{name} (item {review.agenda_number} of its provisional agenda)]"
                f"({where}){waiting}")
    phrase = f"was reviewed by the [{name}, agenda item {review.agenda_number}]({where})"
    if review.discussion:
        links = [f"[{citation_label(t.anchor).removeprefix('para. ')}]({t.markdown_from(page.src_uri)})"
                 for t in review.discussion]
        listed = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
        phrase += f" (report, paragraph{'s' if len(links) > 1 else ''} {listed})"
    return phrase


def provisional_agenda(approving: Meeting, paragraph: str, items: list[Element], page: str,
                       links: Links) -> list[str]:
    number = paragraph.removeprefix("para_")
    lines = [
        f"## Provisional agenda {{#{PROVISIONAL_AGENDA}}}", "",
        f"Approved by the {escape(approving.ordinal_name)} "
        f"([report, paragraph {number}]({Target(approving.src_uri, paragraph).markdown_from(page)})):", "",
    ]
    for item in items:
        anchor = agenda_anchor(item.id, paragraph)
        depth = item.id.count("__subpara_")
        shown = f"({item.label})" if depth else f"{item.label}."
        text = LEADING_MARKER_RE.sub("", item.text)
        lines.append(f"{'    ' * depth}- {links.number(shown, anchor)} {text}")
    return lines + [""]


FILTER_LABELS = {"body": ("Body", "All bodies"), "meeting": ("Meeting", "All meetings"), "year": ("Year", "All years"),
                 "country": ("Country", "All countries"), "theme": ("Theme", "All themes")}


def search_page(offered: dict[str, list[Option]]) -> HtmlPage:
    """The search page: a form that works without script (it reloads with ?q= and the filters) and
    Pagefind, which the page's script runs on the words and filters of its address."""
    page = HtmlPage(SEARCH, "Search", "Search the words of every report in the archive, paragraph by paragraph.")
    page.heading(1, "Search the archive", "title")
    selects = "".join(_filter_select(name, offered.get(name, [])) for name in FILTER_LABELS)
    page.element('<form id="cnd-search" class="cnd-search" role="search" action="./" method="get">\n'
                 '<label for="cnd-search-input">Words to find in the reports</label>\n'
                 '<input id="cnd-search-input" name="q" type="search" autocomplete="off">\n'
                 '<button type="submit">Search</button>\n'
                 f'<fieldset class="cnd-search-filters">\n<legend>Only in</legend>\n{selects}</fieldset>\n'
                 "</form>\n"
                 '<p id="cnd-search-status" role="status"></p>\n'
                 '<ol id="cnd-search-results" class="cnd-search-results"></ol>\n')
    page.paragraph("Each result is a paragraph, subparagraph or recommendation where the words occur, named as it is "
                   "cited. A theme finds the paragraphs of the working-group issues tagged with it and the "
                   "paragraphs tagged with it after review.")
    return page


def _filter_select(name: str, offered: list[Option]) -> str:
    label, everything = FILTER_LABELS[name]
    options, group = [f'<option value="">{everything}</option>'], ""
    for option in offered:
        if option.group != group:
            options.append(("</optgroup>" if group else "") + f'<optgroup label="{html.escape(option.group)}">')
            group = option.group
        options.append(f'<option value="{html.escape(option.value)}">{text(option.label)}</option>')
    if group:
        options.append("</optgroup>")
    return (f'<span class="cnd-search-filter"><label for="cnd-filter-{name}">{label}</label>\n'
            f'<select id="cnd-filter-{name}" name="{name}">' + "".join(options) + "</select></span>\n")


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


def home_summary(archive: Archive, recommendations: int, documents: int, countries: int,
                 feed: str | None = None) -> str:
    """Counts, the latest meeting and the ways in, for the home page."""
    reports = [s for s in archive.meetings if s.kind == "report"]
    latest = max(reports, key=lambda s: s.start_date or dt.date.min) if reports else None
    lines = [
        '<form class="cnd-search cnd-search--home" role="search" action="search/" method="get">',
        '<label for="cnd-home-search">Search the reports</label>',
        '<input id="cnd-home-search" name="q" type="search">',
        '<button type="submit">Search</button>',
        "</form>", "",
        f"The archive holds **{len(reports)} report{'s' if len(reports) != 1 else ''}** of "
        f"{len(archive.meetings)} known meetings, with **{recommendations} recommendations**, "
        f"**{documents} cited documents** and **{countries} countries and organisations**.", "",
    ]
    if latest is not None:
        lines += [f"Latest report: [{escape(latest.ordinal_name)}, {escape(latest.city or NOT_KNOWN)}, "
                  f"{format_dates(latest.start_date, latest.end_date)}]({latest.src_uri}) "
                  f"([its recommendations]({recommendations_target(archive, latest).markdown_from(HOME)})).", ""]
    lines += [
        "Ways in:", "",
        *[f"- [By meeting: {escape(body.short_name)} ({body.code})]({body_index_uri(body.slug)})"
          for body in {s.body.code: s.body for s in archive.meetings_sorted()}.values()],
        f"- [By theme]({THEMES_INDEX}) and [working-group issue]({WORKING_GROUPS})",
        f"- [By country or organisation]({COUNTRIES_INDEX})",
        f"- [By document]({DOCUMENTS})",
        f"- [Search]({SEARCH})",
        *([f"- [New reports as they arrive: Atom feed]({feed})"] if feed else []), "",
    ]
    return "\n".join(lines)
