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


class BodiesError(ValueError):
    """A bodies.yml that cannot be read: the message names the file and, where known, the line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


@cache
def read_bodies(path: Path | None = None) -> tuple[Body, ...]:
    """The bodies of a bodies.yml file, in the order the site lists them; the package's own by default.

    Raises BodiesError when the file cannot be read as a list of bodies."""
    if path is None:
        return _bodies(resources.files("cnd_archive").joinpath(BODIES_FILE).read_text("utf-8"), BODIES_FILE)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BodiesError(str(path), 1, f"cannot read the bodies: {error}") from None
    return _bodies(text, str(path))


def _bodies(text: str, shown: str) -> tuple[Body, ...]:
    try:
        entries = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BodiesError(shown, mark.line + 1 if mark else 1, f"not YAML: {getattr(error, 'problem', error)}") from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise BodiesError(shown, 1, "not a list of bodies (each a mapping of code, slug, name ...)")
    try:
        return tuple(Body(**entry) for entry in entries)
    except TypeError as error:
        raise BodiesError(shown, 1, f"a body's fields are wrong: {error}") from None


def all_bodies() -> tuple[Body, ...]:
    """The five regional bodies of the Commission, as the package ships them."""
    return read_bodies(None)


def body_by_code(code: str, bodies: tuple[Body, ...]) -> Body:
    for body in bodies:
        if body.code == code:
            return body
    known = ", ".join(b.code for b in bodies)
    raise KeyError(f"unknown body {code!r}; expected one of {known}")
