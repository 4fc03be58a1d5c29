"""Links for what the text cites: a document symbol, a meeting, a country or organisation.

A symbol links to the archive's own page when the archive holds the document, else to
the UN resolver (``resolver_base``); a range goes to its entry in the documents index.
``[text](symbol:X)`` links that a contributor wrote are resolved the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnd_archive.errors import Problem
from cnd_archive.layout import Target, document_entry, entity_uri
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.publishing.anchoring import Links, Replacement
from cnd_archive.references.followup import recommendations_target
from cnd_archive.references.mentions import Mention
from cnd_archive.registry.bodies import Body
from cnd_archive.references.symbols import UN_LANGUAGES, parse_symbol, resolver_url
from cnd_archive.registry.gazetteer import load_gazetteer

_EXPLICIT_SYMBOL_RE = re.compile(r"\]\(symbol:(?P<symbol>[^)\]\s]*)\)")
"""A symbol holds no ']': each try stops at the next link's text, never runs over a whole line."""


LANGUAGE_NAMES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"}


@dataclass
class Resolver:
    archive: Archive
    resolver_base: str
    language: str = "en"

    def __post_init__(self) -> None:
        self._held = {str(s.meta["symbol"]): s for s in self.archive.meetings if s.meta.get("symbol")}

    def held_documents(self) -> dict[str, Meeting]:
        """Symbols of the documents the archive holds (a report's own symbol)."""
        return self._held

    def symbol_target(self, symbols: tuple[str, ...], page_uri: str) -> str:
        if len(symbols) > 1:
            return document_entry(symbols[0]).markdown_from(page_uri)
        target = self.document_target(symbols[0])
        return target.markdown_from(page_uri) if isinstance(target, Target) else target

    def document_target(self, symbol: str) -> Target | str:
        """The document's page when the archive holds it, else its address in the UN's system."""
        held = self.held_documents().get(symbol)
        if held is not None:
            return Target(held.src_uri)
        return resolver_url(symbol, self.language, self.resolver_base)

    def working_languages(self, body: Body) -> tuple[str, ...]:
        """The body's working languages as its reports in the archive state them; English, the
        resolver's own default, when none does."""
        stated = [str(language) for meeting in self.archive.meetings_of(body)
                  for language in meeting.meta.get("working_languages") or [] if language in UN_LANGUAGES]
        return tuple(dict.fromkeys(stated)) or ("en",)

    def official_versions(self, symbol: str, body: Body) -> list[tuple[str, str]]:
        """The document at the configured resolver, in each working language of its body."""
        return [(LANGUAGE_NAMES[language], resolver_url(symbol, language, self.resolver_base))
                for language in self.working_languages(body)]

    def meeting_target(self, mention: Mention) -> Target | None:
        cited = mention.meeting
        assert cited is not None
        meeting = self.archive.meeting(cited.body, cited.number)
        if meeting is None:
            return None
        if cited.about_recommendations:
            return recommendations_target(self.archive, meeting)
        return Target(meeting.src_uri)

    def replacements(self, mentions: list[Mention], page: Meeting, links: Links) -> dict[int, list[Replacement]]:
        out: dict[int, list[Replacement]] = {}
        for mention in mentions:
            href = self.href(mention, page)
            if href is not None:
                out.setdefault(mention.line, []).append(
                    Replacement(mention.start, mention.end, links.link(mention.wording, href)))
        return out

    def href(self, mention: Mention, page: Meeting) -> str | None:
        if mention.over_limit:
            return None  # reported (``mention_problems``); its documents are not listed
        if mention.entity:
            return Target(entity_uri(load_gazetteer().entity(mention.entity))).markdown_from(page.src_uri)
        if mention.symbols:
            return self.symbol_target(mention.symbols, page.src_uri)
        cited = mention.meeting
        assert cited is not None
        is_self = (cited.body, cited.number) == (page.body.code, page.number)
        if is_self and (mention.heading or not cited.about_recommendations):
            return None  # a page does not link to itself, except to its own recommendations
        target = self.meeting_target(mention)
        return target.markdown_from(page.src_uri) if target else None


def explicit_symbol_replacements(body: str, body_line: int, path: str, resolver: Resolver,
                                 page_uri: str) -> tuple[dict[int, list[Replacement]], list[Problem]]:
    """``[text](symbol:X)`` links: resolved, or a problem naming the malformed symbol."""
    out: dict[int, list[Replacement]] = {}
    problems: list[Problem] = []
    for index, line in enumerate(body.split("\n")):
        for match in _EXPLICIT_SYMBOL_RE.finditer(line):
            try:
                symbol = parse_symbol(match["symbol"])
            except ValueError as error:
                problems.append(Problem(path, body_line + index, f"malformed symbol in link: {error}",
                                        "write a UN document symbol, e.g. '](symbol:E/CN.7/2017/11)'",
                                        match.start() + 1))
                continue
            href = resolver.symbol_target((symbol,), page_uri)
            out.setdefault(body_line + index, []).append(Replacement(match.start(), match.end(), f"]({href})"))
    return out, problems
