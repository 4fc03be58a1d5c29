"""`mkdocs serve` after an edit publishes exactly what a fresh build of the edited files does, page
for page and byte for byte, though it reuses the earlier build's work (and its pages' output).

Each edit is one a contributor makes: a word, a role, a new file, a meeting number (a file
moved to another number), a deleted file. The project is a copy of the real one without its
permalink record (a new meeting would be an unrecorded page); the new meeting is fictional.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import copy_project

pytestmark = pytest.mark.slow

LIVERELOAD_RE = re.compile(rb"<script>\s*var livereload = function.*?</script>", re.S)
"""What the serve injects into every page it sends, and only there."""
FICTIONAL_MEETING = """---
kind: placeholder
fictional: true
body: HONLAC
meeting: {number}
title: {ordinal} Meeting (fictional), Quito, 20{number}
start_date: 20{number}-10-01
end_date: 20{number}-10-05
city: Quito
country: ECU
---
"""


class Served:
    def __init__(self, root: Path, options: list[str]) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.root = root
        self.lines: queue.Queue[str] = queue.Queue()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", *options, "-a", f"127.0.0.1:{self.port}"], cwd=root,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        threading.Thread(target=self.forward, daemon=True).start()
        self.dirty = "--dirty" in options
        self.wait_for("Serving on")
        if self.dirty:
            self.wait_for("search index updated")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/reports/"

    def forward(self) -> None:
        for line in self.process.stdout or []:
            self.lines.put(line)

    def wait_for(self, needle: str, timeout: float = 240) -> None:
        deadline, seen = time.monotonic() + timeout, []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            seen.append(line)
            if "ERROR" in line:
                raise AssertionError("".join(seen))
            if needle in line:
                return
        raise AssertionError(f"no {needle!r} within {timeout} s:\n" + "".join(seen))

    def page(self, relative: str) -> bytes:
        with urllib.request.urlopen(self.url + relative, timeout=30) as response:
            return LIVERELOAD_RE.sub(b"", response.read())

    def status(self, relative: str) -> int:
        try:
            with urllib.request.urlopen(self.url + relative, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module", params=[["--dirty"], []], ids=["dirty (make serve)", "clean"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = copy_project(tmp_path_factory.mktemp("served"))
    (root / "permalinks.json").unlink()
    server = Served(root, request.param)
    yield server
    server.stop()


def edit_word(root: Path) -> None:
    page = root / "content" / "accessibility.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Known limits", "Known limitations"), encoding="utf-8")


def edit_role(root: Path) -> None:
    report = root / "content" / "honlac" / "27.md"
    line = "  - {participant: GTM, role: officer, detail: Chair, paragraphs: [56]}\n"
    text = report.read_text(encoding="utf-8")
    assert line in text
    report.write_text(text.replace(line, ""), encoding="utf-8")


def new_file(root: Path) -> None:
    (root / "content" / "honlac" / "40.md").write_text(FICTIONAL_MEETING.format(number=40, ordinal="Fortieth"),
                                                       encoding="utf-8")


def renumber(root: Path) -> None:
    (root / "content" / "honlac" / "40.md").unlink()
    (root / "content" / "honlac" / "41.md").write_text(FICTIONAL_MEETING.format(number=41, ordinal="Forty-first"),
                                                       encoding="utf-8")


def delete_file(root: Path) -> None:
    (root / "content" / "honlac" / "41.md").unlink()


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("a word", edit_word), ("a role", edit_role), ("a new file", new_file), ("a meeting number", renumber),
    ("a deleted file", delete_file)]


def test_each_edit_is_served_as_a_fresh_build_writes_it(served: Served, tmp_path: Path) -> None:
    """Every file of a fresh build is served byte for byte (in a dirty preview, the search index too, once
    it is updated), and a page the fresh build no longer has is not found."""
    # One test for the sequence: each edit builds on the one before (a file made, moved, deleted).
    before: set[str] = set()
    for kind, edit in EDITS:
        time.sleep(1.5)  # past the watcher's debounce of the previous edit
        edit(served.root)
        served.wait_for("Reloading browsers")
        if served.dirty:
            served.wait_for("search index updated")
        fresh_root = tmp_path / kind.replace(" ", "-")
        shutil.copytree(served.root, fresh_root, ignore=shutil.ignore_patterns("site", ".cache"))
        fresh = _fresh_build(fresh_root, served.url)
        # Pagefind names its files by hashes that differ from run to run: the index is held to its page count.
        files = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file()
                       and not p.relative_to(fresh).as_posix().startswith("pagefind/"))
        assert len([f for f in files if f.endswith(".html")]) > 100
        if served.dirty:
            assert _indexed_pages(served.page("pagefind/pagefind-entry.json")) == \
                _indexed_pages((fresh / "pagefind" / "pagefind-entry.json").read_bytes()), kind
        different = [f for f in files if served.page(f.removesuffix("index.html")) != (fresh / f).read_bytes()]
        assert different == [], f"after {kind}: {len(different)} files differ, first {different[:5]}"
        gone = sorted(before - set(files))
        assert [f for f in gone if served.status(f.removesuffix("index.html")) != 404] == [], f"after {kind}"
        before = set(files)
    assert gone, "no edit removed a page: the test would not see a stale one"


def _indexed_pages(entry: bytes) -> int:
    return int(json.loads(entry)["languages"]["en"]["page_count"])


def _fresh_build(root: Path, site_url: str) -> Path:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url})
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"
