"""Work that stays linear in hostile input, counted in steps rather than seconds.

Each scan here gets a text that counts the characters its searches read (or a pattern that
counts its calls), so a quadratic rescan fails the test on any machine, busy or not.
``scripts/bench_hostile.py`` (run by ``make bench``) times the same inputs through the checker.
"""

from __future__ import annotations

import re

import pytest

from cnd_archive.model.sentences import after_in_line, in_one_sentence
from cnd_archive.publishing.permalink_record import Record
from cnd_archive.references.mentions import MAX_DOCUMENTS_PER_PAGE, link_spans
from cnd_archive.references.symbols import find_symbols


class CountingText(str):
    """A str whose searches add up the characters they read."""

    read = 0
    splits = 0

    def find(self, sub: str, start: int | None = None, end: int | None = None) -> int:  # type: ignore[override]
        begin = 0 if start is None else start
        found = super().find(sub, begin, end)
        CountingText.read += (found if found >= 0 else len(self) if end is None else end) - begin
        return found

    def split(self, sep: str | None = None, maxsplit: int = -1) -> list[str]:  # type: ignore[override]
        CountingText.splits += 1
        return super().split(sep, maxsplit)


@pytest.fixture(autouse=True)
def fresh_counts() -> None:
    CountingText.read = CountingText.splits = 0


@pytest.mark.parametrize("unit", ["[](", "[", "[]", "[x](", "](", "[a](b)["])
def test_finding_links_reads_each_character_a_bounded_number_of_times(unit: str) -> None:
    line = CountingText(unit * 50_000 + "]")
    link_spans(line)
    assert CountingText.read <= 3 * len(line)


def test_links_are_found_as_the_expression_finds_them() -> None:
    expression = re.compile(r"\[[^\]]*\]\([^)]*\)")
    for line in ["a [b](c) d [e](f)", "[[x](y)", "[a] (b) [c](d", "[a](b) [c]d](e)", "[a](b)c)", "]([x](y)"]:
        assert link_spans(line) == [m.span() for m in expression.finditer(line)], line


class CountingPattern:
    """A compiled expression that counts its searches and the characters they start from."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        self.calls = 0

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.search(text, pos)


def test_words_in_one_sentence_are_searched_once_per_sentence() -> None:
    officers, elected = CountingPattern(r"\bofficers\b"), CountingPattern(r"\belected\b")
    text = "officers " * 50_000 + ". The officers were elected."
    assert in_one_sentence(text, officers, elected)  # type: ignore[arg-type]
    assert officers.calls == 2 and elected.calls == 2


def test_words_in_one_sentence_keep_their_order_and_their_sentence() -> None:
    first, then = re.compile(r"\badopted\b"), re.compile(r"\bagenda\b")
    assert in_one_sentence("The agenda was adopted; the adopted agenda", first, then)
    assert not in_one_sentence("The agenda was adopted.", first, then)
    assert not in_one_sentence("It adopted. The agenda", first, then)
    assert after_in_line("The States members of x were represented: A", "States members of ", " were represented:") == 41
    assert after_in_line("States members of \nx were represented:", "States members of ", " were represented:") is None


def test_the_record_finds_lines_in_one_pass_however_many_redirects() -> None:
    text = CountingText('{"redirects": {\n' + ",\n".join(f'"a/#gone_{n}": "a/"' for n in range(30_000)) + "\n}}")
    record = Record(text=text)
    assert [record.line_of(f"a/#gone_{n}") for n in (0, 29_999)] == [2, 30_001]
    for n in range(30_000):
        record.line_of(f"a/#gone_{n}")
    assert CountingText.splits == 1


def test_ranges_expand_no_further_than_a_page_allows() -> None:
    line = "E/1990/CRP.1/Add.1-500 " * 40
    mentions = find_symbols(line, limit=MAX_DOCUMENTS_PER_PAGE)
    assert sum(len(m.symbols) for m in mentions) <= MAX_DOCUMENTS_PER_PAGE
    assert [m.kind for m in mentions].count("over-limit") == 40 - MAX_DOCUMENTS_PER_PAGE // 500
