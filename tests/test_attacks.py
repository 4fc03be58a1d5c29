"""Untrusted content: a corpus of attacks, each refused by the checker with file:line.

Each case changes one file of a copy of the real project (the 29th Meeting's placeholder
page is the usual vehicle) and expects a non-zero exit, a message that names the file
and the line, and no traceback. A last test builds the site with every attack at once
and checks that no attack string comes out unescaped in any page or data file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


from cnd_archive.checking import cli as check_cli
from helpers import copy_project

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = "content/honlac/29.md"
HEAD = """---
kind: placeholder
body: HONLAC
meeting: 29
title: Twenty-ninth Meeting, Lima, 2019
start_date: 2019-10-07
end_date: 2019-10-11
city: Lima
country: PER
"""
SCRIPT = "<script>alert(1)</script>"


def with_field(line: str) -> str:
    """The placeholder with one more front matter line (its line 10)."""
    return f"{HEAD}{line}\n---\n"


def with_body(body: str) -> str:
    """The placeholder with a body starting on its line 12."""
    return f"{HEAD}---\n\n{body}\n"


def replaced(field: str, value: str) -> str:
    return "\n".join(f"{field}: {value}" if line.startswith(f"{field}:") else line
                     for line in HEAD.splitlines()) + "\n---\n"


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b]"

CASES: list[tuple[str, str, str, bytes | str]] = [
    # (name, file, expected message at file:line, content)
    ("script in title", PLACEHOLDER, f"{PLACEHOLDER}:5:1: title:", replaced("title", f'"{SCRIPT}"')),
    ("event handler in city", PLACEHOLDER, f"{PLACEHOLDER}:8:1: city:", replaced("city", '"<img src=x onerror=alert(1)>"')),
    ("quote breaking an attribute", PLACEHOLDER, f"{PLACEHOLDER}:5:1: title:", replaced("title", "'x\" onmouseover=\"alert(1)'")),
    ("path traversal as body", PLACEHOLDER, f"{PLACEHOLDER}:3:1: body:", replaced("body", "../../etc")),
    ("path traversal as meeting", PLACEHOLDER, f"{PLACEHOLDER}:4:1: meeting:", replaced("meeting", "../../../x")),
    ("fractional meeting", PLACEHOLDER, f"{PLACEHOLDER}:4:1: meeting:", replaced("meeting", "29.5")),
    ("markup in country", PLACEHOLDER, f"{PLACEHOLDER}:9:1: country:", replaced("country", '"P<b>"')),
    ("python object tag", PLACEHOLDER, f"{PLACEHOLDER}:10:", with_field("x: !!python/object/apply:os.system ['touch /tmp/pwned']")),
    ("python name tag", PLACEHOLDER, f"{PLACEHOLDER}:10:", with_field("x: !!python/name:os.system")),
    ("alias bomb", PLACEHOLDER, "aliases ('*name') are not allowed", with_field(BOMB)),
    ("deep nesting", PLACEHOLDER, "nests deeper than", with_field("x: " + "[" * 200 + "]" * 200)),
    ("huge front matter", PLACEHOLDER, f"{PLACEHOLDER}:2:1: front matter is too large", with_field("x: '" + "a" * 70_000 + "'")),
    ("front matter not a mapping", PLACEHOLDER, f"{PLACEHOLDER}:2:1: front matter is not a mapping", "---\n- a\n- b\n---\n"),
    ("unknown field", PLACEHOLDER, f"{PLACEHOLDER}:10:1: onload: unknown field", with_field("onload: alert(1)")),
    ("source file traversal", PLACEHOLDER, f"{PLACEHOLDER}:10:1: source", with_field("source: {file: ../../etc/passwd, sha256: " + "0" * 64 + "}")),
    ("symbol as script link", PLACEHOLDER, f"{PLACEHOLDER}:10:1: symbol:", with_field("symbol: 'javascript:alert(1)'")),
    ("agenda paragraph as command", PLACEHOLDER, f"{PLACEHOLDER}:10:1: provisional_agenda.paragraph:", with_field("provisional_agenda: {paragraph: '48; rm -rf /'}")),
    ("impossible date", PLACEHOLDER, f"{PLACEHOLDER}:6:13: invalid YAML: '2019-13-45' is not a date", replaced("start_date", "2019-13-45")),
    ("end before start", PLACEHOLDER, f"{PLACEHOLDER}:7:1: end_date is before start_date", replaced("end_date", "2019-10-01")),
    ("raw script block", PLACEHOLDER, f"{PLACEHOLDER}:12:1: raw HTML '<script>alert(1)</script>'", with_body(SCRIPT)),
    ("inline event handler", PLACEHOLDER, f"{PLACEHOLDER}:12:1: raw HTML '<img src=x onerror=alert(1)>'", with_body("Text <img src=x onerror=alert(1)> here.")),
    ("javascript link", PLACEHOLDER, f"{PLACEHOLDER}:12:1: link to a 'javascript:' address", with_body("[click](javascript:alert(1))")),
    ("mixed-case javascript", PLACEHOLDER, f"{PLACEHOLDER}:12:1: link to a 'javascript:' address", with_body("[click](JaVaScRiPt:alert(1))")),
    ("escaped javascript", PLACEHOLDER, f"{PLACEHOLDER}:12:1: link to a 'javascript:' address", with_body("[click](java%0Ascript:alert(1))")),
    ("reference-style javascript", PLACEHOLDER, f"{PLACEHOLDER}:12:1: link to a 'javascript:' address", with_body("[click][1]\n\n[1]: javascript:alert(1)")),
    ("autolink javascript", PLACEHOLDER, f"{PLACEHOLDER}:12:1: link to a 'javascript:' address", with_body("<javascript:alert(1)>")),
    ("data image", PLACEHOLDER, f"{PLACEHOLDER}:12:1: link to a 'data:' address", with_body("![x](data:image/svg+xml;base64,PHN2Zz4=)")),
    ("vbscript link", PLACEHOLDER, f"{PLACEHOLDER}:12:1: link to a 'vbscript:' address", with_body("[x](vbscript:msgbox(1))")),
    ("attribute list onclick", PLACEHOLDER, f"{PLACEHOLDER}:13:1: attribute list '{{: onclick=\"alert(1)\" }}'", with_body('Text\n{: onclick="alert(1)" }')),
    ("inline attribute list", PLACEHOLDER, f"{PLACEHOLDER}:12:", with_body('[x](https://example.org){onmouseover="alert(1)"}')),
    ("heading id traversal", PLACEHOLDER, f"{PLACEHOLDER}:12:", with_body("## Notes {#../../x}")),
    ("malformed symbol link", PLACEHOLDER, f"{PLACEHOLDER}:12:6: malformed symbol in link", with_body("[note](symbol:UNODC//29/<b>)")),
    ("broken anchor", PLACEHOLDER, f"{PLACEHOLDER}:12:1: link to '27.md#para_999'", with_body("[p](27.md#para_999)")),
    ("script title on another page", "content/about.md", "content/about.md:2:1: title must be plain text", f'---\ntitle: "{SCRIPT}"\n---\n\n# About\n'),
    ("template switch on another page", "content/about.md", "content/about.md:2:1: front matter field 'template'", "---\ntemplate: ../../../etc/passwd\n---\n\n# About\n"),
    ("invalid UTF-8", PLACEHOLDER, f"{PLACEHOLDER}:3:1: not valid UTF-8", b"---\nkind: placeholder\n\xff\xfe\n---\n"),
    ("enormous file", PLACEHOLDER, f"{PLACEHOLDER}:1:1: file is larger than", with_body("word " * 500_000)),
    ("unknown participant", "content/honlac/27.md", "content/honlac/27.md:", "ROLE:{participant: Boliva, role: member, paragraphs: [52]}"),
    ("script as participant", "content/honlac/27.md", "content/honlac/27.md:", f"ROLE:{{participant: '{SCRIPT}', role: member, paragraphs: [52]}}"),
]


def project_with(tmp_path: Path, path: str, content: bytes | str) -> Path:
    copy_project(tmp_path)
    target = tmp_path / path
    if isinstance(content, str) and content.startswith("ROLE:"):
        text = target.read_text()
        content = text.replace("participation:\n", f"participation:\n  - {content[5:]}\n", 1)
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return tmp_path


def check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The checker's command line, run in this process (the script only calls it)."""
    code = check_cli.main(["--project", str(project)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(("name", "path", "expected", "content"), CASES, ids=[c[0] for c in CASES])
def test_each_attack_is_refused_with_file_and_line(tmp_path: Path, name: str, path: str, expected: str,
                                                   content: bytes | str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = check(project_with(tmp_path, path, content), capsys)
    assert code == 1, out + err
    assert expected in out, out
    assert "Traceback" not in out + err


def test_no_attack_string_comes_out_unescaped(tmp_path: Path) -> None:
    """Every attack of the body and front matter at once, built without --strict."""
    copy_project(tmp_path)
    bodies = [c[3] for c in CASES if isinstance(c[3], str) and c[3].startswith(HEAD + "---\n\n")
              and len(c[3]) < 10_000]
    body = "\n\n".join(b.removeprefix(HEAD + "---\n\n") for b in bodies)
    (tmp_path / PLACEHOLDER).write_text(replaced("title", f'"{SCRIPT}"').replace("---\n", "", 1)
                                        .join(["---\n", ""]) + "\n" + body, encoding="utf-8")
    (tmp_path / "content/about.md").write_text(f'---\ntitle: "{SCRIPT}"\ndescription: \'"><script>x</script>\'\n---\n\n{body}\n')
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    config = (tmp_path / "mkdocs.yml").read_text().replace("strict: true", "strict: false")
    (tmp_path / "mkdocs.yml").write_text(config)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, capture_output=True,
                            text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "ERROR" in result.stderr  # the build itself reports the attacks
    dangerous = ["<script>alert(1)", "<script>x</script>", "onerror=alert(1)", 'onclick="alert(1)"',
                 'onmouseover="alert(1)"', "javascript:alert(1)", "vbscript:", "data:image/svg+xml"]
    for file in (tmp_path / "site").rglob("*"):
        if file.suffix in (".html", ".json", ".csv", ".js", ".xml") and file.is_file():
            text = file.read_text(errors="replace")
            for needle in dangerous:
                assert needle not in text, f"{needle!r} unescaped in {file.relative_to(tmp_path)}"
