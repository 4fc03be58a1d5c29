"""The MkDocs adapter: hands MkDocs's events to the core and reports its problems.

Nothing here decides anything about reports; it moves data between MkDocs and the core.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from mkdocs.structure.toc import get_toc

from cnd_archive.memo import Memos
from cnd_archive.model import archive as archive_module
from cnd_archive.model.archive import Archive
from cnd_archive.registry.bodies import Body, all_bodies, read_bodies
from cnd_archive.errors import Problem
from cnd_archive.layout import (FOLDED_SECTIONS, HIDDEN_FOLDERS, PERMALINK_SCRIPT, body_index_uri,
                                navigation_order)
from cnd_archive.model.content_files import allowed_files
from cnd_archive.model.safety import plain_text_value
from cnd_archive.publishing.html import toc_tokens
from cnd_archive.checking.checker import broken_promises
from cnd_archive.publishing.permalink_record import RECORD_FILE, Record, anchor_script, load_record, redirect_pages
from cnd_archive.publishing.publication import Mapper, Publication
from cnd_archive.publishing.search_index import SearchIndexError, build_index

log = get_plugin_logger(__name__)


WITHHELD = ('<h1 id="title">Page withheld</h1>\n<p>This page\'s source has a problem that the archive\'s '
            "checks found, so it is not published. The build log names the file, the line and the fix.</p>\n")
PAGE_META = ("title", "description", "hide")
"""What a theme may read of a page's front matter; each value is plain text (or a list of it)."""
HIDE_VALUES = ("navigation", "toc", "footer", "path")
PARALLEL_FROM = 50
"""Meeting pages from which a one-off build renders them in several processes."""


class ArchiveConfig(Config):
    resolver_base = c.Type(str, default="https://undocs.org")
    permalinks = c.Type(str, default=RECORD_FILE)
    """The permalink record, relative to mkdocs.yml; a build without it skips the check."""
    bodies = c.Optional(c.Type(str))
    """A bodies.yml to read instead of the package's, relative to mkdocs.yml (a fictional archive's bodies)."""
    search_index = c.Type(bool, default=True)
    """Index the built site with Pagefind (the search page needs it)."""


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    archive: Archive
    publication: Publication
    memos: Memos | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook keeps the plugin across the rebuilds of `mkdocs serve`, so the work
        # on unchanged pages is reused; each result is keyed by all its inputs (see memo.py).
        self.memos = Memos() if command == "serve" else None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        project = Path(config.config_file_path).parent
        docs_dir = Path(config.docs_dir)
        assets = {*config.extra_css, *(str(getattr(s, "path", s)) for s in config.extra_javascript)}
        allowed, file_problems = allowed_files(docs_dir, assets, shown_from=project)
        for file in [f for f in files if _in_folder(f, docs_dir) and f.src_uri not in allowed]:
            files.remove(file)
        src_uris = [f.src_uri for f in files.documentation_pages() if not f.generated_by]
        bodies = read_bodies(project / self.config.bodies) if self.config.bodies else all_bodies()
        memos = self.memos or Memos.none()
        self.archive = archive_module.load(Path(config.docs_dir), src_uris, shown_from=project, bodies=bodies,
                                           memos=memos)
        self.publication = Publication.build(self.archive, self.config.resolver_base, memos=memos)
        record_path = project / self.config.permalinks
        record, record_problems = load_record(record_path, os.path.relpath(record_path))
        if not record_path.exists():
            log.info("no permalink record at %s: published anchors are not checked", record_path)
            record_problems = []
        # A generated page is written as HTML by the archive; MkDocs never reads its source.
        generated = {**dict.fromkeys(self.publication.generated, ""), **self.publication.data,
                     PERMALINK_SCRIPT: anchor_script(record or Record()), **redirect_pages(record or Record())}
        for uri, content in generated.items():
            self.add_generated(files, config, uri, content)
        static = [f.src_uri for f in files if not f.is_documentation_page()]
        with self.page_renderer() as mapper:
            self.publication.render_html(self.publication.site_map(static), mapper)
        self.publication.problems[:0] = file_problems
        record_problems += broken_promises(record, self.publication, os.path.relpath(record_path))
        self.report(self.publication.problems + record_problems)
        return files

    @contextlib.contextmanager
    def page_renderer(self) -> Iterator[Mapper]:
        """A one-off build of a large archive renders the meeting pages in a process per processor: each
        page is rendered on its own. A small archive is not worth starting processes for, and a serve
        rebuild renders only the pages that changed, in its own process (forking a process that
        serves, with its threads, is not safe)."""
        workers = min(os.cpu_count() or 1, 8)
        if self.memos is not None or workers < 2 or len(self.archive.meetings) < PARALLEL_FROM \
                or "fork" not in multiprocessing.get_all_start_methods():
            yield map
            return
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield lambda function, jobs: pool.map(function, jobs, chunksize=max(1, len(jobs) // (4 * workers)))

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        # The HTML is held compressed until its page is written (RenderedPage), then let go.
        rendered = self.publication.html.get(page.file.src_uri)
        if rendered is not None:
            page.content = rendered.html
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.publication.html:
            page.content = ""  # written: nothing reads it again
        return output

    def add_generated(self, files: Files, config: MkDocsConfig, uri: str, content: str) -> None:
        existing = files.get_file_from_path(uri)
        if existing is not None:
            self.report([Problem(os.path.relpath(existing.abs_src_path or uri), 1,
                                 "this file is generated by the archive",
                                 "remove it; edit the meeting pages instead")])
            files.remove(existing)
        files.append(File.generated(config, uri, content=content))

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        bodies = self.archive.bodies
        for item in nav.items:
            if isinstance(item, Section):
                self.order_body_section(item, bodies)
                self.fold_index_section(item)
        nav.items[:] = [i for i in nav.items if not self.is_folder_of_generated_pages(i)]
        order = navigation_order(body.slug for body in bodies)
        nav.items.sort(key=lambda item: self.top_level_rank(item, order))
        self.relink_pages(nav)
        return nav

    @staticmethod
    def fold_index_section(section: Section) -> None:
        """A section of one page per country or theme shows its index only: hundreds of
        entries in every page's navigation would cost readers and the build alike."""
        index = next((p for p in section.children if isinstance(p, Page)
                      and p.file.src_uri in FOLDED_SECTIONS), None)
        if index is not None:
            section.children[:] = [index]

    @staticmethod
    def is_folder_of_generated_pages(item: Any) -> bool:
        """A section (and its subsections) of pages under a hidden folder only."""
        return isinstance(item, Section) and all(
            ArchivePlugin.is_folder_of_generated_pages(p) if isinstance(p, Section)
            else isinstance(p, Page) and p.file.src_uri.startswith(HIDDEN_FOLDERS) for p in item.children)

    @staticmethod
    def top_level_rank(item: Any, order: list[str]) -> int:
        uri = item.file.src_uri if isinstance(item, Page) else next(
            (p.file.src_uri for p in item.children if isinstance(p, Page)), "")
        return next((rank for rank, prefix in enumerate(order) if uri.startswith(prefix)), len(order))

    @staticmethod
    def relink_pages(nav: Navigation) -> None:
        """Previous/next links follow the reordered navigation."""
        def walk(items: list[Any]) -> list[Page]:
            pages: list[Page] = []
            for item in items:
                if isinstance(item, Page):
                    pages.append(item)
                elif isinstance(item, Section):
                    pages += walk(item.children)
            return pages

        nav.pages = walk(nav.items)
        for index, page in enumerate(nav.pages):
            page.previous_page = nav.pages[index - 1] if index > 0 else None
            page.next_page = nav.pages[index + 1] if index + 1 < len(nav.pages) else None

    def order_body_section(self, section: Section, bodies: tuple[Body, ...]) -> None:
        """Name a body's section after the body and list its meetings by number."""
        uris = {p.file.src_uri for p in section.children if isinstance(p, Page)}
        body = next((b for b in bodies if body_index_uri(b.slug) in uris), None)
        if body is None:
            return
        section.title = f"{body.code}: {body.short_name}"

        def number(item: Any) -> int:
            meeting = self.archive.meeting_at(item.file.src_uri) if isinstance(item, Page) else None
            return meeting.number if meeting else -1

        section.children.sort(key=number)

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        # The archive renders every page itself, from the tokens its checks read (as
        # mkdocs-jupyter gives notebooks their own render): Python-Markdown never runs.
        page.render = functools.partial(self.render_page, page)  # type: ignore[method-assign]
        return page

    def render_page(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        rendered = self.publication.html.get(page.file.src_uri)
        page.meta = self.page_meta(page) if rendered else {"title": "Page withheld"}
        page.content = "" if rendered else WITHHELD  # the HTML comes when the page is written
        page.toc = get_toc(toc_tokens(rendered.headings)) if rendered else get_toc([])  # type: ignore[arg-type]
        page._title_from_render = rendered.title if rendered else "Page withheld"
        page.present_anchor_ids = set(rendered.anchors) if rendered else set()
        page.links_to_anchors = self.links_to_anchors(rendered.links, files) if rendered else {}

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        # MkDocs never reads content itself: the archive has read it, safely, in on_files.
        return ""

    def page_meta(self, page: Page) -> dict[str, Any]:
        """The front matter a theme may see: the archive's own reading of it, allowlisted keys only
        (MkDocs's own reading is set aside: it would let 'template:' or 'status:' through)."""
        uri = page.file.src_uri
        source = self.archive.files.get(uri) or self.archive.other_pages.get(uri)
        meta = source.meta if source else dict(page.meta) if page.file.generated_by else {}
        kept: dict[str, Any] = {}
        for key in PAGE_META:
            value = meta.get(key)
            if key == "hide" and isinstance(value, list):
                kept[key] = [v for v in value if v in HIDE_VALUES]
            elif isinstance(value, str) and plain_text_value(value):
                kept[key] = value
        return kept

    @staticmethod
    def links_to_anchors(links: list[tuple[str, str, int]], files: Files) -> dict[File, dict[str, str]]:
        """The links MkDocs validates after the build (validation.anchors in mkdocs.yml)."""
        out: dict[File, dict[str, str]] = {}
        for target, anchor, _ in links:
            file = files.src_uris.get(target)  # targets are source URIs already: no path to normalise
            if file is not None and anchor:
                out.setdefault(file, {})[anchor] = f"{target}#{anchor}"
        return out

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.search_index:
            try:
                log.info(build_index(Path(config.site_dir)))
            except SearchIndexError as error:
                log.error(str(error))

    @staticmethod
    def report(problems: list[Problem]) -> None:
        for problem in problems:
            log.error(str(problem))


def _in_folder(file: File, folder: Path) -> bool:
    return bool(file.abs_src_path) and not file.generated_by and Path(str(file.abs_src_path)).is_relative_to(folder)
