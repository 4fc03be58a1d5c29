"""The page of a meeting whose report is not in the archive yet: what the archive knows of it.

Written as HTML (``html_page``), as every generated page is: its dates and venue, the provisional
agenda its predecessor approved, the reviews scheduled at it, the documents the archive knows by
their symbols, the topics proposed for its working groups, the placeholder's own words (a
contributor's Markdown, rendered and checked as any page's) and the landing place of links to its
recommendations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cnd_archive.indexes.themes import ProposedTopic
from cnd_archive.layout import (OFFICIAL_DOCUMENTS, PLACEHOLDER_RECOMMENDATIONS, PROPOSED_TOPICS, PROVISIONAL_AGENDA,
                                Target, agenda_anchor, body_index_uri, theme_uri)
from cnd_archive.model.anchors import paragraph_id
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.model.numbering import LEADING_MARKER_RE
from cnd_archive.model.report import Element
from cnd_archive.publishing.followup_notes import review_paragraph
from cnd_archive.publishing.html import Page
from cnd_archive.publishing.html_page import HtmlPage, Items, add_item, strong, text
from cnd_archive.publishing.meeting_facts import format_dates, venue
from cnd_archive.publishing.resolver import Resolver
from cnd_archive.references.followup import Review, recommendations_target
from cnd_archive.references.meetings import find_meetings
from cnd_archive.registry.themes import theme

WAITING = "Report not yet in the archive"


@dataclass(frozen=True)
class KnownOfMeeting:
    """What the archive's other pages say of a meeting whose report it does not hold."""

    approving: Meeting | None = None
    """The meeting that approved its provisional agenda."""
    agenda: list[Element] = field(default_factory=list)
    reviewing: list[Review] = field(default_factory=list)
    """The reviews of earlier recommendations on its agenda."""
    reviewed: list[Review] = field(default_factory=list)
    """Where its own recommendations were, or are to be, reviewed."""
    topics: list[ProposedTopic] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)


def placeholder_page(meeting: Meeting, known: KnownOfMeeting, own_words: tuple[str, Page] | None,
                     archive: Archive, resolver: Resolver) -> HtmlPage:
    body, word = meeting.body, meeting.body.meeting_word.lower()
    page = HtmlPage(meeting.src_uri, f"{meeting.ordinal_name} of {body.title_phrase}")
    page.heading(1, f"{meeting.ordinal_name} of {body.title_phrase}", "title")
    page.fragment("notice.html", kind="warning", title=WAITING,
                  words=f"The report of this {word} has not been added to the archive yet. This page holds what the "
                        f"archive knows of the {word}.")
    page.bullets([f"{strong('Body:')} {page.link(text(body.name), Target(body_index_uri(body.slug)))}",
                  f"{strong(word.capitalize() + ':')} {meeting.number}",
                  f"{strong('Dates:')} {text(format_dates(meeting.start_date, meeting.end_date))}",
                  f"{strong('Venue:')} {text(venue(meeting))}",
                  f"{strong('Status:')} {WAITING}"])
    if known.approving is not None and known.agenda:
        _provisional_agenda(page, meeting, known.approving, known.agenda, archive)
    for review in known.reviewing:
        target = recommendations_target(archive, review.reviewed)
        page.paragraph(f"Item {text(review.agenda_number)} of this Meeting's provisional agenda is to review the "
                       f"implementation of the "
                       f"{page.link(text(f'recommendations of the {review.reviewed.ordinal_name}'), target)}.")
    _official_documents(page, meeting, known.symbols, resolver)
    _proposed_topics(page, known.topics)
    if own_words is not None:
        page.markdown(*own_words)
    page.heading(2, "Recommendations", PLACEHOLDER_RECOMMENDATIONS)
    page.paragraph("The recommendations adopted by this meeting are not in the archive yet.")
    if known.reviewed:
        review_paragraph(page, known.reviewed, "these recommendations")
    return page


def _provisional_agenda(page: HtmlPage, meeting: Meeting, approving: Meeting, items: list[Element],
                        archive: Archive) -> None:
    paragraph = items[0].parent or ""
    source = Target(approving.src_uri, paragraph)
    page.heading(2, "Provisional agenda", PROVISIONAL_AGENDA)
    page.paragraph(f"Approved by the {text(approving.ordinal_name)} "
                   f"({page.link(text('report, paragraph ' + paragraph.removeprefix('para_')), source)}):")
    listed: list[str | tuple[str, Items]] = []
    for item in items:
        depth = item.id.count("__subpara_")
        number = page.number(f"({item.label})" if depth else f"{item.label}.", agenda_anchor(item.id, paragraph))
        line = f"{number} {_with_meetings(page, LEADING_MARKER_RE.sub('', item.plain_text), meeting, archive)}"
        add_item(listed, line, depth > 0)
    page.bullets(listed)


def _with_meetings(page: HtmlPage, words: str, meeting: Meeting, archive: Archive) -> str:
    """Words with each meeting they name linked to its page (to its recommendations when the words
    speak of them: "the recommendations adopted by the Twenty-seventh Meeting")."""
    out, position = [], 0
    for mention in find_meetings(words, meeting.body.code, archive.bodies):
        named = archive.meeting(mention.body, mention.number)
        if named is None or mention.start < position:
            continue
        target = recommendations_target(archive, named) if mention.about_recommendations else Target(named.src_uri)
        out += [text(words[position:mention.start]), page.link(text(mention.wording), target)]
        position = mention.end
    return "".join(out) + text(words[position:])


def _official_documents(page: HtmlPage, meeting: Meeting, symbols: list[str], resolver: Resolver) -> None:
    """The meeting's documents that the archive knows by their symbols (its own report's, where a
    contributor recorded it, and those that other reports cite), in each working language."""
    if not symbols:
        return
    page.heading(2, "Official documents", OFFICIAL_DOCUMENTS)
    page.paragraph(f"Documents of this {text(meeting.body.meeting_word.lower())} that the archive knows by their "
                   "symbols, in the United Nations' document system:")
    page.bullets([f"{text(symbol)}: " + ", ".join(page.link(text(name), url)
                                                   for name, url in resolver.official_versions(symbol, meeting.body))
                  for symbol in symbols])


def _proposed_topics(page: HtmlPage, topics: list[ProposedTopic]) -> None:
    """Topics the previous meeting proposed for this one's working groups, with their themes."""
    if not topics:
        return
    first = topics[0]
    source = Target(first.proposed_by.src_uri, paragraph_id(first.paragraph))
    page.heading(2, "Proposed topics", PROPOSED_TOPICS)
    page.paragraph(f"Subjects proposed for the working groups by the {text(first.proposed_by.ordinal_name)} "
                   f"({page.link(text(f'report, paragraph {first.paragraph}'), source)}):")
    items = []
    for topic in topics:
        themes = ", ".join(page.link(text(theme(t).name), Target(theme_uri(t))) for t in topic.themes)
        items.append(f"({text(topic.letter)}) {text(topic.text)}" + (f" (themes: {themes})" if themes else ""))
    page.bullets(items)
