"""Front matter of meeting pages, validated against the JSON Schema we ship.

The schema (``data/meeting.schema.json``) is also what editors use through the
``# yaml-language-server: $schema=...`` comment at the top of each meeting page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema

from cnd_archive.errors import Problem
from cnd_archive.model.frontmatter import ContentFile
from cnd_archive.registry.bodies import Body
from cnd_archive.registry.schemas import meeting_schema
from cnd_archive.result_codec import stored

class YamlDate(str):
    """A value YAML read as a date, in its ISO form: a string to JSON Schema, but not text."""


def _type(validator: Any, types: Any, instance: Any, schema: dict[str, Any]) -> Any:
    # A date where the schema wants text (``title: 2017-10-02``) would pass as the string
    # "2017-10-02" and then be dropped as not text: refuse it here, at its line.
    yield from _DRAFT.VALIDATORS["type"](validator, types, instance, schema)
    if isinstance(instance, YamlDate) and schema.get("format") != "date":
        yield jsonschema.ValidationError(f"{str(instance)!r} is a date, not text: put it in quotes")


_DRAFT = jsonschema.Draft202012Validator
_Validator = jsonschema.validators.extend(_DRAFT, {"type": _type})  # type: ignore[no-untyped-call]


@cache
def _validator(bodies: tuple[Body, ...]) -> jsonschema.protocols.Validator:
    return _Validator(meeting_schema(bodies))  # type: ignore[no-any-return]


def jsonable(value: Any) -> Any:
    """YAML values as JSON sees them: dates become ISO strings, anything exotic a string."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return YamlDate(value.isoformat())
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


@stored
@dataclass(frozen=True)
class Invalid:
    """One value the schema refuses, and where it is: ("participation", 5, "role")."""

    problem: Problem
    path: tuple[Any, ...]


def validate_front_matter(document: ContentFile, bodies: tuple[Body, ...]) -> list[Problem]:
    return [invalid.problem for invalid in invalid_values(document, bodies)]


def invalid_values(document: ContentFile, bodies: tuple[Body, ...]) -> list[Invalid]:
    found = []
    for error in sorted(_validator(bodies).iter_errors(jsonable(document.meta)), key=lambda e: list(map(str, e.path))):
        path = list(error.path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            path += [next(k for k in error.instance if k not in known)]
        line = _line_of(document, path)
        where = ".".join(str(p) for p in path) or "front matter"
        found.append(Invalid(Problem(document.path, line, f"{where}: {_summary(error)}",
                                     "see the field's description in plugins/cnd_archive/data/meeting.schema.json"),
                             tuple(path)))
    return found


def without_invalid(meta: dict[str, Any], invalid: list[Invalid]) -> dict[str, Any]:
    """The front matter with each refused value left out: a whole key, or one entry of a list."""
    kept = dict(meta)
    dropped_items: dict[str, set[int]] = {}
    for entry in invalid:
        key = str(entry.path[0])
        if len(entry.path) > 1 and isinstance(entry.path[1], int) and isinstance(kept.get(key), list):
            dropped_items.setdefault(key, set()).add(entry.path[1])
        else:
            kept.pop(key, None)
    for key, indexes in dropped_items.items():
        if key in kept:
            kept[key] = [item for index, item in enumerate(kept[key]) if index not in indexes]
    return kept


def _line_of(document: ContentFile, path: list[Any]) -> int:
    if not path:
        return 1
    if len(path) > 1 and isinstance(path[1], int) and str(path[0]) in document.key_lines:
        return document.line_of_item(str(path[0]), path[1])
    return document.line_of(str(path[0]))


def _summary(error: jsonschema.ValidationError) -> str:
    if error.validator == "pattern":
        return f"{_short(error.instance)} has characters or a form that is not allowed"
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown field")
    if error.validator == "enum":
        allowed = error.validator_value if isinstance(error.validator_value, list) else []
        return f"{_short(error.instance)} is not one of {', '.join(map(str, allowed))}"
    return error.message


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
