"""The archive as a whole: every meeting page under the docs folder, read once.

A meeting page is a Markdown file whose front matter says ``kind: report`` (the report
is in the archive) or ``kind: placeholder`` (the meeting is known, its report is not
yet here). Its path is fixed by its body and number: ``honlac/27.md``.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cnd_archive.layout import meeting_uri
from cnd_archive.registry.bodies import Body, all_bodies, body_by_code
from cnd_archive.memo import Memos, digest
from cnd_archive.timing import Stopwatch
from cnd_archive.errors import Problem
from cnd_archive.model.frontmatter import MAX_FILE_BYTES, ContentFile, split
from cnd_archive.model.safety import unsafe_front_matter, unsafe_markdown
from cnd_archive.model.ordinals import int_to_ordinal
from markdown_it.token import Token

from cnd_archive.model.parser import parse_tokens
from cnd_archive.model.report import Report, read_report
from cnd_archive.model.schema import invalid_values, without_invalid
from cnd_archive.result_codec import NOT_STORED, stored

MEETING_KINDS = ("report", "placeholder")
IDENTITY_KEYS = ("kind", "body", "meeting", "title", "start_date", "end_date", "city", "country")
"""What makes a page a meeting of the archive; without any of them it cannot take its place."""


@dataclass(frozen=True, eq=False)
class Meeting:
    body: Body
    number: int
    kind: str
    title: str
    start_date: dt.date | None
    end_date: dt.date | None
    """None for a meeting known only by name: no report in the archive states its dates."""
    city: str | None
    country: str | None
    src_uri: str
    meta: dict[str, Any]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Meeting) and (self.body.code, self.number) == (other.body.code, other.number)

    def __post_init__(self) -> None:
        # A meeting is its body and number; hashing lets indexes group by it in one pass, so the
        # hash is computed once.
        object.__setattr__(self, "_hash", hash((self.body.code, self.number)))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[no-any-return, attr-defined]

    def __fingerprint__(self) -> tuple[str, int]:
        """What it is compared by, for the build cache's keys (``result_store.fingerprint``): a result
        that reads more of a meeting reads it from the archive's shape or its file's fingerprint."""
        return self.body.code, self.number

    @property
    def id(self) -> str:
        return f"{self.body.slug}-{self.number}"

    @property
    def year(self) -> str:
        """The year it was held, or "year not known" for a meeting known only by name."""
        return str(self.start_date.year) if self.start_date else "year not known"

    @property
    def ordinal_name(self) -> str:
        """E.g. "Twenty-seventh Meeting"."""
        return f"{int_to_ordinal(self.number)} {self.body.meeting_word}"


@dataclass
class Archive:
    bodies: tuple[Body, ...] = field(default_factory=all_bodies)
    """The bodies whose meetings the archive can hold (bodies.yml)."""
    meetings: list[Meeting] = field(default_factory=list)
    reports: dict[str, Report] = field(default_factory=dict)
    """Parsed reports by src_uri."""
    files: dict[str, ContentFile] = field(default_factory=dict)
    """The content file of each meeting page (front matter and body), by src_uri."""
    problems: list[Problem] = field(default_factory=list)
    other_pages: dict[str, ContentFile] = field(default_factory=dict)
    """The pages that are not meeting pages (the home page, the open data page ...), by src_uri."""
    unreadable: set[str] = field(default_factory=set)
    """Pages that could not be read as what they are (too large, not UTF-8, bad front matter, a
    meeting without its identity): their problems are reported, and nothing depending on them is."""
    withheld: set[str] = field(default_factory=set)
    """Pages whose Markdown failed the safety check: never rendered as they are."""
    fingerprints: dict[str, bytes] = field(default_factory=dict)
    """A digest of each page file's bytes, by src_uri: what a result computed from a page's own
    facts depends on (``publishing/page_inputs.py``)."""

    _by_key: dict[tuple[str, int], Meeting] = field(default_factory=dict, repr=False)
    _by_uri: dict[str, Meeting] = field(default_factory=dict, repr=False)

    def file_key(self, src_uri: str, shown: str) -> tuple[str, bytes, bytes]:
        """What decides every result computed from one file alone (its front matter, model, citations,
        roles), as the build cache keys it: the path it is reported at, its bytes' digest and the
        bodies it is read against. Cheaper to digest than the text those results are computed from."""
        return shown, self.fingerprints[src_uri], self.bodies_key

    @functools.cached_property
    def bodies_key(self) -> bytes:
        return digest(repr(self.bodies).encode("utf-8"))

    def add(self, meeting: Meeting) -> None:
        self.meetings.append(meeting)
        self._by_key[(meeting.body.code, meeting.number)] = meeting
        self._by_uri[meeting.src_uri] = meeting

    def meeting(self, body_code: str, number: int) -> Meeting | None:
        return self._by_key.get((body_code, number))

    def meeting_at(self, src_uri: str) -> Meeting | None:
        return self._by_uri.get(src_uri)

    def unreadable_meeting(self, body: Body, number: int) -> bool:
        """Whether that meeting's page exists but could not be read (its own problem is reported)."""
        return meeting_uri(body.slug, number) in self.unreadable

    def meetings_sorted(self) -> list[Meeting]:
        return sorted(self.meetings, key=self.order)

    def order(self, meeting: Meeting) -> tuple[int, int]:
        """Bodies in the order of bodies.yml, each body's meetings by number."""
        return self.bodies.index(meeting.body) if meeting.body in self.bodies else len(self.bodies), meeting.number

    def meetings_of(self, body: Body) -> list[Meeting]:
        return sorted((s for s in self.meetings if s.body == body), key=lambda s: s.number)


@stored
@dataclass(frozen=True)
class _Read:
    """One file's text as read: its parts, what is wrong with it, and its tokens."""

    document: ContentFile | None
    problems: list[Problem]
    unsafe: list[Problem]
    tokens: list[Token] | None = field(default=None, compare=False, metadata=NOT_STORED)
    """None when read back from the build cache: parsed again only if its report is not kept there too."""


def load(docs_dir: Path, src_uris: list[str], shown_from: Path | None = None,
         bodies: tuple[Body, ...] | None = None, stopwatch: Stopwatch | None = None,
         memos: Memos | None = None) -> Archive:
    """Read every Markdown page once; keep the meeting pages and every problem found.

    Problems name files relative to ``shown_from`` (the project folder), as a
    contributor sees them in the repository. ``memos`` keeps what a rebuild may reuse.
    """
    archive = Archive(bodies or all_bodies())
    stopwatch = stopwatch or Stopwatch()
    memos = memos or Memos.none()
    for src_uri in sorted(src_uris):
        path = docs_dir / src_uri
        shown = os.path.relpath(path, shown_from) if shown_from else str(path)
        if path.stat().st_size > MAX_FILE_BYTES:
            archive.unreadable.add(src_uri)
            archive.problems.append(Problem(shown, 1, f"file is larger than {MAX_FILE_BYTES} bytes",
                                            "a report is about 50 KB; check that this is the right file"))
            continue
        data = path.read_bytes()
        archive.fingerprints[src_uri] = digest(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            archive.unreadable.add(src_uri)
            archive.problems.append(_encoding_problem(data, error, shown))
            continue
        read = memos.read.get(src_uri, (shown, text), lambda: _read(text, shown, stopwatch),
                              stored_as=archive.file_key(src_uri, shown))
        document, unsafe = read.document, read.unsafe
        archive.problems += read.problems
        if document is None:
            archive.unreadable.add(src_uri)
            continue
        if unsafe:
            archive.withheld.add(src_uri)
            archive.problems += unsafe
        if document.meta.get("kind") not in MEETING_KINDS:
            if _in_body_folder(src_uri, archive.bodies):
                archive.unreadable.add(src_uri)
                archive.problems.append(_not_a_meeting_page(document, src_uri))
                continue
            archive.problems += unsafe_front_matter(document.meta, shown, document.line_of)
            archive.other_pages[src_uri] = document
            continue
        archive.files[src_uri] = document
        with stopwatch.phase("load/meeting model"):
            _add_meeting(archive, document, src_uri, read.tokens, memos)
    _check_symbol_claims(archive)
    return archive


def _read(text: str, shown: str, stopwatch: Stopwatch) -> _Read:
    with stopwatch.phase("load/front matter"):
        document, problems = split(text, shown)
    if document is None:
        return _Read(None, problems, [])
    with stopwatch.phase("load/parse and safety check"):
        tokens = parse_tokens(document.body)
        unsafe = unsafe_markdown(document.body, document.body_line, shown, tokens)
    return _Read(document, problems, unsafe, tokens)


def _in_body_folder(src_uri: str, bodies: tuple[Body, ...]) -> bool:
    return src_uri.split("/", 1)[0] in {body.slug for body in bodies} and "/" in src_uri


def _not_a_meeting_page(document: ContentFile, src_uri: str) -> Problem:
    """A body's folder holds its meetings only: a page there without ``kind`` would skip every
    meeting check and still be published among the meetings."""
    folder = src_uri.split("/", 1)[0]
    kind = document.meta.get("kind")
    found = f"'kind: {kind}'" if kind is not None else "no 'kind:'"
    return Problem(document.path, document.line_of("kind") if kind is not None else 1,
                   f"every page in content/{folder}/ is a meeting page, and this one has {found}",
                   "write 'kind: report' or 'kind: placeholder' with the meeting's body, number, dates and venue, "
                   f"or move the page out of content/{folder}/")


def _check_symbol_claims(archive: Archive) -> None:
    """A page may claim only its own meeting's documents, each once: a claim takes over every link
    to that symbol."""
    claimed: dict[str, Meeting] = {}
    for meeting in archive.meetings_sorted():
        symbol = meeting.meta.get("symbol")
        if symbol is None:
            continue
        document = archive.files[meeting.src_uri]
        own = f"{meeting.body.symbol_prefix}{meeting.number}/"
        if not str(symbol).startswith(own):
            fix = f"a {meeting.body.code} {meeting.number} page holds documents {own}..."
        elif str(symbol) in claimed:
            fix = f"{claimed[str(symbol)].src_uri} already holds it"
        else:
            claimed[str(symbol)] = meeting
            continue
        archive.problems.append(Problem(document.path, document.line_of("symbol"),
                                        f"symbol {symbol!r} is not this page's to claim", fix))
        del meeting.meta["symbol"]


def _encoding_problem(data: bytes, error: UnicodeDecodeError, shown: str) -> Problem:
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    return Problem(shown, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x})",
                   "save the file as UTF-8", column)


def _add_meeting(archive: Archive, document: ContentFile, src_uri: str, tokens: list[Token] | None,
                 memos: Memos) -> None:
    """The meeting of a page; a refused value is left out (and reported), and only a page whose
    identity (body, number, dates, venue) cannot be read leaves the archive."""
    invalid = memos.schema.get(src_uri, (document.path, document.front_matter, archive.bodies),
                               lambda: invalid_values(document, archive.bodies),
                               stored_as=archive.file_key(src_uri, document.path))
    archive.problems += [entry.problem for entry in invalid]
    if any(not entry.path or entry.path[0] in IDENTITY_KEYS for entry in invalid):
        archive.unreadable.add(src_uri)
        return
    document = replace(document, meta=without_invalid(document.meta, invalid))
    archive.files[src_uri] = document
    meta = document.meta
    type_problems = _check_types(document)
    if type_problems:
        archive.problems += type_problems
        archive.unreadable.add(src_uri)
        return
    try:
        body = body_by_code(meta["body"], archive.bodies)
    except KeyError as error:
        archive.problems.append(Problem(document.path, document.line_of("body"), str(error.args[0]),
                                        "correct the body's code"))
        archive.unreadable.add(src_uri)
        return
    expected_uri = meeting_uri(body.slug, meta["meeting"])
    if src_uri != expected_uri:
        archive.problems.append(Problem(document.path, 1, f"a {body.code} meeting {meta['meeting']} "
                                        f"page must be at {expected_uri}", "move or rename the file"))
        archive.unreadable.add(src_uri)
        return
    meeting = Meeting(body, int(meta["meeting"]), meta["kind"], str(meta["title"]),
                      meta.get("start_date"), meta.get("end_date"), _text(meta.get("city")),
                      _text(meta.get("country")), src_uri, meta)
    archive.add(meeting)
    if meeting.kind == "report":
        def read() -> tuple[Report, list[Problem]]:
            return read_report(document, parse_tokens(document.body) if tokens is None else tokens)

        report, problems = memos.report.get(src_uri, (document.path, document.front_matter, document.body_line,
                                                      document.body, archive.bodies), read,
                                            stored_as=archive.file_key(src_uri, document.path))
        archive.reports[src_uri] = report
        archive.problems += problems


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _check_types(document: ContentFile) -> list[Problem]:
    meta, path, line = document.meta, document.path, document.line_of
    problems = []
    if not isinstance(meta["meeting"], int) or isinstance(meta["meeting"], bool) or meta["meeting"] < 1:
        problems.append(Problem(path, line("meeting"), f"meeting must be a positive whole number, not {meta['meeting']!r}",
                                "write e.g. 'meeting: 27'"))
    for key in ("start_date", "end_date"):
        if key in meta and not isinstance(meta[key], dt.date):
            problems.append(Problem(path, line(key), f"{key} must be a date, not {meta[key]!r}",
                                    f"write e.g. '{key}: 2017-10-02'"))
    if ("start_date" in meta) != ("end_date" in meta):
        problems.append(Problem(path, line("start_date"), "start_date and end_date go together",
                                "give both dates, or neither if no report states them"))
    if not problems and "end_date" in meta and meta["end_date"] < meta["start_date"]:
        problems.append(Problem(path, line("end_date"), "end_date is before start_date", "check the two dates"))
    return problems
