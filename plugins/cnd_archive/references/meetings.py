"""Find references to meetings of the regional bodies in running text.

"the Twenty-sixth Meeting of Heads of National Drug Law Enforcement Agencies, Latin
America and the Caribbean", "the Twenty-eighth Meeting", "the forty-eighth session of the
Subcommission on Illicit Drug Traffic ...". An ordinal is a meeting of a body only when
the body's own word follows it ("Meeting" with a capital M, as UN reports write the
body's meetings; the plenary "ninth meeting" is lower case) or the body is named, so
"the thirtieth special session of the General Assembly" and "First Vice-Chair" are left
alone. One compiled expression, one pass over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cnd_archive.registry.bodies import Body
from cnd_archive.model.ordinals import ORDINAL_PATTERN, ordinal_to_int

_LINE_GAP = r"[ \t]*\n?[ \t]*"
"""A name may be broken across a line in the source; never across a blank line."""


@dataclass(frozen=True)
class MeetingMention:
    start: int
    end: int
    wording: str
    body: str
    """Body code, e.g. "HONLAC"."""
    number: int
    about_recommendations: bool
    """The mention names whose recommendations are meant: "the recommendations adopted by the ..."."""


def _phrase_pattern(body: Body) -> str:
    words = [re.escape(w) for w in body.title_phrase.removeprefix("the ").split()]
    return r"(?:the\s+)?" + r"\s+".join(words) if body.meeting_word == "session" else r"\s+".join(words)


@cache
def _pattern(bodies: tuple[Body, ...]) -> re.Pattern[str]:
    named = "|".join(f"(?P<b{i}>{_phrase_pattern(b)})" for i, b in enumerate(bodies))
    return re.compile(
        rf"(?P<recs>recommendations{_LINE_GAP}adopted{_LINE_GAP}by{_LINE_GAP}the{_LINE_GAP})?"
        rf"(?<![\w-])(?P<ordinal>{ORDINAL_PATTERN})"
        rf"{_LINE_GAP}(?:(?P<meeting>Meeting)|(?P<session>session))(?![\w-])"
        rf"(?:{_LINE_GAP}of{_LINE_GAP}(?:{named}))?",
        re.IGNORECASE,
    )


def find_meetings(text: str, default_body: str | None, bodies: tuple[Body, ...]) -> list[MeetingMention]:
    """Every meeting reference in text to one of ``bodies``; a bare "Nth Meeting" is of ``default_body``."""
    mentions = []
    for match in _pattern(bodies).finditer(text):
        named = next((bodies[i] for i in range(len(bodies)) if match[f"b{i}"]), None)
        body = _body_of(match, named, default_body, bodies)
        if body is None:
            continue
        start = match.start("ordinal")
        mentions.append(MeetingMention(start, match.end(), text[start:match.end()], body,
                                       ordinal_to_int(match["ordinal"]), bool(match["recs"])))
    return mentions


def _body_of(match: re.Match[str], named: Body | None, default_body: str | None,
             bodies: tuple[Body, ...]) -> str | None:
    word = match["meeting"] or match["session"]
    if named is not None:
        return named.code if word.lower() == named.meeting_word.lower() else None
    # Unnamed: only the capitalised "Meeting" of the page's own body counts.
    if match["meeting"] and word == "Meeting" and default_body is not None:
        body = next((b for b in bodies if b.code == default_body), None)
        if body is not None and body.meeting_word == "Meeting":
            return body.code
    return None
