"""The record held to its sources: each report's words and facts as the importer reads them.

A report imported from ``sources/<file>`` records the file's SHA-256. Every check reads that
file again, imports it as ``import_report.py`` would, and compares:

- the file itself with its recorded SHA-256 (a changed source is a changed record);
- every element's words, as a reader sees them (Markdown syntax, links and ids are
  annotations, free to change), with the source's words; a word may differ only by a marked
  correction (``corrections:`` in the front matter, with the source's words, the words the
  page reads instead, and the reason);
- every fact the importer reads (body, meeting, dates, venue, title, date of issue, languages,
  job number) with the front matter's value. Facts the importer could not read are free, for a
  reviewer to give; annotations (themes, the report's symbol) are the contributor's.

Participation roles are held to the text in ``indexes.roles.check_roles``, for every report.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from cnd_archive.checking.review import file_at
from cnd_archive.errors import ContentError, Problem
from cnd_archive.memo import Memos
from cnd_archive.importing.markdown_writer import render
from cnd_archive.importing.metadata import extract
from cnd_archive.importing.plain_text import MAX_SOURCE_BYTES, decode
from cnd_archive.importing.structure import import_text
from cnd_archive.model.archive import Archive
from cnd_archive.model.frontmatter import ContentFile, split
from cnd_archive.model.markdown_text import EXPLICIT_ID_RE
from cnd_archive.model.parser import parse_tokens
from cnd_archive.model.report import Report, read_report

SOURCES = "sources"
ANNOTATIONS = ("participation", "issues", "proposed_topics", "symbol", "corrections", "source", "fictional", "unread",
               "added")
"""Front matter that is not read from the text (or is checked elsewhere)."""


@dataclass(frozen=True)
class Correction:
    element: str
    source: tuple[str, ...]
    reads: tuple[str, ...]
    line: int


def source_problems(archive: Archive, project_root: Path, memos: Memos | None = None) -> list[Problem]:
    """Every report held to its recorded source; only a fictional report (tests, benchmarks) has none."""
    memo = (memos or Memos.none()).record
    problems: list[Problem] = []
    for meeting in archive.meetings_sorted():
        report = archive.reports.get(meeting.src_uri)
        document = archive.files.get(meeting.src_uri)
        if report is None or document is None:
            continue
        if not isinstance(document.meta.get("source"), dict):
            if document.meta.get("fictional") is not True:
                problems.append(Problem(document.path, document.line_of("kind"), "a report of the record needs the "
                                        "source it was imported from, and there is no 'source:'",
                                        "import it with scripts/import_report.py, which keeps the source in "
                                        f"{SOURCES}/ and records its SHA-256"))
            continue
        sources = project_root / SOURCES
        inputs = (document.path, document.front_matter, document.body, _stamp(sources, document.meta["source"]))
        problems += memo.get(meeting.src_uri, inputs, lambda: held_to_source(document, report, sources))
    return problems


def _stamp(sources: Path, source: dict[str, Any]) -> tuple[str, int, int] | None:
    """What says the source file is unchanged since the last check of a serve (its size and time)."""
    try:
        status = (sources / str(source.get("file", ""))).stat()
    except (OSError, ValueError):
        return None
    return str(source.get("file")), status.st_size, status.st_mtime_ns


def held_to_source(document: ContentFile, report: Report, sources: Path) -> list[Problem]:
    source = document.meta["source"]
    line = document.line_of("source")
    path = sources / str(source.get("file", ""))
    if path.resolve().parent != sources.resolve():
        return [Problem(document.path, line, f"source {source.get('file')!r} is not a file of {SOURCES}/",
                        f"name a file in {SOURCES}/, e.g. 'file: honlac-27-report.txt'")]
    try:
        data = path.read_bytes()[: MAX_SOURCE_BYTES + 1]
    except OSError as error:
        return [Problem(document.path, line, f"the source {SOURCES}/{path.name} cannot be read ({error.strerror})",
                        f"add the file the report was imported from to {SOURCES}/")]
    digest = hashlib.sha256(data).hexdigest()
    changed_pdf = _changed_pdf(sources, source)
    if changed_pdf:
        return [Problem(document.path, line, changed_pdf, "a changed source is a changed record: restore it, "
                        "or import the new PDF again")]
    if digest != source.get("sha256"):
        return [Problem(document.path, line, f"{SOURCES}/{path.name} has SHA-256 {digest[:12]}..., not the "
                        f"recorded {str(source.get('sha256'))[:12]}...: the source has changed",
                        "a changed source is a changed record: restore it, or import the new source again")]
    imported, failures = _imported(data, f"{SOURCES}/{path.name}", document)
    if imported is None:
        return [Problem(document.path, line, f"the source no longer imports: {failures[0]}",
                        "restore the source, or import it again")]
    corrections, problems = _corrections(document)
    return problems + _changed_words(report, imported, corrections) + _changed_facts(document, imported)


def _changed_pdf(sources: Path, source: dict[str, Any]) -> str | None:
    """What is wrong with the PDF the text was extracted from, when one is recorded."""
    name = source.get("pdf")
    if not name:
        return None
    path = sources / str(name)
    if path.resolve().parent != sources.resolve() or not path.is_file():
        return f"the source's PDF {SOURCES}/{name} is missing"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return None if digest == source.get("pdf_sha256") else f"{SOURCES}/{name} has SHA-256 {digest[:12]}..., not the recorded {str(source.get('pdf_sha256'))[:12]}..."


def _imported(data: bytes, shown: str, document: ContentFile) -> tuple[Report | None, list[str]]:
    """The report as the importer makes it from the source; the page's country settles a venue the
    text leaves open (``--country`` at import)."""
    try:
        structure = import_text(decode(data, shown), shown)
    except ValueError as error:
        return None, [str(error)]
    meta, problems = extract(structure, shown, dict(document.meta["source"]))
    if problems and document.meta.get("country"):
        meta, problems = extract(structure, shown, dict(document.meta["source"]),
                                 country=str(document.meta["country"]))
    if problems:
        return None, [str(ContentError(problems))]
    imported, _ = split(render(structure, meta), shown)
    assert imported is not None  # the importer writes front matter it can read
    report, _ = read_report(imported)
    return report, []


# -- words ------------------------------------------------------------------------------

def words_by_element(report: Report, tokens: list[Token] | None = None) -> dict[str, tuple[int, list[str]]]:
    """Each element's words as a reader sees them (text and code, escapes and entities resolved,
    no Markdown syntax), with the element's line; the words before the first element under ''."""
    starts = sorted((e.line, e.id) for e in report.elements)
    out: dict[str, tuple[int, list[str]]] = {"": (report.body_line, [])}
    for line, element_id in starts:
        out[element_id] = (line, [])
    position = -1
    for line, words in _words_by_line(tokens if tokens is not None else parse_tokens(report.body), report.body_line):
        while position + 1 < len(starts) and starts[position + 1][0] <= line:
            position += 1
        out[starts[position][1] if position >= 0 else ""][1].extend(words)
    return out


def _words_by_line(tokens: list[Token], body_line: int) -> Iterator[tuple[int, list[str]]]:
    for index, token in enumerate(tokens):
        if token.type == "inline" and token.map:
            text = "".join(c.content if c.type in ("text", "code_inline") else " " if c.type.endswith("break") else ""
                           for c in token.children or [])
            if index and tokens[index - 1].type == "heading_open":
                text = EXPLICIT_ID_RE.sub("", text)  # a heading's {#id} is an annotation, not a word
            yield body_line + token.map[0], text.split()


def _changed_words(report: Report, imported: Report, corrections: list[Correction]) -> list[Problem]:
    page, source = words_by_element(report), words_by_element(imported)
    problems = _apply(corrections, source, report.path)
    for element_id, (line, words) in page.items():
        if element_id not in source:
            problems.append(Problem(report.path, line, f"{element_id or 'the text'} is not in the source",
                                    "the record holds the source's words only: remove it"))
        elif words != source[element_id][1]:
            problems.append(Problem(report.path, line, f"the words of {element_id or 'the opening'} differ from the "
                                    f"source: {_difference(source[element_id][1], words)}",
                                    "restore the source's words, or mark a correction in 'corrections:' "
                                    "with its reason"))
    for element_id in source.keys() - page.keys():
        problems.append(Problem(report.path, 1, f"{element_id} of the source is missing",
                                "restore it: the record keeps every word of the source"))
    return problems


def _difference(source: list[str], page: list[str]) -> str:
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=source, b=page, autojunk=False).get_opcodes():
        was, now = " ".join(source[i1:i2])[:60], " ".join(page[j1:j2])[:60]
        if tag == "insert":
            return f"{now!r} added"
        if tag == "delete":
            return f"{was!r} left out"
        if tag == "replace":
            return f"{was!r} became {now!r}"
    return "the words are the same, in another order"


def _corrections(document: ContentFile) -> tuple[list[Correction], list[Problem]]:
    corrections: list[Correction] = []
    for index, entry in enumerate(document.meta.get("corrections") or []):
        if isinstance(entry, dict):
            corrections.append(Correction(str(entry.get("element", "")), tuple(str(entry.get("source", "")).split()),
                                          tuple(str(entry.get("reads", "")).split()),
                                          document.line_of_item("corrections", index)))
    return corrections, []


def _apply(corrections: list[Correction], source: dict[str, tuple[int, list[str]]], path: str) -> list[Problem]:
    """The source's words as corrected: each correction replaces its words once, where they stand."""
    problems: list[Problem] = []
    for correction in corrections:
        line, words = source.get(correction.element, (0, []))
        at = _find(words, correction.source)
        if at is None:
            problems.append(Problem(path, correction.line, f"correction: {correction.element or 'the element'} of the "
                                    f"source does not read {' '.join(correction.source)[:60]!r}",
                                    "quote the source's words exactly, and the element's id"))
            continue
        source[correction.element] = (line, words[:at] + list(correction.reads) + words[at + len(correction.source):])
    return problems


def _find(words: list[str], wanted: tuple[str, ...]) -> int | None:
    if not wanted:
        return None
    for start in range(len(words) - len(wanted) + 1):
        if tuple(words[start:start + len(wanted)]) == wanted:
            return start
    return None


# -- what a pull request changes in the record ---------------------------------------------

def changes_to_the_record(repo: Path, base: str, changed: list[str], docs_folder: str) -> list[str]:
    """A line for each source changed and each report whose words change, for a maintainer to approve."""
    lines: list[str] = []
    for path in changed:
        if path.startswith(f"{SOURCES}/"):
            state = "added" if file_at(repo, base, path) is None else "removed" if not (repo / path).exists() \
                else "changed"
            lines.append(f"{path}: a source of the record, {state}")
        elif path.startswith(f"{docs_folder}/") and path.endswith(".md"):
            words = _changed_elements(file_at(repo, base, path), _text_of(repo / path), path)
            if words:
                lines.append(f"{path}: {words}")
    return lines


def _text_of(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _changed_elements(before: str | None, after: str | None, path: str) -> str:
    old, new = _report_words(before, path), _report_words(after, path)
    if old is None and new is None:
        return ""
    if old is None:
        return "a report added"
    if new is None:
        return "a report removed, or no longer read as one"
    changed = [e for e in dict.fromkeys([*old, *new]) if old.get(e, (0, []))[1] != new.get(e, (0, []))[1]]
    return f"the words change in {', '.join(e or 'the opening' for e in changed[:12])}" + \
        (f" and {len(changed) - 12} more" if len(changed) > 12 else "") if changed else ""


def _report_words(text: str | None, path: str) -> dict[str, tuple[int, list[str]]] | None:
    document = split(text, path)[0] if text is not None else None
    if document is None or document.meta.get("kind") != "report":
        return None
    return words_by_element(read_report(document)[0])


# -- facts ------------------------------------------------------------------------------

def _changed_facts(document: ContentFile, imported: Report) -> list[Problem]:
    problems: list[Problem] = []
    for key, value in imported.meta.items():
        if key in ANNOTATIONS or key == "kind":
            continue
        given: Any = document.meta.get(key)
        if given != value:
            found = f"{key} is {_shown(given)}" if key in document.meta else f"{key} is left out"
            problems.append(Problem(document.path, document.line_of(key), f"{found}, but the source reads "
                                    f"{_shown(value)}", "facts come from the text: write what the source states"))
    return problems


def _shown(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else repr(value)
