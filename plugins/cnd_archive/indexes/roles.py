"""Participation roles: who took part in a meeting, and how, each role citing its paragraphs.

Roles live in the report's front matter (``participation:``), where a contributor can
review them; ``propose_roles`` reads them off the report's text for the importer, and
``check_roles`` holds every role to the text it cites: the participant must be named
in each cited paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cnd_archive.errors import Problem
from cnd_archive.model.frontmatter import ContentFile
from cnd_archive.registry.gazetteer import EntityMention, Gazetteer
from cnd_archive.model.markdown_text import plain_text
from cnd_archive.model.report import Element, Report
from cnd_archive.model.sentences import after_in_line, in_one_sentence
from cnd_archive.registry.roles import ROLES
from cnd_archive.result_codec import stored


_MEMBERS = ("members of ", " were represented:")
"""The list of members present: "The following States members of the Commission were represented:",
"The following members of the Subcommission were represented:"."""
_OBSERVER_RE = re.compile(r"(?:was|were) (?:also )?represented by (?:an )?observers?")
_OFFICERS_RE = re.compile(r"\bofficers\b")
_ELECTED_RE = re.compile(r"\belected\b")
_OFFICE_RE = re.compile(r"^(?P<office>[A-Z][\w -]+?):\s")
_NATIONAL_REPORTS_RE = re.compile(r"\b(?:national|country) reports\b")
_QUESTIONNAIRE_RE = re.compile(r"\bquestionnaire\b")
_ANSWERS_FROM_RE = re.compile(r"\b(?:had come|came|received) from\b")
_LIST_ITEM_RE = re.compile(r"^\s*- ")
_HOSTING_RE = re.compile(r"\bwas held (?:in|at)\b|\b(?:was|were) opened by\b")
"""Where the host is named: the paragraph on where the meeting was held ("was held in Baku", "was
held at the headquarters of the Economic Commission for Africa"), or on who opened it ("It was
opened by the Federal Attorney General of Ethiopia")."""
_SECRETARIAT_RE = re.compile(r"\b(?:served|acted|functioned) as (?:the )?secretariat\b|\bsecretariat\b[^.;]*\b"
                             r"(?:was|were) (?:provided|serviced) by\b|\bserviced by\b", re.I)
"""Who served the meeting: "UNODC served as the secretariat of the Meeting", "The secretariat of the
Meeting was provided by UNODC"; only an organisation can be it."""
_AGENDA_ITEM_RE = re.compile(r"agenda item (\d+)")
_SPEAKER_RE = re.compile(r"\b(?:[Rr]epresentatives? of|[Dd]elegations? of|[Oo]bservers? (?:from|for)|Vice-President of)\s+")
_OBSERVER_SPEAKER_RE = re.compile(r"\b[Oo]bservers? (?:from|for)\b")
_SPEECH_RE = re.compile(r"statement|presentation|speech|indicated|stated|referred|informed|introduced", re.I)
_LIST_GAP_RE = re.compile(r"^(?:,\s*|\s+and\s+|,\s+and\s+|\s*)(?:the\s+)?$")
_SENTENCE_RE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")


@stored
@dataclass(frozen=True)
class Role:
    participant: str
    role: str
    detail: str
    paragraphs: tuple[int, ...]
    line: int = 0
    """Line of the entry in the front matter, for messages."""

    def record(self) -> dict[str, Any]:
        record: dict[str, Any] = {"participant": self.participant, "role": self.role}
        if self.detail:
            record["detail"] = self.detail
        record["paragraphs"] = list(self.paragraphs)
        return record


# -- reading the text ---------------------------------------------------------

def paragraph_texts(report: Report) -> dict[int, str]:
    """Each numbered paragraph with all that belongs to it (subparagraphs, lists, lines) as plain
    text, one line per block, in one pass over the report."""
    lines = report.body.split("\n")
    texts: dict[int, str] = {}
    current: Element | None = None
    for element in [*report.elements, None]:
        if current is not None and (element is None or not element.id.startswith(current.id + "__")):
            end = element.line - report.body_line if element is not None else len(lines)
            block = [line for line in lines[current.line - report.body_line:end]
                     if line.strip() and not line.startswith("[^")]
            texts[int(current.label)] = "\n".join(plain_text(_LIST_ITEM_RE.sub("", line)) for line in block)
            current = None
        if element is not None and element.kind == "paragraph":
            current = element
    return texts


def _paragraphs(report: Report) -> Iterator[tuple[int, Element]]:
    for element in report.elements:
        if element.kind == "paragraph":
            yield int(element.label), element


def _entities(text: str, gazetteer: Gazetteer, kinds: tuple[str, ...] = ("country", "organisation")) -> list[str]:
    found = [m.entity for m in gazetteer.find(text) if gazetteer.entity(m.entity).kind in kinds]
    return list(dict.fromkeys(found))


def _speakers(sentence: str, gazetteer: Gazetteer) -> list[str]:
    """Participants named right after "representatives of", "the observer from" ... in a list."""
    mentions = gazetteer.find(sentence)
    speakers: list[str] = []
    for cue in _SPEAKER_RE.finditer(sentence):
        position = cue.end()
        for mention in _following(mentions, position):
            if not _LIST_GAP_RE.match(sentence[position:mention.start]):
                break
            speakers.append(mention.entity)
            position = mention.end
    return list(dict.fromkeys(speakers))


def _following(mentions: list[EntityMention], position: int) -> list[EntityMention]:
    return [m for m in mentions if m.start >= position]


def _context(report: Report) -> dict[str, str]:
    """For each paragraph, the agenda item its chapter considered, else its heading's text."""
    context: dict[str, str] = {}
    agenda: dict[str, str] = {}
    heading = ""
    for element in report.elements:
        if element.kind in ("chapter", "section", "annex"):
            heading = re.sub(r"^[IVXLC]+\.\s+|^[A-Z]\.\s+", "", element.plain_text)
        if element.kind == "paragraph":
            chapter = element.parent or ""
            item = _AGENDA_ITEM_RE.search(element.plain_text)
            if item and chapter not in agenda:
                agenda[chapter] = f"agenda item {item[1]}"
            context[element.id] = agenda.get(chapter, heading)
    return context


def propose_roles(report: Report, host_country: str | None, gazetteer: Gazetteer,
                  only: set[int] | None = None, texts: dict[int, str] | None = None) -> list[Role]:
    """Roles read off the report's text, for a contributor to review (of the paragraphs ``only``;
    ``texts`` are the report's ``paragraph_texts`` where the caller has them already)."""
    proposals: dict[tuple[str, str, str], list[int]] = {}

    def add(participant: str, role: str, detail: str, number: int) -> None:
        cited = proposals.setdefault((participant, role, detail), [])
        if number not in cited:
            cited.append(number)

    context = _context(report)
    texts = texts if texts is not None else paragraph_texts(report)
    for number, paragraph in _paragraphs(report):
        if only is None or number in only:
            _propose_from_paragraph(report, number, paragraph, texts[number], gazetteer, host_country, context, add)
    return [Role(p, r, d, tuple(n)) for (p, r, d), n in sorted(proposals.items(), key=_role_order)]


def _role_order(item: tuple[tuple[str, str, str], list[int]]) -> tuple[str, int, int]:
    (participant, role, _), paragraphs = item
    return participant, ROLES.index(role), paragraphs[0]


def _officers_elected(text: str) -> bool:
    """"officers ... elected" or "elected ... officers" in one sentence."""
    return in_one_sentence(text, _OFFICERS_RE, _ELECTED_RE) or in_one_sentence(text, _ELECTED_RE, _OFFICERS_RE)


def _propose_from_paragraph(report: Report, number: int, paragraph: Element, text: str, gazetteer: Gazetteer,
                            host_country: str | None, context: dict[str, str], add: Any) -> None:
    members = after_in_line(text, *_MEMBERS)
    if members is not None:
        for entity in _entities(text[members:], gazetteer, ("country",)):
            add(entity, "member", "", number)
    for sentence in _SENTENCE_RE.split(text):
        observer = _OBSERVER_RE.search(sentence)
        if observer:
            for entity in _entities(sentence[: observer.start()], gazetteer):
                add(entity, "observer", "", number)
        for speaker in _speakers(sentence, gazetteer):
            if _OBSERVER_SPEAKER_RE.search(sentence):
                add(speaker, "observer", "", number)
            if _SPEECH_RE.search(sentence):
                add(speaker, "statement", context.get(paragraph.id, ""), number)
        if _NATIONAL_REPORTS_RE.search(sentence):
            for entity in _entities(sentence, gazetteer, ("country",)):
                add(entity, "national-report", "", number)
        if _SECRETARIAT_RE.search(sentence):
            for entity in _entities(sentence, gazetteer, ("organisation",)):
                add(entity, "secretariat", "", number)
        answers = _ANSWERS_FROM_RE.search(sentence)
        if answers and _QUESTIONNAIRE_RE.search(text):
            for entity in _entities(sentence[answers.end():], gazetteer, ("country",)):
                add(entity, "questionnaire", "", number)
    if _officers_elected(paragraph.plain_text):
        for line in text.split("\n")[1:]:
            office = _OFFICE_RE.match(line)
            for entity in _entities(line, gazetteer, ("country",)) if office else []:
                add(entity, "officer", office["office"], number)  # type: ignore[index]
    if host_country and _HOSTING_RE.search(paragraph.plain_text) and host_country in _entities(text, gazetteer):
        add(host_country, "host", "", number)


# -- reading and checking the front matter --------------------------------------

def read_roles(document: ContentFile, gazetteer: Gazetteer) -> tuple[list[Role], list[Problem]]:
    """The participation records of a report's front matter, and what is wrong with them."""
    raw = document.meta.get("participation", [])
    if not isinstance(raw, list):
        return [], [Problem(document.path, document.line_of("participation"), "participation must be a list",
                            "write one '- {participant: ARG, role: member, paragraphs: [52]}' per line")]
    roles, problems = [], []
    for index, entry in enumerate(raw):
        line = document.line_of_item("participation", index)
        role, entry_problems = _read_role(entry, line, document.path, gazetteer)
        problems += entry_problems
        if role is not None:
            roles.append(role)
    return roles, problems


def _read_role(entry: object, line: int, path: str, gazetteer: Gazetteer) -> tuple[Role | None, list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(path, line, "a participation entry must be a mapping",
                              "write '{participant: ARG, role: member, paragraphs: [52]}'")]
    problems = []
    participant = str(entry.get("participant", ""))
    entity = gazetteer.lookup(participant)
    if entity is None:
        hint = gazetteer.suggest(participant)
        fix = f"did you mean {' or '.join(repr(h) for h in hint)}?" if hint else \
            "use an ISO 3166 alpha-3 code (e.g. ARG) or an organisation id from data/organisations.yml"
        problems.append(Problem(path, line, f"unknown country or organisation {participant!r}", fix))
    role = str(entry.get("role", ""))
    if role not in ROLES:
        problems.append(Problem(path, line, f"unknown role {role!r}", "use one of: " + ", ".join(ROLES)))
    paragraphs = entry.get("paragraphs")
    if not isinstance(paragraphs, list) or not paragraphs or not all(isinstance(p, int) for p in paragraphs):
        problems.append(Problem(path, line, "paragraphs must be a list of paragraph numbers",
                                "cite the paragraph(s) the role comes from, e.g. 'paragraphs: [52]'"))
    detail = entry.get("detail", "")
    if role == "officer" and not detail:
        problems.append(Problem(path, line, "an officer role needs its office",
                                "add e.g. 'detail: Chair' or 'detail: First Vice-Chair'"))
    if problems or entity is None:
        return None, problems
    return Role(entity.id, role, str(detail), tuple(paragraphs), line), []  # type: ignore[arg-type]


def check_roles(roles: list[Role], report: Report, gazetteer: Gazetteer) -> list[Problem]:
    """Each cited paragraph must exist and state the role as the importer reads it (an officer in the
    list of officers elected, a host in the paragraph on where the meeting was held): naming the
    participant is not enough."""
    problems = []
    texts = paragraph_texts(report)
    cited = {number for role in roles for number in role.paragraphs if number in texts}
    stated = {(r.participant, r.role, r.detail, number) for r in
              propose_roles(report, _text_or_none(report.meta.get("country")), gazetteer, cited, texts)
              for number in r.paragraphs}
    named: dict[int, list[str]] = {}
    for role in roles:
        for number in role.paragraphs:
            if number not in texts:
                problems.append(Problem(report.path, role.line, f"{role.participant} {role.role}: paragraph "
                                        f"{number} does not exist", "cite a paragraph of this report"))
            elif role.participant not in named.setdefault(number, _entities(texts[number], gazetteer)):
                name = gazetteer.entity(role.participant).name
                problems.append(Problem(report.path, role.line, f"{role.participant} {role.role}: paragraph "
                                        f"{number} does not name {name}",
                                        "cite the paragraph that says it, or correct the participant"))
            elif (role.participant, role.role, role.detail, number) not in stated:
                problems.append(Problem(report.path, role.line, _not_stated(role, number, stated),
                                        "cite the paragraph that states the role, or remove it: a role is "
                                        "published only as the text states it"))
    return problems


def _not_stated(role: Role, number: int, stated: set[tuple[str, str, str, int]]) -> str:
    said = sorted(f"{r}{f' ({d})' if d else ''}" for p, r, d, n in stated if p == role.participant and n == number)
    shown = f"{role.role}{f' ({role.detail})' if role.detail else ''}"
    return (f"{role.participant} {shown}: paragraph {number} names {role.participant} but does not state this role"
            + (f"; it states {', '.join(said)}" if said else ""))


def _text_or_none(value: object) -> str | None:
    return str(value) if value else None
