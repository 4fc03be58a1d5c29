"""Permalinks are forever: the record, its checks and the redirects the build serves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import copy_project

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def project(tmp_path: Path) -> Path:
    copy_project(tmp_path)
    return tmp_path


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "check_content.py"), "--project", str(root), *args],
                          capture_output=True, text=True, timeout=120)


def test_the_committed_record_matches_the_published_site() -> None:
    result = check(ROOT)
    assert result.returncode == 0, result.stdout
    record = json.loads((ROOT / "permalinks.json").read_text())
    assert {f"para_{n}" for n in range(1, 60)} <= set(record["pages"]["honlac/27/"])
    assert "para_2__subpara_a" in record["pages"]["honlac/27/"]


def test_a_disappearing_anchor_fails_until_a_redirect_is_recorded(tmp_path: Path) -> None:
    # A hand-written page's heading is renamed (a report's words are the record's, see
    # test_hostile_pull_requests): its anchor, a slug of the old words, disappears.
    root = project(tmp_path)
    page = root / "content/data.md"
    page.write_text(page.read_text().replace("## CSV files and spreadsheets\n", "## CSV files\n"))
    failed = check(root)
    assert failed.returncode == 1
    assert "published anchor 'data/#csv-files-and-spreadsheets' has disappeared" in failed.stdout
    record = json.loads((root / "permalinks.json").read_text())
    record["redirects"]["data/#csv-files-and-spreadsheets"] = "data/#csv-files"
    (root / "permalinks.json").write_text(json.dumps(record))
    second = check(root)
    assert "has disappeared" not in second.stdout
    assert "not in the record" in second.stdout  # csv-files is new
    assert check(root, "--record").returncode == 0
    assert check(root).returncode == 0
    redirects = json.loads((root / "permalinks.json").read_text())["redirects"]
    assert redirects["data/#csv-files-and-spreadsheets"] == "data/#csv-files"
    assert len(redirects) == len(json.loads((ROOT / "permalinks.json").read_text())["redirects"]) + 1


def test_a_disappearing_page_fails_and_its_redirect_is_served(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "content/data.md").rename(root / "content/open-data.md")
    home = root / "content/index.md"
    home.write_text(home.read_text().replace("(data.md)", "(open-data.md)"))
    assert "published page 'data/' has disappeared" in check(root).stdout
    record = json.loads((root / "permalinks.json").read_text())
    record["redirects"]["data/"] = "open-data/"
    record["redirects"]["honlac/27/#para_60"] = "honlac/27/#para_59"
    record["pages"]["honlac/27/"].append("para_60")
    (root / "permalinks.json").write_text(json.dumps(record))
    assert check(root, "--record").returncode == 0
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                            capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    moved = (root / "site/data/index.html").read_text()
    assert 'http-equiv="refresh" content="0; url=../open-data/"' in moved
    assert 'location.replace("../open-data/" + location.hash)' in moved
    script = (root / "site/assets/permalinks.js").read_text()
    assert '"honlac/27/#para_60": "honlac/27/#para_59"' in script


def test_a_redirect_to_nowhere_is_an_error(tmp_path: Path) -> None:
    root = project(tmp_path)
    record = json.loads((root / "permalinks.json").read_text())
    record["redirects"]["honlac/27/#para_70"] = "honlac/27/#para_99"
    (root / "permalinks.json").write_text(json.dumps(record, indent=1))
    result = check(root)
    assert result.returncode == 1
    assert "redirect target 'honlac/27/#para_99' does not exist" in result.stdout


def test_a_missing_record_is_an_error_for_the_checker(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "permalinks.json").unlink()
    result = check(root)
    assert result.returncode == 1 and "permalinks.json:1:1: the permalink record is missing" in result.stdout
