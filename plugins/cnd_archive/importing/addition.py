"""Adding an imported report to the archive in one step.

The report goes to content/<body>/<number>.md (replacing the meeting's placeholder, never a
report unless forced); every meeting it names that has no page gets a placeholder with what
the report states of it; and every permalink that the change retires is carried over to its
new place in permalinks.json, so the build passes with no hand edit.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cnd_archive.checking.checker import build_publication
from cnd_archive.checking.record import SOURCES
from cnd_archive.publishing.site_config import Project
from cnd_archive.errors import ContentError, Problem
from cnd_archive.importing.markdown_writer import SCHEMA_COMMENT
from cnd_archive.layout import (PLACEHOLDER_RECOMMENDATIONS, PROPOSED_TOPICS, PROVISIONAL_AGENDA, Target,
                                meeting_uri, page_url)
from cnd_archive.model.anchors import paragraph_id
from cnd_archive.model.archive import Meeting
from cnd_archive.model.frontmatter import ContentFile, split
from cnd_archive.model.ordinals import int_to_ordinal
from cnd_archive.model.report import Report, read_report
from cnd_archive.publishing.permalink_record import load_record, record_text
from cnd_archive.publishing.publication import Publication
from cnd_archive.references.agenda import agendas
from cnd_archive.references.followup import recommendations_target
from cnd_archive.references.meetings import find_meetings
from cnd_archive.registry.bodies import Body, body_by_code


@dataclass
class Addition:
    """What adding a report did, for the contributor to review."""

    page: Path
    source: Path | None = None
    """The source kept in sources/, when the addition wrote it there."""
    placeholders: list[Path] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """What is still wrong in other files of the archive after the addition (the build would say the same)."""

    def own_paths(self, root: Path) -> set[str]:
        """The files the addition wrote, as problems name them."""
        return {os.path.relpath(p, root) for p in [self.page, *self.placeholders]}


def add_report(project: Project, markdown: str, output: Path | None = None,
               sources: list[tuple[str, bytes]] | None = None) -> Addition:
    """Write the report, the sources it was imported from (``(name, bytes)``: its text, kept in
    sources/ so that every check can hold the report to it, and the PDF it came from), the
    placeholders it calls for, and the redirects its arrival needs: all of them, or none.

    The addition is undone, every file byte for byte as it was, when the new pages have a
    problem of their own (raised as ContentError) or anything fails on the way. Problems in
    other files of the archive do not stop it: they are returned, for the summary."""
    journal = _Journal()
    try:
        addition = _add(project, markdown, output, sources or [], journal)
    except BaseException:
        journal.undo()
        raise
    own = [p for p in addition.problems if p.path in addition.own_paths(project.root)]
    if own:
        journal.undo()
        raise ContentError(own)
    return addition


class _Journal:
    """Every file an addition writes, as it was before (None: it did not exist), to undo them."""

    def __init__(self) -> None:
        self.before: dict[Path, bytes | None] = {}

    def write(self, path: Path, data: bytes) -> None:
        if path not in self.before:
            self.before[path] = path.read_bytes() if path.exists() else None
        write_bytes_atomically(path, data)

    def undo(self) -> None:
        for path, data in reversed(list(self.before.items())):
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_bytes_atomically(path, data)


def _add(project: Project, markdown: str, output: Path | None, sources: list[tuple[str, bytes]],
         journal: _Journal) -> Addition:
    document = _document(markdown)
    bodies = project.known_bodies()
    body = body_by_code(str(document.meta["body"]), bodies)
    page = output or project.docs_dir / meeting_uri(body.slug, int(document.meta["meeting"]))
    in_archive = page.parent.parent == project.docs_dir
    kept = [(_source_file(project, source), source[1]) for source in sources] if in_archive else []
    before, _ = load_record(project.record, str(project.record)) if project.record.exists() else (None, [])
    for path, data in kept:
        if not path.exists():
            journal.write(path, data)
    journal.write(page, markdown.encode("utf-8"))
    addition = Addition(page, kept[0][0] if kept else None)
    if not in_archive:
        return addition  # written elsewhere than the archive: nothing of the archive changes
    report, _ = read_report(document)
    addition.placeholders = _write_placeholders(project, body, document, report, bodies, journal)
    publication = build_publication(project)
    if before is not None:
        addition.redirects = _carried_over(before.pages, publication, page.relative_to(project.docs_dir).as_posix())
        published = publication.published()
        # A page withheld for a problem of its own keeps its recorded promises until it is fixed.
        published.update({url: before.pages[url] for url in publication.withheld_urls() if url in before.pages})
        journal.write(project.record, record_text(published, {**before.redirects, **addition.redirects}).encode())
    addition.problems = publication.problems
    return addition


def _source_file(project: Project, source: tuple[str, bytes]) -> Path:
    """Where the source is kept; a different text already kept under its name is never replaced
    (it is the source of another report of the record)."""
    name, data = source
    kept = project.root / SOURCES / name
    if kept.exists() and kept.read_bytes() != data:
        raise ValueError(f"{SOURCES}/{name} already holds another text: a source of the record is never replaced; "
                         "give the new source another file name")
    return kept


def _document(markdown: str) -> ContentFile:
    document, problems = split(markdown, "imported report")
    if document is None:
        raise ValueError("\n".join(map(str, problems)))
    return document


# -- placeholders -----------------------------------------------------------------

def _write_placeholders(project: Project, body: Body, document: ContentFile, report: Report,
                        bodies: tuple[Body, ...], journal: _Journal) -> list[Path]:
    """A page for each meeting the report names that has none: its body, number and name, where the
    report names it, and the provisional agenda the report approved for it."""
    number = int(document.meta["meeting"])
    first_paragraph: dict[tuple[str, int], int] = {}
    for element in report.elements:
        if element.kind not in ("paragraph", "subparagraph", "item"):
            continue
        for mention in find_meetings(element.text, body.code, bodies):
            key = (mention.body, mention.number)
            if key != (body.code, number) and key not in first_paragraph:
                first_paragraph[key] = _paragraph_number(element, report)
    provisional = {a.for_meeting: a.paragraph for a in agendas(report, meeting_of(document, body), bodies)
                   if a.provisional and a.for_meeting is not None}
    written = []
    for (code, other), paragraph in sorted(first_paragraph.items()):
        other_body = body_by_code(code, bodies)
        path = project.docs_dir / meeting_uri(other_body.slug, other)
        if path.exists():
            continue
        agenda = provisional.get(other) if code == body.code and other == number + 1 else None
        text = _placeholder(other_body, other, body, number, paragraph, agenda.label if agenda else None,
                            bool(document.meta.get("fictional")))
        journal.write(path, text.encode("utf-8"))
        written.append(path)
    return written


def _paragraph_number(element: Any, report: Report) -> int:
    by_id = report.by_id()
    while element.kind != "paragraph" and element.parent in by_id:
        element = by_id[element.parent]
    return int(element.label) if element.kind == "paragraph" else 0


def meeting_of(document: ContentFile, body: Body) -> Meeting:
    """The meeting an imported report's front matter describes, before it is in the archive."""
    meta = document.meta
    return Meeting(body, int(meta["meeting"]), "report", str(meta["title"]), meta.get("start_date"),
                   meta.get("end_date"), meta.get("city"), meta.get("country"),
                   meeting_uri(body.slug, int(meta["meeting"])), meta)


def _placeholder(body: Body, number: int, named_by: Body, named_in: int, paragraph: int,
                 agenda_paragraph: str | None, fictional: bool) -> str:
    ordinal = int_to_ordinal(number)
    meta: dict[str, Any] = {"kind": "placeholder", **({"fictional": True} if fictional else {}),
                            "body": body.code, "meeting": number, "title": f"{ordinal} {body.meeting_word}"}
    if agenda_paragraph:
        meta["provisional_agenda"] = {"paragraph": int(agenda_paragraph)}
    source = Target(meeting_uri(named_by.slug, named_in), paragraph_id(paragraph) if paragraph else "")
    link = source.markdown_from(meeting_uri(body.slug, number))
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    return (f"---\n{SCHEMA_COMMENT}{front}---\n\n"
            f"The report of the {int_to_ordinal(named_in)} {named_by.meeting_word} names this "
            f"{body.meeting_word.lower()} ([paragraph {paragraph}]({link})).\n")


# -- permalinks ---------------------------------------------------------------------

def _carried_over(recorded: dict[str, list[str]], publication: Publication, replaced: str) -> dict[str, str]:
    """A redirect for every recorded anchor the addition retires: on the replaced placeholder, to the
    same thing in the report; elsewhere, to the top of its page."""
    current = publication.published()
    moves = _placeholder_moves(publication, replaced)
    redirects: dict[str, str] = {}
    for url, anchors in recorded.items():
        if url not in current:
            continue
        for anchor in anchors:
            if anchor not in current[url]:
                target = moves.get(anchor, "") if url == page_url(replaced) else ""
                redirects[f"{url}#{anchor}"] = f"{url}#{target}" if target in current[url] and target else url
    return redirects


def _placeholder_moves(publication: Publication, src_uri: str) -> dict[str, str]:
    """Where each anchor of a meeting's placeholder lands in its report."""
    report = publication.archive.reports.get(src_uri)
    meeting = publication.archive.meeting_at(src_uri)
    if report is None or meeting is None:
        return {}
    moves = {PLACEHOLDER_RECOMMENDATIONS: recommendations_target(publication.archive, meeting).anchor}
    adopted = next((a for a in agendas(report, meeting, publication.archive.bodies) if not a.provisional), None)
    if adopted is not None:
        moves[PROVISIONAL_AGENDA] = adopted.paragraph.id
        for item in adopted.items:
            moves["agenda" + item.id.removeprefix(adopted.paragraph.id)] = item.id
            for sub in adopted.sub_items.get(item.id, []):
                moves["agenda" + sub.id.removeprefix(adopted.paragraph.id)] = sub.id
    first_issue = next((e.id for e in report.elements if e.kind == "issue"), None)
    if first_issue:
        moves[PROPOSED_TOPICS] = first_issue
    return moves


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing: a reader never sees half a page."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
