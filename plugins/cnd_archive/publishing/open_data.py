"""Open data: the archive as JSON (with its JSON Schema) and CSV, written by every build.

URLs are site-relative ("honlac/27/#para_2__subpara_a") so the files work wherever the
site is published. Keys and their meaning are documented in ``data/archive.schema.json``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from cnd_archive.indexes.documents import DocumentEntry
from cnd_archive.indexes.entities import EntityRecord
from cnd_archive.indexes.themes import ProposedTopic, TaggedParagraph, WorkingGroupIssue
from cnd_archive.layout import DATA_DIR, Target, agenda_anchor, entity_uri, theme_uri
from cnd_archive.model.anchors import paragraph_id
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.model.report import Element, Report
from cnd_archive.publishing.page_inputs import Reads, reads
from cnd_archive.publishing.resolver import Resolver
from cnd_archive.result_codec import stored
from cnd_archive.references.agenda import agendas, provisional_agenda_items
from cnd_archive.registry.bodies import Body
from cnd_archive.references.followup import Review, ReviewIndex
from cnd_archive.registry.schemas import archive_schema, schema_text
from cnd_archive.registry.themes import vocabulary


class Kept(Protocol):
    """How a part is made from its inputs (``Memo.get``)."""

    def __call__(self, slot: str, inputs: object, compute: Callable[[], Any], stored_as: object = None) -> Any: ...


@dataclass(frozen=True)
class Holdings:
    """What the open data describes, as the indexes found it."""

    archive: Archive
    reviews: ReviewIndex
    resolver: Resolver
    entities: dict[str, EntityRecord]
    issues: list[WorkingGroupIssue]
    topics: list[ProposedTopic]
    documents: list[DocumentEntry]
    tagged: list[TaggedParagraph] = field(default_factory=list)
    kept: Kept = field(default=lambda slot, inputs, compute, stored_as=None: compute())
    """How a part of the data is made from its inputs: at once, or kept from a rebuild with equal inputs."""
    shape: bytes = b""
    """The archive's shape (``page_inputs.archive_shape``), which every part may read."""

    def reads(self, meetings: Iterable[Meeting | str]) -> Reads:
        return reads(self.shape, self.archive, meetings)

def review_record(review: Review) -> dict[str, Any]:
    return {
        "session": review.reviewing.id,
        "status": "scheduled" if review.scheduled else "held",
        "agenda_item": review.agenda_item.url,
        "paragraphs": [t.url for t in review.discussion],
    }


def _agenda_of_report(report: Report, meeting: Meeting, bodies: tuple[Body, ...]) -> list[dict[str, Any]]:
    """The agenda the meeting adopted, items and sub-items in order."""
    adopted = next((a for a in agendas(report, meeting, bodies) if not a.provisional), None)
    if adopted is None:
        return []
    items = [e for item in adopted.items for e in [item, *adopted.sub_items.get(item.id, [])]]
    return [_agenda_record(e, Target(meeting.src_uri, e.id), adopted.paragraph.id) for e in items]


def _agenda_record(element: Element, target: Target, list_id: str) -> dict[str, Any]:
    """An agenda item as printed: "4", or "5 (a)" for a sub-item of item 5."""
    if element.parent == list_id:
        number = element.label
    else:
        number = f"{(element.parent or '').rsplit('_', 1)[-1]} ({element.label})"
    return {"number": number, "title": element.plain_text, "url": target.url}


def _agenda_of_placeholder(meeting: Meeting, archive: Archive) -> list[dict[str, Any]]:
    _, items, _ = provisional_agenda_items(meeting, archive)
    list_id = items[0].parent or "" if items else ""
    return [_agenda_record(e, Target(meeting.src_uri, agenda_anchor(e.id, list_id)), list_id) for e in items]


def session_record(meeting: Meeting, archive: Archive, reviews: ReviewIndex) -> dict[str, Any]:
    report = archive.reports.get(meeting.src_uri)
    follows = next((r.reviewed.id for r in reviews.by.get(meeting, [])), None)
    return {
        "id": meeting.id,
        "body": meeting.body.code,
        "number": meeting.number,
        "title": str(meeting.meta.get("report_title") or f"{meeting.ordinal_name} of {meeting.body.title_phrase}"),
        "start_date": meeting.start_date.isoformat() if meeting.start_date else None,
        "end_date": meeting.end_date.isoformat() if meeting.end_date else None,
        "city": meeting.city,
        "country": meeting.country,
        "url": Target(meeting.src_uri).url,
        "symbol": meeting.meta.get("symbol"),
        "status": meeting.kind,
        "agenda": _agenda_of_report(report, meeting, archive.bodies) if report else _agenda_of_placeholder(meeting, archive),
        "follows_up": follows,
        "reviewed_in": [review_record(r) for r in reviews.of.get(meeting, [])],
    }


def recommendation_themes(archive: Archive, meeting: Meeting, issues_of_meeting: list[WorkingGroupIssue],
                          tags_of_meeting: list[TaggedParagraph]) -> dict[str, list[str]]:
    """Each of a meeting's recommendations' themes, by element id: its issue's, then its paragraph's
    reviewed tags (a recommendation is a subparagraph of the paragraph that introduces it)."""
    issues = {i.number: i.themes for i in issues_of_meeting}
    tags: dict[str, list[str]] = {}
    for tag in tags_of_meeting:
        if not tag.proposed:
            tags.setdefault(tag.paragraph.id, []).append(tag.theme)
    report = archive.reports.get(meeting.src_uri)
    return {element.id: list(dict.fromkeys([*issues.get(element.issue or 0, []),
                                            *tags.get(element.id.split("__", 1)[0], []), *tags.get(element.id, [])]))
            for element in (report.recommendations if report else [])}


def recommendation_records(meeting: Meeting, archive: Archive, reviews: ReviewIndex,
                           themes: dict[str, list[str]]) -> list[dict[str, Any]]:
    """A meeting's recommendations, each with the meetings that reviewed them."""
    report = archive.reports.get(meeting.src_uri)
    reviewed_in = [review_record(r) for r in reviews.of.get(meeting, [])]
    return [{
        "id": f"{meeting.id}-rec-{element.issue}{element.label}",
        "session": meeting.id,
        "issue": element.issue,
        "letter": element.label,
        "text": element.plain_text,
        "url": Target(meeting.src_uri, element.id).url,
        "reviewed_in": reviewed_in,
        "themes": themes.get(element.id, []),
    } for element in (report.recommendations if report else [])]


def document_records(entries: list[DocumentEntry], resolver: Resolver) -> list[dict[str, Any]]:
    return [{
        "symbol": entry.symbol,
        "title": entry.title,
        "agenda_item": entry.agenda_item,
        "listed_by": entry.listed_by.id if entry.listed_by else None,
        "url": _document_url(entry.symbol, resolver),
        "cited_in": [t.url for t in entry.cited_in],
    } for entry in entries]


def _document_url(symbol: str, resolver: Resolver) -> str:
    held = resolver.held_documents().get(symbol)
    return Target(held.src_uri).url if held else resolver.symbol_target((symbol,), "")


def country_record(record: EntityRecord) -> dict[str, Any]:
    entity = record.entity
    return {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "url": Target(entity_uri(entity)).url,
        "roles": [{
            "session": meeting.id,
            "role": role.role,
            "detail": role.detail or None,
            "paragraphs": [Target(meeting.src_uri, paragraph_id(n)).url for n in role.paragraphs],
            "url": Target(meeting.src_uri, paragraph_id(role.paragraphs[0])).url,
        } for meeting, role in record.roles],
        "mentions": list(dict.fromkeys(m.cited_at.url for m in record.mentions)),
    }


def theme_records(holdings: Holdings) -> list[dict[str, Any]]:
    return [{
        "id": theme.id,
        "name": theme.name,
        "unbis": theme.unbis or None,
        "url": Target(theme_uri(theme.id)).url,
        "issues": [{
            "session": issue.meeting.id,
            "issue": issue.number,
            "title": issue.title,
            "url": Target(issue.meeting.src_uri, issue.heading.id).url,
        } for issue in holdings.issues if theme.id in issue.themes],
        "proposed_topics": [{
            "session": topic.meeting.id,
            "text": topic.text,
            "url": Target(topic.proposed_by.src_uri, paragraph_id(topic.paragraph)).url,
        } for topic in holdings.topics if theme.id in topic.themes],
        "paragraphs": [{
            "session": tag.meeting.id,
            "paragraph": int(tag.paragraph.label),
            "url": Target(tag.meeting.src_uri, tag.paragraph.id).url,
            "proposed": tag.proposed,
        } for tag in holdings.tagged if tag.theme == theme.id],
    } for theme in vocabulary()]


@stored
@dataclass(frozen=True)
class Part:
    """Records that one meeting (or one country) decides, with their JSON and CSV text: a rebuild
    after an edit of one report writes the others' from what it kept."""

    count: int
    """How many records (their dicts are not kept: as text they take a fraction of the memory)."""
    json: str
    """The records as items of a JSON array, without the brackets."""
    csv: str
    """Their rows of a CSV file, without the header."""

    @classmethod
    def of(cls, records: list[dict[str, Any]], columns: list[str] | None = None,
           rows: list[dict[str, Any]] | None = None) -> Part:
        return cls(len(records), ",".join(_json(r) for r in records),
                   _csv_rows(records if rows is None else rows, columns) if columns else "")


def _json(value: Any) -> str:
    # Without indentation: the standard library writes indented JSON in Python, ten times slower.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


RECOMMENDATION_COLUMNS = ["id", "session", "issue", "letter", "text", "url", "reviewed_in", "themes"]
DOCUMENT_COLUMNS = ["symbol", "title", "agenda_item", "listed_by", "url", "cited_in"]
PARTICIPATION_COLUMNS = ["participant", "name", "kind", "session", "role", "detail", "paragraphs"]


@dataclass(frozen=True)
class Parts:
    """The open data in parts, in the order the files list them."""

    sessions: list[Part]
    recommendations: list[Part]
    documents: Part
    countries: list[Part]
    themes: Part


def parts(holdings: Holdings) -> Parts:
    archive, kept = holdings.archive, holdings.kept
    issues: dict[Meeting, list[WorkingGroupIssue]] = {}
    tags: dict[Meeting, list[TaggedParagraph]] = {}
    for issue in holdings.issues:
        issues.setdefault(issue.meeting, []).append(issue)
    for tag in holdings.tagged:
        tags.setdefault(tag.meeting, []).append(tag)
    read = {m: holdings.reads(_session_reads(m, holdings)) for m in archive.meetings}
    sessions = [kept(f"session:{m.src_uri}", read[m], lambda: Part.of([session_record(m, archive, holdings.reviews)]))
                for m in archive.meetings_sorted()]
    recommendations = [kept(f"recommendations:{m.src_uri}", read[m],
                            lambda: _recommendations_part(m, holdings, issues.get(m, []), tags.get(m, [])))
                       for m in archive.meetings]
    documents = kept("documents", (holdings.shape, holdings.documents),
                     lambda: Part.of(document_records(holdings.documents, holdings.resolver), DOCUMENT_COLUMNS))
    countries = [kept(f"country:{r.entity.id}", (holdings.shape, r.roles, [m.cited_at for m in r.mentions]),
                      lambda: Part.of([country_record(r)], PARTICIPATION_COLUMNS, participation_rows(r)),
                      stored_as=(r.entity.id, holdings.reads(r.sources())))
                 for r in holdings.entities.values()]
    themes = Part.of(theme_records(holdings))
    return Parts(sessions, recommendations, documents, countries, themes)


def _session_reads(meeting: Meeting, holdings: Holdings) -> list[Meeting]:
    """A meeting's records read its own file and those of the meetings that reviewed it; a placeholder's
    agenda is read from the report of the meeting that approved it, one of its body's."""
    reviewers = [review.reviewing for review in holdings.reviews.of.get(meeting, [])]
    body = holdings.archive.meetings_of(meeting.body) if meeting.kind == "placeholder" else []
    return [meeting, *reviewers, *body]


def _recommendations_part(meeting: Meeting, holdings: Holdings, issues: list[WorkingGroupIssue],
                          tags: list[TaggedParagraph]) -> Part:
    records = recommendation_records(meeting, holdings.archive, holdings.reviews,
                                     recommendation_themes(holdings.archive, meeting, issues, tags))
    rows = [{**r, "reviewed_in": [x["session"] for x in r["reviewed_in"]]} for r in records]
    return Part.of(records, RECOMMENDATION_COLUMNS, rows)


def _joined(items: list[Part]) -> str:
    return "[" + ",".join(part.json for part in items if part.count) + "]"


def archive_json(found: Parts) -> str:
    """``archive.json`` from its parts: the text ``json.dumps`` writes of the whole record."""
    return (f'{{"$schema":"archive.schema.json","sessions":{_joined(found.sessions)},'
            f'"recommendations":{_joined(found.recommendations)},"documents":{_joined([found.documents])},'
            f'"countries":{_joined(found.countries)},"themes":{_joined([found.themes])}}}\n')


def participation_rows(record: EntityRecord) -> list[dict[str, Any]]:
    return [{
        "participant": record.entity.id, "name": record.entity.name, "kind": record.entity.kind,
        "session": meeting.id, "role": role.role, "detail": role.detail,
        "paragraphs": " ".join(str(n) for n in role.paragraphs),
    } for meeting, role in record.roles]


def _csv(columns: list[str], items: list[Part]) -> str:
    return ",".join(columns) + "\n" + "".join(part.csv for part in items)


def _csv_rows(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    for row in rows:
        writer.writerow({k: neutralised(" ".join(v) if isinstance(v, list) else v) for k, v in row.items()})
    return out.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that begins with one of these as a formula (OWASP, CSV injection)."""


def neutralised(value: Any) -> Any:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def files(holdings: Holdings) -> dict[str, str]:
    """Every open data file, by path under the site."""
    found = parts(holdings)
    return {
        f"{DATA_DIR}/archive.json": archive_json(found),
        f"{DATA_DIR}/archive.schema.json": schema_text(archive_schema(holdings.archive.bodies)),
        f"{DATA_DIR}/recommendations.csv": _csv(RECOMMENDATION_COLUMNS, found.recommendations),
        f"{DATA_DIR}/documents.csv": _csv(DOCUMENT_COLUMNS, [found.documents]),
        f"{DATA_DIR}/participation.csv": _csv(PARTICIPATION_COLUMNS, found.countries),
    }
