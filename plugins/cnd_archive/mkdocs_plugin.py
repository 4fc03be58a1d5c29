"""The MkDocs adapter: hands MkDocs's events to the core and reports its problems.

Nothing here decides anything about reports; it moves data between MkDocs and the core.
"""

from __future__ import annotations

import gc
import functools
import html
import logging
import os
import threading
import time
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from mkdocs.structure.toc import get_toc
from markupsafe import Markup
import jinja2

from cnd_archive.build_cache import CACHE_DIR, PageCache, templates_version
from cnd_archive.result_store import forget_disk, keep_on_disk, results_summary
from cnd_archive.errors import Problem
from cnd_archive.layout import FOLDED_SECTIONS, body_index_uri, navigation_order, section_page, site_url
from cnd_archive.memo import Memos, digest
from cnd_archive.model.archive import Archive
from cnd_archive.model.safety import plain_text_value
from cnd_archive.publishing.html import toc_tokens
from cnd_archive.publishing.permalink_record import RECORD_FILE
from cnd_archive.checking.pipeline import publish
from cnd_archive.publishing.publication import Publication
from cnd_archive.publishing.search_cache import SearchCache
from cnd_archive.publishing.search_shards import SHARD_PAGES
from cnd_archive.publishing.search_index import PreviewIndex, SearchIndexError, build_index
from cnd_archive.publishing.pages import withheld_page
from cnd_archive.publishing.page_frame import Frame, frame_of, issue_form, site_feeds
from cnd_archive.publishing.site_config import Project, Web
from cnd_archive.registry.bodies import Body
from cnd_archive.workers import Workers

log = get_plugin_logger(__name__)


PAGE_META = ("title", "description", "hide")
"""What a theme may read of a page's front matter; each value is plain text (or a list of it)."""
HIDE_VALUES = ("navigation", "toc", "footer", "path")
THEME_DIR = Path(__file__).parent / "theme"
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
"""Material's built-in search (lunr and its worker), which no page of the archive loads."""
REUSED_TEMPLATE = "cnd-reused.html"
"""An empty template: the page's output is that of the last build (``reuse_unchanged_pages``)."""
ONE_OFF_COMMANDS = ("build", "gh-deploy")
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
    search_shard_pages = c.Type(int, default=SHARD_PAGES)
    """At most this many meeting pages in one search index: Pagefind's memory grows with it."""
    cache = c.Type(bool, default=True)
    """Keep each file's results and each laid-out page in .cache/cnd-archive/ for the next build
    (``result_store.py``, ``build_cache.py``)."""


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    archive: Archive
    publication: Publication
    nav: Navigation
    memos: Memos | None = None
    output_inputs: dict[str, tuple[Frame, bytes]] = {}
    """Each page's frame, and the digest of everything the theme reads of it and of the site (by
    which its last output is reused)."""
    page_cache: PageCache | None = None
    search_cache: SearchCache | None = None
    rebuilding = False
    """True after a preview's first build."""
    one_off = False
    """``mkdocs build`` (or gh-deploy): the process ends with the build."""
    cached_outputs: dict[str, bytes] = {}
    """Pages of this build written from the build cache, by source (compressed until written)."""
    dirty = False
    """``mkdocs serve --dirty``: a page whose theme inputs are unchanged is not written again."""
    preview_index: PreviewIndex | None = None
    files: Files
    written: set[Path] = set()
    """Every file the last dirty build wrote or kept in the site."""
    generated_contents: dict[str, str] = {}
    """The data files, feeds and redirects in the site, by path (a dirty build's)."""
    writing: dict[str, str] = {}
    """Those the build under way writes."""
    templates: jinja2.BytecodeCache
    workers = Workers.none()
    """The processes that render meeting pages and write the build cache (a one-off build's)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook keeps the plugin across the rebuilds of `mkdocs serve`, so the work
        # on unchanged pages is reused; each result is keyed by all its inputs (see memo.py).
        self.one_off = command in ONE_OFF_COMMANDS
        self.memos = Memos() if command == "serve" else None
        self.templates = CompiledTemplates()
        self.preview_index = PreviewIndex(lambda level, message: log.log(level, message)) if self.memos else None
        self.dirty = command == "serve" and dirty
        if self.dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_build_warning)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.preview_index is not None:
            self.preview_index.stop()  # it reads the pages this build is about to rewrite

    def on_build_error(self, *, error: Exception) -> None:
        self.workers.stop()

    def on_shutdown(self) -> None:
        self.workers.close()
        if self.preview_index is not None:
            self.preview_index.stop()
        if self.one_off:
            # The process ends next, and Python's exit runs the cycle collector over every object
            # still alive (a site's worth: about 5 s at 1,000 reports) only to free what the
            # system frees anyway. Frozen objects are left out of that scan.
            gc.freeze()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.search_shard_pages < 1:
            raise PluginError(f"cnd-archive: search_shard_pages is {self.config.search_shard_pages}; "
                              f"give it a number of pages of at least 1 (the default is {SHARD_PAGES})")
        # The archive's templates (link previews, feeds, the 404 page) come before Material's.
        config.theme.dirs.insert(0, str(THEME_DIR))
        return config

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """What the pages outside the archive's own (the 404 page) show: the ways in. In a serve rebuild,
        the pages whose every input to the theme is as before are not laid out again."""
        self.files = files
        if self.memos is not None:
            env.bytecode_cache = self.templates  # MkDocs makes a new environment for every build
        web = self.publication.web
        env.globals["cnd_bodies"] = [{"label": f"{b.code}: {b.short_name}", "path": site_url(body_index_uri(b.slug))}
                                     for b in self.archive.bodies if self.archive.meetings_of(b)]
        env.globals["cnd_site_feeds"] = site_feeds(self.publication.feeds, web)
        env.globals["cnd_issue_form"] = issue_form(web)
        if self.memos is not None or self.page_cache is not None:
            self.reuse_unchanged_pages(files, config)
        return env

    def reuse_unchanged_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Material lays out a page in about 10 ms. A page whose theme inputs all equal those of the
        last build (of this preview, or kept in the build cache) is written from that build's output
        instead: its content, front matter, table of contents, neighbours, the frame the archive
        adds, the whole navigation (every page shows it), the configuration and the templates."""
        site = (_navigation_print(self.nav), Path(config.config_file_path).read_bytes(),
                templates_version(list(config.theme.dirs)))
        site_digest = digest(repr(site).encode("utf-8"))
        self.output_inputs, self.cached_outputs = {}, {}
        for file in files.documentation_pages():
            page, rendered = file.page, self.publication.html.get(file.src_uri)
            if page is None or rendered is None:
                continue
            frame = self.frame(file.src_uri, rendered.title or "")
            described = (_meta_print(page.meta), _toc_print(rendered.headings), str(page.title), _neighbours(page),
                         page.url, frame)
            key = digest(rendered.html_deflated, repr(described).encode("utf-8"), site_digest)
            self.output_inputs[file.src_uri] = (frame, key)
            if self.memos is not None and self.memos.output.holds(file.src_uri, key):
                if self.dirty and os.path.isfile(file.abs_dest_path):
                    file.is_modified = _unchanged  # type: ignore[method-assign]  # as it would be written
                    continue
                page.meta["template"] = REUSED_TEMPLATE
            elif self.page_cache is not None and (cached := self.page_cache.get_compressed(file.src_uri, key)) is not None:
                self.cached_outputs[file.src_uri] = cached
                page.meta["template"] = REUSED_TEMPLATE

    def frame(self, src_uri: str, title: str) -> Frame:
        publication = self.publication
        return frame_of(src_uri, title, publication.archive, publication.feeds, publication.web,
                        publication.citations.get(src_uri), publication.facets.get(src_uri))

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for file in [f for f in files if f.src_uri.startswith(UNUSED_THEME_FILES)]:
            files.remove(file)  # Material's own search: the archive's is Pagefind
        project = self.project(config)
        self.workers = self.start_workers(project)
        self.page_cache = PageCache(project.root / CACHE_DIR, self.workers.later) if self.config.cache else None
        self.search_cache = SearchCache(project.root / CACHE_DIR) if self.config.cache else None
        theme_files = [f.src_uri for f in files if not f.is_documentation_page() and not _in_folder(f, project.docs_dir)]
        memos = self.memos if self.memos is not None else Memos.none()
        # A preview's first build reads (and writes) each file's results on disk; its rebuilds keep
        # them in memory, so a save costs no writing of results that the next save replaces.
        stored = self.config.cache and not self.rebuilding
        if stored:
            keep_on_disk(memos, project.root / CACHE_DIR, self.workers.later)
        outcome = publish(project, theme_files, memos=memos, mapper=self.workers.map)
        if stored:
            log.info(results_summary(memos, CACHE_DIR))
            forget_disk(memos)
        self.rebuilding = self.memos is not None
        self.archive, self.publication = outcome.publication.archive, outcome.publication
        for file in [f for f in files if _in_folder(f, project.docs_dir) and f.src_uri not in outcome.published_files]:
            files.remove(file)
        for uri, content in outcome.generated.items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)  # a file of the theme's at that path: the archive's own comes first
            files.append(File.generated(config, uri, content=content))
        if self.dirty:
            self.mark_unchanged_files(files, outcome.generated)
        record_problems = outcome.record_problems
        if not project.record.exists():
            log.info("no permalink record at %s: published anchors are not checked", project.record)
            record_problems = []
        self.report(self.publication.problems + record_problems)
        return files

    def mark_unchanged_files(self, files: Files, generated: Mapping[str, str]) -> None:
        """What a dirty build writes again. Every page is read, cheaply, from what the archive has
        rendered, so the navigation of the pages written again shows every page's title; which
        pages are written is decided in ``on_env``. A data file, feed or redirect whose content
        equals what is in the site already is not written again."""
        for file in files.documentation_pages():
            file.is_modified = _changed  # type: ignore[method-assign]
        for uri, content in generated.items():
            written = files.get_file_from_path(uri)
            if written is None or written.is_documentation_page():
                continue
            if self.generated_contents.get(uri) == content and os.path.isfile(written.abs_dest_path):
                written.is_modified = _unchanged  # type: ignore[method-assign]
        self.writing = {uri: content for uri, content in generated.items() if not uri.endswith(".md")}

    def project(self, config: MkDocsConfig) -> Project:
        """The project as MkDocs read its configuration: the plugin's options are read once, here."""
        assets = frozenset({*config.extra_css, *(str(getattr(s, "path", s)) for s in config.extra_javascript)})
        return Project.of_options(Path(config.config_file_path).parent, Path(config.docs_dir), dict(self.config),
                                  assets, Web.of(config.site_url, config.repo_url, config.site_name))

    def start_workers(self, project: Project) -> Workers:
        """A one-off build of a large archive renders the meeting pages, and writes the build cache, in
        a process per processor (``workers.py``). A small archive is not worth starting processes for,
        and a serve rebuild renders only the pages that changed, in its own process (forking a process
        that serves, with its threads, is not safe)."""
        if self.memos is not None or _meeting_files(project) < PARALLEL_FROM:
            return Workers.none()
        return Workers.start()

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        # The HTML is held compressed until its page is written (RenderedPage), then let go.
        uri = page.file.src_uri
        rendered = self.publication.html.get(uri)
        if rendered is not None and page.meta.get("template") != REUSED_TEMPLATE:
            page.content = rendered.html
            held = self.output_inputs.get(uri)
            cast(dict[str, Any], context)["cnd_page"] = held[0] if held else self.frame(uri, rendered.title or "")
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        uri = page.file.src_uri
        if uri in self.publication.html:
            page.content = ""  # written: nothing reads it again
        held = self.output_inputs.get(uri)
        if held is None:
            return output
        key = held[1]
        cached = self.cached_outputs.pop(uri, None)
        if cached is not None:
            output = PageCache.page(cached)
        elif self.page_cache is not None and not (self.memos is not None and self.memos.output.holds(uri, key)):
            self.page_cache.put(uri, key, output)
        if self.memos is not None and self.dirty:
            self.memos.output.get(uri, key, lambda: b"")  # what the page in the site was written from
        elif self.memos is not None:
            # Kept compressed, as the pages' HTML is: a site's pages would otherwise all stay in memory.
            kept = self.memos.output.get(uri, key, lambda: zlib.compress(output.encode("utf-8"), 1))
            output = zlib.decompress(kept).decode("utf-8")
        return output

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        bodies = self.archive.bodies
        self.name_sections(nav.items)
        for item in nav.items:
            if isinstance(item, Section):
                self.order_body_section(item, bodies)
                self.fold_index_section(item)
        order = navigation_order(body.slug for body in bodies)
        nav.items.sort(key=lambda item: self.top_level_rank(item, order))
        self.relink_pages(nav)
        self.nav = nav
        return nav

    def name_sections(self, items: list[Any]) -> None:
        """Each section (and so each breadcrumb) is named after its index page, "Guatemala" and not the
        folder's "Gtm"."""
        for item in items:
            if not isinstance(item, Section):
                continue
            self.name_sections(item.children)
            page = section_page(_page_uris(item))
            rendered = self.publication.html.get(page) if page else None
            if rendered is not None and rendered.title:
                item.title = template_text(rendered.title)

    @staticmethod
    def fold_index_section(section: Section) -> None:
        """A section of one page per country or theme shows its index only: hundreds of
        entries in every page's navigation would cost readers and the build alike."""
        index = next((p for p in section.children if isinstance(p, Page)
                      and p.file.src_uri in FOLDED_SECTIONS), None)
        if index is not None:
            section.children[:] = [index]

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
        section.title = template_text(f"{body.code}: {body.short_name}")

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
        page.content = "" if rendered else withheld_page(page.file.src_uri)  # the HTML comes when the page is written
        page.toc = get_toc(toc_tokens(rendered.headings)) if rendered else get_toc([])  # type: ignore[arg-type]
        title = rendered.title if rendered else "Page withheld"
        page._title_from_render = template_text(title) if title else None
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
                kept[key] = template_text(value)
        description = self.publication.descriptions.get(uri)
        if "description" not in kept and description:
            kept["description"] = template_text(description)
        return kept

    @staticmethod
    def links_to_anchors(links: list[tuple[str, str, int]], files: Files) -> dict[File, dict[str, str]]:
        """The links MkDocs validates after the build (validation.anchors in mkdocs.yml)."""
        out: dict[File, dict[str, str]] = {}
        by_uri = files.src_uris
        for target, anchor, _ in links:
            file = by_uri.get(target)  # targets are source URIs already: no path to normalise
            if file is not None and anchor:
                out.setdefault(file, {})[anchor] = f"{target}#{anchor}"
        return out

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.workers.close()  # the build cache is whole from here on
        if self.memos is not None:
            threading.Thread(target=_tidy_memory, daemon=True).start()
        if self.page_cache is not None:
            cache = self.page_cache
            damaged = [why for why in cache.ignored if not why.endswith("other inputs")]
            log.info("build cache: %d of %d pages written from %s%s", cache.hits, len(self.output_inputs),
                     CACHE_DIR, f"; ignored {len(damaged)} entries, first {damaged[0]}" if damaged else "")
        if self.dirty:
            self.generated_contents = self.writing  # in the site now
            self.remove_stale_files(Path(config.site_dir))
        if not self.config.search_index:
            return
        shards = self.publication.search_shards
        if self.dirty and self.preview_index is not None:
            self.preview_index.start(Path(config.site_dir), shards, self.search_cache)
            return
        try:
            log.info(build_index(Path(config.site_dir), shards, self.search_cache))
        except SearchIndexError as error:
            log.error(str(error))

    def remove_stale_files(self, site_dir: Path) -> None:
        """A dirty build writes over the last one: what the last one wrote and this one does not
        (a deleted or renumbered report's page, a country no longer mentioned) is removed."""
        written = {Path(f.abs_dest_path) for f in self.files}
        for path in self.written - written:
            if path.is_relative_to(site_dir) and path.is_file():
                path.unlink()
                _remove_empty_folders(path.parent, site_dir)
        self.written = written

    @staticmethod
    def report(problems: list[Problem]) -> None:
        for problem in problems:
            log.error(str(problem))


def template_text(value: str) -> Markup:
    """Plain text for the theme's templates, which do not escape: escaped here, once, and marked so
    that a template's own ``| e`` does not escape it again."""
    return Markup(html.escape(value, quote=True))


def _navigation_print(nav: Navigation) -> tuple[Any, ...]:
    """The navigation as every page shows it: each entry's kind, title and address, in order."""
    def walk(items: list[Any]) -> tuple[Any, ...]:
        return tuple((type(item).__name__, str(item.title), getattr(item, "url", None),
                      walk(item.children) if isinstance(item, Section) else ()) for item in items)
    return walk(nav.items)


def _neighbours(page: Page) -> tuple[Any, ...]:
    return tuple((p.url, str(p.title)) if p is not None else None for p in (page.previous_page, page.next_page))


def _meta_print(meta: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((key, str(value)) for key, value in meta.items() if key != "template"))


def _toc_print(headings: list[Any]) -> tuple[Any, ...]:
    return tuple((h.level, h.id, h.text) for h in headings)


def _page_uris(section: Section) -> list[str]:
    return [p.file.src_uri for p in section.children if isinstance(p, Page)] + \
        [u for child in section.children if isinstance(child, Section) for u in _page_uris(child)]


def _meeting_files(project: Project) -> int:
    """About how many meeting pages a site has, before reading them (to choose how to render them)."""
    bodies, _ = project.readable_bodies()  # a bodies.yml that cannot be read is reported by the pipeline
    return sum(len(list((project.docs_dir / body.slug).glob("*.md"))) for body in bodies
               if (project.docs_dir / body.slug).is_dir())


def _in_folder(file: File, folder: Path) -> bool:
    return bool(file.abs_src_path) and not file.generated_by and Path(str(file.abs_src_path)).is_relative_to(folder)


DIRTY_BUILD_WARNING = "A 'dirty' build is being performed"


def _dirty_build_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may leave navigation and links inaccurate: the archive writes
    again every page whose navigation, links or content changed (``reuse_unchanged_pages``), so
    the warning does not hold, and it would stop every strict preview."""
    return not str(record.msg).startswith(DIRTY_BUILD_WARNING)


def _changed() -> bool:
    return True


def _unchanged() -> bool:
    return False


def _remove_empty_folders(folder: Path, site_dir: Path) -> None:
    while folder != site_dir and folder.is_relative_to(site_dir) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per preview, not once per save. Jinja checks each
    template's source against the checksum kept with its code, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.kept.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


TIDY_DELAY = 1.0
"""Seconds after a preview's build before its memory is tidied: time for the browsers to reload."""


def _tidy_memory() -> None:
    """A preview keeps a site's worth of results between saves, over a million objects that Python's
    cycle collector would otherwise scan again in the middle of a rebuild (about a second at 300
    reports). Once the page has reloaded, the collector runs once over everything, and what is alive
    then is left out of its later scans (``gc.freeze``); the next tidy-up frees what became garbage
    meanwhile, so memory stays that of one build."""
    time.sleep(TIDY_DELAY)
    gc.unfreeze()
    gc.collect()
    gc.freeze()
