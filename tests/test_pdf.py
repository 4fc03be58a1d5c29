"""A report's official PDF is a source: imported with one command, word for word.

The PDF is made here from the 27th report's source text, typeset as the United Nations prints
its reports (``pdf_fixture``: A4 pages, a running header, footers with the job number and the
page, a barcode line, hanging paragraph numbers, raised footnote markers and footnotes at the
foot of their page). Its running header prints UNODC/HONLAC/27/99, a symbol invented for the
fixture (the 27th report's own symbol is not in its source text). poppler's pdftotext reads it.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cnd_archive.checking.record import words_by_element
from cnd_archive.importing.cli import convert, read_source
from cnd_archive.importing.pdf_text import footnotes_read
from cnd_archive.model.frontmatter import split
from cnd_archive.model.report import read_report
from helpers import ROOT, SOURCE_27, copy_project
from pdf_fixture import typeset

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="needs poppler's pdftotext: apt-get install poppler-utils (.ci/run does it)")

INVENTED_SYMBOL = "UNODC/HONLAC/27/99"


@pytest.fixture(scope="module")
def pdf_27(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler's pdftotext is missing: apt-get install poppler-utils (.ci/run does it)")
    path = tmp_path_factory.mktemp("pdf") / "honlac-27-report.pdf"
    return typeset(SOURCE_27.read_text(encoding="utf-8"), path, INVENTED_SYMBOL, "V.17-07261")


def read(markdown: str) -> tuple[str, dict[str, object], list[str]]:
    document, _ = split(markdown, "report.md")
    assert document is not None
    report, _ = read_report(document)
    words = [w for _, (_, ws) in sorted(words_by_element(report).items(), key=lambda kv: kv[1][0]) for w in ws]
    meta = dict(document.meta)
    meta.pop("source")
    return document.body, meta, words


def test_the_pdf_gives_every_word_in_order_and_the_same_facts(pdf_27: Path) -> None:
    _, data, name = read_source(pdf_27)
    body, facts, words = read(convert(data, name))
    text_body, text_facts, text_words = read(convert(SOURCE_27.read_bytes(), SOURCE_27.name))
    matched = sum(b.size for b in difflib.SequenceMatcher(a=text_words, b=words, autojunk=False).get_matching_blocks())
    assert matched == len(text_words) and len(words) == len(text_words) + 1  # + the symbol the pages print
    assert body.replace(f"\n{INVENTED_SYMBOL}\n", "", 1) == text_body
    assert facts == {**text_facts, "symbol": INVENTED_SYMBOL}


def test_one_command_imports_the_pdf_and_keeps_it_with_its_text(pdf_27: Path, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "archive")
    fixture = tmp_path / "fictional-honlaf-28.pdf"
    text = (ROOT / "tests/fixtures/formats/fictional-honlaf-28.txt").read_text(encoding="utf-8")
    typeset(text, fixture, "UNODC/HONLAF/28/99", "V.18-05932")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/import_report.py"), str(fixture), "--fictional",
                             "--project", str(project)], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "sources/fictional-honlaf-28.pdf").read_bytes() == fixture.read_bytes()
    assert "Addis Ababa" in (project / "sources/fictional-honlaf-28.txt").read_text(encoding="utf-8")
    page = (project / "content/honlaf/28.md").read_text(encoding="utf-8")
    assert "pdf: fictional-honlaf-28.pdf" in page and "file: fictional-honlaf-28.txt" in page
    check = subprocess.run([sys.executable, str(ROOT / "scripts/check_content.py"), "--project", str(project)],
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    (project / "sources/fictional-honlaf-28.pdf").write_bytes(fixture.read_bytes() + b"\n%changed\n")
    check = subprocess.run([sys.executable, str(ROOT / "scripts/check_content.py"), "--project", str(project)],
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 1 and "sources/fictional-honlaf-28.pdf has SHA-256" in check.stdout


def test_a_file_that_is_not_a_readable_pdf_is_refused_with_its_name(tmp_path: Path) -> None:
    broken = tmp_path / "report.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot a PDF at all\n")
    project = copy_project(tmp_path / "archive")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = subprocess.run([sys.executable, str(ROOT / "scripts/import_report.py"), str(broken), "--project",
                             str(project)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"{broken}:1:1: pdftotext cannot read it" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_without_pdftotext_the_message_says_what_to_install(pdf_27: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts/import_report.py"), str(pdf_27), "-o",
                             str(tmp_path / "out.md")], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PATH": str(tmp_path)})
    assert result.returncode == 1
    assert "needs poppler's pdftotext: apt-get install poppler-utils" in result.stderr


@pytest.mark.parametrize(("page", "read"), [
    ("the Political Declaration3 and more.\n\n3 See Official Records.", "the Political Declaration³ and more.\n\n³ See"),
    ("Original: English*\ntext\n* Available only in English.", "Original: English*\ntext\n^{*} Available only in"),
    ("documents L.1 and Add.1 were before it.\n1 Not a footnote: nothing marks it.",
     "documents L.1 and Add.1 were before it.\n1 Not a footnote"),
    ("held on\n3 October 2017 in Lima.", "held on\n3 October 2017 in Lima."),
])
def test_a_footnote_is_read_only_where_its_marker_stands_on_its_page(page: str, read: str) -> None:
    assert footnotes_read(page).startswith(read)


def test_the_record_of_a_pdf_import_names_both_files(pdf_27: Path) -> None:
    kept, data, name = read_source(pdf_27)
    document, _ = split(convert(data, name, originals=kept[1:]), "report.md")
    assert document is not None
    source = document.meta["source"]
    assert [k for k, _ in kept] == ["honlac-27-report.txt", "honlac-27-report.pdf"]
    assert json.dumps(sorted(source)) == json.dumps(["file", "pdf", "pdf_sha256", "sha256"])
