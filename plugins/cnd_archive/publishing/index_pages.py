"""Generated index pages: countries and organisations, themes, working-group issues.

Written as HTML (``html_page``): every value from content is escaped there, and every link is
checked against the site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from cnd_archive.model.ordinals import counted
from cnd_archive.indexes.entities import EntityRecord
from cnd_archive.indexes.roles import Role
from cnd_archive.indexes.themes import ProposedTopic, TaggedParagraph, WorkingGroupIssue
from cnd_archive.layout import (COUNTRIES_INDEX, ORGANISATIONS_INDEX, THEMES_INDEX, WORKING_GROUPS, Target, body_index_uri, entity_body_uri,
                                entity_uri, slug, theme_body_uri, theme_uri, working_groups_uri)
from cnd_archive.model.anchors import citation_label, paragraph_id
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.model.markdown_text import plain_text
from cnd_archive.model.report import Element
from cnd_archive.publishing.descriptions import entity_description
from cnd_archive.publishing.html_page import HtmlPage, Items, abbr, add_item, strong, text
from cnd_archive.references.followup import recommendations_target
from cnd_archive.references.mentions import Mention
from cnd_archive.registry.bodies import Body
from cnd_archive.registry.gazetteer import Entity
from cnd_archive.registry.roles import ROLE_CODES, ROLE_NAMES, ROLES
from cnd_archive.registry.themes import Theme, theme

_SNIPPET = 60
T = TypeVar("T")


def _by_body(items: Iterable[T], meeting_of: Callable[[T], Meeting]) -> dict[str, list[T]]:
    """Items by the slug of their meeting's body, each body in order of its first item."""
    grouped: dict[str, list[T]] = {}
    for item in items:
        grouped.setdefault(meeting_of(item).body.slug, []).append(item)
    return grouped


def _issue_meeting(issue: WorkingGroupIssue) -> Meeting:
    return issue.meeting


def _link(page: HtmlPage, words: str, target: Target) -> str:
    return page.link(text(words), target)


# -- participation matrix ----------------------------------------------------

def _role_codes(roles: list[Role]) -> str:
    """One code per role, its title listing every detail: "Statement: agenda item 3; agenda item 8"."""
    details: dict[str, list[str]] = {}
    for entry in sorted(roles, key=lambda r: ROLES.index(r.role)):
        notes = details.setdefault(entry.role, [])
        if entry.detail and entry.detail not in notes:
            notes.append(entry.detail)
    tags = []
    for name, notes in details.items():
        title = ROLE_NAMES[name] + (": " + "; ".join(notes) if notes else "")
        tags.append(abbr(ROLE_CODES[name], title))
    return " ".join(tags)


def participation_matrix(page: HtmlPage, records: dict[str, EntityRecord], meetings: list[Meeting]) -> bool:
    """Participants by meeting: an accessible table whose cells are role codes with a legend.
    False when no meeting has a report with participants (nothing is written)."""
    reported = [s for s in meetings if s.kind == "report"]
    in_matrix = set(reported)
    rows = [r for r in records.values() if any(s in in_matrix for s, _ in r.roles)]
    if not reported or not rows:
        return False
    legend = "; ".join(f"{strong(code)} {text(ROLE_NAMES[role].lower())}" for role, code in ROLE_CODES.items())
    page.paragraph(f"Roles: {legend}.")
    header = ["Participant", *(_link(page, f"{s.body.code} {s.number} ({s.year})", Target(s.src_uri)) for s in reported)]
    page.table(header, [[_link(page, record.entity.name, Target(entity_uri(record.entity))),
                         *(_role_codes(record.roles_in(s)) or "—" for s in reported)] for record in rows])
    return True


# -- one country or organisation ----------------------------------------------

def _kind_line(entity: Entity) -> str:
    if entity.kind == "organisation":
        return "Organisation" + (f" ({entity.short})" if entity.short else "")
    kind = "Observer State" if entity.observer else "Associate member of a regional commission" \
        if entity.associate else "Country"
    return f"{kind}, {entity.region}"


def snippet(mention: Mention, archive: Archive) -> str:
    """The words around a mention, from the element that holds it."""
    report = archive.reports.get(mention.src_uri)
    element = report.by_id().get(mention.cited_at.anchor) if report else None
    words = element.plain_text if element else plain_text(mention.wording)
    position = max(0, words.find(plain_text(mention.wording)))
    start, end = _word_start(words, position - _SNIPPET), _word_end(words, position + len(mention.wording) + _SNIPPET)
    return ("…" if start else "") + words[start:end].strip() + ("…" if end < len(words) else "")


def _word_start(words: str, position: int) -> int:
    """The start of the first whole word at or after ``position``."""
    if position <= 0:
        return 0
    if words[position - 1].isspace():
        return position
    space = words.find(" ", position)
    return space + 1 if space != -1 else position


def _word_end(words: str, position: int) -> int:
    """The end of the last whole word at or before ``position``."""
    if position >= len(words):
        return len(words)
    if words[position].isspace():
        return position
    space = words.rfind(" ", 0, position)
    return space if space != -1 else position


def _roles_table(page: HtmlPage, record: EntityRecord) -> None:
    rows = []
    for meeting, role in record.roles:
        paragraphs = ", ".join(_link(page, str(n), Target(meeting.src_uri, paragraph_id(n))) for n in role.paragraphs)
        rows.append([f"{_link(page, meeting.ordinal_name, Target(meeting.src_uri))} ({meeting.year})",
                     text(ROLE_NAMES[role.role]), text(role.detail), paragraphs])
    page.table(["Meeting", "Role", "Detail", "Paragraphs"], rows)


def entity_pages(record: EntityRecord, archive: Archive, feed: str | None = None) -> list[HtmlPage]:
    """A country's or organisation's page, and one page per body of the mentions in its reports:
    every mention on one page would grow with the archive past what a reader's browser loads well."""
    # A paragraph that names a participant three times is one place where the reports speak of it.
    first_in_paragraph = {mention.cited_at: mention for mention in reversed(record.mentions)}
    located = [(meeting, mention) for mention in record.mentions if first_in_paragraph[mention.cited_at] is mention
               and (meeting := archive.meeting_at(mention.src_uri)) is not None]
    by_body = _by_body(located, lambda item: item[0])
    pages = [mentions_page(record, listed, archive) for listed in by_body.values()]
    return [entity_page(record, archive, [(listed[0][0].body, len(listed), page)
                                          for listed, page in zip(by_body.values(), pages)], feed), *pages]


def entity_page(record: EntityRecord, archive: Archive, mentions: list[tuple[Body, int, HtmlPage]],
                feed: str | None = None) -> HtmlPage:
    entity = record.entity
    page = HtmlPage(entity_uri(entity), entity.name, entity_description(record))
    page.heading(1, entity.name, "title")
    index = Target(ORGANISATIONS_INDEX) if entity.kind == "organisation" else Target(COUNTRIES_INDEX)
    everyone = "All organisations" if entity.kind == "organisation" else "All countries and organisations"
    page.paragraph(f"{text(_kind_line(entity))}. {page.link(everyone, index)}")
    if feed:
        page.paragraph(page.link(text(f"Follow new reports on {entity.name} (Atom feed)"), Target(feed)))
    page.heading(2, "Roles at meetings", "roles")
    if record.roles:
        _roles_table(page, record)
    else:
        page.paragraph("No role recorded at a meeting in the archive.")
    page.heading(2, "Mentions", "mentions")
    page.paragraph(f"Mentioned in {counted(len(record.paragraphs()), 'paragraph')} of the reports of the archive.")
    if mentions:
        page.bullets([page.link(text(f"In the reports of {body.code}: {counted(count, 'paragraph')}"),
                                Target(listed.src_uri)) for body, count, listed in mentions])
    page.heading(2, "Recommendations of meetings attended", "recommendations")
    _attended_recommendations(page, record, archive)
    return page


def mentions_page(record: EntityRecord, mentions: list[tuple[Meeting, Mention]], archive: Archive) -> HtmlPage:
    """Where one body's reports mention a country or organisation, with the words around each mention."""
    entity, body = record.entity, mentions[0][0].body
    page = HtmlPage(entity_body_uri(entity, body.slug), f"{entity.name}: mentions in {body.code}",
                    f"Where the reports of the {body.name} ({body.code}) mention {entity.name}, "
                    "with the words around each mention.")
    page.heading(1, f"{entity.name}: mentions in {body.code}", "title")
    page.paragraph(f"Mentioned in {counted(len(mentions), 'paragraph')} of the reports of the {text(body.name)}. "
                   f"{page.link(text(f'All of {entity.name}'), Target(entity_uri(entity), 'mentions'))}")
    page.bullets([f"{_link(page, f'{meeting.body.code} {meeting.number}, {citation_label(mention.cited_at.anchor)}', mention.cited_at)}"
                  f": {text(snippet(mention, archive))}" for meeting, mention in mentions])
    return page


def _attended_recommendations(page: HtmlPage, record: EntityRecord, archive: Archive) -> None:
    """One line per meeting attended, linking to its recommendations (their text is on the
    report page and on the theme pages: copying it onto every country page would make the
    archive's size grow with countries times meetings)."""
    items = []
    for meeting in record.attended():
        report = archive.reports.get(meeting.src_uri)
        if report is None or not report.recommendations:
            continue
        target = recommendations_target(archive, meeting)
        link = page.link(text(f"{meeting.ordinal_name} ({meeting.year})"), target, anchor_id=slug(meeting.id))
        items.append(f"{link}: {len(report.recommendations)} recommendations")
    if items:
        page.bullets(items)
    else:
        page.paragraph("None in the archive.")


def _recommendation_line(page: HtmlPage, element: Element, meeting: Meeting) -> str:
    return f"{_link(page, citation_label(element.id), Target(meeting.src_uri, element.id))} {text(element.plain_text)}"


# -- the country index --------------------------------------------------------

def organisations_index(records: dict[str, EntityRecord]) -> HtmlPage:
    organisations = [r for r in records.values() if r.entity.kind == "organisation"]
    page = HtmlPage(ORGANISATIONS_INDEX, "Organisations")
    page.heading(1, "Organisations", "title")
    page.paragraph(f"{counted(len(organisations), 'organisation')} appear in the reports of the archive: "
                   "their roles at each meeting, every paragraph that mentions them, and the recommendations of "
                   f"the meetings they attended. {page.link('Countries', Target(COUNTRIES_INDEX))}")
    _index_table(page, organisations)
    return page


def countries_index(records: dict[str, EntityRecord], archive: Archive) -> HtmlPage:
    page = HtmlPage(COUNTRIES_INDEX, "Countries and organisations")
    countries = [r for r in records.values() if r.entity.kind == "country"]
    organisations = [r for r in records.values() if r.entity.kind == "organisation"]
    page.heading(1, "Countries and organisations", "title")
    page.paragraph(f"{len(countries)} countries and {len(organisations)} organisations appear in the reports of the "
                   "archive: their roles at each meeting, every mention, and the recommendations of the meetings "
                   "they attended.")
    page.heading(2, "Participation by meeting", "participation")
    _participation_by_body(page, archive)
    for region in sorted({r.entity.region for r in countries}):
        in_region = [r for r in countries if r.entity.region == region]
        page.heading(2, f"{region} ({len(in_region)})", f"region_{slug(region)}")
        _index_table(page, in_region)
    page.heading(2, f"Organisations ({len(organisations)})", "organisations")
    _index_table(page, organisations)
    return page


def _participation_by_body(page: HtmlPage, archive: Archive) -> None:
    """Each body's page holds its table of participants by meeting: one table of every meeting of
    every body would grow with the archive past what a reader's browser loads well."""
    links = [page.link(text(f"{body.code}: {body.short_name}"), Target(body_index_uri(body.slug), "participation"))
             for body in archive.bodies if any(m.kind == "report" for m in archive.meetings_of(body))]
    if links:
        page.paragraph("Who took part in each meeting, and in what role, is shown body by body:")
        page.bullets(links)
    else:
        page.paragraph("No report in the archive yet.")


def _index_table(page: HtmlPage, records: list[EntityRecord]) -> None:
    page.table(["Name", "Meetings attended", "Roles", "Paragraphs mentioning it"],
               [[_link(page, r.entity.name, Target(entity_uri(r.entity))), str(len(r.attended())), str(len(r.roles)),
                 str(len(r.paragraphs()))] for r in records])


# -- themes and working-group issues ------------------------------------------

def _issue_heading(page: HtmlPage, issue: WorkingGroupIssue, level: int) -> None:
    meeting = issue.meeting
    page.heading(level, f"{meeting.ordinal_name} ({meeting.year}), issue {issue.number}: {issue.title}", issue.anchor)


def _issue_body(page: HtmlPage, issue: WorkingGroupIssue) -> None:
    meeting = issue.meeting
    page.paragraph(f"In the report: {page.link('recommendations', Target(meeting.src_uri, issue.heading.id))}.")
    page.paragraph(strong("Recommendations"))
    page.bullets([_recommendation_line(page, e, meeting) for e in issue.recommendations] or ["None."])
    page.paragraph(strong("Observations and conclusions"))
    items: list[str | tuple[str, Items]] = []
    for element in issue.observations:
        shown = citation_label(element.id).removeprefix("para. ")
        line = f"{_link(page, shown, Target(meeting.src_uri, element.id))} {text(element.plain_text)}"
        add_item(items, line, element.kind == "subparagraph")
    if items:
        page.bullets(items)


def theme_pages(subject: Theme, issues: list[WorkingGroupIssue], topics: list[ProposedTopic],
                paragraphs: Sequence[TaggedParagraph] = ()) -> list[HtmlPage]:
    """A theme's page, and one page per body with the text of its issues on the theme: the text of
    every issue on one page would grow with the archive past what a reader's browser loads well."""
    tagged = [i for i in issues if subject.id in i.themes]
    in_full = {slug: theme_body_page(subject, listed) for slug, listed in _by_body(tagged, _issue_meeting).items()}
    page = theme_page(subject, tagged, [t for t in topics if subject.id in t.themes], in_full)
    _tagged_paragraphs(page, [p for p in paragraphs if p.theme == subject.id])
    return [page, *in_full.values()]


_EXCERPT = 240
"""Characters of a tagged paragraph shown on its theme's page (cut at a word)."""


def _tagged_paragraphs(page: HtmlPage, tagged: list[TaggedParagraph]) -> None:
    """The paragraphs tagged with the theme, reviewed tags first: each cites as the report does."""
    page.heading(2, f"Paragraphs ({len(tagged)})", "paragraphs")
    if not tagged:
        page.paragraph("No paragraph of the reports in the archive is tagged with this theme yet.")
        return
    items = []
    for tag in sorted(tagged, key=lambda t: t.proposed):
        meeting, element = tag.meeting, tag.paragraph
        words = element.plain_text
        shown = words[:_word_end(words, _EXCERPT)] + ("…" if len(words) > _EXCERPT else "")
        label = f"{meeting.body.code} {meeting.number}, {citation_label(element.id)}"
        note = " " + strong("Proposed from keywords, not yet reviewed.") if tag.proposed else ""
        items.append(f"{_link(page, label, Target(meeting.src_uri, element.id))}: {text(shown)}{note}")
    page.bullets(items)


def theme_page(subject: Theme, tagged: list[WorkingGroupIssue], proposed: list[ProposedTopic],
               in_full: dict[str, HtmlPage]) -> HtmlPage:
    page = HtmlPage(theme_uri(subject.id), subject.name,
                    f"{subject.name}: the working-group issues of the meetings in the archive on this theme "
                    f"({len(tagged)}), with their recommendations.")
    page.heading(1, subject.name, "title")
    if subject.unbis:
        page.paragraph(f"UNBIS Thesaurus: {text(subject.unbis)}. {page.link('All themes', Target(THEMES_INDEX))}")
    page.heading(2, f"Working-group issues ({len(tagged)})", "issues")
    for issue in tagged:
        _issue_heading(page, issue, 3)
        report = Target(issue.meeting.src_uri, issue.heading.id)
        full = Target(in_full[issue.meeting.body.slug].src_uri, issue.anchor)
        paragraphs = sum(1 for e in issue.observations if e.kind != "subparagraph")
        count = f"{counted(len(issue.recommendations), 'recommendation')}, {counted(paragraphs, 'paragraph')} of observations"
        page.paragraph(f"In the report: {page.link('recommendations', report)}. "
                       f"On this theme's {text(issue.meeting.body.code)} page: {page.link(text(count), full)}.")
    if proposed:
        page.heading(2, "Proposed topics", "proposed")
        items = []
        for topic in proposed:
            source = Target(topic.proposed_by.src_uri, paragraph_id(topic.paragraph))
            items.append(f"For the {_link(page, topic.meeting.ordinal_name, Target(topic.meeting.src_uri))}, "
                         f"proposed in {_link(page, f'paragraph {topic.paragraph} ({topic.letter})', source)} "
                         f"of the report of the {text(topic.proposed_by.ordinal_name)}: {text(topic.text)}")
        page.bullets(items)
    return page


def theme_body_page(subject: Theme, issues: list[WorkingGroupIssue]) -> HtmlPage:
    """One body's working-group issues on a theme, with their recommendations and observations."""
    body = issues[0].meeting.body
    page = HtmlPage(theme_body_uri(subject.id, body.slug), f"{subject.name}: {body.code}",
                    f"{subject.name}: the working-group issues of the {body.name} ({body.code}) on this theme, "
                    "with their recommendations and observations as the reports give them.")
    page.heading(1, f"{subject.name}: {body.code}", "title")
    page.paragraph(f"The working-group issues of the {text(body.name)} tagged with this theme, with their "
                   f"recommendations and observations as the reports give them. "
                   f"{page.link(text(f'All issues on {subject.name}'), Target(theme_uri(subject.id), 'issues'))}")
    for issue in issues:
        _issue_heading(page, issue, 2)
        _issue_body(page, issue)
    return page


def themes_index(vocabulary: tuple[Theme, ...], issues: list[WorkingGroupIssue], topics: list[ProposedTopic],
                 paragraphs: Sequence[TaggedParagraph] = ()) -> HtmlPage:
    page = HtmlPage(THEMES_INDEX, "Themes")
    page.heading(1, "Themes", "title")
    page.paragraph("The archive's vocabulary of themes. Each working-group issue of a meeting, and each paragraph "
                   f"that speaks of a theme, is tagged with its themes; see also the {page.link('working-group issues by meeting', Target(WORKING_GROUPS))}.")
    rows = []
    for entry in vocabulary:
        count = sum(1 for i in issues if entry.id in i.themes)
        proposed = sum(1 for t in topics if entry.id in t.themes)
        tagged = sum(1 for p in paragraphs if p.theme == entry.id)
        rows.append([_link(page, entry.name, Target(theme_uri(entry.id))), str(count), str(tagged), str(proposed)])
    page.table(["Theme", "Working-group issues", "Paragraphs", "Proposed topics"], rows)
    return page


def working_groups_pages(issues: list[WorkingGroupIssue], archive: Archive) -> list[HtmlPage]:
    """An index of bodies, and one page per body of the issues its meetings' working groups considered."""
    by_body = _by_body(issues, _issue_meeting)
    pages = {slug: working_groups_page(listed) for slug, listed in by_body.items()}
    index = HtmlPage(WORKING_GROUPS, "Working-group issues")
    index.heading(1, "Working-group issues by meeting", "title")
    index.paragraph("The topics that each meeting's working groups considered, with their themes, body by body.")
    index.bullets([index.link(text(f"{body.code}: {body.short_name}"), Target(pages[body.slug].src_uri))
                   + f" ({counted(len(by_body[body.slug]), 'issue')})" for body in archive.bodies if body.slug in pages])
    return [index, *pages.values()]


def working_groups_page(issues: list[WorkingGroupIssue]) -> HtmlPage:
    body = issues[0].meeting.body
    page = HtmlPage(working_groups_uri(body.slug), f"Working-group issues: {body.code}")
    page.heading(1, f"Working-group issues: {body.code}", "title")
    page.paragraph(f"The topics that the working groups of each meeting of the {text(body.name)} considered, "
                   f"with their themes. {page.link('All bodies', Target(WORKING_GROUPS))}")
    current: Meeting | None = None
    items: list[str] = []
    for issue in issues:
        if issue.meeting != current:
            if items:
                page.bullets(items)
                items = []
            current = issue.meeting
            page.heading(2, f"{current.ordinal_name} ({current.year})", slug(current.id),
                         f"{_link(page, current.ordinal_name, Target(current.src_uri))} ({current.year})")
        themes = ", ".join(_link(page, theme(t).name, Target(theme_uri(t))) for t in issue.themes) or "not yet tagged"
        items.append(f"{_link(page, f'Issue {issue.number}', Target(issue.meeting.src_uri, issue.heading.id))}: "
                     f"{text(issue.title)} (themes: {themes})")
    if items:
        page.bullets(items)
    return page
