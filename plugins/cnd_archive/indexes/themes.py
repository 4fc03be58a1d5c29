"""Themes: a controlled vocabulary, the working-group issues and paragraphs tagged with it, proposed topics.

A report's front matter tags each working-group issue (``issues: - {number: 2, themes:
[money-laundering]}``); a placeholder meeting can list the topics its predecessor proposed
for it (``proposed_topics: {paragraph: 47, topics: - {letter: d, themes: [darknet]}}``),
whose words are read from that paragraph of the predecessor's report. Paragraphs are tagged
by their printed numbers (``themes: - {theme: precursors, paragraphs: [8, 10]}``); the importer
proposes those tags from each theme's keywords and marks them ``proposed: true``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.errors import Problem
from cnd_archive.model.frontmatter import ContentFile
from cnd_archive.layout import issue_anchor
from cnd_archive.model.anchors import paragraph_id
from cnd_archive.model.report import Element, Report
from cnd_archive.registry.themes import themes_in, vocabulary

_ISSUE_TITLE_RE = re.compile(r"^(?:Issue )?\d+\.\s+")
_INLINE_ITEM_RE = re.compile(r"\((?P<letter>[a-z])\)\s+(?P<text>.+?)(?=;?\s*(?:and\s+)?\([a-z]\)\s|[;.]?\s*$)", re.S)


@dataclass
class WorkingGroupIssue:
    meeting: Meeting
    number: int
    title: str
    heading: Element
    themes: list[str] = field(default_factory=list)
    recommendations: list[Element] = field(default_factory=list)
    observations: list[Element] = field(default_factory=list)
    """Paragraphs (and their subparagraphs) of the working group's observations and conclusions."""

    @property
    def anchor(self) -> str:
        return issue_anchor(self.meeting.id, self.number)


@dataclass(frozen=True)
class TaggedParagraph:
    """A paragraph of a report tagged with a theme, by a contributor or, still unreviewed, the importer."""

    meeting: Meeting
    theme: str
    paragraph: Element
    proposed: bool


@dataclass(frozen=True)
class ProposedTopic:
    meeting: Meeting
    """The meeting the topic was proposed for."""
    proposed_by: Meeting
    paragraph: int
    letter: str
    text: str
    themes: tuple[str, ...]


def _check_theme_ids(values: Any, document: ContentFile, line: int) -> tuple[list[str], list[Problem]]:
    known = {t.id for t in vocabulary()}
    if not isinstance(values, list):
        return [], [Problem(document.path, line, "themes must be a list of theme ids",
                            "write e.g. 'themes: [money-laundering, firearms-trafficking]'")]
    problems = []
    for value in values:
        if str(value) not in known:
            close = difflib.get_close_matches(str(value), sorted(known), n=2, cutoff=0.5)
            fix = f"did you mean {' or '.join(close)}?" if close else "see plugins/cnd_archive/data/themes.yml"
            problems.append(Problem(document.path, line, f"theme {value!r} is not in the vocabulary", fix))
    return [str(v) for v in values if str(v) in known], problems


def working_group_issues(report: Report, meeting: Meeting, document: ContentFile) -> tuple[list[WorkingGroupIssue], list[Problem]]:
    """The report's working-group issues with their recommendations, observations and themes."""
    issues: dict[int, WorkingGroupIssue] = {}
    for element in report.elements:
        if element.kind == "issue" and element.issue is not None and element.issue not in issues:
            issues[element.issue] = WorkingGroupIssue(meeting, element.issue,
                                                      _ISSUE_TITLE_RE.sub("", element.plain_text), element)
    introducers = {e.parent for e in report.elements if e.recommendation}
    for element in report.elements:
        issue = issues.get(element.issue) if element.issue is not None else None
        if issue is None or element.kind not in ("paragraph", "subparagraph"):
            continue
        if element.recommendation:
            issue.recommendations.append(element)
        elif element.parent != issue.heading.parent and element.id not in introducers:
            issue.observations.append(element)
    return list(issues.values()), _tag(issues, document)


def _tag(issues: dict[int, WorkingGroupIssue], document: ContentFile) -> list[Problem]:
    raw = document.meta.get("issues", [])
    if not isinstance(raw, list):
        return [Problem(document.path, document.line_of("issues"), "issues must be a list",
                        "write one '- {number: 1, themes: [...]}' per working-group issue")]
    problems: list[Problem] = []
    for index, entry in enumerate(raw):
        line = document.line_of_item("issues", index)
        number = entry.get("number") if isinstance(entry, dict) else None
        if number not in issues:
            problems.append(Problem(document.path, line, f"no working-group issue {number!r} in this report",
                                    f"use one of {sorted(issues)}"))
            continue
        themes, theme_problems = _check_theme_ids(entry.get("themes"), document, line)
        issues[number].themes = themes
        problems += theme_problems
    return problems


def inline_items(text: str) -> dict[str, str]:
    """Letters written inside one paragraph: "(a) one; (b) two; and (c) three." -> {a: one, ...}."""
    return {m["letter"]: m["text"].strip() for m in _INLINE_ITEM_RE.finditer(text)}


def proposed_topics(archive: Archive, meeting: Meeting, document: ContentFile) -> tuple[list[ProposedTopic], list[Problem]]:
    raw = document.meta.get("proposed_topics")
    if raw is None:
        return [], []
    line = document.line_of("proposed_topics")
    previous = archive.meeting(meeting.body.code, meeting.number - 1)
    report = archive.reports.get(previous.src_uri) if previous else None
    number = raw.get("paragraph") if isinstance(raw, dict) else None
    paragraph = report.by_id().get(paragraph_id(number)) if report and isinstance(number, int) else None
    if previous is None and archive.unreadable_meeting(meeting.body, meeting.number - 1):
        return [], []
    if previous is None or paragraph is None or not isinstance(raw.get("topics"), list):
        return [], [Problem(document.path, line, "proposed_topics needs the paragraph of the previous "
                            "meeting's report that lists them, and a list of topics",
                            "e.g. 'proposed_topics: {paragraph: 47, topics: [{letter: a, themes: [...]}]}'")]
    items = inline_items(paragraph.plain_text)
    topics, problems = [], []
    for entry in raw["topics"]:
        letter = str(entry.get("letter", "")) if isinstance(entry, dict) else ""
        if letter not in items:
            problems.append(Problem(document.path, line, f"paragraph {number} has no topic ({letter})",
                                    f"use one of {', '.join(sorted(items))}"))
            continue
        themes, theme_problems = _check_theme_ids(entry.get("themes"), document, line)
        problems += theme_problems
        topics.append(ProposedTopic(meeting, previous, int(number), letter, items[letter], tuple(themes)))  # type: ignore[arg-type]
    return topics, problems


def tagged_paragraphs(report: Report, meeting: Meeting, document: ContentFile) -> tuple[list[TaggedParagraph], list[Problem]]:
    """The paragraphs the front matter tags with themes; a tag of a paragraph the report does not
    have, or of a theme not in the vocabulary, is a problem at its line."""
    raw = document.meta.get("themes", [])
    if not isinstance(raw, list):
        return [], [Problem(document.path, document.line_of("themes"), "themes must be a list",
                            "write one '- {theme: precursors, paragraphs: [8, 10]}' per theme")]
    paragraphs = {int(e.label): e for e in report.elements if e.kind == "paragraph" and e.label.isdigit()}
    tagged: list[TaggedParagraph] = []
    problems: list[Problem] = []
    for index, entry in enumerate(raw):
        line = document.line_of_item("themes", index)
        entry = entry if isinstance(entry, dict) else {}
        themes, theme_problems = _check_theme_ids([entry.get("theme")], document, line)
        problems += theme_problems
        for number in entry.get("paragraphs") or []:
            if number not in paragraphs:
                problems.append(Problem(document.path, line, f"theme {entry.get('theme')}: paragraph {number!r} "
                                        "does not exist", "tag a numbered paragraph of this report"))
            elif themes:
                tagged.append(TaggedParagraph(meeting, themes[0], paragraphs[number], entry.get("proposed") is True))
    return tagged, problems


def propose_paragraph_themes(texts: dict[int, str]) -> list[dict[str, Any]]:
    """Themes for each paragraph read from the vocabulary's keywords, as front matter entries marked
    as proposals: ``texts`` are the report's paragraphs (``roles.paragraph_texts``), each read once."""
    by_theme: dict[str, list[int]] = {}
    for number, text in texts.items():
        for theme_id in themes_in(text):
            by_theme.setdefault(theme_id, []).append(number)
    order = [t.id for t in vocabulary()]
    return [{"theme": theme_id, "paragraphs": numbers, "proposed": True}
            for theme_id, numbers in sorted(by_theme.items(), key=lambda item: order.index(item[0]))]
