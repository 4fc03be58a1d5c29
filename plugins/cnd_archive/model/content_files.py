"""Which files of the content folder may be published: pages with safe names, and the site's assets.

Everything in content/ reaches readers, so anything else is refused with its path: a file
name with markup in it would be printed in every page's navigation, an HTML or SVG file
would be served as it is, and a symbolic link could bring in files from outside.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from cnd_archive.errors import Problem

PAGE_RE = re.compile(r"^(?:[a-z0-9][a-z0-9-]*/)*[a-z0-9][a-z0-9-]*\.md$")
"""A page: lower-case letters, digits and hyphens, in folders named the same way."""


def allowed_files(docs_dir: Path, assets: set[str], shown_from: Path | None = None) -> tuple[set[str], list[Problem]]:
    """The files of docs_dir that may be published (by path under it), and a problem for each other
    one. Links are not followed."""
    allowed: set[str] = set()
    problems: list[Problem] = []
    for folder, dirs, names in os.walk(docs_dir, followlinks=False):
        base = Path(folder)
        for name in sorted(dirs):
            if (base / name).is_symlink():
                problems.append(_refused(base / name, docs_dir, shown_from, "a symbolic link"))
        for name in sorted(names):
            path = base / name
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_symlink():
                problems.append(_refused(path, docs_dir, shown_from, "a symbolic link"))
            elif PAGE_RE.match(relative) or relative in assets:
                allowed.add(relative)
            else:
                problems.append(_refused(path, docs_dir, shown_from, "not a page with a safe name, nor an asset "
                                                                     "of the site"))
    return allowed, problems


def _refused(path: Path, docs_dir: Path, shown_from: Path | None, why: str) -> Problem:
    shown = os.path.relpath(path, shown_from) if shown_from else str(path)
    return Problem(repr(shown)[1:-1], 1, f"this file is refused: {why}",
                   "pages are .md files named with a-z, 0-9 and '-'; remove or rename it")
