#!/usr/bin/env python3
"""Write a synthetic, FICTIONAL archive of N meeting reports, for scale tests and benchmarks.

    synth_archive.py --sessions N --out DIR [--seed S] [--no-plugin] [--overflow-bodies]
                     [--bodies HONLAC,HONLAF,...] [--build]

Every report is the real Twenty-seventh HONLAC report (content/honlac/27.md) transformed
deterministically for its meeting: same structure (11 chapters, sections, 4 working-group
issues, 59 paragraphs, 18 recommendations, agenda lists, footnotes, annex table), with
the meeting's ordinals in words, its body's document symbols, its dates (one meeting a
year), a venue among the cities of real meetings (VENUES), other countries (a bijection applied to the text and
to the participation roles alike, so that every role still cites a paragraph naming its
participant), fictional people, and working-group issues drawn from a pool and tagged
with themes of data/themes.yml. Every file says it is fictional (``fictional: true`` and
"(fictional)" in its title). DIR gets ``mkdocs.yml`` (the project's, copied) and
``content/``; nothing is written into the repository.

Meetings are spread round-robin over the bodies, numbered 1..k in each body, and each
body gets two placeholder pages, k+1 (with the provisional agenda and proposed topics,
like content/honlac/28.md) and k+2 (named by item 8 of that provisional agenda). Meeting 1
follows no meeting: its agenda item 4 reviews the work of a "preparatory meeting".
SUBCOM reports say "session" and "Subcommission" where the others say "Meeting".

Capacity: the plugin spells meeting numbers in words from First to Ninety-ninth only
(cnd_archive.ordinals; a meeting 100 stops the build with a ValueError), and each body
needs its k+2 placeholder, so a body holds at most 97 reports: 485 over the five bodies.
Beyond that, ``--overflow-bodies`` adds fictional bodies (FICTA, FICTB ...): DIR/bodies.yml
lists them after the real five, and DIR/mkdocs.yml points the plugin's ``bodies`` option at
it (no repository file is touched); without it a larger N is refused. bench.py
passes it when it must and says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import re
import shutil
import string
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cnd_archive.registry.bodies import Body, all_bodies
from cnd_archive.model.frontmatter import split
from cnd_archive.registry.gazetteer import Gazetteer, load_gazetteer
from cnd_archive.model.ordinals import MAX_ORDINAL, int_to_ordinal
from cnd_archive.registry.themes import vocabulary

ROOT = Path(__file__).resolve().parent.parent

SOURCE = ROOT / "content" / "honlac" / "27.md"
MAX_REPORTS_PER_BODY = MAX_ORDINAL - 2
"""Meeting k's report names meeting k+2 (item 8 of the provisional agenda it approves)."""
FIRST_YEAR = 1990
"""Meeting k of every body is held in FIRST_YEAR + k (the 27th in 2017, as the real one)."""
BODIES_FILE = "bodies.yml"

SOURCE_PHRASE = "Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean"
SOURCE_REGION = "Latin America and the Caribbean"
SOURCE_COMMISSION = "Economic Commission for Latin America and the Caribbean"
SOURCE_CITY = "Guatemala City"
SOURCE_HOST = "GTM"
SOURCE_PREFIX = "UNODC/HONLAC/27/"

# What the text calls each body's region, its regional commission (whose members attend),
# its month of meeting, and where its countries come from (M49 regions, or a list).
REGION_TEXT = {
    "HONLAC": "Latin America and the Caribbean", "HONLAF": "Africa", "HONLAP": "Asia and the Pacific",
    "HONEURO": "Europe", "SUBCOM": "the Near and Middle East",
}
COMMISSION = {
    "HONLAC": SOURCE_COMMISSION, "HONLAF": "Economic Commission for Africa",
    "HONLAP": "Economic and Social Commission for Asia and the Pacific",
    "HONEURO": "Economic Commission for Europe", "SUBCOM": "Economic and Social Commission for Western Asia",
}
# Other words of the real report that name its region, for the other bodies' reports.
REGIONAL_WORDING = (("in the Americas", "in {region}"), ("in the Caribbean", "in {region}"),
                    ("for the Central American region", "for the subregion"),
                    ("regional office for Central America and the Caribbean", "regional office"))
MONTH = {"HONLAC": 10, "HONLAF": 9, "HONLAP": 11, "HONEURO": 6, "SUBCOM": 4}
NEAR_AND_MIDDLE_EAST = ("AFG", "ARE", "AZE", "BHR", "EGY", "IND", "IRN", "IRQ", "JOR", "KAZ", "KGZ", "KWT",
                        "LBN", "MDV", "OMN", "PAK", "QAT", "SAU", "LKA", "SYR", "TJK", "TKM", "TUR", "UZB", "YEM")
POOL_REGIONS = {
    "HONLAC": ("Latin America and the Caribbean",), "HONLAF": ("Africa",), "HONLAP": ("Asia", "Oceania"),
    "HONEURO": ("Europe",), "SUBCOM": ("Asia",),
}

# The people the real report names are replaced by made-up ones.
SOURCE_PEOPLE = ("Jafeth Ernesto Cabrera Franco", "Pablo César García Sáenz", "Oscar Miguel Dávila Mejicanos",
                 "Amado de Andrés", "Juan Rafael Sánchez", "José Camilo Sandoval", "José Luis Valdivia",
                 "McArthur Sutherland")
GIVEN_NAMES = ("Alma", "Bruno", "Celia", "Dario", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
               "Kira", "Luca", "Mira", "Nilo", "Olga", "Pavel", "Rosa", "Sami", "Tala", "Umar")
FAMILY_NAMES = ("Example", "Sample", "Fictive", "Placeholder", "Mustermann", "Doe", "Roe", "Bloggs",
                "Testperson", "Exemplar")

SOURCE_ISSUES = (
    "Coordinating the regional communication platforms supporting drug law enforcement across "
    "Latin America and the Caribbean",
    "Links between illicit drug trafficking and other forms of organized crime, including money-laundering",
    "Alternatives to imprisonment for certain offences as demand reduction strategies that promote "
    "public health and safety",
    "Practical measures tailored to the specific needs of children and youth to prevent and treat drug "
    "abuse among them and to address their involvement in drug-related crime",
)
ISSUE_POOL: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Coordinating the regional communication platforms supporting drug law enforcement across {region}",
     ("information-sharing", "border-control", "firearms-trafficking", "international-cooperation")),
    (SOURCE_ISSUES[1], ("organized-crime", "money-laundering", "corruption-and-integrity", "legal-persons",
                        "international-cooperation")),
    (SOURCE_ISSUES[2], ("alternatives-to-imprisonment", "demand-reduction")),
    (SOURCE_ISSUES[3], ("children-and-youth", "demand-reduction", "alternatives-to-imprisonment")),
    ("New trafficking modus operandi, trends in concealment methods and transport, and effective "
     "investigative techniques in response thereto", ("trafficking-trends",)),
    ("Trafficking by commercial air transport and in maritime containers",
     ("maritime-and-air-trafficking", "border-control")),
    ("Methamphetamine, fentanyl and new trafficking routes through the region",
     ("synthetic-drugs", "trafficking-trends")),
    ("Use of the darknet to promote trafficking and support money-laundering", ("darknet", "money-laundering")),
    ("Trends in precursor control, diversion and trafficking routes for precursor chemicals",
     ("precursors", "trafficking-trends")),
    ("Responding to the emergence of new psychoactive substances",
     ("new-psychoactive-substances", "information-sharing")),
    ("Countering the trafficking of firearms by drug trafficking organizations",
     ("firearms-trafficking", "organized-crime")),
    ("Institutional integrity and the prevention of corruption in drug law enforcement agencies",
     ("corruption-and-integrity",)),
    ("Use of legal persons by organized crime groups to traffic drugs and launder the proceeds of crime",
     ("legal-persons", "money-laundering", "organized-crime")),
    ("Strengthening judicial cooperation, extradition and mutual legal assistance in drug trafficking cases",
     ("international-cooperation",)),
)
# Themes of the subjects that paragraph 47 proposes for the next meeting (as content/honlac/28.md).
PROPOSED_TOPICS = (("a", ("trafficking-trends",)), ("b", ("maritime-and-air-trafficking",)),
                   ("c", ("synthetic-drugs", "trafficking-trends")), ("d", ("darknet", "money-laundering")),
                   ("e", ("precursors", "trafficking-trends")), ("f", ("synthetic-drugs",)),
                   ("g", ("legal-persons", "money-laundering", "organized-crime")))

_ORDINAL_REF_RE = re.compile(
    r"\b(?P<ordinal>Twenty-sixth|Twenty-seventh|Twenty-eighth|Twenty-ninth) Meeting"
    rf"(?P<named> of {re.escape(SOURCE_PHRASE)})?")
_ORDINAL_OFFSET = {"Twenty-sixth": -1, "Twenty-seventh": 0, "Twenty-eighth": 1, "Twenty-ninth": 2}
# Dates of the 27th: the meeting ran Monday 2 to Friday 6 October 2017; national reports
# were due 1 August and questionnaire answers counted by 16 August; issued 12 October.
_DATE_RE = re.compile(
    r"\b(?P<d1>\d{1,2}) (?P<conj>to|and) (?P<d2>\d{1,2}) October(?P<y1> 2017)?"
    r"|\b(?P<d>\d{1,2}) (?P<month>October|August)(?P<y2> 2017)?"
    r"|\bOctober 2018\b")


@dataclass(frozen=True)
class Meeting:
    body: Body
    number: int
    start: dt.date
    city: str
    country: str

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=4)

    @property
    def year(self) -> int:
        return self.start.year

    def name(self, number: int | None = None) -> str:
        """"Twelfth Meeting", "Twelfth session"."""
        return f"{int_to_ordinal(self.number if number is None else number)} {self.body.meeting_word}"


@dataclass(frozen=True)
class Source:
    meta: dict[str, Any]
    body: str


# -- reference data -------------------------------------------------------------

def overflow_bodies(count: int) -> tuple[Body, ...]:
    """Fictional bodies beyond the five real ones, for archives larger than they can hold."""
    bodies = []
    for letter in string.ascii_uppercase[:count]:
        region = f"Fictional Region {letter}"
        bodies.append(Body(code=f"FICT{letter}", slug=f"fict{letter.lower()}",
                           name=f"Meeting of Heads of National Drug Law Enforcement Agencies, {region}",
                           short_name=region,
                           title_phrase=f"Heads of National Drug Law Enforcement Agencies, {region}",
                           symbol_prefix=f"UNODC/FICT{letter}/", meeting_word="Meeting",
                           report_title="Report of the {ordinal} Meeting of Heads of National Drug Law "
                                        f"Enforcement Agencies, {region}",
                           established_by="no resolution: a fictional body for benchmarks"))
    return tuple(bodies)


def _template_of(body: Body, index: int) -> str:
    """A real body's code whose region, month and countries a (fictional) body borrows."""
    real = [b.code for b in all_bodies()]
    return body.code if body.code in real else real[index % len(real)]


def region_text(body: Body) -> str:
    return REGION_TEXT.get(body.code) or body.short_name


def commission(body: Body) -> str:
    return COMMISSION.get(body.code) or f"Economic Commission for {body.short_name}"


def country_pool(template: str, gazetteer: Gazetteer) -> tuple[list[str], list[str]]:
    """Countries a body's meetings may name, preferred ones first: names the gazetteer reads back as themselves."""
    regions = POOL_REGIONS[template]
    regional = [e.id for e in gazetteer.entities if e.kind == "country" and e.region in regions]
    core = list(NEAR_AND_MIDDLE_EAST) if template == "SUBCOM" else regional
    extra = [code for code in regional if code not in core]

    def readable(code: str) -> bool:
        name = gazetteer.entity(code).name
        found = gazetteer.find(f"of {name} and")
        return len(found) == 1 and found[0].entity == code and found[0].wording == name

    return [c for c in core if readable(c)], [c for c in extra if readable(c)]


def load_source() -> Source:
    document, problems = split(SOURCE.read_text(encoding="utf-8"), str(SOURCE))
    if document is None or problems:
        raise SystemExit(f"{SOURCE}: cannot read the source report: {problems}")
    return Source(document.meta, document.body)


# -- one report -----------------------------------------------------------------

def first_monday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


VENUES = {"Guatemala City": "GTM", "Santiago": "CHL", "Quito": "ECU", "Lima": "PER"}
"""Cities that have hosted real HONLAC meetings, and their countries."""


def plan(n: int, bodies: tuple[Body, ...], seed: int) -> list[Meeting]:
    """N meetings round-robin over the bodies, numbered 1..k per body, plus each body's k+1 and k+2."""
    cities = sorted(VENUES)
    counts = [n // len(bodies) + (1 if i < n % len(bodies) else 0) for i in range(len(bodies))]
    meetings = []
    for index, (body, count) in enumerate(zip(bodies, counts)):
        month = MONTH.get(body.code) or 3 + (index % 10)
        for number in range(1, count + 3 if count else 1):
            rng = random.Random(f"{seed}:{body.code}:{number}:venue")
            city = rng.choice(cities)
            meetings.append(Meeting(body, number, first_monday(FIRST_YEAR + number, month), city,
                                    VENUES[city]))
    return meetings


def country_map(source: Source, meeting: Meeting, pool: tuple[list[str], list[str]], gazetteer: Gazetteer,
                rng: random.Random) -> dict[str, str]:
    """A bijection from the countries of the real report to this meeting's; its host to the venue's country."""
    named = list(dict.fromkeys(m.entity for m in gazetteer.find(source.body)
                               if gazetteer.entity(m.entity).kind == "country"))
    core, extra = ([c for c in group if c != meeting.country] for group in pool)
    wanted = len(named) - 1
    if len(core) + len(extra) < wanted:
        raise SystemExit(f"{meeting.body.code}: {len(core) + len(extra)} countries to choose from, {wanted} needed")
    chosen = rng.sample(core, min(wanted, len(core)))
    chosen += rng.sample(extra, wanted - len(chosen))
    rng.shuffle(chosen)
    mapping = {SOURCE_HOST: meeting.country}
    mapping.update(zip([c for c in named if c != SOURCE_HOST], chosen))
    return mapping


def replace_countries(text: str, mapping: dict[str, str], gazetteer: Gazetteer) -> str:
    """Each mention of a mapped country becomes the other's UN name ("the" before it is dropped)."""
    out, position = [], 0
    for mention in gazetteer.find(text):
        if mention.entity not in mapping:
            continue
        start = mention.start
        before = text[position:start]
        if before.endswith(("the ", "The ")) and not mention.wording.lower().startswith("the "):
            before, start = before[:-4], start - 4
        out += [before, gazetteer.entity(mapping[mention.entity]).name]
        position = mention.end
    return "".join(out + [text[position:]])


def _date_text(match: re.Match[str], meeting: Meeting) -> str:
    start = meeting.start
    month = f"{start:%B}"
    if match["d1"]:
        first = start + dt.timedelta(days=int(match["d1"]) - 2)
        second = start + dt.timedelta(days=int(match["d2"]) - 2)
        return f"{first.day} {match['conj']} {second.day} {month}" + (f" {meeting.year}" if match["y1"] else "")
    if match["d"]:
        if match["month"] == "August":
            day = dt.date(meeting.year, start.month - 2, int(match["d"]))
        else:
            day = start + dt.timedelta(days=int(match["d"]) - 2)
        return f"{day.day} {day:%B}" + (f" {meeting.year}" if match["y2"] else "")
    return f"{month} {meeting.year + 1}"


def report_text(source: Source, meeting: Meeting, pool: tuple[list[str], list[str]], gazetteer: Gazetteer,
                seed: int) -> tuple[str, dict[str, str], list[tuple[str, tuple[str, ...]]]]:
    """The meeting's report body, its country mapping and its working-group issues."""
    body, number = meeting.body, meeting.number
    rng = random.Random(f"{seed}:{body.code}:{number}:text")
    session_word = body.meeting_word == "session"
    text = source.body

    people = {person: f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}" for person in SOURCE_PEOPLE}
    text = re.sub("|".join(map(re.escape, SOURCE_PEOPLE)), lambda m: people[m[0]], text)

    region = region_text(body)
    issues = [(title.format(region=region), themes) for title, themes in rng.sample(ISSUE_POOL, 4)]
    titles = dict(zip(SOURCE_ISSUES, (title for title, _ in issues)))
    text = re.sub("|".join(map(re.escape, SOURCE_ISSUES)), lambda m: titles[m[0]], text)

    def ordinal_ref(match: re.Match[str]) -> str:
        other = number + _ORDINAL_OFFSET[match["ordinal"]]
        if other < 1:  # the first meeting follows none: its agenda item 4 reviews no one's recommendations
            return "preparatory meeting"
        # A body meeting in sessions names itself: "the Twelfth session of the Subcommission ...".
        named = f" of {body.title_phrase}" if match["named"] or session_word else ""
        return meeting.name(other) + named

    text = _ORDINAL_REF_RE.sub(ordinal_ref, text)
    # The first meeting reviews no one's recommendations: its item says so in other words.
    text = re.sub(r"Implementation of the recommendations adopted by the\s+preparatory meeting",
                  "Review of the work of the preparatory meeting", text)
    if session_word:
        phrase = body.title_phrase.removeprefix("the ")
        text = text.replace(f"Meetings of {SOURCE_PHRASE}", f"sessions of the {phrase}")
        text = text.replace(f"Meeting of {SOURCE_PHRASE}", phrase)
        for heading in ("Opening and duration of", "Closure of", "Organization of"):
            text = text.replace(f"{heading} the Meeting", f"{heading} the session")
        text = text.replace("that Meeting", "that session")
        text = text.replace("the Meeting", "the Subcommission").replace("The Meeting", "The Subcommission")
    else:
        text = text.replace(SOURCE_PHRASE, body.title_phrase)
    text = text.replace(SOURCE_COMMISSION, commission(body)).replace(SOURCE_REGION, region)
    if region != SOURCE_REGION:
        for old, new in REGIONAL_WORDING:
            text = text.replace(old, new.format(region=region))
    text = text.replace(SOURCE_CITY, meeting.city)
    text = _DATE_RE.sub(lambda m: _date_text(m, meeting), text)
    text = text.replace(SOURCE_PREFIX, f"{body.symbol_prefix}{number}/")

    mapping = country_map(source, meeting, pool, gazetteer, rng)
    text = replace_countries(text, mapping, gazetteer)
    text = text.replace(" {#title}", " (fictional) {#title}", 1)
    return text, mapping, issues


def _participation(source: Source, mapping: dict[str, str], body: Body) -> list[dict[str, Any]]:
    roles = []
    for entry in source.meta.get("participation", []):
        role = dict(entry)
        role["participant"] = mapping.get(str(role["participant"]), role["participant"])
        if body.meeting_word == "session" and "detail" in role:
            role["detail"] = str(role["detail"]).replace("the Meeting", "the session")
        roles.append(role)
    return sorted(roles, key=lambda r: (str(r["participant"]), str(r["role"])))


def _front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000,
                                    default_flow_style=None) + "---\n"


def report_page(source: Source, meeting: Meeting, pool: tuple[list[str], list[str]], gazetteer: Gazetteer,
                seed: int) -> str:
    text, mapping, issues = report_text(source, meeting, pool, gazetteer, seed)
    heading = next(line for line in text.split("\n") if line.startswith("# "))
    known = {t.id for t in vocabulary()}
    rng = random.Random(f"{seed}:{meeting.body.code}:{meeting.number}:job")
    meta: dict[str, Any] = {
        **meeting_facts(meeting, "report"),
        "report_title": heading.removeprefix("# ").removesuffix(" {#title}"),
        "issued": meeting.end + dt.timedelta(days=6),
        "original_language": "en",
        "job_number": f"V.{meeting.year % 100:02d}-{rng.randrange(100000):05d}",
        "working_languages": ["en", "fr", "es"],
        "issues": [{"number": n, "themes": [t for t in themes if t in known]}
                   for n, (_, themes) in enumerate(issues, start=1)],
        "participation": _participation(source, mapping, meeting.body),
    }
    return _front_matter(meta) + "\n" + text


def meeting_facts(meeting: Meeting, kind: str) -> dict[str, Any]:
    """The front matter every meeting page has, report or placeholder."""
    return {
        "kind": kind,
        "fictional": True,
        "body": meeting.body.code,
        "meeting": meeting.number,
        "title": f"{meeting.name()} (fictional), {meeting.city}, {meeting.year}",
        "start_date": meeting.start,
        "end_date": meeting.end,
        "city": meeting.city,
        "country": meeting.country,
    }


def placeholder_page(meeting: Meeting, previous_is_report: bool) -> str:
    meta = meeting_facts(meeting, "placeholder")
    lines = ["Fictional placeholder written by scripts/synth_archive.py: not a real meeting.", ""]
    if previous_is_report:
        known = {t.id for t in vocabulary()}
        meta["provisional_agenda"] = {"paragraph": 48}
        meta["proposed_topics"] = {"paragraph": 47, "topics": [
            {"letter": letter, "themes": [t for t in themes if t in known]} for letter, themes in PROPOSED_TOPICS]}
        previous = meeting.number - 1
        word = meeting.body.meeting_word
        lines += [f"The {meeting.name(previous)} was informed that this {word} was scheduled for "
                  f"{meeting.start:%B %Y} ([paragraph 46]({previous}.md#para_46)) and recorded the subjects "
                  f"proposed for its working groups ([paragraph 47]({previous}.md#para_47)).", ""]
    return _front_matter(meta) + "\n" + "\n".join(lines)


# -- the archive ----------------------------------------------------------------

def _without_plugin(lines: list[str], name: str) -> list[str]:
    """The config's lines without one entry of its top-level ``plugins:`` list (and its options).

    When no entry is left, Material's own search plugin takes its place: the archive replaces
    it by Pagefind, so "Material alone" is measured with the search it would otherwise have."""
    out: list[str] = []
    in_plugins = skipping = False
    item_indent = 0
    kept = 0
    start = -1
    for line in lines:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if line.startswith("plugins:"):
            in_plugins, start = True, len(out)
            out.append(line)
            continue
        if in_plugins and stripped and indent == 0 and not stripped.startswith("#"):
            in_plugins = skipping = False
        if in_plugins and stripped.startswith("- "):
            entry = stripped[2:].split(":")[0].strip()
            skipping, item_indent = entry == name, indent
            kept += 0 if skipping else 1
            if skipping:
                continue
        elif skipping and (not stripped or indent > item_indent):
            if stripped:
                continue
        else:
            skipping = False
        out.append(line)
    if start >= 0 and kept == 0:
        out[start] = "plugins:\n  - search"
    return out


def mkdocs_config(plugin: bool, own_bodies: bool) -> str:
    """The project's mkdocs.yml; without the plugin, also without strict (its links would fail).

    With ``own_bodies`` the plugin reads the archive's bodies from DIR/bodies.yml."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    if not plugin:
        lines = _without_plugin(lines, "cnd-archive")
        lines = [("strict: false" if line.startswith("strict:") else line) for line in lines]
        lines.insert(0, "# Synthetic archive: the cnd-archive plugin switched off (Material alone), not strict.")
    elif own_bodies:
        at = next(i for i, line in enumerate(lines) if line.strip() == "- cnd-archive:")
        lines.insert(at + 1, f"      bodies: {BODIES_FILE}")
    return "\n".join(lines)


def write_archive(n: int, out: Path, seed: int = 0, plugin: bool = True, overflow: bool = False,
                  body_codes: list[str] | None = None, capacity: int = MAX_REPORTS_PER_BODY) -> dict[str, Any]:
    """Write the archive; return a summary (bodies, reports, placeholders). ``capacity`` is how many
    reports a body holds before the next one is used (tests lower it to reach the overflow soon)."""
    out = out.resolve()
    if out == ROOT or ROOT in out.parents:
        raise SystemExit(f"{out}: inside the repository; give a folder outside it (e.g. under /tmp)")
    if n < 1:
        raise SystemExit("--sessions must be at least 1")
    real = tuple(b for b in all_bodies() if body_codes is None or b.code in body_codes)
    if not real:
        raise SystemExit(f"no body among {body_codes}")
    needed = math.ceil(n / min(capacity, MAX_REPORTS_PER_BODY))
    extra: tuple[Body, ...] = ()
    if needed > len(real):
        if not overflow:
            raise SystemExit(
                f"--sessions {n}: {len(real)} bodies hold at most {len(real) * min(capacity, MAX_REPORTS_PER_BODY)} reports "
                f"(meeting numbers are spelt First to {int_to_ordinal(MAX_ORDINAL)} and each body also needs "
                f"its k+1 and k+2 pages); pass --overflow-bodies to add fictional bodies")
        extra = overflow_bodies(needed - len(real))
    bodies = real + extra
    if (out / "content").exists():
        shutil.rmtree(out / "content")
    content = out / "content"
    shutil.copytree(ROOT / "content" / "assets", content / "assets")  # styles and scripts of the real site

    source = load_source()
    gazetteer = load_gazetteer()
    meetings = plan(n, bodies, seed)
    last = {b.code: max((m.number for m in meetings if m.body == b), default=0) for b in bodies}
    pools = {b.code: country_pool(_template_of(b, i), gazetteer) for i, b in enumerate(bodies)}
    reports = placeholders = 0
    for meeting in meetings:
        folder = content / meeting.body.slug
        folder.mkdir(exist_ok=True)
        if meeting.number <= last[meeting.body.code] - 2:
            page = report_page(source, meeting, pools[meeting.body.code], gazetteer, seed)
            reports += 1
        else:
            page = placeholder_page(meeting, previous_is_report=meeting.number == last[meeting.body.code] - 1)
            placeholders += 1
        (folder / f"{meeting.number}.md").write_text(page, encoding="utf-8")

    links = "\n".join(f"- [{b.code}: {b.short_name}]({b.slug}/index.md)" for b in bodies
                      if last[b.code])
    (content / "index.md").write_text(
        "---\ntitle: Home (fictional archive)\n---\n\n"
        "# A fictional archive for scale tests {#title}\n\n"
        f"Every report here is fictional: written by scripts/synth_archive.py (--sessions {n} --seed {seed}) "
        "by transforming the real report of the Twenty-seventh HONLAC Meeting. Nothing here is a record "
        "of a real meeting.\n\n" + links + "\n", encoding="utf-8")
    (out / BODIES_FILE).unlink(missing_ok=True)
    if extra:
        entries = [dict(vars(b)) for b in bodies]
        (out / BODIES_FILE).write_text("# The five real bodies and FICTIONAL overflow bodies (scripts/synth_archive.py).\n"
                                       + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True),
                                       encoding="utf-8")
    (out / "mkdocs.yml").write_text(mkdocs_config(plugin, own_bodies=bool(extra)), encoding="utf-8")
    return {"bodies": [b.code for b in bodies], "overflow_bodies": [b.code for b in extra],
            "reports": reports, "placeholders": placeholders}


def write_config(out: Path, plugin: bool) -> None:
    """Rewrite DIR/mkdocs.yml with or without the plugin (the content stays)."""
    own_bodies = (out / BODIES_FILE).exists()
    (out / "mkdocs.yml").write_text(mkdocs_config(plugin, own_bodies), encoding="utf-8")


def build(out: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(out / "mkdocs.yml"), "-d", str(out / "site")]
    return subprocess.run(command + (["--strict"] if strict else []), capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, required=True, help="number of reports (N)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (outside the repository)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-plugin", action="store_true",
                        help="write a mkdocs.yml without the cnd-archive plugin (and not strict)")
    parser.add_argument("--overflow-bodies", action="store_true",
                        help=f"allow N > {5 * MAX_REPORTS_PER_BODY} with fictional extra bodies (DIR/bodies.yml)")
    parser.add_argument("--bodies", help="comma-separated body codes to use (default: all five)")
    parser.add_argument("--build", action="store_true", help="then run mkdocs build (--strict with the plugin)")
    args = parser.parse_args(argv)
    codes = [c.strip().upper() for c in args.bodies.split(",")] if args.bodies else None
    summary = write_archive(args.sessions, args.out, args.seed, plugin=not args.no_plugin,
                            overflow=args.overflow_bodies, body_codes=codes)
    print(f"wrote {args.out}: {summary['reports']} fictional reports and {summary['placeholders']} "
          f"placeholders over {', '.join(summary['bodies'])}")
    if summary["overflow_bodies"]:
        print(f"fictional overflow bodies ({BODIES_FILE}): {', '.join(summary['overflow_bodies'])}")
    if args.build:
        result = build(args.out, strict=not args.no_plugin)
        log = result.stdout + result.stderr
        warnings = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]
        print("\n".join(warnings[:50]))
        print(f"mkdocs build: exit {result.returncode}, {len(warnings)} warnings/errors")
        return result.returncode or (1 if warnings else 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
