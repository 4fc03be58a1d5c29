"""Countries and intergovernmental organisations named in running text, read from data.

The gazetteer knows the 193 States Members of the United Nations and the 2 non-member
observer States, and the associate members of the regional commissions that take part in
their own right (codes and base names from pycountry; UN short names, aliases and observer
status from data/countries.yml), and the organisations of data/organisations.yml.

``find`` links names in one pass of one compiled expression holding every name and every
blocker ("Guatemala City", "Gulf of Mexico": names that contain a country's name without
mentioning it), longest first, whole words only. Names are proper nouns and are matched
case-sensitively, so "turkey" and "chad" are not countries. A name may follow "the",
which belongs to the mention only where the data spells the alias with it ("the
Plurinational State of Bolivia"). Precision comes before recall: a wrong link misleads
the public, a missing one only fails to help.

A country's M49 region is derived from data: babel 2.19 carries no CLDR territory
containment, so the region is the continent of most of the country's CLDR time zones
(Pacific zones count for island States with no continental zone). Where the zones do not
give the M49 region, countries.yml says it with a comment.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pycountry
import yaml
from babel.core import get_global

REGIONS = ("Africa", "Latin America and the Caribbean", "Northern America", "Asia", "Europe", "Oceania")
"""The M49 regions, as the UN Statistics Division names them."""

# Atlantic, Indian and Antarctic zones belong to islands of several regions, so they
# settle nothing; "America" cannot tell Northern America apart, which countries.yml says.
_CONTINENT_REGIONS = {
    "Africa": "Africa",
    "America": "Latin America and the Caribbean",
    "Asia": "Asia",
    "Australia": "Oceania",
    "Europe": "Europe",
}
_OCEAN_REGIONS = {"Pacific": "Oceania"}

_GAP = r"(?>[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*)"
"""Between two words of a name: spaces, or one line break; never a blank line. Atomic:
a word never starts with a space, so giving spaces back could only retry in vain."""

_BEFORE = r"(?<![\w/-])"
_AFTER = r"(?![\w/-])"
# A hyphen joins words ("Guinea-Bissau", "Mexico-based"); a slash joins the parts of a
# document symbol ("UNODC/HONLAC/27/5"): neither leaves a whole name to link.

_APOSTROPHES = "'’"
_THE = "the "

_CLOSE_ENOUGH = 0.6
"""difflib's own default cut-off for a close match."""

_CAPITALS_BEFORE = re.compile(r"\b[A-Z]{2,}[^\S\n]+\Z")
_CAPITALS_AFTER = re.compile(r"[^\S\n]+[A-Z]{2,}\b")


@dataclass(frozen=True)
class Entity:
    id: str
    """Alpha-3 code for a country ("GTM"), slug for an organisation ("unodc")."""
    kind: str
    """"country" or "organisation"."""
    name: str
    """UN short name of a country, official name of an organisation."""
    names: tuple[str, ...]
    """Every form recognised in text, longest first."""
    region: str
    """M49 region of a country; "" for an organisation."""
    observer: bool = False
    """A non-member observer State."""
    associate: bool = False
    """An associate member of a regional commission that takes part in its own right (Hong Kong, China)."""
    short: str = ""
    """Acronym of an organisation."""


@dataclass(frozen=True)
class EntityMention:
    start: int
    end: int
    wording: str
    entity: str
    """Entity id."""


@dataclass(frozen=True)
class _Target:
    entity: str | None
    """None for a blocker."""
    keeps_the: bool
    """The data spells this form with a leading "the", which then belongs to the mention."""
    guarded: bool = False
    """An acronym that is also an English word (see organisations.yml)."""


class Gazetteer:
    def __init__(self, entities: Iterable[Entity], blockers: Iterable[str] = (),
                 word_acronyms: Iterable[str] = ()) -> None:
        self._entities = tuple(entities)
        self._by_id = _index_ids(self._entities)
        self._by_name = _index_names(self._entities)
        self._targets = _index_forms(self._entities, tuple(blockers), frozenset(word_acronyms))
        self._pattern = _compile(self._targets)
        self._suggestions = _suggestion_labels(self._entities)

    @property
    def entities(self) -> tuple[Entity, ...]:
        return self._entities

    def entity(self, key: str) -> Entity:
        """The entity with this id; alpha-3 codes and slugs in any case."""
        found = self._by_id.get(key.casefold())
        if found is None:
            hints = self.suggest(key)
            hint = f"; did you mean {', '.join(hints)}?" if hints else ""
            raise KeyError(f"unknown country or organisation id {key!r}{hint}")
        return found

    def lookup(self, text: str) -> Entity | None:
        """The entity named by an id, a UN name or an alias, in any case and spacing."""
        key = _lookup_key(text)
        found = self._by_id.get(key) or self._by_name.get(key)
        if found is None and key.startswith(_THE):  # "the Sudan": "the" is not part of the name
            found = self._by_name.get(key.removeprefix(_THE))
        return found

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """"Did you mean": the UN names (or ids, for a query that looks like one) closest to text."""
        query = _lookup_key(text)
        scored = [(_closeness(query, key), key) for key in self._suggestions]
        closest = sorted((item for item in scored if item[0][0] >= _CLOSE_ENOUGH), reverse=True)
        labels: dict[str, str] = {}  # entity id -> label: each entity suggested once
        for _, key in closest:
            entity, label = self._suggestions[key]
            labels.setdefault(entity, label)
        return list(labels.values())[:n]

    def find(self, text: str) -> list[EntityMention]:
        """Every mention in text, in order, never overlapping."""
        mentions = []
        for match in self._pattern.finditer(text):
            target = self._targets[_form_key(match["name"])]
            if target.entity is None or (target.guarded and _among_capitals(text, match)):
                continue
            start = match.start() if target.keeps_the and match["the"] else match.start("name")
            mentions.append(EntityMention(start, match.end(), text[start:match.end()], target.entity))
        return mentions


@cache
def load_gazetteer() -> Gazetteer:
    countries = _read_data("countries.yml")
    organisations = _read_data("organisations.yml")
    entities = [_country(code, entry or {}) for code, entry in countries["countries"].items()]
    entities += [_country(code, entry or {}, associate=True)
                 for code, entry in (countries.get("associate_members") or {}).items()]
    entities += [_organisation(entry) for entry in organisations]
    word_acronyms = [entry["short"] for entry in organisations if entry.get("short_is_a_word")]
    return Gazetteer(entities, countries["blockers"], word_acronyms)


def _read_data(filename: str) -> Any:
    text = resources.files("cnd_archive").joinpath(f"data/{filename}").read_text("utf-8")
    return yaml.safe_load(text)


def _country(code: str, entry: Mapping[str, Any], associate: bool = False) -> Entity:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        raise ValueError(f"countries.yml: {code!r} is not an ISO 3166-1 alpha-3 code")
    name: str = entry.get("un_name", country.name)
    region = entry.get("region") or region_from_time_zones(country.alpha_2)
    if region not in REGIONS:
        raise ValueError(f"countries.yml: {code}: time zones give no M49 region ({region!r}); add region:")
    return Entity(code, "country", name, _longest_first([name, *entry.get("aliases", [])]),
                  region, observer=bool(entry.get("observer", False)), associate=associate)


def _organisation(entry: Mapping[str, Any]) -> Entity:
    short: str = entry.get("short", "")
    forms = [entry["name"], *([short] if short else []), *entry.get("aliases", [])]
    return Entity(entry["id"], "organisation", entry["name"], _longest_first(forms), "", short=short)


def region_from_time_zones(alpha_2: str) -> str | None:
    """The M49 region that most of the territory's CLDR time zones lie in; None on a tie or no zone."""
    areas = [zone.partition("/")[0] for zone in get_global("territory_zones").get(alpha_2, ())]
    regions = ([_CONTINENT_REGIONS[a] for a in areas if a in _CONTINENT_REGIONS]
               or [_OCEAN_REGIONS[a] for a in areas if a in _OCEAN_REGIONS])
    ranked = Counter(regions).most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _longest_first(forms: Iterable[str]) -> tuple[str, ...]:
    unique = dict.fromkeys(" ".join(form.split()) for form in forms)
    return tuple(sorted(unique, key=lambda form: (-len(form), form)))


def _without_the(form: str) -> tuple[str, bool]:
    """The form without its leading "the", and whether it had one."""
    if form[:4].lower() == _THE:
        return form[4:], True
    return form, False


def _form_key(wording: str) -> str:
    """How a name is known once matched: spacing collapsed, one kind of apostrophe."""
    key = " ".join(wording.split())
    for apostrophe in _APOSTROPHES[1:]:
        key = key.replace(apostrophe, _APOSTROPHES[0])
    return key


def _lookup_key(text: str) -> str:
    return _form_key(text).casefold()


def _index_ids(entities: Iterable[Entity]) -> dict[str, Entity]:
    index: dict[str, Entity] = {}
    for entity in entities:
        if entity.id.casefold() in index:
            raise ValueError(f"two entities with the id {entity.id!r}")
        index[entity.id.casefold()] = entity
    return index


def _index_names(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Every form, with and without its leading "the", as find() may word it either way."""
    index: dict[str, Entity] = {}
    for entity in entities:
        for form in entity.names:
            for key in {_lookup_key(form), _lookup_key(_without_the(form)[0])}:
                other = index.setdefault(key, entity)
                if other is not entity:
                    raise ValueError(f"{form!r} names both {other.id} and {entity.id}")
    return index


def _index_forms(entities: Iterable[Entity], blockers: Iterable[str],
                 word_acronyms: frozenset[str]) -> dict[str, _Target]:
    """Each form as matched (without a leading "the") -> what it links to."""
    owned: list[tuple[str, str | None]] = [(f, e.id) for e in entities for f in e.names]
    owned += [(blocker, None) for blocker in blockers]
    targets: dict[str, _Target] = {}
    for form, entity in owned:
        bare, had_the = _without_the(form)
        key = _form_key(bare)
        previous = targets.get(key)
        if previous is not None and previous.entity != entity:
            raise ValueError(f"{form!r} is claimed by {previous.entity or 'a blocker'} and {entity or 'a blocker'}")
        keeps_the = had_the or (previous is not None and previous.keeps_the)
        guarded = form in word_acronyms or (previous is not None and previous.guarded)
        targets[key] = _Target(entity, keeps_the, guarded)
    return targets


def _compile(targets: Mapping[str, _Target]) -> re.Pattern[str]:
    # The names as a trie: at each position the expression follows one path of shared
    # prefixes instead of trying several hundred names one by one.
    names = _trie_pattern(_Trie.of(_atoms(form) for form in targets))
    # Most positions start no name: one look at the first letter skips them cheaply.
    initials = "".join(sorted({form[0] for form in targets} | set("Tt")))
    # Any name may follow "the"; trying it first lets "the United Kingdom of Great Britain
    # ..." reach the full name instead of stopping at the alias "the United Kingdom".
    return re.compile(rf"(?=[{re.escape(initials)}]){_BEFORE}(?P<the>[Tt]he{_GAP})?(?P<name>{names}){_AFTER}")


def _atoms(form: str) -> list[str]:
    """A name as the expressions of its characters: a gap between words, either apostrophe."""
    atoms: list[str] = []
    for index, word in enumerate(form.split()):
        if index:
            atoms.append(_GAP)
        atoms += [f"[{_APOSTROPHES}]" if char in _APOSTROPHES else re.escape(char) for char in word]
    return atoms


@dataclass
class _Trie:
    children: dict[str, _Trie]
    ends: bool = False

    @classmethod
    def of(cls, paths: Iterable[list[str]]) -> _Trie:
        root = cls({})
        for path in paths:
            node = root
            for atom in path:
                node = node.children.setdefault(atom, cls({}))
            node.ends = True
        return root


def _trie_pattern(node: _Trie) -> str:
    """Longer names first: a name that continues is tried before the name that ends here, so
    "Bolivia (Plurinational State of)" wins over "Bolivia" (and gives way to it when the rest
    of the text does not follow)."""
    branches = [atom + _trie_pattern(child) for atom, child in sorted(node.children.items())]
    if not branches:
        return ""
    if node.ends:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _among_capitals(text: str, match: re.Match[str]) -> bool:
    """A neighbouring word is in capitals too: a heading or shouted text, not an acronym."""
    start, end = match.start("name"), match.end()
    return bool(_CAPITALS_BEFORE.search(text, max(0, start - 40), start)
                or _CAPITALS_AFTER.match(text, end, end + 40))


def _closeness(query: str, key: str) -> tuple[float, int]:
    """difflib's similarity; on a tie, the longer common beginning ("GTN": GTM before TUN)."""
    return difflib.SequenceMatcher(None, query, key).ratio(), len(os.path.commonprefix([query, key]))


def _suggestion_labels(entities: Iterable[Entity]) -> dict[str, tuple[str, str]]:
    """Lower-cased id or name -> its entity and what to suggest: the id itself, or the entity's name."""
    labels: dict[str, tuple[str, str]] = {}
    for entity in entities:
        labels.setdefault(entity.id.casefold(), (entity.id, entity.id))
        for form in entity.names:
            labels.setdefault(_lookup_key(form), (entity.id, entity.name))
    return labels
