"""The regional subsidiary bodies of the Commission on Narcotic Drugs, read from data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

BODIES_FILE = "data/bodies.yml"


@dataclass(frozen=True)
class Body:
    code: str
    slug: str
    name: str
    short_name: str
    title_phrase: str
    symbol_prefix: str
    meeting_word: str
    report_title: str
    """How a report's title begins, ``{ordinal}`` standing for the ordinal in words."""
    established_by: str
    self_name: str = ""
    """How the body names itself in its reports when it meets in sessions ("Subcommission")."""


@cache
def read_bodies(path: Path | None = None) -> tuple[Body, ...]:
    """The bodies of a bodies.yml file, in the order the site lists them; the package's own by default."""
    text = path.read_text("utf-8") if path else resources.files("cnd_archive").joinpath(BODIES_FILE).read_text("utf-8")
    return tuple(Body(**entry) for entry in yaml.safe_load(text))


def all_bodies() -> tuple[Body, ...]:
    """The five regional bodies of the Commission, as the package ships them."""
    return read_bodies(None)


def body_by_code(code: str, bodies: tuple[Body, ...]) -> Body:
    for body in bodies:
        if body.code == code:
            return body
    known = ", ".join(b.code for b in bodies)
    raise KeyError(f"unknown body {code!r}; expected one of {known}")
