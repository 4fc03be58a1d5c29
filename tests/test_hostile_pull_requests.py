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
from helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, copy_project, served

PLACEHOLDER = "content/honlac/29.md"
RECORD = "permalinks.json"


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


# -- 5. the words and facts of the record ------------------------------------------------------

REPORT = "content/honlac/27.md"
SOURCE = "sources/honlac-27-report.txt"
RECOMMENDATION_4_A = "(a) Governments are encouraged to make full use of alternatives to imprisonment"


def report_line(project: Path, start: str) -> int:
    lines = (project / REPORT).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))


def test_a_word_inserted_into_a_recommendation_is_refused_at_its_line(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    line = report_line(project, RECOMMENDATION_4_A)
    edit(project, REPORT, "(a) Governments are encouraged to make full use", "(a) Governments are not encouraged to "
                                                                               "make full use")
    refused(project, capsys, f"{REPORT}:{line}:1: the words of para_4__subpara_a differ from the source: 'not' added")


def test_a_word_changed_in_the_page_and_its_source_is_a_changed_source(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    edit(project, REPORT, "seizures of fentanyl", "seizures of heroin")
    edit(project, SOURCE, "seizures of fentanyl", "seizures of heroin")
    line = (project / REPORT).read_text(encoding="utf-8").split("\n").index("source:") + 1
    refused(project, capsys, f"{REPORT}:{line}:1: {SOURCE} has SHA-256", "the source has changed")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("\n#### Issue 2.", "\n(e) Governments are urged to share every intercepted message.\n\n#### Issue 2.",
     "para_2__subpara_e is not in the source"),
    ("start_date: 2017-10-02", "start_date: 2017-10-03",
     f"{REPORT}:7:1: start_date is 2017-10-03, but the source reads 2017-10-02"),
    ("city: Guatemala City", "city: Antigua Guatemala",
     f"{REPORT}:9:1: city is 'Antigua Guatemala', but the source reads 'Guatemala City'"),
    ("\n(d) Governments should take steps to encourage", "\n(d) Governments should take steps, where they wish, to "
     "encourage", "the words of para_2__subpara_d differ from the source: 'steps' became 'steps, where they wish,'"),
], ids=["an invented recommendation", "a changed date", "a changed venue", "words added in a recommendation"])
def test_a_changed_fact_or_recommendation_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str,
                                                      new: str, expected: str) -> None:
    project = copy_project(tmp_path)
    edit(project, REPORT, old, new)
    refused(project, capsys, expected)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("{participant: GTM, role: host, paragraphs: [51]}", "{participant: GTM, role: host, paragraphs: [7]}",
     "GTM host: paragraph 7 names GTM but does not state this role; it states statement (agenda item 3)"),
    ("{participant: ARG, role: officer, detail: Second Vice-Chair, paragraphs: [56]}",
     "{participant: ARG, role: officer, detail: Chair, paragraphs: [56]}",
     "ARG officer (Chair): paragraph 56 names ARG but does not state this role; it states officer (Second "
     "Vice-Chair)"),
    ("{participant: ARG, role: member, paragraphs: [52]}", "{participant: ARG, role: host, paragraphs: [6]}",
     "ARG host: paragraph 6 names ARG but does not state this role"),
])
def test_a_role_must_be_stated_not_merely_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str,
                                                 new: str, expected: str) -> None:
    project = copy_project(tmp_path)
    edit(project, REPORT, old, new)
    refused(project, capsys, expected)


def test_a_marked_correction_with_its_reason_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    edit(project, REPORT, "seizures of fentanyl", "seizures of fentanyl (sic)")
    edit(project, REPORT, "issues:\n", "corrections:\n  - {element: para_9, source: 'fentanyl,', reads: 'fentanyl "
                                        "(sic),', reason: 'marks the word as printed, for the test'}\nissues:\n")
    code, output = checked(project, capsys)
    assert code == 0, output


def test_a_correction_must_quote_the_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    edit(project, REPORT, "issues:\n", "corrections:\n  - {element: para_9, source: 'cocaine paste', reads: 'x', "
                                        "reason: 'a correction of words that are not there'}\nissues:\n")
    refused(project, capsys, "correction: para_9 of the source does not read 'cocaine paste'")


def test_annotations_keep_the_words_and_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    edit(project, REPORT, "seizures of fentanyl,", "seizures of [fentanyl](https://www.unodc.org/),")
    code, output = checked(project, capsys)
    assert code == 0, output


# -- 6. the trust boundary -------------------------------------------------------------------------

@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!include other.yml",
])
def test_a_tag_in_mkdocs_yml_is_refused_at_its_line_and_never_run(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   tag: str) -> None:
    project = copy_project(tmp_path)
    marker = tmp_path / "ran"
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(config + "extra:\n  x: " + tag.format(marker=marker) + "\n")
    line = config.count("\n") + 2
    output = refused(project, capsys, f"mkdocs.yml:{line}:", "YAML tag not allowed")
    assert "no content folder" not in output
    assert not marker.exists()


def test_the_tags_material_sites_use_are_read_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(config + "extra:\n  emoji: !!python/name:material.extensions.emoji.twemoji\n"
                                        "  analytics: !ENV [NO_SUCH_VARIABLE_HERE, 'off']\n  here: !relative\n")
    assert check_cli.main(["--project", str(project), "--config-only"]) == 0
    assert capsys.readouterr().out == ""


def git_project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path)
    (project / ".github").mkdir()
    shutil.copy(ROOT / ".github" / "CODEOWNERS", project / ".github" / "CODEOWNERS")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit",
                                                     "-qm", "base"]):
        subprocess.run(["git", *command], cwd=project, check=True, capture_output=True)
    return project


def test_a_pull_request_that_changes_what_runs_fails_unless_a_maintainer_made_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = git_project(tmp_path)
    edit(project, "content/assets/cite.js", "(function", "fetch('https://evil.example/');\n(function")
    edit(project, "mkdocs.yml", "extra_javascript:\n", "extra_javascript:\n  - https://evil.example/x.js\n")
    write(project, "hooks.py", "import os\n")
    code = check_cli.main(["--project", str(project), "--base", "HEAD", "--author-association", "CONTRIBUTOR"])
    output = capsys.readouterr().out
    assert code == 1
    assert "content/assets/cite.js:1:1: this file runs or styles the site" in output
    assert "mkdocs.yml:1:1: this file runs or styles the site" in output
    assert "hooks.py:1:1" not in output  # not the site's: the build never reads it
    assert check_cli.main(["--project", str(project), "--base", "HEAD", "--author-association", "MEMBER"]) == 0
    output = capsys.readouterr().out
    assert "- content/assets/cite.js\n- mkdocs.yml\n" in output  # still listed, for the reviewer
    assert "this file runs or styles the site" not in output


def test_the_changes_to_the_record_are_listed_for_the_maintainer(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    project = git_project(tmp_path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    edit(project, REPORT, "seizures of fentanyl", "seizures of heroin")
    edit(project, SOURCE, "seizures of fentanyl", "seizures of heroin")
    check_cli.main(["--project", str(project), "--base", "HEAD"])
    output = capsys.readouterr().out
    assert f"- {SOURCE}: a source of the record, changed" in output
    assert f"- {REPORT}: the words change in para_9" in output
    assert f"- {SOURCE}: a source of the record, changed" in summary.read_text()


def test_the_trust_check_runs_on_the_standard_library_alone(tmp_path: Path) -> None:
    project = git_project(tmp_path)
    edit(project, "content/assets/archive.css", "", "p { display: none }\n")
    script = ROOT / "scripts" / "protected_changes.py"
    result = subprocess.run([sys.executable, "-I", "-S", str(script), "--repo", str(project), "--base", "HEAD",
                             "--author-association", "NONE"], capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "content/assets/archive.css:1:1: this file runs or styles the site" in result.stdout


def test_a_report_without_a_source_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path)
    text = (project / REPORT).read_text(encoding="utf-8")
    (project / REPORT).write_text("".join(line for line in text.splitlines(keepends=True)
                                          if not line.startswith(("source:", "  file:", "  sha256:"))))
    refused(project, capsys, f"{REPORT}:3:1: a report of the record needs the source it was imported from")
