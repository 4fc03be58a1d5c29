"""The archive's vocabulary of themes (data/themes.yml), with UNBIS Thesaurus descriptors and the
keywords from which the importer proposes a paragraph's themes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    unbis: str = ""
    keywords: tuple[str, ...] = ()


@cache
def vocabulary() -> tuple[Theme, ...]:
    text = resources.files("cnd_archive").joinpath("data/themes.yml").read_text("utf-8")
    return tuple(Theme(**{**entry, "keywords": tuple(entry.get("keywords") or ())}) for entry in yaml.safe_load(text))


def theme(theme_id: str) -> Theme:
    return next(t for t in vocabulary() if t.id == theme_id)


@cache
def _keywords() -> tuple[re.Pattern[str], dict[str, set[str]]]:
    """One pattern of every keyword (the longest first, so that a phrase wins over a word it holds),
    and the themes each keyword stands for."""
    themes: dict[str, set[str]] = {}
    for entry in vocabulary():
        for keyword in entry.keywords:
            themes.setdefault(keyword.casefold(), set()).add(entry.id)
    alternatives = "|".join(re.escape(k) for k in sorted(themes, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})", re.IGNORECASE), themes


def themes_in(text: str) -> set[str]:
    """The themes whose keywords the text holds, in one pass over it."""
    if not any(t.keywords for t in vocabulary()):
        return set()
    pattern, themes = _keywords()
    return {theme_id for match in pattern.finditer(text) for theme_id in themes[match[0].casefold()]}
