"""Everything a build publishes, computed once from the archive: pages, notes, data, problems.

The MkDocs adapter asks this object for every page's HTML (meeting pages rendered from their
Markdown, generated pages written as HTML) and for the data files.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cnd_archive.errors import Problem
from cnd_archive.indexes import documents as documents_index
from cnd_archive.indexes.documents import natural_key
from cnd_archive.indexes.entities import EntityRecord
from cnd_archive.indexes.entities import collect as collect_entities
from cnd_archive.indexes.roles import Role, check_roles, read_roles
from cnd_archive.indexes.themes import (ProposedTopic, TaggedParagraph, WorkingGroupIssue, proposed_topics,
                                       tagged_paragraphs, working_group_issues)
from cnd_archive.layout import COUNTRIES_INDEX, HOME, ORGANISATIONS_INDEX, SEARCH, THEMES_INDEX, Target, body_index_uri, site_url
from cnd_archive.memo import Memos, digest
from cnd_archive.model.archive import Archive, Meeting
from cnd_archive.model.frontmatter import ContentFile
from cnd_archive.model.report import Report
from cnd_archive.publishing import open_data
from cnd_archive.publishing.anchoring import Links, apply_replacements, publish
from cnd_archive.publishing.citations import Citation, bibtex, citation_of, csl_json, paragraph_templates, ris
from cnd_archive.publishing.descriptions import meeting_description
from cnd_archive.publishing.page_inputs import Reads, archive_shape, reads
from cnd_archive.publishing.placeholder_page import KnownOfMeeting, placeholder_page
from cnd_archive.publishing.followup_notes import review_note
from cnd_archive.publishing.documents_page import documents_pages
from cnd_archive.publishing.feeds import ARCHIVE_FEED, Feed, body_feed, entity_feed, feed_files, feeds_of
from cnd_archive.publishing.search_shards import SHARD_PAGES, Shard
from cnd_archive.publishing.search_shards import plan as plan_shards
from cnd_archive.publishing.search_facets import Facets, facets
from cnd_archive.publishing.search_facets import options as search_options
from cnd_archive.publishing.site_config import Web
from cnd_archive.publishing.index_pages import (countries_index, entity_pages, organisations_index, theme_pages, themes_index,
                                                working_groups_pages)
from cnd_archive.publishing.pages import (REPORT_FACTS_CLASS, HomeCounts, body_page, citation_files_of, home_page,
                                          how_to_cite, report_facts, search_page)
from cnd_archive.publishing.resolver import Resolver, explicit_symbol_replacements
from cnd_archive.references.agenda import provisional_agenda_items
from cnd_archive.references.followup import Review, ReviewIndex, find_reviews, recommendations_target
from cnd_archive.references.mentions import Mention, broken_page_links, mention_problems, scan, scan_text
from cnd_archive.registry.gazetteer import load_gazetteer
from cnd_archive.registry.themes import Theme, vocabulary
from cnd_archive.timing import Stopwatch
from cnd_archive.publishing.html import Page, RenderedPage, render, sanitize
from cnd_archive.publishing.html_page import HtmlPage


@dataclass
class Publication:
    archive: Archive
    resolver: Resolver
    reviews: list[Review] = field(default_factory=list)
    review_index: ReviewIndex = field(default_factory=lambda: ReviewIndex({}, {}))
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)
    """Markdown of every report's page, by src_uri."""
    placeholders: dict[str, HtmlPage] = field(default_factory=dict)
    """The page of every meeting whose report is not in the archive, by src_uri."""
    links: dict[str, Links] = field(default_factory=dict)
    """The links the archive adds to each meeting page's Markdown, by src_uri."""
    generated: dict[str, HtmlPage] = field(default_factory=dict)
    """Pages that are not files in the docs folder, by src_uri."""
    data: dict[str, str] = field(default_factory=dict)
    """Open data files, by site path."""
    roles: dict[str, list[Role]] = field(default_factory=dict)
    issues: list[WorkingGroupIssue] = field(default_factory=list)
    topics: list[ProposedTopic] = field(default_factory=list)
    tagged: list[TaggedParagraph] = field(default_factory=list)
    """Paragraphs tagged with themes."""
    entities: dict[str, EntityRecord] = field(default_factory=dict)
    home_counts: HomeCounts = field(default_factory=lambda: HomeCounts(0, 0, 0))
    """What the home page counts."""
    html: dict[str, RenderedPage] = field(default_factory=dict)
    """Every page as HTML, by src_uri (``render_html``); a page missing here is withheld."""
    memos: Memos = field(default_factory=Memos.none)
    """What a rebuild in the same process may reuse (``mkdocs serve``)."""
    web: Web = field(default_factory=Web)
    descriptions: dict[str, str] = field(default_factory=dict)
    """Each page's description (search engines, link previews), by src_uri."""
    feeds: list[Feed] = field(default_factory=list)
    facets: dict[str, Facets] = field(default_factory=dict)
    """What search filters each meeting page by, by src_uri."""
    _cited_by_reports: list[str] | None = field(default=None, repr=False)
    """Every symbol the reports cite, sorted (``known_symbols``)."""
    citations: dict[str, Citation] = field(default_factory=dict)
    """How each report in the archive is cited, by src_uri."""
    shape: bytes = b""
    """The facts of the archive that every generated page may read (``page_inputs.archive_shape``)."""
    shard_pages: int = SHARD_PAGES
    search_shards: tuple[Shard, ...] = ()
    """How the meeting pages are split between search indexes (``search_shards.py``)."""

    @classmethod
    def build(cls, archive: Archive, resolver_base: str, stopwatch: Stopwatch | None = None,
              memos: Memos | None = None, web: Web | None = None,
              shard_pages: int = SHARD_PAGES) -> Publication:
        publication = cls(archive, Resolver(archive, resolver_base), memos=memos or Memos.none(), web=web or Web(),
                          shard_pages=shard_pages)
        publication.shape = archive_shape(archive, publication.resolver, publication.web)
        clock = stopwatch or Stopwatch()
        publication.problems += archive.problems
        with clock.phase("build/follow-up chain"):
            publication.reviews, problems = find_reviews(archive)
            publication.problems += problems
            publication.review_index = ReviewIndex.of_reviews(publication.reviews)
        with clock.phase("build/references in the text"):
            for meeting in archive.meetings:
                report = archive.reports.get(meeting.src_uri)
                if report is not None:
                    publication.mentions[meeting.src_uri] = publication.scan(report, meeting)
        with clock.phase("build/roles and themes"):
            publication.read_indexes()
        with clock.phase("build/meeting pages"):
            publication.render_pages()
        with clock.phase("build/generated pages and data"):
            publication.render_generated()
        return publication

    def scan(self, report: Report, meeting: Meeting) -> list[Mention]:
        inputs = (report.path, report.body_line, report.body, meeting.body, self.archive.bodies)
        return list(self.memos.scan.get(meeting.src_uri, inputs, lambda: scan(report, meeting, self.archive.bodies),
                                        stored_as=self.archive.file_key(meeting.src_uri, report.path)))

    # -- roles, themes ----------------------------------------------------------

    def read_indexes(self) -> None:
        """Participation roles and themes from front matter, each checked against the text."""
        for meeting in self.archive.meetings_sorted():
            document = self.archive.files[meeting.src_uri]
            report = self.archive.reports.get(meeting.src_uri)
            if report is None:
                topics, problems = proposed_topics(self.archive, meeting, document)
                self.topics += topics
                self.problems += problems
                continue
            inputs = (document.path, document.front_matter, report.body_line, report.body)
            roles, problems = self.memos.roles.get(meeting.src_uri, inputs,
                                                   lambda: self.checked_roles(document, report),
                                                   stored_as=self.archive.file_key(meeting.src_uri, document.path))
            self.problems += problems
            self.roles[meeting.src_uri] = roles
            issues, problems = working_group_issues(report, meeting, document)
            self.issues += issues
            self.problems += problems
            tagged, problems = tagged_paragraphs(report, meeting, document)
            self.tagged += tagged
            self.problems += problems

    @staticmethod
    def checked_roles(document: ContentFile, report: Report) -> tuple[list[Role], list[Problem]]:
        gazetteer = load_gazetteer()
        roles, problems = read_roles(document, gazetteer)
        return roles, problems + check_roles(roles, report, gazetteer)

    # -- meeting pages -------------------------------------------------------

    def anchors_by_uri(self) -> dict[str, set[str]]:
        known: dict[str, set[str]] = {}
        for meeting in self.archive.meetings:
            report = self.archive.reports.get(meeting.src_uri)
            if report is not None:
                footnotes = {f"fn:{label}" for label in report.footnote_labels}
                known[meeting.src_uri] = {e.id for e in report.elements} | footnotes
        return known

    def render_pages(self) -> None:
        anchors = self.anchors_by_uri()
        for meeting in self.archive.meetings:
            if meeting.kind == "report":
                made = self.memos.meeting_page.get(meeting.src_uri, self.report_reads(meeting),
                                                   lambda: self.render_report(meeting))
                self.pages[meeting.src_uri], self.links[meeting.src_uri] = made.markdown, made.links
                self.citations[meeting.src_uri] = made.citation
                self.problems += made.problems
            else:
                links = self.links[meeting.src_uri] = Links()
                page = self.placeholders[meeting.src_uri] = self.render_placeholder(meeting, links)
                own_words = page.embedded.values()
                anchors[meeting.src_uri] = set(page.ids).union(*(_anchors_in(source) for source, _ in own_words))
            self.descriptions[meeting.src_uri] = meeting_description(meeting, self.archive.reports.get(meeting.src_uri))
        for meeting in self.archive.meetings:
            document = self.archive.files[meeting.src_uri]
            self.problems += broken_page_links(document.body, document.body_line, document.path,
                                               meeting.src_uri, anchors)

    def report_reads(self, meeting: Meeting) -> Reads:
        """A report's page reads its own file, the files of the meetings that reviewed its
        recommendations (the notes after them), and the archive's shape (links to other meetings)."""
        reviewers = [review.reviewing for review in self.review_index.of.get(meeting, [])]
        return reads(self.shape, self.archive, [meeting, *reviewers])

    def render_report(self, meeting: Meeting) -> ReportPage:
        report = self.archive.reports[meeting.src_uri]
        mentions = self.mentions[meeting.src_uri]
        links = Links()
        problems = mention_problems(mentions, self.archive, report.path)
        replacements = self.resolver.replacements(mentions, meeting, links)
        explicit, explicit_problems = explicit_symbol_replacements(report.body, report.body_line, report.path,
                                                                   self.resolver, meeting.src_uri)
        for line, items in explicit.items():
            replacements.setdefault(line, []).extend(items)
        notes = self.followup_notes(meeting)
        title = next((e for e in report.elements if e.kind == "title"), None)
        if title is not None:
            notes.setdefault(title.line, []).insert(0, report_facts(meeting, self.resolver))
        cited = citation_of(meeting, self.web.absolute(Target(meeting.src_uri).url) or Target(meeting.src_uri).url)
        notes.setdefault(report.body_line + report.body.count("\n"), []).append(how_to_cite(meeting, cited))
        return ReportPage(publish(report, links, replacements, notes), links, problems + explicit_problems, cited)

    def followup_notes(self, meeting: Meeting) -> dict[int, list[str]]:
        """Notes after the recommendations heading and after each recommendation."""
        reviews = self.review_index.of.get(meeting, [])
        report = self.archive.reports[meeting.src_uri]
        if not reviews:
            return {}
        notes: dict[int, list[str]] = {}
        heading = recommendations_target(self.archive, meeting).anchor
        for element in report.elements:
            if element.id == heading:
                notes.setdefault(element.line, []).append(review_note(reviews, meeting, "these recommendations"))
            elif element.recommendation:
                notes.setdefault(element.end_line, []).append(review_note(reviews, meeting, None))
        return notes

    def render_placeholder(self, meeting: Meeting, links: Links) -> HtmlPage:
        approving, agenda, problems = provisional_agenda_items(meeting, self.archive)
        self.problems += problems
        document = self.archive.files[meeting.src_uri]
        explicit, problems = explicit_symbol_replacements(document.body, document.body_line, document.path,
                                                          self.resolver, meeting.src_uri)
        self.problems += problems
        own_words = None
        if document.body.strip():
            mentions = scan_text(document.body, meeting, self.archive.bodies, document.body_line)
            self.mentions[meeting.src_uri] = mentions
            self.problems += mention_problems(mentions, self.archive, document.path)
            replacements = self.resolver.replacements(mentions, meeting, links)
            for line, items in explicit.items():
                replacements.setdefault(line, []).extend(items)
            body = apply_replacements(document.body, document.body_line, replacements)
            own_words = body, Page(meeting.src_uri, document.path, document.body_line, links=tuple(links.attributes))
        known = KnownOfMeeting(approving, agenda, self.review_index.by.get(meeting, []),
                               self.review_index.of.get(meeting, []), [t for t in self.topics if t.meeting == meeting],
                               self.known_symbols(meeting))
        return placeholder_page(meeting, known, own_words, self.archive, self.resolver)

    def known_symbols(self, meeting: Meeting) -> list[str]:
        """The symbols of a meeting's documents that the archive knows: its report's (front matter)
        and those of its series that the reports cite."""
        if self._cited_by_reports is None:  # once for all placeholders, sorted so a series is one range
            self._cited_by_reports = sorted({symbol for m in self.archive.meetings if m.kind == "report"
                                             for mention in self.mentions.get(m.src_uri, [])
                                             for symbol in mention.symbols})
        cited = self._cited_by_reports
        series = f"{meeting.body.symbol_prefix}{meeting.number}/"
        start = bisect.bisect_left(cited, series)
        end = bisect.bisect_left(cited, series[:-1] + chr(ord("/") + 1), start)
        own = meeting.meta.get("symbol")
        return sorted({*cited[start:end], *([own] if isinstance(own, str) and own else [])}, key=natural_key)

    # -- generated pages and data --------------------------------------------

    def render_generated(self) -> None:
        # Mentions of placeholders are known only once their pages are rendered.
        self.entities = collect_entities(self.archive, self.roles, self.mentions, load_gazetteer())
        self.feeds = feeds_of(self.archive, self.web, self.entities.values())
        feeds = feed_files(self.feeds, self.web, self.descriptions, self.memos.feeds,  # meetings are described by now
                           lambda feed: (feed.path, feed.title, feed.page, self.files_read(feed.meetings)))
        participants: dict[str, list[tuple[str, Meeting, Role]]] = {}  # what a body's page tells of its meetings
        for record in self.entities.values():
            for meeting, role in record.roles:
                participants.setdefault(meeting.body.code, []).append((record.entity.id, meeting, role))
        for body in self.archive.bodies:
            meetings = self.archive.meetings_of(body)
            if meetings:
                feed = _if_written(body_feed(body.slug), feeds)
                self.generated[body_index_uri(body.slug)] = self.generated_page(
                    body_index_uri(body.slug), (participants.get(body.code, []), feed),
                    lambda: body_page(body, meetings, self.entities, feed))
        entries = documents_index.collect(self.archive, self.mentions)
        self.generated.update(documents_pages(entries, self.archive, self.resolver, self.generated_page))
        self.generated[COUNTRIES_INDEX] = countries_index(self.entities, self.archive).seal()
        self.generated[ORGANISATIONS_INDEX] = organisations_index(self.entities).seal()
        for record in self.entities.values():
            self.generated.update((p.src_uri, p) for p in self.entity_pages(record, feeds))
        self.generated[THEMES_INDEX] = themes_index(vocabulary(), self.issues, self.topics, self.tagged).seal()
        for subject in vocabulary():
            self.generated.update((p.src_uri, p) for p in self.theme_pages(subject))
        self.generated.update((p.src_uri, p) for p in sealed(working_groups_pages(self.issues, self.archive)))
        self.facets = facets(self.archive, self.entities.values(), self.issues, self.tagged)
        names = {record.entity.id: record.entity.name for record in self.entities.values()}
        self.search_shards = plan_shards(((body.slug, len(self.archive.meetings_of(body)))
                                          for body in self.archive.bodies), self.shard_pages)
        self.generated[SEARCH] = search_page(search_options(self.archive, self.facets, names), self.search_shards).seal()
        self.data = open_data.files(open_data.Holdings(
            self.archive, self.review_index, self.resolver, self.entities, self.issues, self.topics, entries,
            self.tagged, self.memos.data.get, self.shape))
        self.data.update(self.citation_files())
        self.descriptions.update((uri, page.description) for uri, page in self.generated.items() if page.description)
        self.data.update(feeds)
        self.home_counts = HomeCounts(sum(len(r.recommendations) for r in self.archive.reports.values()), len(entries),
                                 len(self.entities), ARCHIVE_FEED if ARCHIVE_FEED in feeds else None)

    def generated_page(self, slot: str, inputs: object, compute: Callable[[], HtmlPage]) -> HtmlPage:
        """A generated page by its inputs: the archive's shape and the values it lists."""
        page: HtmlPage = self.memos.generated.get(slot, (self.shape, inputs), lambda: compute().seal())
        return page

    def entity_pages(self, record: EntityRecord, feeds: Mapping[str, str]) -> list[HtmlPage]:
        """A country's pages read its roles, the paragraph around each mention (its words are quoted)
        and the recommendations of each meeting it attended."""
        feed = _if_written(entity_feed(record.entity.id), feeds)
        quoted = [(m.src_uri, m.cited_at, m.wording, self.quoted_element(m)) for m in record.mentions]
        attended = [(meeting.src_uri, len(self.archive.reports[meeting.src_uri].recommendations),
                     recommendations_target(self.archive, meeting)) for meeting in record.attended()
                    if meeting.src_uri in self.archive.reports]
        inputs = (self.shape, record.entity.id, record.roles, quoted, attended, feed)
        return list(self.memos.generated.get(f"entity:{record.entity.id}", inputs,
                                             lambda: sealed(entity_pages(record, self.archive, feed)),
                                             stored_as=(record.entity.id, feed, self.files_read(record.sources()))))

    def files_read(self, meetings: Iterable[Meeting | str]) -> Reads:
        """What a result that reads these meetings' files reads (``page_inputs.reads``): the archive's
        shape and each file's fingerprint, which the build cache keys it by."""
        return reads(self.shape, self.archive, meetings)

    def quoted_element(self, mention: Mention) -> str | None:
        report = self.archive.reports.get(mention.src_uri)
        element = report.by_id().get(mention.cited_at.anchor) if report else None
        return element.text if element else None

    def theme_pages(self, subject: Theme) -> list[HtmlPage]:
        """A theme's pages list its issues, topics and paragraphs, and read nothing else of the reports."""
        issues = [i for i in self.issues if subject.id in i.themes]
        topics = [t for t in self.topics if subject.id in t.themes]
        tagged = [p for p in self.tagged if p.theme == subject.id]
        files = [*(i.meeting for i in issues), *(t.meeting for t in topics), *(p.meeting for p in tagged)]
        return list(self.memos.generated.get(f"theme:{subject.id}", (self.shape, issues, topics, tagged),
                                             lambda: sealed(theme_pages(subject, issues, topics, tagged)),
                                             stored_as=(subject.id, self.files_read(files))))

    def citation_files(self) -> dict[str, str]:
        """Each report's citation as BibTeX, RIS and CSL-JSON, for reference managers."""
        files: dict[str, str] = {}
        for uri, cited in self.citations.items():
            meeting = self.archive.meeting_at(uri)
            assert meeting is not None  # a citation is made for a meeting of the archive
            paths = citation_files_of(meeting)
            files.update({paths["BibTeX"]: bibtex(cited), paths["RIS"]: ris(cited), paths["CSL-JSON"]: csl_json(cited)})
        return files

    # -- HTML -------------------------------------------------------------------

    def render_html(self, site: Mapping[str, str], mapper: Mapper = map) -> None:
        """Every page as HTML from the tokens the checks read; ``site`` maps each file's source to its URL.

        A page with a problem in its body is withheld: it gets no HTML here. The meeting pages, each
        rendered on its own, go through ``mapper`` (a pool of processes may render them side by side)."""
        site_key = site_digest(site)
        jobs = [RenderJob(self.meeting_page(m), self.pages[m.src_uri], site, site_key, self.report_reads(m))
                for m in self.archive.meetings if m.src_uri not in self.archive.withheld and m.src_uri in self.pages]
        fresh = [job for job in jobs if not self.memos.render.holds(job.page.src_uri, job.inputs, job.stored_as)]
        strings: dict[str, str] = {}
        rendered = {job.page.src_uri: page.share_strings(strings)
                    for job, page in zip(fresh, mapper(render_job, fresh))}
        for job in jobs:
            uri = job.page.src_uri
            self._keep_rendered(uri, self.memos.render.get(
                uri, job.inputs, lambda: rendered[uri] if uri in rendered else render_job(job), job.stored_as))
        del jobs, fresh, rendered, strings
        if not self.memos.meeting_page.keep:
            self.release_report_markdown()
        for uri, placeholder in self.placeholders.items():
            if uri not in self.archive.withheld:
                self._keep_rendered(uri, placeholder.finish(site, self.sanitizer(uri)))
        for uri, generated in self.generated.items():
            self._keep_rendered(uri, self.memos.finished.get(uri, (generated, site_key),
                                                             lambda: generated.finish(site, self.sanitizer(uri))))
            if not self.memos.finished.keep:
                generated.release()  # its HTML is kept in self.html now
        for uri, document in self.archive.other_pages.items():
            if uri == HOME:
                self._keep_home(document.path, document.body, document.body_line, site)
            else:
                self._keep(Page(uri, document.path, document.body_line), document.body, site, site_key)

    def release_report_markdown(self) -> None:
        """A one-off build needs a report's annotated Markdown and its links only to render its HTML:
        about a tenth of the build's memory at 1,000 reports, let go before the other pages are
        finished (the addresses stay: ``site_map`` and ``withheld_urls`` read them)."""
        for uri in self.pages:
            self.pages[uri] = ""
            self.links[uri] = Links()

    def sanitizer(self, uri: str) -> Callable[[str], str]:
        """The sanitizer, for a rebuild that keeps what it made of the same HTML last time."""
        return lambda written: str(self.memos.sanitized.get(uri, written, lambda: sanitize(written)))

    def meeting_page(self, meeting: Meeting) -> Page:
        document = self.archive.files[meeting.src_uri]
        cited = self.citations.get(meeting.src_uri)
        attributes = {REPORT_FACTS_CLASS: paragraph_templates(cited)} if cited else {}
        return Page(meeting.src_uri, document.path, document.body_line, attributes=attributes,
                    links=tuple(self.links[meeting.src_uri].attributes))

    def _keep(self, page: Page, markdown: str, site: Mapping[str, str], site_key: bytes) -> None:
        if page.src_uri in self.archive.withheld:
            return  # its body failed the safety check when it was read, with the line to fix
        rendered = self.memos.render.get(page.src_uri, (page, markdown, site_key), lambda: render(markdown, page, site))
        self._keep_rendered(page.src_uri, rendered)

    def _keep_rendered(self, uri: str, rendered: RenderedPage) -> None:
        self.problems += rendered.problems
        if not rendered.problems and uri not in self.archive.withheld:
            self.html[uri] = rendered

    def _keep_home(self, path: str, markdown: str, first_line: int, site: Mapping[str, str]) -> None:
        """The home page: its own words, with the archive's summary before their first section."""
        if HOME in self.archive.withheld:
            return
        intro, rest = _split_at_first_section(markdown)
        page = home_page(self.archive, self.home_counts, (intro, Page(HOME, path, first_line)),
                         (rest, Page(HOME, path, first_line + intro.count("\n") + 1)))
        self._keep_rendered(HOME, page.finish(site))

    def withhold(self, uris: set[str]) -> None:
        """Pages that are not published (another file has their address): never rendered or linked."""
        self.archive.withheld |= uris
        for uri in uris:
            self.archive.other_pages.pop(uri, None)
            self.archive.unreadable.discard(uri)

    def site_map(self, static_files: list[str]) -> dict[str, str]:
        """The URL of every file of the site, by its source: pages, data and static files."""
        sources = [*self.pages, *self.placeholders, *self.generated, *self.archive.other_pages, *self.archive.unreadable,
                   *self.data, *static_files]
        return {uri: site_url(uri) for uri in sources}

    def published(self) -> dict[str, list[str]]:
        """Every published page's URL with its anchors: the promise that permalinks.json records."""
        return {Target(uri).url: sorted(page.anchors) for uri, page in self.html.items()}

    def withheld_urls(self) -> set[str]:
        """Pages not published because of a problem: the record is not held against them, as the
        problem itself is what to fix."""
        sources = {*self.pages, *self.placeholders, *self.generated, *self.archive.other_pages, *self.archive.unreadable}
        return {Target(uri).url for uri in sources if uri not in self.html}


@dataclass(frozen=True)
class ReportPage:
    """A report's page as Markdown, with the links the archive added and how the report is cited."""

    markdown: str
    links: Links
    problems: list[Problem]
    citation: Citation


Mapper = Callable[[Callable[["RenderJob"], RenderedPage], Sequence["RenderJob"]], Iterable[RenderedPage]]
"""``map``, or a pool's ``map``: how the meeting pages are rendered."""


@dataclass(frozen=True)
class RenderJob:
    page: Page
    markdown: str
    site: Mapping[str, str]
    site_key: bytes
    """``site_digest(site)``, computed once for all the pages."""
    reads: Reads
    """What the page's Markdown is made from (``Publication.report_reads``)."""

    @property
    def inputs(self) -> tuple[Page, str, bytes]:
        return self.page, self.markdown, self.site_key

    @functools.cached_property
    def stored_as(self) -> tuple[Reads, bytes]:
        """What the build cache keys the page's HTML by: what its Markdown is made from, and the
        site, rather than the Markdown itself (which costs more to digest). One value, so that the
        store digests it once between ``holds`` and ``get``."""
        return self.reads, self.site_key


def site_digest(site: Mapping[str, str]) -> bytes:
    """What a page's HTML reads of the site: every file's source and URL (links are checked against it)."""
    return digest(*(f"{uri}\0{url}".encode("utf-8") for uri, url in sorted(site.items())))


def render_job(job: RenderJob) -> RenderedPage:
    """One meeting page's HTML: a function of its job alone, so a pool's processes can run it."""
    return render(job.markdown, job.page, job.site)


def sealed(pages: Iterable[HtmlPage]) -> list[HtmlPage]:
    return [page.seal() for page in pages]


def _if_written(feed: str, written: Mapping[str, str]) -> str | None:
    return feed if feed in written else None


_ANCHOR_RE = re.compile(r"\{#([A-Za-z][\w:]*)")


def _anchors_in(markdown: str) -> set[str]:
    return set(_ANCHOR_RE.findall(markdown))



def _split_at_first_section(markdown: str) -> tuple[str, str]:
    lines = markdown.split("\n")
    section = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
    return "\n".join(lines[:section]), "\n".join(lines[section:])
