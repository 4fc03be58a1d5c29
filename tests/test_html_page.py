"""Generated pages written as HTML: escaped values, checked links, ids and headings."""

from __future__ import annotations

from cnd_archive.layout import Target, site_url
from cnd_archive.publishing.html_page import HtmlPage, abbr, text

SITE = {uri: site_url(uri) for uri in ("countries/index.md", "countries/arg.md", "honlac/27.md")}


def test_values_are_text_never_markup() -> None:
    page = HtmlPage("countries/arg.md", "Argentina")
    page.heading(1, "<script>alert(1)</script> & *co*", "title")
    page.paragraph(text("[x](javascript:alert(1)) <img src=x onerror=alert(1)>"))
    page.paragraph(abbr("S", 'Statement: "item 3" <b>'))
    html = page.finish(SITE).html
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *co*" in html
    assert '<abbr title="Statement: &quot;item 3&quot; &lt;b&gt;">S</abbr>' in html


def test_links_are_relative_site_urls_and_are_recorded_for_the_anchor_check() -> None:
    page = HtmlPage("countries/arg.md", "Argentina")
    page.paragraph(page.link("27", Target("honlac/27.md", "para_4")) + page.link("all", Target("countries/index.md")))
    rendered = page.finish(SITE)
    assert '<a href="../../honlac/27/#para_4">27</a>' in rendered.html
    assert '<a href="../">all</a>' in rendered.html
    assert ("honlac/27.md", "para_4", 1) in rendered.links
    assert not rendered.problems


def test_a_link_to_a_page_the_site_does_not_build_is_a_problem() -> None:
    page = HtmlPage("countries/arg.md", "Argentina")
    page.paragraph(page.link("28", Target("honlac/28.md")))
    problems = page.finish(SITE).problems
    assert len(problems) == 1 and "honlac/28.md" in problems[0].message


def test_headings_give_ids_self_links_and_the_table_of_contents() -> None:
    page = HtmlPage("countries/arg.md", "Argentina")
    page.heading(1, "Argentina", "title")
    page.heading(2, "Roles (2)", "roles", inline=page.link("Roles", Target("countries/index.md")) + " (2)")
    rendered = page.finish(SITE)
    assert [(h.level, h.id, h.text) for h in rendered.headings] == [(1, "title", "Argentina"), (2, "roles", "Roles (2)")]
    assert rendered.title == "Argentina"
    assert 'href="#roles" title="Link to this section"' in rendered.html
    assert {"title", "roles"} <= rendered.anchors


def test_an_id_twice_on_a_page_is_a_problem() -> None:
    page = HtmlPage("countries/arg.md", "Argentina")
    page.heading(2, "Roles", "roles")
    page.bullets([page.link("27", Target("honlac/27.md"), anchor_id="roles")])
    assert any("used twice" in p.message for p in page.finish(SITE).problems)


def test_nested_lists_and_tables_have_the_structure_of_rendered_markdown() -> None:
    page = HtmlPage("countries/arg.md", "Argentina")
    page.bullets(["a", ("b", ["b.1"])])
    page.table(["Name"], [["x"]])
    html = page.finish(SITE).html
    assert "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>b.1</li>\n</ul>\n</li>\n</ul>" in html
    assert "<table>\n<thead>\n<tr>\n<th>Name</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>" in html
