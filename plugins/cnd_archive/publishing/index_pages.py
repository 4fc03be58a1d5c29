"""Generated index pages: countries and organisations, themes, working-group issues.

Every value from content is escaped; links are relative .md links so MkDocs checks them.
"""

from __future__ import annotations


from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.indexes.entities import EntityRecord
from cnd_archive.registry.gazetteer import Entity
from cnd_archive.layout import COUNTRIES_INDEX, THEMES_INDEX, WORKING_GROUPS, Target, entity_uri, slug, theme_uri
from cnd_archive.references.mentions import Mention
from cnd_archive.references.followup import recommendations_target
from cnd_archive.model.markdown_text import escape, plain_text
from cnd_archive.model.anchors import citation_label
from cnd_archive.model.report import Element
from cnd_archive.model.anchors import paragraph_id
from cnd_archive.indexes.roles import Role
from cnd_archive.registry.roles import ROLE_CODES, ROLE_NAMES, ROLES
from cnd_archive.indexes.themes import ProposedTopic, WorkingGroupIssue
from cnd_archive.registry.themes import Theme, theme

_SNIPPET = 60


def _front(title: str) -> list[str]:
    return ["---", f"title: {_yaml_string(title)}", "---", ""]


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _link(text: str, target: Target, page: str) -> str:
    return f"[{escape(text)}]({target.markdown_from(page)})"


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
        tags.append(f'<abbr title="{escape(title)}">{ROLE_CODES[name]}</abbr>')
    return " ".join(tags)


def participation_matrix(records: dict[str, EntityRecord], meetings: list[Meeting], page: str) -> list[str]:
    """Participants by meeting: an accessible table whose cells are role codes with a legend."""
    reported = [s for s in meetings if s.kind == "report"]
    in_matrix = set(reported)
    rows = [r for r in records.values() if any(s in in_matrix for s, _ in r.roles)]
    if not reported or not rows:
        return []
    legend = "; ".join(f"**{code}** {ROLE_NAMES[role].lower()}" for role, code in ROLE_CODES.items())
    header = "| Participant | " + " | ".join(
        _link(f"{s.body.code} {s.number} ({s.year})", Target(s.src_uri), page) for s in reported) + " |"
    lines = [f"Roles: {legend}.", "", header, "| --- |" + " --- |" * len(reported)]
    for record in rows:
        cells = [_role_codes(record.roles_in(s)) or "—" for s in reported]
        lines.append(f"| {_link(record.entity.name, Target(entity_uri(record.entity)), page)} | "
                     + " | ".join(cells) + " |")
    return lines + [""]


# -- one country or organisation ----------------------------------------------

def _kind_line(entity: Entity) -> str:
    if entity.kind == "organisation":
        return "Organisation" + (f" ({escape(entity.short)})" if entity.short else "")
    kind = "Observer State" if entity.observer else "Associate member of a regional commission" \
        if entity.associate else "Country"
    return f"{kind}, {escape(entity.region)}"


def snippet(mention: Mention, archive: Archive) -> str:
    """The words around a mention, from the element that holds it."""
    report = archive.reports.get(mention.src_uri)
    element = report.by_id().get(mention.cited_at.anchor) if report else None
    text = element.plain_text if element else plain_text(mention.wording)
    position = text.find(plain_text(mention.wording))
    start, end = max(0, position - _SNIPPET), position + len(mention.wording) + _SNIPPET
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _roles_table(record: EntityRecord, page: str) -> list[str]:
    lines = ["| Meeting | Role | Detail | Paragraphs |", "| --- | --- | --- | --- |"]
    for meeting, role in record.roles:
        paragraphs = ", ".join(_link(str(n), Target(meeting.src_uri, paragraph_id(n)), page) for n in role.paragraphs)
        lines.append(f"| {_link(meeting.ordinal_name, Target(meeting.src_uri), page)} "
                     f"({meeting.year}) | {ROLE_NAMES[role.role]} | {escape(role.detail, extra='|')} "
                     f"| {paragraphs} |")
    return lines + [""]


def entity_page(record: EntityRecord, archive: Archive) -> str:
    entity, page = record.entity, entity_uri(record.entity)
    lines = _front(entity.name) + [
        f"# {escape(entity.name)} {{#title}}", "",
        f"{_kind_line(entity)}. [All countries and organisations]({Target(COUNTRIES_INDEX).markdown_from(page)})", "",
        "## Roles at meetings {#roles}", "",
    ]
    lines += _roles_table(record, page) if record.roles else ["No role recorded at a meeting in the archive.", ""]
    lines += ["## Mentions {#mentions}", "", f"{len(record.mentions)} mentions in the reports of the archive.", ""]
    for mention in record.mentions:
        meeting = archive.meeting_at(mention.src_uri)
        label = f"{meeting.body.code} {meeting.number}, {citation_label(mention.cited_at.anchor)}" if meeting else ""
        lines.append(f"- {_link(label, mention.cited_at, page)}: {escape(snippet(mention, archive))}")
    lines += ["", "## Recommendations of meetings attended {#recommendations}", ""]
    lines += _attended_recommendations(record, archive, page)
    return "\n".join(lines) + "\n"


def _attended_recommendations(record: EntityRecord, archive: Archive, page: str) -> list[str]:
    """One line per meeting attended, linking to its recommendations (their text is on the
    report page and on the theme pages: copying it onto every country page would make the
    archive's size grow with countries times meetings)."""
    lines: list[str] = []
    for meeting in record.attended():
        report = archive.reports.get(meeting.src_uri)
        if report is None or not report.recommendations:
            continue
        target = recommendations_target(archive, meeting)
        lines.append(f"- {_link(f'{meeting.ordinal_name} ({meeting.year})', target, page)}"
                     f"{{#{slug(meeting.id)}}}: {len(report.recommendations)} recommendations")
    return (lines + [""]) if lines else ["None in the archive.", ""]


def _recommendation_line(element: Element, meeting: Meeting, page: str) -> str:
    label = citation_label(element.id)
    return f"- {_link(label, Target(meeting.src_uri, element.id), page)} {escape(element.plain_text)}"


# -- the country index --------------------------------------------------------

def countries_index(records: dict[str, EntityRecord], archive: Archive) -> str:
    page = COUNTRIES_INDEX
    countries = [r for r in records.values() if r.entity.kind == "country"]
    organisations = [r for r in records.values() if r.entity.kind == "organisation"]
    lines = _front("Countries and organisations") + [
        "# Countries and organisations {#title}", "",
        f"{len(countries)} countries and {len(organisations)} organisations appear in the reports of the "
        "archive: their roles at each meeting, every mention, and the recommendations of the meetings "
        "they attended.", "",
        "## Participation by meeting {#participation}", "",
    ]
    lines += participation_matrix(records, archive.meetings_sorted(), page)
    for region in sorted({r.entity.region for r in countries}):
        in_region = [r for r in countries if r.entity.region == region]
        lines += [f"## {escape(region)} ({len(in_region)}) {{#region_{slug(region)}}}", ""]
        lines += _index_table(in_region, page)
    lines += [f"## Organisations ({len(organisations)}) {{#organisations}}", ""]
    lines += _index_table(organisations, page)
    return "\n".join(lines) + "\n"


def _index_table(records: list[EntityRecord], page: str) -> list[str]:
    lines = ["| Name | Meetings attended | Roles | Mentions |", "| --- | --- | --- | --- |"]
    for record in records:
        lines.append(f"| {_link(record.entity.name, Target(entity_uri(record.entity)), page)} "
                     f"| {len(record.attended())} | {len(record.roles)} | {len(record.mentions)} |")
    return lines + [""]


# -- themes and working-group issues ------------------------------------------

def _issue_heading(issue: WorkingGroupIssue, page: str, level: str = "###") -> list[str]:
    meeting = issue.meeting
    return [f"{level} {escape(meeting.ordinal_name)} ({meeting.year}), issue {issue.number}: "
            f"{escape(issue.title)} {{#{issue.anchor}}}", ""]


def _issue_body(issue: WorkingGroupIssue, page: str) -> list[str]:
    meeting = issue.meeting
    lines = [f"In the report: {_link('recommendations', Target(meeting.src_uri, issue.heading.id), page)}.", ""]
    lines += ["**Recommendations**", ""]
    lines += [_recommendation_line(e, meeting, page) for e in issue.recommendations] or ["- None."]
    lines += ["", "**Observations and conclusions**", ""]
    for element in issue.observations:
        indent = "    " if element.kind == "subparagraph" else ""
        shown = citation_label(element.id).removeprefix("para. ")
        lines.append(f"{indent}- {_link(shown, Target(meeting.src_uri, element.id), page)} {escape(element.plain_text)}")
    return lines + [""]


def theme_page(subject: Theme, issues: list[WorkingGroupIssue], topics: list[ProposedTopic]) -> str:
    page = theme_uri(subject.id)
    tagged = [i for i in issues if subject.id in i.themes]
    proposed = [t for t in topics if subject.id in t.themes]
    lines = _front(subject.name) + [f"# {escape(subject.name)} {{#title}}", ""]
    if subject.unbis:
        lines += [f"UNBIS Thesaurus: {escape(subject.unbis)}. "
                  f"[All themes]({Target(THEMES_INDEX).markdown_from(page)})", ""]
    lines += [f"## Working-group issues ({len(tagged)}) {{#issues}}", ""]
    for issue in tagged:
        lines += _issue_heading(issue, page) + _issue_body(issue, page)
    if proposed:
        lines += ["## Proposed topics {#proposed}", ""]
        for topic in proposed:
            source = Target(topic.proposed_by.src_uri, paragraph_id(topic.paragraph))
            lines.append(f"- For the {_link(topic.meeting.ordinal_name, Target(topic.meeting.src_uri), page)}, "
                         f"proposed in {_link(f'paragraph {topic.paragraph} ({topic.letter})', source, page)} "
                         f"of the report of the {escape(topic.proposed_by.ordinal_name)}: {escape(topic.text)}")
        lines.append("")
    return "\n".join(lines) + "\n"


def themes_index(vocabulary: tuple[Theme, ...], issues: list[WorkingGroupIssue], topics: list[ProposedTopic]) -> str:
    page = THEMES_INDEX
    lines = _front("Themes") + [
        "# Themes {#title}", "",
        "The archive's vocabulary of themes. Each working-group issue of a meeting is tagged with its themes; "
        f"see also the [working-group issues by meeting]({Target(WORKING_GROUPS).markdown_from(page)}).", "",
        "| Theme | Working-group issues | Proposed topics |", "| --- | --- | --- |",
    ]
    for entry in vocabulary:
        count = sum(1 for i in issues if entry.id in i.themes)
        proposed = sum(1 for t in topics if entry.id in t.themes)
        lines.append(f"| {_link(entry.name, Target(theme_uri(entry.id)), page)} | {count} | {proposed} |")
    return "\n".join(lines) + "\n"


def working_groups_page(issues: list[WorkingGroupIssue]) -> str:
    page = WORKING_GROUPS
    lines = _front("Working-group issues") + [
        "# Working-group issues by meeting {#title}", "",
        "The topics that each meeting's working groups considered, with their themes.", "",
    ]
    current = None
    for issue in issues:
        if issue.meeting != current:
            current = issue.meeting
            lines += [f"## {_link(current.ordinal_name, Target(current.src_uri), page)} "
                      f"({current.year}) {{#{slug(current.id)}}}", ""]
        themes = ", ".join(_link(theme(t).name, Target(theme_uri(t)), page) for t in issue.themes) or "not yet tagged"
        lines.append(f"- {_link(f'Issue {issue.number}', Target(issue.meeting.src_uri, issue.heading.id), page)}: "
                     f"{escape(issue.title)} (themes: {themes})")
    return "\n".join(lines) + "\n"
