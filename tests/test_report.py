"""The report model: elements and ids from printed numbers, problems with their lines."""

from __future__ import annotations

import re
from pathlib import Path

from cnd_archive.model.frontmatter import split
from cnd_archive.publishing.anchoring import Links, publish
from cnd_archive.publishing.html import Page, render
from cnd_archive.model.report import Report, read_report

ROOT = Path(__file__).resolve().parent.parent


def read(body: str) -> tuple[Report, list[str]]:
    document, _ = split("---\nkind: report\n---\n" + body, "fictional.md")
    assert document is not None
    report, problems = read_report(document)
    return report, [str(p) for p in problems]


def real_report() -> Report:
    path = ROOT / "content" / "honlac" / "27.md"
    document, _ = split(path.read_text(), str(path))
    assert document is not None
    report, problems = read_report(document)
    assert problems == []
    return report


def test_the_real_report_has_every_paragraph_and_recommendation() -> None:
    ids = real_report().by_id()
    assert all(f"para_{n}" in ids for n in range(1, 60)) and "para_60" not in ids
    assert ids["para_23__subpara_b"].parent == "para_23"
    assert ids["chp_X__sec_C"].kind == "section"
    assert ids["chp_IV__issue_2"].issue == 2
    assert ids["para_57__item_4"].text.startswith("4\\. Implementation of the recommendations")
    assert ids["para_57__item_5__subpara_d"].parent == "para_57__item_5"


def test_recommendations_are_the_lettered_subparagraphs_of_chapter_i_issues() -> None:
    recommendations = real_report().recommendations
    assert len(recommendations) == 18
    per_issue = {i: [r.label for r in recommendations if r.issue == i] for i in (1, 2, 3, 4)}
    assert per_issue == {1: list("abcd"), 2: list("abcde"), 3: list("abcd"), 4: list("abcde")}
    assert recommendations[0].id == "para_2__subpara_a"


def test_publish_turns_numbers_into_self_links_without_changing_words() -> None:
    report, _ = read("## I. Chapter\n\n1\\. First.\n\n(a) Sub;\n\n- 1\\. Item.\n")
    links = Links()
    published = publish(report, links)
    assert "## I. Chapter {#chp_I}" in published
    html = render(published, Page("honlac/27.md", "fictional.md", links=tuple(links.attributes)), {"honlac/27.md": "honlac/27/"}).html
    assert '<p><a href="#para_1" id="para_1" class="cnd-num">1.</a> First.</p>' in html
    assert '<a href="#para_1__subpara_a" id="para_1__subpara_a" class="cnd-num">(a)</a> Sub;' in html
    assert '<li><a href="#para_1__item_1" id="para_1__item_1" class="cnd-num">1.</a> Item.</li>' in html
    words = lambda text: re.sub(r"\s+", " ", re.sub(r"<[^>]+>|¶", "", text)).strip()
    assert words(html) == "I. Chapter 1. First. (a) Sub; 1. Item."


def test_numbering_problems_are_all_reported_with_lines() -> None:
    _, problems = read("## I. Chapter\n\n1\\. One.\n\n3\\. Three.\n\n(b) Sub.\n\n3\\. Again.\n")
    assert "fictional.md:8:1: paragraph 3 jumps: expected 2" in problems[0]
    assert "fictional.md:10:1: subparagraph (b) jumps: expected (a)" in problems[1]
    assert any("fictional.md:12:1: paragraph 3 repeats: expected 4" in p for p in problems)
    assert any("id 'para_3' is already used on line 8" in p for p in problems)


def test_an_unescaped_number_that_became_a_list_is_refused() -> None:
    _, problems = read("1\\. One.\n\n2. Two.\n")
    assert "fictional.md:6:1: a numbered line became a Markdown list" in problems[0]
    assert "23\\." in problems[0]


def test_unnumbered_headings_need_a_valid_explicit_id() -> None:
    _, problems = read("## I. Chapter\n\n### Observations\n\n### Notes {#Bad-Id}\n\n## II. Next {#chp_II}\n")
    assert "fictional.md:6:1: heading 'Observations' has no printed number and no id" in problems[0]
    assert "id 'Bad-Id' is not allowed" in problems[1]
    assert "remove '{#chp_II}'" in problems[2]
