"""The facts a report states about itself: body, meeting, venue, dates, languages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from cnd_archive.registry.bodies import all_bodies, venue_countries
from cnd_archive.errors import Problem
from cnd_archive.importing.structure import Block, BlockKind, Structure
from cnd_archive.model.ordinals import ORDINAL_PATTERN, ordinal_to_int

_MONTHS = ("January February March April May June July August September October "
           "November December").split()
_MONTH = "(?:" + "|".join(_MONTHS) + ")"

_TITLE_RE = re.compile(
    rf"^Report of the (?P<ordinal>\S+) (?P<word>Meeting|session) of (?P<phrase>.+?), "
    rf"held in (?P<city>.+?),? (?:from|on) (?P<dates>.+)$"
)
_DATES_RE = re.compile(
    rf"^(?P<d1>\d{{1,2}})(?: (?P<m1>{_MONTH}))?(?: (?P<y1>\d{{4}}))? to "
    rf"(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH}) (?P<y2>\d{{4}})$"
)
_DATE_RE = re.compile(rf"^(?P<d>\d{{1,2}}) (?P<m>{_MONTH}) (?P<y>\d{{4}})$")
_ORIGINAL_RE = re.compile(r"^Original: (?P<language>[A-Z][a-z]+)")
_ORDINAL_RE = re.compile(rf"^{ORDINAL_PATTERN}$", re.IGNORECASE)

LANGUAGES = {"Arabic": "ar", "Chinese": "zh", "English": "en", "French": "fr",
             "Russian": "ru", "Spanish": "es"}
"""The six official languages of the United Nations and their ISO 639-1 codes."""


def parse_date(day: str, month: str, year: str) -> dt.date:
    return dt.date(int(year), _MONTHS.index(month) + 1, int(day))


def _date_range(text: str) -> tuple[dt.date, dt.date] | None:
    match = _DATES_RE.match(text)
    if not match:
        return None
    end = parse_date(match["d2"], match["m2"], match["y2"])
    start = parse_date(match["d1"], match["m1"] or match["m2"], match["y1"] or match["y2"])
    return start, end


def extract(structure: Structure, path: str, source: dict[str, str]) -> tuple[dict[str, Any], list[Problem]]:
    """Front matter for a report, and the problems that kept a fact from being read."""
    problems: list[Problem] = []
    title = next(b for b in structure.blocks if b.kind is BlockKind.TITLE)
    meta: dict[str, Any] = {}
    match = _TITLE_RE.match(title.text)
    if not match:
        problems.append(Problem(path, title.line, "cannot read the title",
                                "expected 'Report of the <Ordinal> Meeting of <body>, held in "
                                "<city> from <d> to <d> <Month> <yyyy>'"))
        return meta, problems
    problems += _read_title(match, title, path, meta)
    meta["report_title"] = title.text
    problems += _read_preamble(structure.blocks, path, meta)
    if structure.job_number:
        meta["job_number"] = structure.job_number
    languages = _working_languages(structure)
    if languages:
        meta["working_languages"] = languages
    meta["source"] = source
    return meta, problems


def _read_title(match: re.Match[str], title: Block, path: str, meta: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    ordinal = match["ordinal"]
    if not _ORDINAL_RE.match(ordinal):
        problems.append(Problem(path, title.line, f"unknown ordinal {ordinal!r} in the title",
                                "expected an ordinal in words from 'First' to 'Ninety-ninth', "
                                "e.g. 'Twenty-seventh'"))
    body = next((b for b in all_bodies() if match["phrase"] == b.title_phrase), None)
    if body is None:
        problems.append(Problem(path, title.line, f"unknown body {match['phrase']!r} in the title",
                                "expected one of: " + "; ".join(b.title_phrase for b in all_bodies())))
    city = match["city"]
    country = venue_countries().get(city)
    if country is None:
        problems.append(Problem(path, title.line, f"unknown venue city {city!r}",
                                "add the city and its ISO 3166 alpha-3 country code to "
                                "plugins/cnd_archive/data/venues.yml"))
    dates = _date_range(match["dates"])
    if dates is None:
        problems.append(Problem(path, title.line, f"cannot read the dates {match['dates']!r}",
                                "expected e.g. '2 to 6 October 2017' or '30 September to 4 October 2013'"))
    if problems:
        return problems
    assert body is not None and country is not None and dates is not None
    number = ordinal_to_int(ordinal)
    meta.update({
        "kind": "report",
        "body": body.code,
        "meeting": number,
        "title": f"{ordinal.capitalize()} {match['word']}, {city}, {dates[0].year}",
        "start_date": dates[0],
        "end_date": dates[1],
        "city": city,
        "country": country,
    })
    return []


def _read_preamble(blocks: list[Block], path: str, meta: dict[str, Any]) -> list[Problem]:
    for block in blocks:
        if block.kind is not BlockKind.PREAMBLE:
            break
        date = _DATE_RE.match(block.text)
        if date:
            meta["issued"] = parse_date(date["d"], date["m"], date["y"])
        original = _ORIGINAL_RE.match(block.text)
        if original:
            language = LANGUAGES.get(original["language"])
            if language is None:
                return [Problem(path, block.line, f"unknown original language {original['language']!r}",
                                "expected one of " + ", ".join(LANGUAGES))]
            meta["original_language"] = language
    return []


def _working_languages(structure: Structure) -> list[str]:
    for footnote in structure.footnotes:
        if "working languages" in footnote.text:
            found = sorted((footnote.text.index(name), code) for name, code in LANGUAGES.items()
                           if name in footnote.text)
            return [code for _, code in found]
    return []
