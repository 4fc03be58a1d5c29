"""The archive's vocabulary of themes (data/themes.yml), with UNBIS Thesaurus descriptors."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    unbis: str = ""


@cache
def vocabulary() -> tuple[Theme, ...]:
    text = resources.files("cnd_archive").joinpath("data/themes.yml").read_text("utf-8")
    return tuple(Theme(**entry) for entry in yaml.safe_load(text))


def theme(theme_id: str) -> Theme:
    return next(t for t in vocabulary() if t.id == theme_id)
