"""Permalinks are forever: a committed record of every published page and anchor.

``permalinks.json`` lists each page's URL and, for meeting pages and generated indexes,
its anchor ids. A page or anchor that disappears must get a redirect in the same file;
the build then serves an HTML redirect for a retired page and a small script that
sends a retired anchor to its new place (a fragment never reaches the server).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from cnd_archive.errors import Problem
from cnd_archive.layout import PERMALINK_SCRIPT

RECORD_FILE = "permalinks.json"
_URL_RE = re.compile(r"^(?!/)(?!\w+:)[A-Za-z0-9_./-]*(#[A-Za-z0-9_:*-]+)?$")


@dataclass
class Record:
    pages: dict[str, list[str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    text: str = ""

    def line_of(self, key: str) -> int:
        position = self.text.find(json.dumps(key))
        return self.text.count("\n", 0, position) + 1 if position >= 0 else 1


def load_record(path: Path, shown: str) -> tuple[Record | None, list[Problem]]:
    if not path.exists():
        return None, [Problem(shown, 1, "the permalink record is missing",
                              "run: python scripts/check_content.py --record")]
    text = path.read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
        record = Record({str(k): [str(a) for a in v] for k, v in raw["pages"].items()},
                        {str(k): str(v) for k, v in raw.get("redirects", {}).items()}, text)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        return None, [Problem(shown, 1, f"the permalink record cannot be read: {error}",
                              "restore it from git, or rebuild it with --record")]
    bad = [k for k in [*record.redirects, *record.redirects.values()] if not _URL_RE.match(k)]
    return record, [Problem(shown, record.line_of(k), f"redirect {k!r} is not a site-relative URL",
                            "write e.g. \"honlac/27/#para_5\": \"honlac/27/#para_6\"") for k in bad]


def compare(record: Record, current: dict[str, list[str]], shown: str, skip: set[str] | None = None) -> list[Problem]:
    """What disappeared without a redirect, and what is published but not yet recorded.

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
        for anchor in anchors:
            key = f"{url}#{anchor}"
            if anchor not in current[url] and key not in record.redirects:
                problems.append(Problem(shown, record.line_of(url), f"published anchor {key!r} has disappeared",
                                        f"restore it, or add a redirect: \"{key}\": \"<new URL>\""))
    new = [url for url in current if url not in record.pages]
    new += [f"{url}#{a}" for url, anchors in current.items() if url in record.pages
            for a in anchors if a not in record.pages[url]]
    if new:
        problems.append(Problem(shown, 1, f"{len(new)} published pages or anchors are not in the record "
                                f"(first: {new[0]!r})", "run: python scripts/check_content.py --record"))
    for source, target in record.redirects.items():
        page, _, anchor = target.partition("#")
        if page not in current or (anchor and anchor not in current[page]):
            problems.append(Problem(shown, record.line_of(source), f"redirect target {target!r} does not exist",
                                    "point the redirect at a published page or anchor"))
    return problems


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
        href = html.escape(_relative(source, target) or "./", quote=True)
        script = json.dumps(_relative(source, target) or "./")
        pages[posixpath.join(source, "index.html")] = (
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Moved</title><link rel=\"canonical\" href=\"{href}\">"
            f"<meta http-equiv=\"refresh\" content=\"0; url={href}\">"
            f"<script>location.replace({script} + location.hash)</script></head>"
            f"<body><p>This page has moved: <a href=\"{href}\">{href}</a>.</p></body></html>\n")
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
