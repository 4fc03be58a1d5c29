"""Split a content file into its YAML front matter and Markdown body, safely.

Content arrives through pull requests, so the YAML is read with the safe loader (no
object-constructing tags) and size limits keep an alias bomb from eating the build.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from cnd_archive.errors import Problem
from cnd_archive.model.parser import RESERVED_CHARACTERS
from cnd_archive.result_codec import NOT_STORED, stored

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_YAML_NODES = 20_000
MAX_YAML_DEPTH = 32

_KEY_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.MULTILINE)
_FENCE_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
"""YAML between '---' lines, closed by '---' or '...' as MkDocs reads it."""
_MULTIMARKDOWN_RE = re.compile(r"\A[ ]{0,3}[A-Za-z0-9_-]+:")


def _ranges_of_category(category: str) -> str:
    """A character class of every code point of a Unicode category, as ranges: a class of ranges
    is searched about ten times faster than one listing each character."""
    ranges: list[list[int]] = []
    for code in range(0x110000):
        if unicodedata.category(chr(code)) != category:
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges) + "]"


_INVISIBLE_RE = re.compile(_ranges_of_category("Cf"))
"""Unicode format characters (category Cf): zero-width spaces, joiners, bidirectional controls."""
_RESERVED_RE = re.compile(f"[{RESERVED_CHARACTERS}]")
"""The private-use characters of the archive's own link placeholders (``model.parser``)."""


@stored
@dataclass(frozen=True)
class ContentFile:
    """A file of content/ split into its front matter and its Markdown body."""

    path: str
    meta: dict[str, Any]
    body: str
    body_line: int
    """1-based line number in the file of the body's first line."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """1-based line of each top-level front matter key, for messages."""

    front_matter: str = ""
    _item_lines: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False, metadata=NOT_STORED)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def line_of_item(self, key: str, index: int) -> int:
        """Line of the index-th "- " entry of a top-level list, for messages about one entry."""
        lines = self._item_lines.get(key)
        if lines is None:
            lines = self._item_lines[key] = self._find_item_lines(key)
        return lines[index] if 0 <= index < len(lines) else self.line_of(key)

    def _find_item_lines(self, key: str) -> list[int]:
        """The line of every "- " entry of a top-level list, found in one pass over its lines."""
        start = self.line_of(key)
        found: list[int] = []
        for offset, text in enumerate(self.front_matter.split("\n")[start - 1:], start=start):
            if offset > start and text and not text[0].isspace() and not text.startswith("-"):
                break
            if text.lstrip().startswith("- ") and (offset > start or ":" not in text.split("- ")[0]):
                found.append(offset)
        return found


def _construct_date(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> Any:
    # PyYAML raises a bare ValueError for 2019-13-45; give it the place it came from.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as error:
        raise yaml.MarkedYAMLError(problem=f"{node.value!r} is not a date ({error})",
                                   problem_mark=node.start_mark) from None


class _SafeLoader(yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader):  # type: ignore[misc]
    """The safe loader, in libyaml where present (pure Python is ~20 ms a page), with the
    date constructor that says where a bad date is."""


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)


def _check_events(text: str) -> None:
    """Refuse aliases, repeated keys, deep nesting and too many values before anything is constructed."""
    nodes = 0
    containers: list[_Container] = []
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.MarkedYAMLError(problem="YAML aliases ('*name') are not allowed in front matter",
                                       problem_mark=event.start_mark)  # type: ignore[arg-type]
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            nodes += 1
            if containers:
                containers[-1].take(event)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            containers.append(_Container(isinstance(event, yaml.MappingStartEvent)))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            containers.pop()
        if len(containers) > MAX_YAML_DEPTH or nodes > MAX_YAML_NODES:
            raise yaml.MarkedYAMLError(
                problem=f"front matter nests deeper than {MAX_YAML_DEPTH} levels or holds more "
                        f"than {MAX_YAML_NODES} values", problem_mark=event.start_mark)  # type: ignore[arg-type]


class _Container:
    """A mapping or sequence being read: a mapping alternates keys and values, and no key repeats
    (YAML would keep the last one silently, hiding the first from a reviewer)."""

    def __init__(self, mapping: bool) -> None:
        self.mapping = mapping
        self.keys: set[str] = set()
        self.expect_key = True

    def take(self, event: yaml.Event) -> None:
        if not self.mapping:
            return
        if self.expect_key and isinstance(event, yaml.ScalarEvent):
            if event.value == "<<" and event.implicit[0]:
                # A merge key brings in keys that have no line of their own for a reviewer to see.
                raise yaml.MarkedYAMLError(problem="YAML merge keys ('<<') are not allowed",
                                           problem_mark=event.start_mark)  # type: ignore[arg-type]
            if event.value in self.keys:
                raise yaml.MarkedYAMLError(problem=f"key {event.value!r} is given twice",
                                           problem_mark=event.start_mark)  # type: ignore[arg-type]
            self.keys.add(event.value)
        self.expect_key = not self.expect_key


def load_yaml(text: str) -> Any:
    _check_events(text)
    return yaml.load(text, Loader=_SafeLoader)


def split(text: str, path: str) -> tuple[ContentFile | None, list[Problem]]:
    """Parse a file's text; on failure return None and the problems, each with a line."""
    if len(text) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, f"file is larger than {MAX_FILE_BYTES} bytes",
                              "a report is about 50 KB; split or check the file")]
    unreadable = _encoding_problems(text, path)
    if unreadable:
        return None, unreadable
    match = _FENCE_RE.match(text)
    if not match:
        if _MULTIMARKDOWN_RE.match(text):
            return None, [Problem(path, 1, "front matter without '---' lines (MultiMarkdown style) is not read",
                                  "put it between two '---' lines, as YAML")]
        return ContentFile(path, {}, text, 1), []
    yaml_text = match[1] or ""
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        return None, [Problem(path, 2, "front matter is too large",
                              f"keep it under {MAX_FRONT_MATTER_CHARS} characters")]
    try:
        meta = load_yaml(yaml_text)
    except yaml.YAMLError as error:
        return None, [_yaml_problem(error, path)]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, [Problem(path, 2, "front matter is not a mapping",
                              "write it as 'key: value' lines between the two '---' lines")]
    body_line = text.count("\n", 0, match.end()) + 1
    key_lines = {m[1]: yaml_text.count("\n", 0, m.start()) + 2 for m in _KEY_RE.finditer(yaml_text)}
    front_matter = "\n" + yaml_text  # line 1 of the file is the opening '---'
    return ContentFile(path, meta, text[match.end():], body_line, key_lines, front_matter), []


def _encoding_problems(text: str, path: str) -> list[Problem]:
    """What MkDocs would read differently, and characters no reader can see."""
    if text.startswith("\ufeff"):
        return [Problem(path, 1, "the file starts with a byte order mark (U+FEFF)",
                        "save it as UTF-8 without a byte order mark")]
    if "\r" in text:
        return [Problem(path, text.count("\n", 0, text.index("\r")) + 1,
                        "the file has Windows (CRLF) or old Mac (CR) line endings",
                        "save it with Unix (LF) line endings")]
    reserved = _RESERVED_RE.search(text)
    if reserved:
        line, column = _line_and_column(text, reserved.start())
        return [Problem(path, line, f"private-use character U+{ord(reserved[0]):04X}, which the archive reserves "
                        "for its own links", "remove it", column)]
    invisible = _INVISIBLE_RE.search(text)
    if invisible:
        line, column = _line_and_column(text, invisible.start())
        char = invisible[0]
        return [Problem(path, line, f"invisible character U+{ord(char):04X} "
                        f"({unicodedata.name(char, 'format character')})",
                        "remove it: it would hide in a word or a document symbol, or turn text around", column)]
    return []


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    return text.count("\n", 0, position) + 1, position - (text.rfind("\n", 0, position) + 1) + 1


def _yaml_problem(error: yaml.YAMLError, path: str) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 2 if mark is not None else 2  # +1 for 1-based, +1 for the '---' line
    column = mark.column + 1 if mark is not None else 1
    summary = str(getattr(error, "problem", None) or error).strip()
    if "could not determine a constructor" in str(error):
        return Problem(path, line, f"YAML tag not allowed ({summary})",
                       "front matter holds plain values only: remove the '!' tag", column)
    return Problem(path, line, f"invalid YAML: {summary}", "fix the front matter syntax", column)
