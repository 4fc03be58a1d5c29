"""Helpers the tests share: real MkDocs builds in a temporary folder, a local server, the browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
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


class _PagesHandler(_QuietHandler):
    """As GitHub Pages serves a project site: under a path, and 404.html (status 404) for any
    address it has no file for."""

    prefix = "/"

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        inside = path.startswith(self.prefix)
        local = Path(self.translate_path("/" + path[len(self.prefix):])) if inside else None
        if local is not None and (local.is_file() or (local / "index.html").is_file()):
            self.path = "/" + self.path[len(self.prefix):]
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def served_like_pages(directory: Path, prefix: str) -> Iterator[str]:
    """A built site served under ``prefix`` ("/reports/") as GitHub Pages serves a project site."""
    handler = type("Handler", (_PagesHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
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


def build_site(root: Path, overlay: dict[str, str] | None = None, *, real_content: bool = True,
               env: dict[str, str] | None = None, config: Callable[[str], str] | None = None) -> Build:
    """Copy the project's config (and content) to root, overlay files, run `mkdocs build --strict`;
    ``config`` rewrites the copied mkdocs.yml."""
    if real_content:
        copy_project(root)
    else:
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        (root / "content" / "assets").mkdir(parents=True)
        shutil.copy(ROOT / "content" / "assets" / "archive.css", root / "content" / "assets")
    if config is not None:
        (root / "mkdocs.yml").write_text(config((root / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    for relative, text in (overlay or {}).items():
        target = root / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    variables = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                            capture_output=True, text=True, env=variables, timeout=300)
    return Build(root, result)


def site_files(root: Path) -> dict[str, bytes]:
    """Every file of the site built in ``root/site`` but Pagefind's, whose file names are hashes that
    differ from run to run."""
    site = root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}
