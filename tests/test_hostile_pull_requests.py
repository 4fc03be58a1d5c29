"""Hostile pull requests, second round: each reproduction of the review, and a variant of its class.

Every case edits a copy of the real project as a stranger's pull request could, then runs the
content checker as CI does (in this process) and expects a non-zero exit with the file and
line, and no traceback. The build-level cases build the site for real and look at what it
would publish; one opens the page in Chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cnd_archive.checking import cli as check_cli
from cnd_archive.model.safety import unsafe_markdown
from cnd_archive.publishing.html import Page, render
from helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, served

PLACEHOLDER = "content/honlac/29.md"
RECORD = "permalinks.json"


def copy_project(tmp_path: Path) -> Path:
    for name in ("mkdocs.yml", RECORD):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    return tmp_path


def write(project: Path, relative: str, text: str | bytes) -> None:
    target = project / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")


def edit(project: Path, relative: str, old: str, new: str) -> None:
    text = (project / relative).read_text(encoding="utf-8")
    assert old in text, old
    (project / relative).write_text(text.replace(old, new, 1), encoding="utf-8")


def checked(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = check_cli.main(["--project", str(project)])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    return code, output


def refused(project: Path, capsys: pytest.CaptureFixture[str], *expected: str) -> str:
    code, output = checked(project, capsys)
    assert code == 1, output
    for text in expected:
        assert text in output, output
    return output


def build(project: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    if not strict:
        config = (project / "mkdocs.yml").read_text().replace("strict: true", "strict: false")
        (project / "mkdocs.yml").write_text(config)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else [])],
                          cwd=project, capture_output=True, text=True, env=env, timeout=300)


# -- 1. a heading or a front matter value becomes the page title ---------------------------

SVG = "<svg onload=alert(document.domain)>"
TITLE_ATTACKS = {
    "code span": f"# Open data `{SVG}` {{#title}}",
    "entity": "# Open data &lt;svg onload=alert(1)&gt; {#title}",
    "backslash escapes": "# Open data \\<svg onload=alert(1)\\> {#title}",
    "closing the title element": "# Open data &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    "quote out of an attribute": '# Open data &quot; onfocus=&quot;alert(1)',
}


@pytest.mark.parametrize("heading", TITLE_ATTACKS.values(), ids=TITLE_ATTACKS.keys())
def test_a_title_that_is_not_plain_text_is_refused_at_its_line(heading: str) -> None:
    rendered = render(f"Intro.\n\n{heading}\n", Page("data.md", "content/data.md", first_line=5), {"data.md": "data/"})
    assert [(p.line, p.message) for p in rendered.problems] == [
        (7, "the page's title (its '# ' heading) must be plain text")]


def test_a_date_is_not_a_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    edit(project, PLACEHOLDER, "title: Twenty-ninth Meeting, Lima, 2019", "title: 2019-10-07")
    refused(project, capsys, f"{PLACEHOLDER}:6:1: title: '2019-10-07' is a date, not text")


@pytest.mark.slow
def test_the_title_reproduction_publishes_no_markup_and_runs_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    write(project, "content/data.md", f"# Open data `{SVG}` {{#title}}\n\nText.\n")
    assert build(project).returncode == 1
    result = build(project, strict=False)
    assert "content/data.md:1:1: the page's title" in result.stderr
    for page in (project / "site").rglob("*.html"):
        assert "<svg onload" not in page.read_text(encoding="utf-8"), page
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: apt-get install -y chromium (.ci/run does it)")
    from playwright.sync_api import sync_playwright
    dialogs: list[str] = []
    with served(project / "site") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for address in ("", "data/", "honlac/27/"):
            page.goto(url + address)
            page.wait_for_load_state("load")
        browser.close()
    assert dialogs == []


# -- 2. attribute lists, however they are spread over lines ---------------------------------

ATTRIBUTE_ATTACKS = {
    "link, braces across lines": ("[x](https://example.org){\n#__config .md-button\n}", 1),
    "code span, braces across lines": ("`{\"base\": \"https://evil.example\"}`{\n#__config\n}", 1),
    "link, on one line": ('[x](https://example.org){onmouseover="alert(1)"}', 1),
    "block attributes before a paragraph": ("{#__search}\nText.", 2),
    "block attributes with a class": ("{.md-button}\nText.", 2),
    "Python-Markdown style after a paragraph": ('Text\n{: onclick="alert(1)" }', 2),
    "reserved heading id": ("## Notes {#__config}", 1),
    "theme hook as heading id": ("## Notes {#md-content}", 1),
    "admonition of a theme class": ('!!! md-button "x"\n    Text.', 1),
}


@pytest.mark.parametrize(("markdown", "line"), ATTRIBUTE_ATTACKS.values(), ids=ATTRIBUTE_ATTACKS.keys())
def test_written_attributes_are_refused_wherever_they_end(markdown: str, line: int) -> None:
    problems = unsafe_markdown(markdown, 1, "content/honlac/29.md")
    assert problems, markdown
    assert problems[0].line == line, problems


def test_literal_braces_in_prose_are_words() -> None:
    assert unsafe_markdown("A set {a, b} of words, and [a link](https://example.org) {in braces}.", 1, "x.md") == []


def test_text_that_the_archive_links_cannot_give_its_link_attributes() -> None:
    """A symbol becomes a link only when the page is rendered: braces after it stay words."""
    links = ((("href", "https://undocs.org/E/2017/28"),),)
    rendered = render("See \ue0000\ue001E/2017/28\ue002{#__config .md-button}.", Page("x.md", "x.md", links=links),
                      {"x.md": "x/"})
    assert 'id="__config"' not in rendered.html and "md-button\"" not in rendered.html, rendered.html


def test_a_heading_slug_cannot_become_a_reserved_id() -> None:
    rendered = render("## __config\n\n## MD content\n", Page("x.md", "x.md"), {"x.md": "x/"})
    assert [h.id for h in rendered.headings] == ["config", "md-content"]
    assert [(p.line, p.message) for p in rendered.problems] == [(3, "the id 'md-content' is reserved for the theme")]


def test_classes_the_archive_does_not_use_never_reach_a_reader() -> None:
    rendered = render("{.md-button .cnd-num}\nText.", Page("x.md", "x.md", trusted_html=True), {"x.md": "x/"})
    assert "class 'md-button' is not one the archive uses" in rendered.problems[0].message
    assert "md-button" not in rendered.html


# -- 3. one file per address ------------------------------------------------------------------

FAKE = "---\ntitle: Twenty-ninth Meeting\n---\n\n# Twenty-ninth Meeting {#title}\n\n## 1. Invented {#para_1}\n"


@pytest.mark.parametrize(("fake", "real"), [
    ("content/honlac/29/index.md", "honlac/29/"),
    ("content/data/index.md", "data/"),
    ("content/search.md", "search/"),
    ("content/countries/arg.md", "countries/arg/"),
    ("content/honlac/index.md", "honlac/"),
])
def test_a_second_file_at_a_pages_address_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     fake: str, real: str) -> None:
    project = copy_project(tmp_path)
    write(project, fake, FAKE)
    refused(project, capsys, f"{fake}:1:1: this file would be published at /{real}index.html")


@pytest.mark.slow
def test_a_second_file_never_replaces_the_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    write(project, "content/data/index.md", FAKE)
    write(project, "content/search.md", FAKE)
    strict = build(project)
    assert strict.returncode == 1
    assert "content/data/index.md:1:1: this file would be published at /data/index.html" in strict.stderr
    build(project, strict=False)
    for address in ("data/index.html", "search/index.html"):
        assert "Invented" not in (project / "site" / address).read_text(), address
    assert "archive.schema.json" in (project / "site/data/index.html").read_text()


def test_a_page_in_a_body_folder_without_kind_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    write(project, "content/honlac/35.md", "---\ntitle: Thirty-fifth Meeting, Lima, 2023\n---\n\n# Invented\n")
    write(project, "content/honlac/notes/36.md", "# Invented as well\n")
    refused(project, capsys, "content/honlac/35.md:1:1: every page in content/honlac/ is a meeting page, and this one "
                             "has no 'kind:'", "content/honlac/notes/36.md:1:1: every page in content/honlac/")


# -- 4. redirects, and the record read strictly ---------------------------------------------

def record_with(project: Path, redirects: dict[str, str]) -> None:
    record = json.loads((project / RECORD).read_text())
    record["redirects"].update(redirects)
    (project / RECORD).write_text(json.dumps(record, indent=1))


def test_a_live_anchor_cannot_be_redirected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    record_with(project, {"honlac/27/#para_24__subpara_a": "honlac/27/#para_24__subpara_b"})
    refused(project, capsys, "redirect source 'honlac/27/#para_24__subpara_a' is still published")


def test_a_live_page_cannot_be_redirected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    record_with(project, {"honlac/28/": "honlac/27/"})
    refused(project, capsys, "redirect source 'honlac/28/' is still published")


def test_a_key_given_twice_in_the_record_is_refused_at_its_line(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    text = (project / RECORD).read_text()
    first = next(i for i, line in enumerate(text.splitlines()) if line.startswith('    "honlac/27/"'))
    lines = text.splitlines()
    lines.insert(first + 1, lines[first])
    (project / RECORD).write_text("\n".join(lines) + "\n")
    refused(project, capsys, f"{RECORD}:{first + 2}:1: the permalink record cannot be read: the key 'honlac/27/' is "
                             "given twice")


@pytest.mark.parametrize("source", ["../honlac/27/", "honlac/../../27/", "//evil.example/", "/honlac/27/",
                                    "https://evil.example/", "honlac/./27/"])
def test_a_redirect_must_stay_inside_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str) -> None:
    project = copy_project(tmp_path)
    record_with(project, {source: "honlac/27/"})
    refused(project, capsys, f"redirect {source!r} is not a site-relative URL")


# -- 9. what a pull request can change is read inside the problem reporting ---------------

@pytest.mark.parametrize(("name", "content", "expected"), [
    ("deeply nested", "[" * 100_000 + "]" * 100_000, f"{RECORD}:1:1: the permalink record cannot be read: it nests"),
    ("an invalid byte", b'{"pages": {"x\xff": []}}', f"{RECORD}:1:1: the permalink record cannot be read: not valid"),
    ("not an object", "[1, 2]", f"{RECORD}:1:1: the permalink record cannot be read: 'pages' must"),
    ("anchors not a list", '{"pages": {"honlac/27/": {"a": 1}}}', "'pages' must map each page's URL"),
    ("broken JSON", '{"pages": {\n"x": [}', f"{RECORD}:2:"),
])
def test_a_record_that_cannot_be_read_is_a_problem_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                    name: str, content: str | bytes,
                                                                    expected: str) -> None:
    project = copy_project(tmp_path)
    write(project, RECORD, content)
    refused(project, capsys, expected)


def test_a_bodies_option_that_is_not_yaml_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    edit(project, "mkdocs.yml", "permalinks: permalinks.json", "permalinks: permalinks.json\n      bodies: b.yml")
    write(project, "b.yml", "- code: [unclosed\n")
    refused(project, capsys, "b.yml:2:1: not YAML")
    write(project, "b.yml", "- {code: X}\n")
    refused(project, capsys, "b.yml:1:1: a body's fields are wrong")


# -- 10. the low ones ---------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "expected"), [
    ("[doc](symbol:E/2017/28)", "a 'symbol:' link is resolved on meeting pages only"),
    ("[away](//evil.example/x)", "link '//evil.example/x' leaves the site without a scheme"),
    ("[away](/\\evil.example/x)", "leaves the site without a scheme"),
])
def test_links_that_would_be_published_wrong_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         body: str, expected: str) -> None:
    project = copy_project(tmp_path)
    write(project, "content/about.md", f"# About\n\n{body}\n")
    refused(project, capsys, "content/about.md:3:1: ", expected)


def test_yaml_merge_keys_are_refused_at_their_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    edit(project, PLACEHOLDER, "country: PER\n", "<<: {country: PER}\n")
    refused(project, capsys, f"{PLACEHOLDER}:10:1: invalid YAML: YAML merge keys ('<<') are not allowed")
