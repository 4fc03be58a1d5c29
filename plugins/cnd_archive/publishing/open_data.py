"""Open data: the archive as JSON (with its JSON Schema) and CSV, written by every build.

URLs are site-relative ("honlac/27/#para_2__subpara_a") so the files work wherever the
site is published. Keys and their meaning are documented in ``data/archive.schema.json``.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from cnd_archive.indexes.documents import DocumentEntry
from cnd_archive.indexes.entities import EntityRecord
from cnd_archive.indexes.themes import ProposedTopic, TaggedParagraph, WorkingGroupIssue
from cnd_archive.layout import DATA_DIR, Target, agenda_anchor, entity_uri, theme_uri
from cnd_archive.model.anchors import paragraph_id
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.model.report import Element, Report
from cnd_archive.publishing.resolver import Resolver
from cnd_archive.references.agenda import agendas, provisional_agenda_items
from cnd_archive.registry.bodies import Body
from cnd_archive.references.followup import Review, ReviewIndex
from cnd_archive.registry.schemas import archive_schema, schema_text
from cnd_archive.registry.themes import vocabulary


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


def recommendation_themes(holdings: Holdings) -> dict[tuple[Meeting, str], list[str]]:
    """Each recommendation's themes, by meeting and element id: its issue's, then its paragraph's
    reviewed tags (a recommendation is a subparagraph of the paragraph that introduces it)."""
    issues = {(i.meeting, i.number): i.themes for i in holdings.issues}
    tags: dict[tuple[Meeting, str], list[str]] = {}
    for tag in holdings.tagged:
        if not tag.proposed:
            tags.setdefault((tag.meeting, tag.paragraph.id), []).append(tag.theme)
    themes: dict[tuple[Meeting, str], list[str]] = {}
    for meeting in holdings.archive.meetings:
        report = holdings.archive.reports.get(meeting.src_uri)
        for element in report.recommendations if report else []:
            found = [*issues.get((meeting, element.issue or 0), []), *tags.get((meeting, element.id.split("__", 1)[0]), []),
                     *tags.get((meeting, element.id), [])]
            themes[(meeting, element.id)] = list(dict.fromkeys(found))
    return themes


def recommendation_records(archive: Archive, reviews: ReviewIndex,
                           themes: dict[tuple[Meeting, str], list[str]] | None = None) -> list[dict[str, Any]]:
    records = []
    for meeting in archive.meetings:
        report = archive.reports.get(meeting.src_uri)
        reviewed_in = [review_record(r) for r in reviews.of.get(meeting, [])]
        for element in report.recommendations if report else []:
            records.append({
                "id": f"{meeting.id}-rec-{element.issue}{element.label}",
                "session": meeting.id,
                "issue": element.issue,
                "letter": element.label,
                "text": element.plain_text,
                "url": Target(meeting.src_uri, element.id).url,
                "reviewed_in": reviewed_in,
                "themes": (themes or {}).get((meeting, element.id), []),
            })
    return records


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


def country_records(holdings: Holdings) -> list[dict[str, Any]]:
    records = []
    for record in holdings.entities.values():
        entity = record.entity
        records.append({
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
        })
    return records


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


def archive_record(holdings: Holdings) -> dict[str, Any]:
    archive, reviews = holdings.archive, holdings.reviews
    return {
        "$schema": "archive.schema.json",
        "sessions": [session_record(s, archive, reviews) for s in archive.meetings_sorted()],
        "recommendations": recommendation_records(archive, reviews, recommendation_themes(holdings)),
        "documents": document_records(holdings.documents, holdings.resolver),
        "countries": country_records(holdings),
        "themes": theme_records(holdings),
    }


def participation_rows(holdings: Holdings) -> list[dict[str, Any]]:
    return [{
        "participant": record.entity.id, "name": record.entity.name, "kind": record.entity.kind,
        "session": meeting.id, "role": role.role, "detail": role.detail,
        "paragraphs": " ".join(str(n) for n in role.paragraphs),
    } for record in holdings.entities.values() for meeting, role in record.roles]


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
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
    record = archive_record(holdings)
    recommendations = [{**r, "reviewed_in": [x["session"] for x in r["reviewed_in"]]}
                       for r in record["recommendations"]]
    return {
        # Without indentation: the standard library writes indented JSON in Python, ten times slower.
        f"{DATA_DIR}/archive.json": json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n",
        f"{DATA_DIR}/archive.schema.json": schema_text(archive_schema(holdings.archive.bodies)),
        f"{DATA_DIR}/recommendations.csv": _csv(
            recommendations, ["id", "session", "issue", "letter", "text", "url", "reviewed_in", "themes"]),
        f"{DATA_DIR}/documents.csv": _csv(
            record["documents"], ["symbol", "title", "agenda_item", "listed_by", "url", "cited_in"]),
        f"{DATA_DIR}/participation.csv": _csv(
            participation_rows(holdings),
            ["participant", "name", "kind", "session", "role", "detail", "paragraphs"]),
    }
