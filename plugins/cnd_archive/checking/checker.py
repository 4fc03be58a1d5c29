"""The content checker: every problem a contributor can make, found before publishing.

It reads the whole docs folder exactly as the build does (``checking.pipeline``, the same
core and checks), then holds the published pages and anchors to the permalink record.
"""

from __future__ import annotations

import os
from pathlib import Path

from cnd_archive.errors import Problem
from cnd_archive.publishing.permalink_record import load_record, record_text
from cnd_archive.checking.pipeline import Outcome, publish
from cnd_archive.publishing.publication import Publication
from cnd_archive.publishing.site_config import Project


def markdown_files(docs_dir: Path) -> list[str]:
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md") if p.is_file())


def build_publication(project: Project) -> Publication:
    """The publication exactly as a build makes it, HTML included, from the content folder."""
    return publish(project).publication


def check(project: Project, only: list[Path] | None = None) -> list[Problem]:
    """All problems, or those in the given files and folders."""
    problems = publish(project).problems
    if only:
        wanted = [os.path.relpath(p.resolve(), project.root.resolve()) for p in only]
        problems = [p for p in problems if any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    return problems


def write_record(project: Project) -> int:
    """Record every published page and anchor, keeping the redirects already recorded."""
    outcome: Outcome = publish(project)
    record, _ = load_record(project.record, str(project.record))
    redirects = record.redirects if record else {}
    current = outcome.publication.published()
    project.record.write_text(record_text(current, redirects), encoding="utf-8")
    return sum(len(a) for a in current.values())

