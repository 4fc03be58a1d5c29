"""Each importer rule on small fictional texts, then the real 27th report."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from cnd_archive.errors import ContentError
from cnd_archive.model.frontmatter import split
from cnd_archive.importing.cli import convert
from cnd_archive.model.report import read_report

ROOT = Path(__file__).resolve().parent.parent

FICTIONAL_HEAD = """1 March 2030

Original: English*

Report of the Ninety-first Meeting of Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean, held in Quito from 1 to 3 March 2030

I. Matters calling for action

"""
FICTIONAL_STAR_NOTE = "\n^{*} Available only in English and Spanish, which are the working languages of the subsidiary body.\n"


def fictional(body: str) -> bytes:
    """A made-up report (Ninety-first Meeting, 2030): the head, the body given, the * footnote."""
    return (FICTIONAL_HEAD + body + FICTIONAL_STAR_NOTE).encode()


def markdown_of(body: str) -> str:
    return convert(fictional(body), "fictional.txt")


def problems_of(data: bytes) -> str:
    with pytest.raises((ContentError, ValueError)) as caught:
        convert(data, "fictional.txt")
    return str(caught.value)


def test_front_matter_holds_the_report_metadata() -> None:
    document, _ = split(markdown_of("1. Only paragraph.\n\nV.30-01234 2/9\n"), "x.md")
    assert document is not None
    meta = document.meta
    assert meta["body"] == "HONLAC" and meta["meeting"] == 91
    assert meta["start_date"] == dt.date(2030, 3, 1) and meta["end_date"] == dt.date(2030, 3, 3)
    assert meta["city"] == "Quito" and meta["country"] == "ECU"
    assert meta["issued"] == dt.date(2030, 3, 1)
    assert meta["original_language"] == "en" and meta["working_languages"] == ["en", "es"]
    assert meta["job_number"] == "V.30-01234"
    assert meta["source"]["file"] == "fictional.txt" and len(meta["source"]["sha256"]) == 64


def test_page_footers_are_removed() -> None:
    markdown = markdown_of("1. First paragraph.\n\nV.30-01234 2/9\n\n2. Second paragraph.\n")
    assert "V.30-01234 2/9" not in markdown.split("---", 2)[2]
    assert "1\\. First paragraph.\n\n2\\. Second paragraph." in markdown


def test_a_paragraph_cut_by_a_page_break_is_joined() -> None:
    markdown = markdown_of("1. The Meeting was held from 2 to\n\nV.30-01234 2/9\n\n6 March 2030. It closed.\n")
    assert "1\\. The Meeting was held from 2 to 6 March 2030. It closed." in markdown


def test_a_footnote_in_mid_sentence_goes_to_its_marker_and_the_sentence_is_joined() -> None:
    body = ("1. Speakers recalled the Political Declaration¹ and the sharing\n\n"
            "¹ See Official Records of the Economic and Social Council, 2009, Supplement No. 8 (E/2009/28).\n\n"
            "V.30-01234 2/9\n\nof information among agencies.\n")
    markdown = markdown_of(body)
    assert "1\\. Speakers recalled the Political Declaration[^1] and the sharing of information among agencies." in markdown
    assert "[^1]: See Official Records of the Economic and Social Council, 2009, Supplement No. 8 (E/2009/28)." in markdown
    assert markdown.index("[^1]:") > markdown.index("of information among")


def test_the_star_footnote_of_the_original_language() -> None:
    markdown = markdown_of("1. Text.\n")
    assert "Original: English[^*]" in markdown
    assert "[^*]: Available only in English and Spanish" in markdown


def test_subparagraphs_and_list_dashes() -> None:
    markdown = markdown_of("- 1. The group recommended:\n- (a) One thing;\n - (b) Another thing.\n")
    assert "1\\. The group recommended:\n\n(a) One thing;\n\n(b) Another thing." in markdown


def test_letters_written_inside_a_paragraph_continue_across_a_page() -> None:
    body = "1. Subjects proposed: (a) one; (b) two; and\n\nV.30-01234 2/9\n\n- (c) three.\n"
    assert "1\\. Subjects proposed: (a) one; (b) two; and (c) three." in markdown_of(body)


def test_an_agenda_list_keeps_its_numbers_and_subitems() -> None:
    body = ("1. The following agenda was adopted:\n - 1. Election of officers.\n"
            " - 2. Consideration of topics:\n - (a) Firearms;\n - (b) Precursors.\n"
            " - 3. Adoption of the report.\n\n2. Next paragraph.\n")
    markdown = markdown_of(body)
    assert ("- 1\\. Election of officers.\n- 2\\. Consideration of topics:\n"
            "    - (a) Firearms;\n    - (b) Precursors.\n- 3\\. Adoption of the report.\n") in markdown
    assert "\n2\\. Next paragraph." in markdown


def test_headings_chapters_sections_issues_and_unnumbered() -> None:
    body = ("Recommendations adopted by the Meeting\n\n1. Intro.\n\nIssue 1. Firearms\n\n2. Text.\n\n"
            "II. Organization of the Meeting\n\nA. Opening\n\n3. Text.\n\nB. Attendance\n\n4. Text.\n")
    markdown = markdown_of(body)
    for line in ("## I. Matters calling for action", "### Recommendations adopted by the Meeting {#chp_I__recommendations}",
                 "#### Issue 1. Firearms", "## II. Organization of the Meeting", "### A. Opening", "### B. Attendance"):
        assert f"\n{line}\n" in markdown


def test_the_annex_table_becomes_a_markdown_table() -> None:
    body = ("1. Text.\n\nAnnex\n\nList of documents before the Meeting\n\n"
            "Symbol\tAgenda item\tTitle or description\n"
            "UNODC/HONLAC/91/1\t2\tAnnotated provisional agenda\n"
            "UNODC/HONLAC/91/CRP.1-3\t3\tCountry reports\n")
    markdown = markdown_of(body)
    assert ("| Symbol | Agenda item | Title or description |\n| --- | --- | --- |\n"
            "| UNODC/HONLAC/91/1 | 2 | Annotated provisional agenda |\n"
            "| UNODC/HONLAC/91/CRP.1-3 | 3 | Country reports |\n") in markdown
    assert "\n## Annex\n" in markdown


def test_markdown_syntax_in_the_text_is_escaped_not_interpreted() -> None:
    markdown = markdown_of("1. A *starred* word, a [bracket], a <b>tag</b> and back\\slash.\n")
    assert "A \\*starred\\* word, a \\[bracket\\], a &lt;b&gt;tag&lt;/b&gt; and back\\\\slash." in markdown


@pytest.mark.parametrize(("body", "expected"), [
    ("1. One.\n\n3. Three.\n", "fictional.txt:11:1: paragraph number 3 jumps: expected 2"),
    ("1. One.\n\n2. Two.\n\n2. Again.\n", "fictional.txt:13:1: paragraph number 2 repeats: expected 3"),
    ("1. One:\n(a) A;\n(c) C.\n", "fictional.txt:11:1: subparagraph (c) jumps: expected (b)"),
    ("1. One.\n\nIII. Third chapter\n", "fictional.txt:11:1: chapter III out of order: expected II"),
    ("1. One.\n\nIssue 2. Second issue\n", "fictional.txt:11:1: Issue 2 out of order: expected Issue 1"),
    ("1. One with a marker² here.\n", "footnote marker 2 has no footnote text"),
])
def test_numbering_mistakes_name_the_line_and_what_was_expected(body: str, expected: str) -> None:
    assert expected in problems_of(fictional(body))


def test_all_numbering_problems_are_reported_together() -> None:
    message = problems_of(fictional("1. One.\n\n3. Three.\n\n3. Again.\n"))
    assert "jumps: expected 2" in message and "repeats: expected 4" in message


def test_an_unknown_ordinal_in_the_title_is_named() -> None:
    data = fictional("1. One.\n").replace(b"Ninety-first", b"Ninety-frist")
    assert "fictional.txt:5:1: unknown ordinal 'Ninety-frist'" in problems_of(data)


def test_an_unknown_venue_leaves_its_country_out_and_asks_for_it() -> None:
    data = fictional("1. One.\n").replace(b"in Quito", b"in Xanadu-on-Sea")
    document, _ = split(convert(data, "fictional.txt"), "fictional.md")
    assert document is not None and "country" not in document.meta
    [unread] = document.meta["unread"]
    assert (unread["fact"], unread["line"]) == ("venue_country", 5)
    assert "no city 'Xanadu-on-Sea' is in the gazetteer" in unread["note"] and "--country" in unread["note"]
    assert "country: PER" in convert(data, "fictional.txt", country="PER")


@pytest.mark.parametrize(("data", "expected"), [
    (b"", "fictional.txt:1:1: the file is empty"),
    (b"   \n\n", "fictional.txt:1:1: the file is empty"),
    (b"%PDF-1.7\n\x00\x01\x02binary", "fictional.txt:2:1: the file is binary"),
    (b"1 March 2030\n\nOriginal: English\n\xff\xfe broken", "fictional.txt:4:1: the file is not valid UTF-8"),
    (b"Dear diary,\n\nToday I wrote a poem.\n", "no report title found"),
    (b"Report of the Ninety-first Meeting of Heads of something else\n\n1. Text.\n", "cannot read the title"),
])
def test_files_that_are_not_reports_are_refused(data: bytes, expected: str) -> None:
    assert expected in problems_of(data)


def test_an_enormous_file_is_refused_before_parsing() -> None:
    assert "more than" in problems_of(b"x" * (6 * 1024 * 1024))


# -- the command line --------------------------------------------------------

def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "import_report.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def test_cli_writes_the_file_and_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    source, out = tmp_path / "fictional.txt", tmp_path / "out" / "91.md"
    source.write_bytes(fictional("1. One.\n"))
    assert run_cli(source, "-o", out).returncode == 0
    first = out.read_text()
    out.write_text("edited by a contributor")
    refused = run_cli(source, "-o", out)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert out.read_text() == "edited by a contributor"
    assert run_cli(source, "-o", out, "--force").returncode == 0
    assert out.read_text() == first


def test_cli_failure_leaves_no_output_and_no_temporary_file(tmp_path: Path) -> None:
    source, out = tmp_path / "fictional.txt", tmp_path / "91.md"
    source.write_bytes(fictional("1. One.\n\n3. Three.\n"))
    result = run_cli(source, "-o", out)
    assert result.returncode == 1
    assert "fictional.txt:11:1: paragraph number 3 jumps: expected 2" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fictional.txt"]


def test_cli_reports_a_missing_source(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "nope.txt", "-o", tmp_path / "x.md")
    assert result.returncode == 1 and "cannot read" in result.stderr


# -- the real report ----------------------------------------------------------

def test_the_real_27th_report_imports_into_a_valid_report(source_27: str) -> None:
    markdown = convert(source_27.encode(), "honlac-27-report.txt")
    document, problems = split(markdown, "27.md")
    assert document is not None and problems == []
    report, problems = read_report(document)
    assert problems == []
    paragraphs = [e.label for e in report.elements if e.kind == "paragraph"]
    assert paragraphs == [str(n) for n in range(1, 60)]
    assert len(report.recommendations) == 18
    meta = document.meta
    assert (meta["meeting"], meta["city"], meta["country"]) == (27, "Guatemala City", "GTM")
    assert (meta["start_date"], meta["end_date"]) == (dt.date(2017, 10, 2), dt.date(2017, 10, 6))
    assert meta["issued"] == dt.date(2017, 10, 12) and meta["job_number"] == "V.17-07261"
    assert meta["working_languages"] == ["en", "fr", "es"]


def test_the_importer_proposes_participation_roles_from_the_text() -> None:
    body = ("1. The following States members of the Economic Commission for Latin America and the Caribbean "
            "were represented: Chile, Peru and Spain.\n\n2. Brazil was represented by an observer.\n")
    document, _ = split(markdown_of(body), "x.md")
    assert document is not None
    assert document.meta["participation"] == [
        {"participant": "BRA", "role": "observer", "paragraphs": [2]},
        {"participant": "CHL", "role": "member", "paragraphs": [1]},
        {"participant": "ESP", "role": "member", "paragraphs": [1]},
        {"participant": "PER", "role": "member", "paragraphs": [1]},
    ]


def test_a_report_without_attendance_gets_an_empty_participation_list() -> None:
    document, _ = split(markdown_of("1. Only paragraph.\n"), "x.md")
    assert document is not None and document.meta["participation"] == []


def test_the_importer_proposes_themes_from_keywords_and_marks_them_as_proposals() -> None:
    body = ("1. Seizures of precursor chemicals and of new psychoactive substances rose.\n\n"
            "2. Participants discussed the weather.\n\n"
            "3. Money-laundering through legal persons was reported.\n")
    document, _ = split(markdown_of(body), "x.md")
    assert document is not None
    proposed = {entry["theme"]: entry["paragraphs"] for entry in document.meta["themes"]}
    assert proposed == {"precursors": [1], "new-psychoactive-substances": [1], "money-laundering": [3],
                        "legal-persons": [3]}
    assert all(entry["proposed"] is True for entry in document.meta["themes"])


def test_the_importer_records_the_day_a_report_enters_the_archive(tmp_path: Path) -> None:
    source = tmp_path / "fictional.txt"
    source.write_bytes(fictional("1. Only paragraph.\n"))
    output = tmp_path / "out.md"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "import_report.py"), str(source), "--output",
                             str(output), "--fictional"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document, _ = split(output.read_text(encoding="utf-8"), "out.md")
    assert document is not None and document.meta["added"] == dt.date.today()
