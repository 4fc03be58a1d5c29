"""Permalinks are forever: a committed record of every published page and anchor.

``permalinks.json`` lists each page's URL and, for meeting pages and generated indexes,
its anchor ids. A page or anchor that disappears must get a redirect in the same file;
the build then serves an HTML redirect for a retired page and a small script that
sends a retired anchor to its new place (a fragment never reaches the server).
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from cnd_archive.errors import Problem
from cnd_archive.layout import PERMALINK_SCRIPT
from cnd_archive.publishing.fragments import fragment

RECORD_FILE = "permalinks.json"
MAX_RECORD_BYTES = 64 * 1024 * 1024
_URL_RE = re.compile(r"^[A-Za-z0-9_./-]*(#[A-Za-z0-9_:*-]+)?$")
_KEY_RE = re.compile(r'"((?:[^"\\\n]|\\.)*)"\s*:')


@dataclass
class Record:
    pages: dict[str, list[str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    text: str = ""
    _lines: dict[str, list[int]] | None = field(default=None, repr=False, compare=False)

    def line_of(self, key: str) -> int:
        """The line of a key of the file, from an index made in one pass (a record names every page)."""
        return self.lines_of(key)[0]

    def lines_of(self, key: str) -> list[int]:
        if self._lines is None:
            self._lines = {}
            for number, line in enumerate(self.text.split("\n"), start=1):
                for match in _KEY_RE.finditer(line):
                    self._lines.setdefault(match[1], []).append(number)
        return self._lines.get(key) or [1]


class _RecordError(ValueError):
    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


def load_record(path: Path, shown: str) -> tuple[Record | None, list[Problem]]:
    if not path.exists():
        return None, [Problem(shown, 1, "the permalink record is missing",
                              "run: python scripts/check_content.py --record")]
    try:
        record = _read_record(path)
    except _RecordError as error:
        return None, [Problem(shown, error.line, f"the permalink record cannot be read: {error}",
                              "restore it from git, or rebuild it with --record")]
    return record, _bad_addresses(record, shown)


def _read_record(path: Path) -> Record:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _RecordError(error.strerror or str(error)) from None
    if len(data) > MAX_RECORD_BYTES:
        raise _RecordError(f"it is larger than {MAX_RECORD_BYTES} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _RecordError(f"not valid UTF-8 (byte 0x{data[error.start]:02x})", data.count(b"\n", 0, error.start) + 1) \
            from None
    try:
        raw = json.loads(text, object_pairs_hook=_without_repeated_keys)
    except json.JSONDecodeError as error:
        raise _RecordError(error.msg, error.lineno) from None
    except RecursionError:
        raise _RecordError("it nests too deeply; a record is two levels deep") from None
    except _RepeatedKey as repeated:
        raise _RecordError(f"the key {repeated.key!r} is given twice", Record(text=text).lines_of(repeated.key)[-1]) \
            from None
    return Record(_pages(raw), _redirects(raw), text)


class _RepeatedKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _without_repeated_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # json keeps the last of two equal keys silently: the first promise would vanish unseen.
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise _RepeatedKey(key)
        seen[key] = value
    return seen


def _pages(raw: object) -> dict[str, list[str]]:
    pages = raw.get("pages") if isinstance(raw, dict) else None
    if not isinstance(pages, dict) or not all(isinstance(a, list) and all(isinstance(x, str) for x in a)
                                              for a in pages.values()):
        raise _RecordError("'pages' must map each page's URL to a list of its anchors")
    return {str(url): list(anchors) for url, anchors in pages.items()}


def _redirects(raw: object) -> dict[str, str]:
    redirects = raw.get("redirects", {}) if isinstance(raw, dict) else None
    if not isinstance(redirects, dict) or not all(isinstance(t, str) for t in redirects.values()):
        raise _RecordError("'redirects' must map each retired URL to the URL it moved to")
    return {str(source): str(target) for source, target in redirects.items()}


def site_relative(url: str) -> bool:
    """A URL of this site, relative to its root, that stays inside it: no scheme, no '//', no '.' or '..'."""
    page = url.partition("#")[0]
    return bool(_URL_RE.match(url)) and not url.startswith("/") and "//" not in page \
        and not any(part in (".", "..") for part in page.split("/"))


def _bad_addresses(record: Record, shown: str) -> list[Problem]:
    bad = [k for k in [*record.redirects, *record.redirects.values()] if not site_relative(k)]
    return [Problem(shown, record.line_of(k), f"redirect {k!r} is not a site-relative URL",
                    "write e.g. \"honlac/27/#para_5\": \"honlac/27/#para_6\"") for k in dict.fromkeys(bad)]


def compare(record: Record, current: dict[str, list[str]], shown: str, skip: set[str] | None = None) -> list[Problem]:
    """What disappeared without a redirect, what is published but not yet recorded, and redirects
    that do not hold (a target that is not published, a source that still is).

    Pages in ``skip`` are withheld for a problem of their own, reported where it is."""
    problems: list[Problem] = []
    for url, anchors in record.pages.items():
        if skip and url in skip:
            continue
        if url not in current:
            if url not in record.redirects:
                problems.append(Problem(shown, record.line_of(url), f"published page {url!r} has disappeared",
                                        f"restore it, or add a redirect: \"{url}\": \"<new URL>\""))
            continue
        published = set(current[url])
        for anchor in anchors:
            key = f"{url}#{anchor}"
            if anchor not in published and key not in record.redirects:
                problems.append(Problem(shown, record.line_of(url), f"published anchor {key!r} has disappeared",
                                        f"restore it, or add a redirect: \"{key}\": \"<new URL>\""))
    new = [url for url in current if url not in record.pages]
    new += [f"{url}#{a}" for url, anchors in current.items() if url in record.pages
            for a in anchors if a not in set(record.pages[url])]
    if new:
        problems.append(Problem(shown, 1, f"{len(new)} published pages or anchors are not in the record "
                                f"(first: {new[0]!r})", "run: python scripts/check_content.py --record"))
    anchors_of = {url: set(anchors) for url, anchors in current.items()}
    for source, target in record.redirects.items():
        if _published(source, anchors_of):
            problems.append(Problem(shown, record.line_of(source), f"redirect source {source!r} is still published",
                                    "a redirect is for a page or anchor that is gone: remove this one"))
        if not _published(target, anchors_of):
            problems.append(Problem(shown, record.line_of(source), f"redirect target {target!r} does not exist",
                                    "point the redirect at a published page or anchor"))
    return problems


def _published(url: str, anchors_of: dict[str, set[str]]) -> bool:
    page, _, anchor = url.partition("#")
    return page in anchors_of and (not anchor or anchor in anchors_of[page])


def record_text(current: dict[str, list[str]], redirects: dict[str, str]) -> str:
    """The record as JSON with one page per line, so a diff shows what changed."""
    pages = ",\n".join(f"    {json.dumps(url)}: {json.dumps(sorted(anchors))}" for url, anchors in sorted(current.items()))
    moved = ",\n".join(f"    {json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(redirects.items()))
    return "{\n  \"pages\": {\n" + pages + "\n  },\n  \"redirects\": {" + (f"\n{moved}\n  " if moved else "") + "}\n}\n"


def _relative(from_url: str, to_url: str) -> str:
    page, _, anchor = to_url.partition("#")
    path = posixpath.relpath(page or ".", from_url.rstrip("/") or ".")
    path = "" if path == "." else path + ("/" if page.endswith("/") else "")
    return path + (f"#{anchor}" if anchor else "")


def redirect_pages(record: Record) -> dict[str, str]:
    """An HTML redirect, by site path, for every retired page."""
    pages = {}
    for source, target in record.redirects.items():
        if "#" in source:
            continue
        address = _relative(source, target) or "./"
        # The address holds only the characters a permalink may (_URL_RE): as JSON, it is safe in the script.
        pages[posixpath.join(source, "index.html")] = fragment("redirect.html", href=address,
                                                               script=Markup(json.dumps(address))) + "\n"
    return pages


def anchor_script(record: Record) -> str:
    """A script that sends a retired anchor (#para_5 of a page) to its recorded new place."""
    moves = {k: v for k, v in record.redirects.items() if "#" in k}
    return (
        "// Retired anchors of the archive and where they went (permalinks.json).\n"
        "(function () {\n"
        f"  var moves = {json.dumps(moves, sort_keys=True)};\n"
        "  var script = document.currentScript;\n"
        "  if (!script || !location.hash) return;\n"
        f"  var root = script.src.slice(0, -{len(PERMALINK_SCRIPT)});\n"
        "  var page = location.href.split('#')[0].slice(root.length);\n"
        "  var target = moves[page + location.hash];\n"
        "  if (target) location.replace(root + target);\n"
        "})();\n"
    )
