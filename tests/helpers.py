"""Helpers the tests share: real MkDocs builds in a temporary folder, a local server, the browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_27 = ROOT / "sources" / "honlac-27-report.txt"


CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium: .ci/run installs it with apt-get; Playwright's downloads are never used."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """A built site served on a free localhost port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@dataclass
class Build:
    root: Path
    result: subprocess.CompletedProcess[str]

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def log(self) -> str:
        return self.result.stdout + self.result.stderr

    def page(self, uri: str) -> str:
        return (self.site / uri).read_text(encoding="utf-8")


def copy_project(root: Path) -> Path:
    """The project's configuration, content, sources and permalink record, copied to root."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "permalinks.json"):
        shutil.copy(ROOT / name, root / name)
    for name in ("content", "sources"):
        shutil.copytree(ROOT / name, root / name)
    return root


def build_site(root: Path, overlay: dict[str, str] | None = None, *, real_content: bool = True) -> Build:
    """Copy the project's config (and content) to root, overlay files, run `mkdocs build --strict`."""
    if real_content:
        copy_project(root)
    else:
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        (root / "content" / "assets").mkdir(parents=True)
        shutil.copy(ROOT / "content" / "assets" / "archive.css", root / "content" / "assets")
    for relative, text in (overlay or {}).items():
        target = root / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                            capture_output=True, text=True, env=env, timeout=300)
    return Build(root, result)
