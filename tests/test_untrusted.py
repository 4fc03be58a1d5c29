"""Content from strangers: what is published is what was checked.

Each reproduction of the "safe to merge" review is a case here: refused with its file and
line, or published harmless. The checks and the pages read one parse (``publishing.html``),
and every page's HTML passes an allowlist sanitizer.
"""

from __future__ import annotations

import html.parser
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from cnd_archive.checking.checker import check
from cnd_archive.publishing.site_config import Project
from cnd_archive.model.archive import load
from cnd_archive.model.content_files import allowed_files
from cnd_archive.model.frontmatter import split
from cnd_archive.model.safety import ALLOWED_CLASSES
from cnd_archive.publishing.html import ATTRIBUTES, TAGS, URL_SCHEMES, Page, render
from cnd_archive.publishing.open_data import neutralised
from helpers import copy_project

ROOT = Path(__file__).resolve().parent.parent
SITE = {"honlac/29.md": "honlac/29/", "honlac/27.md": "honlac/27/", "index.md": "./"}
PAGE = Page("honlac/29.md", "content/honlac/29.md", first_line=12)


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def elements(fragment: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(fragment)
    return parser.found


def assert_within_allowlist(fragment: str) -> None:
    for tag, attrs in elements(fragment):
        assert tag in TAGS, tag
        for name, value in attrs:
            if name == "class":
                assert set((value or "").split()) <= ALLOWED_CLASSES, (tag, value)
                continue
            assert name in ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()), (tag, name)
            if name in ("href", "src") and value:
                scheme = urlsplit(value).scheme
                assert scheme in ("", *URL_SCHEMES), value


# -- 1. the two parsers no longer disagree: one parse is checked and rendered -----------

DISAGREEMENTS = {
    "unclosed fence": "```\n\n<script>alert(1)</script>",
    "fence indented three spaces": "   ```\n   x\n   ```\n<script>alert(1)</script>",
    "fence closed by a longer fence": "```\nx\n`````\n\n<script>alert(1)</script>",
    "block indented six spaces in a list": "- item\n\n      <script>alert(1)</script>",
    "image with a stray attribute": "<img src=x onerror=alert(1) ~>",
    "javascript link with a space": "[x](javascript:alert(1)// x)",
    "javascript link broken by a newline": "[x](java\nscript:alert(1))",
    "unreferenced footnote with an image": "Text.\n\n[^9]: <img src=x onerror=alert(1)>",
    "reference definition to javascript": "[click][zz]\n\n[zz]: javascript:alert(1)",
}


@pytest.mark.parametrize("markdown", DISAGREEMENTS.values(), ids=DISAGREEMENTS.keys())
def test_what_the_checks_pass_is_harmless_and_what_they_refuse_has_its_line(markdown: str) -> None:
    rendered = render(markdown, PAGE, SITE)
    assert "<script" not in rendered.html and "<img" not in rendered.html, rendered.html
    assert_within_allowlist(rendered.html)
    for problem in rendered.problems:
        assert problem.path == "content/honlac/29.md" and problem.line >= 12


def test_raw_html_is_refused_at_its_line() -> None:
    rendered = render("Text.\n\n<img src=x onerror=alert(1)>", PAGE, SITE)
    (problem,) = rendered.problems
    assert problem.line == 14 and "raw HTML" in problem.message


def test_a_link_reference_to_javascript_is_refused() -> None:
    rendered = render(DISAGREEMENTS["reference definition to javascript"], PAGE, SITE)
    assert any("'javascript:' address" in p.message for p in rendered.problems)


FRAGMENTS = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>a</a>", "<svg onload=x>",
    "[a](javascript:alert(1))", "[a](JaVaScRiPt:x)", "[a](data:text/html,x)", "![i](vbscript:x)", "<javascript:x>",
    "[a]: javascript:x", "[a][a]", "```", "~~~", "    ", "- ", "> ", "1. ", "[^1]", "[^1]: ", "{#x .y onclick=z}",
    "{: onclick=z}", "&lt;script&gt;", "&#106;avascript:x", "\\", "*", "_", "`", "\n", "\n\n", "text", "<!--", "-->",
    "<style>x</style>", "<iframe src=x>", "<form action=x>", '"', "'", "=", "<", ">", "](", ")", "[",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, min_size=1, max_size=25).map("".join))
def test_published_html_stays_within_the_allowlist(markdown: str) -> None:
    for page in (PAGE, Page("search.md", "search.md", trusted_html=True)):
        rendered = render(markdown, page, SITE)
        assert_within_allowlist(rendered.html)


# -- 3. front matter is read as MkDocs reads it, or refused --------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("\ufeff---\ntitle: X\n---\n", "1:1: the file starts with a byte order mark"),
    ("---\ntitle: X\n---\r\nBody\r\n", "3:1: the file has Windows (CRLF)"),
    ("title: X\ntemplate: x.html\n\nBody\n", "1:1: front matter without '---' lines"),
    ("---\ntitle: X\ntitle: Y\n---\n", "3:1: invalid YAML: key 'title' is given twice"),
    ("---\ntitle: A\u202eB\n---\n", "2:9: invisible character U+202E"),
    ("Resolution A/RES/71/2\u200b11.\n", "1:22: invisible character U+200B"),
    # The archive's own link placeholders: a contributor could otherwise borrow one of its links.
    ("Text\n\n\ue0000\ue001mine\ue002\n", "3:1: private-use character U+E000, which the archive reserves"),
    ("Text \ue002.\n", "1:6: private-use character U+E002"),
])
def test_front_matter_mkdocs_would_read_otherwise_is_refused(text: str, expected: str) -> None:
    document, problems = split(text, "content/x.md")
    assert document is None
    assert f"content/x.md:{expected}" in str(problems[0])


def test_a_dot_fence_closes_front_matter_as_in_mkdocs() -> None:
    document, problems = split("---\ntitle: X\n...\nBody\n", "content/x.md")
    assert problems == [] and document is not None
    assert document.meta == {"title": "X"} and document.body == "Body\n"


# -- 5. only what belongs in content/ -----------------------------------------------------

def test_files_other_than_safe_pages_and_assets_are_refused(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    (docs / "honlac").mkdir(parents=True)
    (docs / "assets").mkdir()
    (docs / "honlac" / "27.md").write_text("# x {#title}\n")
    (docs / "assets" / "archive.css").write_text("")
    (docs / "<img src=x onerror=alert(1)>.md").write_text("x")
    (docs / "evil.html").write_text("<script>x</script>")
    (docs / "image.svg").write_text("<svg onload=alert(1)>")
    (docs / "Upper.md").write_text("x")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("x")
    (docs / "linked.md").symlink_to(outside / "secret.md")
    (docs / "linked-folder").symlink_to(outside)
    allowed, problems = allowed_files(docs, {"assets/archive.css"}, shown_from=tmp_path)
    assert allowed == {"honlac/27.md", "assets/archive.css"}
    refused = sorted(p.path for p in problems)
    assert refused == ["content/<img src=x onerror=alert(1)>.md", "content/Upper.md", "content/evil.html",
                       "content/image.svg", "content/linked-folder", "content/linked.md"]
    assert all(p.line == 1 and "refused" in p.message for p in problems)


# -- 6. CSV cells -------------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["=HYPERLINK(\"x\")", "+1", "-1+1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_would_start_a_formula_are_neutralised(cell: str) -> None:
    assert neutralised(cell) == "'" + cell


def test_other_csv_cells_are_kept() -> None:
    assert [neutralised(v) for v in ("Governments", "1", 2, None)] == ["Governments", "1", 2, None]


# -- 8. and 9. integrity, and one error for one mistake -------------------------------------

def project_copy(tmp_path: Path) -> Path:
    copy_project(tmp_path)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_one_bad_role_gives_one_error_and_the_meeting_stays(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    report = project / "content/honlac/27.md"
    edit(report, "role: member", "role: memberr")
    problems = check(Project.at(project))
    assert len(problems) == 1, "\n".join(map(str, problems))
    assert problems[0].path == "content/honlac/27.md" and "memberr" in problems[0].message
    archive = load(project / "content", ["honlac/27.md"])
    assert archive.meeting("HONLAC", 27) is not None


def test_a_page_that_cannot_be_read_gives_no_cascade(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    edit(project / "content/honlac/27.md", "start_date: 2017-10-02", "start_date: 2017-13-02")
    problems = check(Project.at(project))
    assert [p.path for p in problems] == ["content/honlac/27.md"], "\n".join(map(str, problems))


def test_a_placeholder_cannot_claim_another_meetings_document(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    edit(project / "content/honlac/29.md", "country: PER\n", "country: PER\nsymbol: UNODC/HONLAC/27/4\n")
    problems = check(Project.at(project))
    assert any(p.path == "content/honlac/29.md" and "not this page's to claim" in p.message for p in problems)


def test_a_heading_cannot_take_a_generated_id(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    path = project / "content/honlac/29.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## Notes {#recommendations}\n", encoding="utf-8")
    problems = check(Project.at(project))
    assert any("'recommendations' is used twice" in p.message for p in problems), "\n".join(map(str, problems))


def test_invalid_utf8_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    path = project / "content/honlac/27.md"
    lines = path.read_bytes().split(b"\n")
    index = next(i for i in range(199, len(lines)) if len(lines[i]) > 10)
    lines[index] = lines[index][:5] + b"\xff" + lines[index][5:]
    path.write_bytes(b"\n".join(lines))
    problems = check(Project.at(project))
    assert [str(p).split(";")[0] for p in problems] == [f"content/honlac/27.md:{index + 1}:6: not valid UTF-8 (byte 0xff)"]


def test_pages_nested_or_bracketed_beyond_any_report_are_refused() -> None:
    nested = "\n".join("  " * depth + "- x" for depth in range(400))
    assert any("nest deeper" in p.message for p in render(nested, PAGE, SITE).problems)
    assert any("brackets nest deeper" in p.message for p in render("[" * 20_000, PAGE, SITE).problems)
    assert render("[a]" * 20_000, PAGE, SITE).problems == []



# -- a whole build, not strict: nothing unchecked reaches the site --------------------------

@pytest.mark.slow
def test_a_build_that_goes_on_despite_errors_publishes_nothing_unchecked(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    docs = project / "content"
    (docs / "<img src=x onerror=alert(1)>.md").write_text("# x {#title}\n", encoding="utf-8")
    (docs / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (docs / "image.svg").write_text('<svg onload="alert(1)"/>', encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.md").write_text("# Leaked from outside {#title}\n", encoding="utf-8")
    (docs / "linked").symlink_to(outside)
    (docs / "about.md").write_text(
        "---\ntitle: About\nstatus: 'x\" onmouseover=\"alert(1)'\nsubtitle: '<img src=x onerror=alert(1)>'\n"
        "icon: ../x\ntemplate: ../../x\n---\n\n# About {#title}\n", encoding="utf-8")
    (docs / "deep.md").write_text("# Deep {#title}\n\n" + "\n".join("  " * d + "- x" for d in range(400)) + "\n",
                                  encoding="utf-8")
    (docs / "brackets.md").write_text("# Brackets {#title}\n\n" + "[" * 20_000 + "\n", encoding="utf-8")
    (docs / "bad-yaml.md").write_text("---\ntitle: [\n---\n\n# Bad {#title}\n\nBody words here.\n", encoding="utf-8")
    edit(docs / "honlac/29.md", "city: Lima", "city: Lima\nsymbol: UNODC/HONLAC/27/4")
    with (docs / "honlac/29.md").open("a", encoding="utf-8") as page:
        page.write("\n<img src=x onerror=alert(1)>\n\n[x](java\nscript:alert(1))\n")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    log = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in log, log
    for expected in ("evil.html:1:1: this file is refused", "image.svg:1:1: this file is refused",
                     "content/linked:1:1: this file is refused: a symbolic link", "onerror=alert(1)>.md:1:1: this file",
                     "content/deep.md:", "content/brackets.md:", "content/honlac/29.md:", "content/bad-yaml.md:3:1"):
        assert expected in log, log
    site = project / "site"
    assert not (site / "evil.html").exists() and not (site / "image.svg").exists() and not (site / "linked").exists()
    for withheld in ("honlac/29", "bad-yaml", "deep", "brackets"):
        assert "Page withheld" in (site / withheld / "index.html").read_text(encoding="utf-8"), withheld
    assert "Body words here" not in (site / "bad-yaml/index.html").read_text(encoding="utf-8")
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".csv", ".xml", ".js"):
            text = file.read_text(encoding="utf-8", errors="replace")
            for attack in ("onerror=alert(1)>", 'onmouseover="alert(1)', "javascript:alert", "Leaked from outside"):
                assert attack not in text, (file, attack)
    strict = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                            text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert strict.returncode == 1
    assert log.count("raw HTML") == 1, "one mistake, one message"
