"""The archive of record: every word of the source, in order, in the rendered page.

The source is read here with its own small rules, independent of the importer, so that
a mistake in the importer cannot hide itself: page footers and footnote markers are the
only things dropped, and footnote texts are checked, in order, in the page's footnotes.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from helpers import Build

pytestmark = pytest.mark.slow

FOOTER = re.compile(r"^V\.\d{2}-\d{5} \d+/\d+$")
FOOTNOTE = re.compile(r"^(?:\^\{\*\}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+) ")
MARKERS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]|(?<=English)\*")
BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "div", "table", "ul", "ol"]


def source_words(source: str) -> tuple[list[str], list[str]]:
    """(body words, footnote words) of the source, less footers and footnote markers."""
    body: list[str] = []
    notes: list[str] = []
    for line in source.splitlines():
        line = line.strip()
        if FOOTER.match(line):
            continue
        target = notes if FOOTNOTE.match(line) else body
        line = FOOTNOTE.sub("", line)
        target += [w for w in MARKERS.sub("", line).split() if w != "-"]
    return body, notes


def page_words(html: str) -> tuple[list[str], list[str]]:
    """(body words, footnote words) of a rendered page's article."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    for noise in article.select("a.headerlink, sup[id^='fnref'], a.footnote-backref"):
        noise.decompose()
    for block in article.find_all(BLOCKS):
        block.insert_after(" ")
    footnotes = article.select_one("div.footnote")
    assert footnotes is not None
    notes = footnotes.extract().get_text("").split()
    return article.get_text("").split(), notes


def first_missing(expected: list[str], actual: list[str]) -> str | None:
    """None if expected is a subsequence of actual, else the word not found, with context."""
    position = 0
    for index, word in enumerate(expected):
        try:
            position = actual.index(word, position) + 1
        except ValueError:
            return f"word {index} {word!r} after {' '.join(expected[max(0, index - 8):index])!r}"
    return None


def test_every_source_word_appears_in_order_in_the_rendered_27th_report(real_site: Build, source_27: str) -> None:
    body, notes = source_words(source_27)
    rendered_body, rendered_notes = page_words(real_site.page("honlac/27/index.html"))
    assert len(body) > 6000
    assert first_missing(body, rendered_body) is None, first_missing(body, rendered_body)
    assert first_missing(notes, rendered_notes) is None, first_missing(notes, rendered_notes)


def test_the_check_notices_a_lost_or_changed_word(real_site: Build, source_27: str) -> None:
    body, _ = source_words(source_27)
    rendered_body, _ = page_words(real_site.page("honlac/27/index.html"))
    changed = [w if w != "glyphosate." else "glyphosphate." for w in body]
    assert first_missing(changed, rendered_body) is not None
    dropped = list(rendered_body)
    dropped.remove("glyphosate.")
    assert first_missing(body, dropped) is not None
    swapped = list(body)
    i = swapped.index("glyphosate.")
    swapped[i - 1], swapped[i] = swapped[i], swapped[i - 1]
    assert first_missing(swapped, rendered_body) is not None


def test_the_reports_own_typos_are_kept(real_site: Build) -> None:
    rendered_body, _ = page_words(real_site.page("honlac/27/index.html"))
    for typo in ("UNODCW", "over crowdedness", "alternatives measures"):
        assert typo in " ".join(rendered_body)
