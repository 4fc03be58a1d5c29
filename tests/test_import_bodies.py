"""One command adds a report of any body: fictional reports written in each body's format
(tests/fixtures/sources/fictional-*.txt) are imported into an archive and built strictly."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bs4 import BeautifulSoup
from helpers import copy_project

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).parent / "fixtures" / "sources"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def import_report(project: Path, source: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "import_report.py"), str(SOURCES / source),
                           "--fictional", "--project", str(project), *args],
                          capture_output=True, text=True, timeout=120, env=ENV)


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                          capture_output=True, text=True, timeout=300, env=ENV)


def empty_archive(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "content" / "assets", tmp_path / "content" / "assets")
    return tmp_path


@pytest.mark.parametrize(("source", "page", "placeholders"), [
    ("fictional-subcom-93.txt", "subcom/93.md", ["subcom/92.md", "subcom/94.md"]),
    ("fictional-honlap-37.txt", "honlap/37.md", ["honlap/35.md", "honlap/36.md", "honlap/38.md"]),
    ("fictional-honlaf-91.txt", "honlaf/91.md", ["honlaf/89.md", "honlaf/90.md", "honlaf/92.md"]),
    ("fictional-honeuro-41.txt", "honeuro/41.md", ["honeuro/40.md", "honeuro/42.md"]),
])
def test_each_bodys_report_is_added_by_one_command_and_builds(tmp_path: Path, source: str, page: str,
                                                              placeholders: list[str]) -> None:
    project = empty_archive(tmp_path)
    result = import_report(project, source)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"wrote content/{page}" in result.stdout
    written = sorted(p.relative_to(project / "content").as_posix() for p in (project / "content").rglob("*.md"))
    assert written == sorted([page, *placeholders])
    for path in written:
        assert "fictional: true" in (project / "content" / path).read_text(encoding="utf-8")
    built = build(project)
    assert built.returncode == 0, built.stdout + built.stderr


def test_a_subcommission_session_reads_as_the_subcommission_writes(tmp_path: Path) -> None:
    project = empty_archive(tmp_path)
    assert import_report(project, "fictional-subcom-93.txt").returncode == 0
    assert build(project).returncode == 0
    data = json.loads((project / "site/data/archive.json").read_text(encoding="utf-8"))
    sessions = {s["id"]: s for s in data["sessions"]}
    assert sessions["subcom-93"]["follows_up"] == "subcom-92"
    assert sessions["subcom-92"]["reviewed_in"][0]["status"] == "held"
    assert sessions["subcom-93"]["reviewed_in"] == [{"session": "subcom-94", "status": "scheduled",
                                                      "agenda_item": "subcom/94/#agenda__item_4", "paragraphs": []}]
    assert sessions["subcom-92"]["start_date"] is None and sessions["subcom-92"]["city"] is None
    recommendations = [r["id"] for r in data["recommendations"]]
    assert recommendations == ["subcom-93-rec-1a", "subcom-93-rec-1b", "subcom-93-rec-2a"]
    soup = BeautifulSoup((project / "site/subcom/93/index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.find(id="chp_I__issue_1").get_text().startswith("1. Countering the financing")


def test_the_successor_replaces_its_placeholder_and_every_permalink_still_resolves(tmp_path: Path) -> None:
    copy_project(tmp_path)
    before = json.loads((tmp_path / "permalinks.json").read_text(encoding="utf-8"))["pages"]
    result = import_report(tmp_path, "fictional-honlac-28.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "wrote placeholder content/honlac/30.md" in result.stdout
    assert "redirect honlac/28/#agenda__item_4 -> honlac/28/#para_10__item_4" in result.stdout
    built = build(tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    record = json.loads((tmp_path / "permalinks.json").read_text(encoding="utf-8"))
    for url, anchors in before.items():
        for anchor in anchors:
            key = f"{url}#{anchor}"
            assert anchor in record["pages"].get(url, []) or key in record["redirects"], key
    reviewed = BeautifulSoup((tmp_path / "site/honlac/27/index.html").read_text(encoding="utf-8"), "html.parser")
    note = reviewed.select_one("p.cnd-followup").get_text(" ", strip=True)
    assert "was reviewed by the Twenty-eighth Meeting" in note
    again = import_report(tmp_path, "fictional-honlac-28.txt")
    assert again.returncode == 1 and "--force" in again.stderr
