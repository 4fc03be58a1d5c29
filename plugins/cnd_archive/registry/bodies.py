"""The regional subsidiary bodies of the Commission on Narcotic Drugs, read from data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Body:
    code: str
    slug: str
    name: str
    short_name: str
    title_phrase: str
    symbol_prefix: str
    meeting_word: str
    established_by: str


@cache
def all_bodies() -> tuple[Body, ...]:
    text = resources.files("cnd_archive").joinpath("data/bodies.yml").read_text("utf-8")
    return tuple(Body(**entry) for entry in yaml.safe_load(text))


def body_by_code(code: str) -> Body:
    for body in all_bodies():
        if body.code == code:
            return body
    known = ", ".join(b.code for b in all_bodies())
    raise KeyError(f"unknown body {code!r}; expected one of {known}")


@cache
def venue_countries() -> dict[str, str]:
    """City name -> ISO 3166-1 alpha-3 code of its country."""
    text = resources.files("cnd_archive").joinpath("data/venues.yml").read_text("utf-8")
    return dict(yaml.safe_load(text))
