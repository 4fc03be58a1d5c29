"""The content checker: every problem a contributor can make, found before publishing.

It reads the whole docs folder exactly as the build does (the same core, the same
checks), then holds the published pages and anchors to the permalink record.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cnd_archive.model.archive import load
from cnd_archive.errors import Problem
from cnd_archive.layout import PERMALINK_SCRIPT
from cnd_archive.model.content_files import allowed_files
from cnd_archive.publishing.permalink_record import RECORD_FILE, Record, compare, load_record, record_text
from cnd_archive.publishing.publication import Publication
from cnd_archive.references.symbols import DEFAULT_RESOLVER
from cnd_archive.registry.bodies import Body, all_bodies, read_bodies


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    resolver_base: str
    record: Path
    bodies: Path | None = None
    """The site's own bodies.yml, when mkdocs.yml names one."""
    assets: frozenset[str] = frozenset()
    """The site's own styles and scripts (extra_css, extra_javascript in mkdocs.yml)."""

    def known_bodies(self) -> tuple[Body, ...]:
        return read_bodies(self.bodies) if self.bodies else all_bodies()

    @classmethod
    def at(cls, root: Path) -> Project:
        config = _site_config(root / "mkdocs.yml")
        options: dict[str, Any] = {}
        for plugin in config.get("plugins", []) or []:
            if isinstance(plugin, dict) and "cnd-archive" in plugin:
                options = plugin["cnd-archive"] or {}
        bodies = options.get("bodies")
        scripts = [s.get("path") if isinstance(s, dict) else s for s in config.get("extra_javascript") or []]
        assets = frozenset(str(a) for a in [*(config.get("extra_css") or []), *scripts] if a)
        return cls(root, root / str(config.get("docs_dir", "docs")),
                   str(options.get("resolver_base", DEFAULT_RESOLVER)),
                   root / str(options.get("permalinks", RECORD_FILE)),
                   root / str(bodies) if bodies else None, assets)


def _site_config(path: Path) -> dict[str, Any]:
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


def markdown_files(docs_dir: Path) -> list[str]:
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md") if p.is_file())


def build_publication(project: Project) -> Publication:
    """The publication exactly as a build makes it, HTML included, from the content folder."""
    bodies = project.known_bodies()
    allowed, problems = allowed_files(project.docs_dir, set(project.assets), shown_from=project.root)
    pages = sorted(uri for uri in allowed if uri.endswith(".md"))
    archive = load(project.docs_dir, pages, shown_from=project.root, bodies=bodies)
    publication = Publication.build(archive, project.resolver_base)
    publication.problems[:0] = problems
    static = sorted(uri for uri in allowed if not uri.endswith(".md"))
    publication.render_html(publication.site_map([*static, PERMALINK_SCRIPT]))
    return publication


def held_to_record(publication: Publication, path: Path, shown: str) -> tuple[Record | None, list[Problem]]:
    """The permalink record, and every way the publication breaks its promises."""
    record, problems = load_record(path, shown)
    return record, problems + broken_promises(record, publication, shown)


def broken_promises(record: Record | None, publication: Publication, shown: str) -> list[Problem]:
    """Published pages and anchors that disappeared, and new ones not yet recorded.

    Checked once the content has no other problem: a page withheld or a value left out for
    a mistake would otherwise show as missing anchors, far from the mistake itself."""
    if record is None or publication.problems:
        return []
    return compare(record, publication.published(), shown, skip=publication.withheld_urls())


def check(project: Project, only: list[Path] | None = None) -> list[Problem]:
    """All problems, or those in the given files and folders."""
    publication = build_publication(project)
    shown = os.path.relpath(project.record, project.root)
    _, record_problems = held_to_record(publication, project.record, shown)
    problems = publication.problems + record_problems
    if only:
        wanted = [os.path.relpath(p.resolve(), project.root.resolve()) for p in only]
        problems = [p for p in problems if any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    return problems


def write_record(project: Project) -> int:
    """Record every published page and anchor, keeping the redirects already recorded."""
    publication = build_publication(project)
    record, _ = load_record(project.record, str(project.record))
    redirects = record.redirects if record else {}
    current = publication.published()
    project.record.write_text(record_text(current, redirects), encoding="utf-8")
    return sum(len(a) for a in current.values())
