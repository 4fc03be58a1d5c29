"""Fuzzing: random and mutated input to the importer, front matter, report model and safety
checks. Never a crash or traceback: either a result or a clear error, in bounded time."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnd_archive.errors import ContentError
from cnd_archive.model.frontmatter import split
from cnd_archive.importing.cli import convert
from cnd_archive.model.report import read_report
from cnd_archive.model.safety import unsafe_markdown

ROOT = Path(__file__).resolve().parent.parent
SOURCE_LINES = (ROOT / "sources" / "honlac-27-report.txt").read_text().splitlines()
REPORT = (ROOT / "content" / "honlac" / "27.md").read_text()
FUZZ = settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated_lines(draw: st.DrawFn, lines: list[str]) -> str:
    """The real text with lines deleted, doubled, swapped or garbled."""
    out = list(lines)
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(out) - 1))
        operation = draw(st.sampled_from(["delete", "double", "swap", "garble", "insert"]))
        if operation == "delete" and len(out) > 1:
            del out[i]
        elif operation == "double":
            out.insert(i, out[i])
        elif operation == "swap":
            j = draw(st.integers(0, len(out) - 1))
            out[i], out[j] = out[j], out[i]
        elif operation == "garble":
            out[i] = draw(st.text(max_size=80))
        else:
            out.insert(i, draw(st.sampled_from(["", "- 3.", "(q) x", "IV. X", "Issue 9. Y", "\t\t", "^{*} n",
                                                "¹ note", "V.17-07261 3/15", "Annex", "{#x}", "<b>"])))
    return "\n".join(out)


def convert_or_refuse(data: bytes) -> None:
    try:
        assert isinstance(convert(data, "fuzz.txt"), str)
    except ContentError as error:
        assert error.problems and all(str(p).startswith("fuzz.txt:") for p in error.problems)
    except ValueError as error:
        assert str(error).startswith("fuzz.txt:")


@FUZZ
@given(mutated_lines(SOURCE_LINES))
def test_the_importer_refuses_mutated_reports_clearly(text: str) -> None:
    convert_or_refuse(text.encode())


@FUZZ
@given(st.binary(max_size=2000))
def test_the_importer_refuses_random_bytes_clearly(data: bytes) -> None:
    convert_or_refuse(data)


@FUZZ
@given(st.text(max_size=600))
def test_front_matter_never_crashes(text: str) -> None:
    document, problems = split("---\n" + text + "\n---\nBody\n", "fuzz.md")
    assert (document is None) == bool(problems)
    assert all(p.line >= 1 for p in problems)


@FUZZ
@given(mutated_lines(REPORT.split("\n---\n", 1)[1].splitlines()))
def test_the_report_model_and_safety_checks_never_crash(body: str) -> None:
    document, refused = split("---\nkind: report\n---\n" + body, "fuzz.md")
    if document is None:  # a carriage return or an invisible character the mutation brought in
        assert refused and all(str(p).startswith("fuzz.md:") for p in refused)
        return
    report, problems = read_report(document)
    problems += unsafe_markdown(document.body, document.body_line, "fuzz.md")
    assert all(str(p).startswith("fuzz.md:") for p in problems)
    assert len({e.id for e in report.elements}) == len(report.elements)
