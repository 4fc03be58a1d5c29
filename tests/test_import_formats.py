"""Reports of the five bodies imported one after another, as a contributor would: one command
each, no options, then a strict build; an import writes all its files or none.

The texts (``tests/fixtures/formats/``) are fictional reports in the bodies' formats.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, copy_project

pytestmark = pytest.mark.slow

FORMATS = ROOT / "tests" / "fixtures" / "formats"
ORDER = ("fictional-honlac-28.txt", "fictional-honlap-37.txt", "fictional-subcom-53.txt", "fictional-honlaf-28.txt",
         "fictional-honeuro-16.txt")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def import_report(project: Path, source: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts/import_report.py"), str(source), "--fictional",
                           "--project", str(project)], capture_output=True, text=True, timeout=300, env=ENV)


def snapshot(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in project.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("formats"))
    for name in ORDER:
        result = import_report(project, FORMATS / name)
        assert result.returncode == 0, f"{name}: {result.stdout}{result.stderr}"
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                           text=True, timeout=600, env=ENV)
    assert built.returncode == 0, built.stdout + built.stderr
    return project


def roles(project: Path, meeting: str, role: str) -> set[str]:
    with open(project / "site/data/participation.csv", encoding="utf-8") as rows:
        return {r["participant"] for r in csv.DictReader(rows) if r["session"] == meeting and r["role"] == role}


def test_the_subcommissions_members_are_read_from_its_own_phrasing(archive: Path) -> None:
    assert len(roles(archive, "subcom-53", "member")) == 21


def test_a_host_is_read_from_who_opened_a_meeting_at_a_commissions_seat(archive: Path) -> None:
    assert roles(archive, "honlaf-28", "host") == {"ETH"}


def test_vienna_needs_no_country(archive: Path) -> None:
    assert "country: AUT" in (archive / "content/honeuro/16.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("reviewed", "at"), [("honlac-28", "honlac-29"), ("subcom-52", "subcom-54")])
def test_a_provisional_agenda_names_its_meeting_in_its_own_words(archive: Path, reviewed: str, at: str) -> None:
    """"Organization of the Twenty-ninth Meeting ... The following draft provisional agenda was
    approved:" and "approved the following provisional agenda for its fifty-fourth session:"."""
    sessions = {s["id"]: s for s in json.loads((archive / "site/data/archive.json").read_text())["sessions"]}
    assert {"session": at, "status": "scheduled"}.items() <= sessions[reviewed]["reviewed_in"][0].items()


def test_a_failed_import_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "archive")
    text = (FORMATS / "fictional-honlac-28.txt").read_text(encoding="utf-8")
    ranges = " ".join(f"UNODC/HONLAC/28/CRP.{n}/Add.1-500" for n in range(1, 12))
    text = text.replace("recommendations:\n", f"recommendations, among them {ranges}:\n", 1)
    source = tmp_path / "fictional-honlac-28-ranges.txt"
    source.write_text(text, encoding="utf-8")
    before = snapshot(project)
    result = import_report(project, source)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "stand for more than 5000 documents" in result.stderr
    assert "nothing was written: the archive is as it was" in result.stderr
    assert snapshot(project) == before


def test_problems_in_other_files_do_not_stop_an_import(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "archive")
    page = project / "content/accessibility.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    result = import_report(project, FORMATS / "fictional-honlap-37.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the report was added; 1 problem remain in other files of the archive (content/accessibility.md)" \
        in result.stderr
    assert (project / "content/honlap/37.md").exists()


def test_a_provisional_agenda_whose_meeting_is_not_stated_is_listed_not_guessed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "archive")
    lines = (FORMATS / "fictional-honlac-28.txt").read_text(encoding="utf-8").split("\n")
    # Paragraph 21 and its agenda no longer name the meeting the agenda is for.
    lines[89] = lines[89].replace('entitled "Organization of the Twenty-ninth Meeting', 'entitled "Organization of the '
                                                                                         'next Meeting')
    lines[97] = " - 8. Adoption of the report."
    source = tmp_path / "fictional-honlac-28-unstated.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    result = import_report(project, source)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{source}:90: could not read the meeting the provisional agenda of paragraph 21 is for" in result.stderr
    page = (project / "content/honlac/28.md").read_text(encoding="utf-8")
    assert "- fact: provisional_agenda_meeting\n  line: 90\n  paragraph: 21\n" in page
    check = subprocess.run([sys.executable, str(ROOT / "scripts/check_content.py"), "--project", str(project)],
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    # The entry excuses that paragraph's agenda only.
    (project / "content/honlac/28.md").write_text(page.replace("  paragraph: 21\n", "  paragraph: 20\n"), encoding="utf-8")
    check = subprocess.run([sys.executable, str(ROOT / "scripts/check_content.py"), "--project", str(project)],
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 1 and "the provisional agenda does not say which meeting it is for" in check.stdout


def test_a_report_whose_venue_country_is_not_stated_is_published_without_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "archive")
    text = (FORMATS / "fictional-honlap-37.txt").read_text(encoding="utf-8").replace("Bangkok", "Valencia")
    source = tmp_path / "fictional-honlap-37-valencia.txt"
    source.write_text(text, encoding="utf-8")
    result = import_report(project, source)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "could not read the venue's country: 'Valencia' is in VEN or ESP" in result.stderr
    assert "\ncountry:" not in (project / "content/honlap/37.md").read_text(encoding="utf-8").split("\n---\n")[0]
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                           text=True, timeout=600, env=ENV)
    assert built.returncode == 0, built.stdout + built.stderr
