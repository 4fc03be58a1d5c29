"""The facts a report states about itself: body, meeting, venue, dates, languages."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from cnd_archive.registry.bodies import Body, all_bodies
from cnd_archive.registry.gazetteer import load_gazetteer
from cnd_archive.registry.venues import countries_of, venue_country
from cnd_archive.errors import Problem
from cnd_archive.model.frontmatter import split
from cnd_archive.importing.structure import Block, BlockKind, Structure, Unread, without_markers
from cnd_archive.model.ordinals import ORDINAL_PATTERN, ordinal_to_int

_MONTHS = ("January February March April May June July August September October "
           "November December").split()
_MONTH = "(?:" + "|".join(_MONTHS) + ")"

_VENUE_AND_DATES = r",?\s+held\s+in\s+(?P<city>.+?),?\s+(?:from|on)\s+(?P<dates>.+)$"
_GENERIC_TITLE_RE = re.compile(r"^Report of the .+?" + _VENUE_AND_DATES)
_SYMBOL_RE = re.compile(r"^[A-Z]+(?:\.\d+)?(?:/[A-Za-z0-9.]+)+$")
_DATES_RE = re.compile(
    rf"^(?P<d1>\d{{1,2}})(?: (?P<m1>{_MONTH}))?(?: (?P<y1>\d{{4}}))? to "
    rf"(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH}) (?P<y2>\d{{4}})$"
)
_DATE_RE = re.compile(rf"^(?P<d>\d{{1,2}}) (?P<m>{_MONTH}) (?P<y>\d{{4}})$")
_ORIGINAL_RE = re.compile(r"^(?:Original: (?P<language>[A-Z][a-z]+)|(?P<only>[A-Z][a-z]+) only)\b")
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


def title_pattern(body: Body) -> re.Pattern[str]:
    """The title of a report of ``body``, from its ``report_title`` in bodies.yml."""
    before, _, after = body.report_title.partition("{ordinal}")
    return re.compile("^" + _words(before) + r"\s*(?P<ordinal>\S+)\s*" + _words(after) + _VENUE_AND_DATES,
                      re.IGNORECASE)


def _words(text: str) -> str:
    """The words of text, any run of spaces or a line break between them."""
    return r"\s+".join(re.escape(word) for word in text.split())


def extract(structure: Structure, path: str, source: dict[str, str], bodies: tuple[Body, ...] | None = None,
            country: str | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """Front matter for a report, and the problems that kept a fact from being read."""
    problems: list[Problem] = []
    title_block = next(b for b in structure.blocks if b.kind is BlockKind.TITLE)
    # "... held in Baku from 19 to 23 November 2018*": the title's footnote marker is not a word of it.
    title = replace(title_block, text=without_markers(title_block.text))
    meta: dict[str, Any] = {}
    bodies = bodies or all_bodies()
    found = next(((b, m) for b in bodies if (m := title_pattern(b).match(title.text))), None)
    if found is None:
        generic = _GENERIC_TITLE_RE.match(title.text)
        problems.append(Problem(path, title.line, "cannot read the body and meeting in the title" if generic
                                else "cannot read the title",
                                "expected the title of one of the bodies of data/bodies.yml, e.g. "
                                "'" + bodies[0].report_title.format(ordinal="Twenty-seventh")
                                + ", held in <city> from <d> to <d> <Month> <yyyy>'"))
        return meta, problems
    body, match = found
    problems += _read_title(body, match, title, structure.blocks, country, path, meta, structure.unread)
    meta["report_title"] = title.text
    problems += _read_preamble(structure.blocks, path, meta)
    if "symbol" not in meta and structure.page_symbol:
        meta["symbol"] = structure.page_symbol  # printed at the head of every page
    if structure.job_number:
        meta["job_number"] = structure.job_number
    languages = _working_languages(structure)
    if languages:
        meta["working_languages"] = languages
    meta["source"] = source
    return meta, problems


def _read_title(body: Body, match: re.Match[str], title: Block, blocks: list[Block], country_code: str | None,
                path: str, meta: dict[str, Any], unread: list[Unread]) -> list[Problem]:
    problems: list[Problem] = []
    ordinal = match["ordinal"]
    if not _ORDINAL_RE.match(ordinal):
        problems.append(Problem(path, title.line, f"unknown ordinal {ordinal!r} in the title",
                                "expected an ordinal in words from 'First' to 'Ninety-ninth', "
                                "e.g. 'Twenty-seventh'"))
    city = " ".join(match["city"].split())
    country, unsettled = _venue_country(city, blocks, country_code)
    if unsettled is not None:
        unread.append(Unread("venue_country", title.line, unsettled))
    dates = _date_range(match["dates"])
    if dates is None:
        problems.append(Problem(path, title.line, f"cannot read the dates {match['dates']!r}",
                                "expected e.g. '2 to 6 October 2017' or '30 September to 4 October 2013'"))
    if problems:
        return problems
    assert dates is not None
    number = ordinal_to_int(ordinal)
    meta.update({
        "kind": "report",
        "body": body.code,
        "meeting": number,
        "title": f"{ordinal.capitalize()} {body.meeting_word}, {city}, {dates[0].year}",
        "start_date": dates[0],
        "end_date": dates[1],
        "city": city,
        **({"country": country} if country else {}),
    })
    return []


def _venue_country(city: str, blocks: list[Block], given: str | None) -> tuple[str | None, str | None]:
    """The venue's country: settled by the city's name (``registry.venues``), else the one that the
    paragraph saying where the meeting was held names among the countries with a city of that
    name; never a guess. A city that several countries have and the text does not place leaves the
    country out, with a note for the unread facts (the second value)."""
    if given:
        return given, None
    settled = venue_country(city)
    if settled is not None:
        return settled, None
    candidates = countries_of(city)
    held_in = re.compile(r"\bheld\s+in\s+" + _words(city) + r"\b")
    named = {m.entity for b in blocks if b.kind is not BlockKind.TITLE and held_in.search(b.text)
             for m in load_gazetteer().find(b.text)}
    chosen = [code for code in candidates if code in named]
    if len(chosen) == 1:
        return chosen[0], None
    if not candidates:
        return None, (f"the venue's country: no city {city!r} is in the gazetteer of cities (give it with "
                      "--country ISO3, e.g. --country PER)")
    return None, (f"the venue's country: {city!r} is in {' or '.join(candidates[:5])}, and the paragraph on "
                  f"where the meeting was held does not say which (give it with --country {candidates[0]} "
                  "or another)")


def _read_preamble(blocks: list[Block], path: str, meta: dict[str, Any]) -> list[Problem]:
    for block in blocks:
        if block.kind is not BlockKind.PREAMBLE:
            break
        if _SYMBOL_RE.match(block.text):
            meta["symbol"] = block.text
        date = _DATE_RE.match(block.text)
        if date:
            meta["issued"] = parse_date(date["d"], date["m"], date["y"])
        original = _ORIGINAL_RE.match(block.text)
        if original:
            name = original["language"] or original["only"]
            language = LANGUAGES.get(name)
            if language is None:
                return [Problem(path, block.line, f"unknown original language {name!r}",
                                "expected one of " + ", ".join(LANGUAGES))]
            meta["original_language"] = language
    return []


def _working_languages(structure: Structure) -> list[str]:
    for footnote in structure.footnotes:
        if re.search(r"\bworking languages?\b", footnote.text):
            found = sorted((footnote.text.index(name), code) for name, code in LANGUAGES.items()
                           if name in footnote.text)
            return [code for _, code in found]
    return []


_FACTS = {"issued": "the date of issue", "original_language": "the original language",
          "working_languages": "the working languages", "job_number": "the job number (page footers)",
          "symbol": "the report's own symbol (none printed at the top)"}


def unread_facts(markdown: str, source: str) -> list[str]:
    """What the importer could not read from the text, for the contributor to check against the PDF."""
    document, _ = split(markdown, source)
    meta = document.meta if document else {}
    notes = [f"{source}:1: could not read {label}" for key, label in _FACTS.items() if key not in meta]
    notes += [f"{source}:{u['line']}: could not read {u['note']}" for u in meta.get("unread") or []
              if isinstance(u, dict)]
    if not meta.get("participation"):
        notes.append(f"{source}:1: found no participation (attendance, officers, statements) in the text")
    return notes
