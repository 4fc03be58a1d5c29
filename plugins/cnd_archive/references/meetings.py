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
from cnd_archive.result_codec import stored

_LINE_GAP = r"[ \t]*(?:\n[ \t]*)?"
"""A name may be broken across a line in the source; never across a blank line. Written so that
a run of spaces matches one way only: a name of ten words would otherwise be retried 2**10 ways."""


@stored
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


@cache
def _self_pattern(bodies: tuple[Body, ...]) -> re.Pattern[str] | None:
    """"the Subcommission at its fifty-first session": a body that meets in sessions, naming itself."""
    names = "|".join(f"(?P<s{i}>{_self_name_pattern(b)})" for i, b in enumerate(bodies) if b.self_name)
    if not names:
        return None
    return re.compile(
        rf"(?P<recs>recommendations{_LINE_GAP}adopted{_LINE_GAP}by{_LINE_GAP})?"
        rf"(?<![\w-])(?:the{_LINE_GAP})?(?:{names}){_LINE_GAP}(?:at|on){_LINE_GAP}its{_LINE_GAP}"
        rf"(?P<ordinal>{ORDINAL_PATTERN}){_LINE_GAP}session(?![\w-])",
        re.IGNORECASE,
    )


def find_meetings(text: str, default_body: str | None, bodies: tuple[Body, ...]) -> list[MeetingMention]:
    """Every meeting reference in text to one of ``bodies``; a bare "Nth Meeting" is of ``default_body``."""
    folded = text.casefold()  # as the expressions' IGNORECASE folds ("ſ" is an "s")
    if "meeting" not in folded and "session" not in folded:
        return []  # every reference ends in one of the two words: most lines have neither
    mentions = _self_mentions(text, folded, bodies)
    for match in _pattern(bodies).finditer(text):
        named = next((bodies[i] for i in range(len(bodies)) if match[f"b{i}"]), None)
        body = _body_of(match, named, default_body, bodies)
        if body is None:
            continue
        start = match.start("ordinal")
        mentions.append(MeetingMention(start, match.end(), text[start:match.end()], body,
                                       ordinal_to_int(match["ordinal"]), bool(match["recs"])))
    return sorted(mentions, key=lambda m: m.start)


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


def _self_name_pattern(body: Body) -> str:
    """"Subcommission", or its full name "Subcommission on Illicit Drug Traffic ... Middle East"."""
    _, _, rest = body.title_phrase.partition(body.self_name)
    return _words(body.self_name) + (f"(?:{_LINE_GAP}{_words(rest)})?,?" if rest.strip() else "")


def _words(text: str) -> str:
    return _LINE_GAP.join(re.escape(word) for word in text.split())


def _self_mentions(text: str, folded: str, bodies: tuple[Body, ...]) -> list[MeetingMention]:
    pattern = _self_pattern(bodies)
    if pattern is None or not any(b.self_name and b.self_name.casefold() in folded for b in bodies):
        return []  # the name is rare: a substring test spares the expression most lines
    mentions = []
    for match in pattern.finditer(text):
        index = next(i for i, b in enumerate(bodies) if b.self_name and match.groupdict().get(f"s{i}"))
        body, start = bodies[index], match.start(f"s{index}")
        mentions.append(MeetingMention(start, match.end(), text[start:match.end()], body.code,
                                       ordinal_to_int(match["ordinal"]), bool(match["recs"])))
    return mentions
