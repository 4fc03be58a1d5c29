"""The same report in every layout its text comes in gives the same report: metamorphic tests.

A report's text reaches the importer as the contributor got it: one paragraph per line or
wrapped at the page width, with or without list dashes, with the page furniture of the PDF
(running headers, footers with the job number, a barcode line, form feeds), a table of
contents, words hyphenated at line ends. Each transformation below is applied, alone and all
together, to the 27th report's source and to every fictional report in the bodies' formats;
the import must give the same Markdown body and the same facts as the text as it is. Where a
layout adds a fact (the symbol in a running header), the fact is the one it printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from cnd_archive.importing.cli import convert
from cnd_archive.importing.page_furniture import unwrapped
from cnd_archive.model.frontmatter import split
from helpers import ROOT, SOURCE_27

FIXTURES = [SOURCE_27, *sorted((ROOT / "tests/fixtures/formats").glob("fictional-*.txt")),
            *sorted((ROOT / "tests/fixtures/sources").glob("fictional-*.txt"))]
Transform = Callable[[str, dict[str, Any]], str]


def imported(text: str) -> tuple[str, dict[str, Any]]:
    document, _ = split(convert(text.encode("utf-8"), "report.txt", fictional=True), "report.txt")
    assert document is not None
    meta = dict(document.meta)
    del meta["source"]  # the file's digest: a new layout is a new file
    meta.pop("unread", None)
    return document.body, meta


def symbol_of(facts: dict[str, Any]) -> str:
    return str(facts.get("symbol") or f"UNODC/{facts['body']}/{facts['meeting']}/5")


# -- the transformations ---------------------------------------------------------------------

def without_dashes(text: str, facts: dict[str, Any]) -> str:
    return re.sub(r"(?m)^(\s*)- ", r"\1", text)


def with_dashes(text: str, facts: dict[str, Any]) -> str:
    return re.sub(r"(?m)^(?=\d{1,3}\. [A-Z]|\([a-z]\) )", "- ", text)


def wrapped(text: str, facts: dict[str, Any], width: int = 84) -> str:
    """Lines cut at the page width, as pdftotext and a browser's copy give them."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width or "\t" in line:
            out.append(line)
            continue
        current = ""
        for word in line.split(" "):
            if current and len(current) + 1 + len(word) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return "\n".join(out)


def hyphenated(text: str, facts: dict[str, Any]) -> str:
    """Wrapped, and a long word that the document writes more than once broken at a line's end with
    a hyphen, as typesetting breaks words."""
    counts: dict[str, int] = {}
    for word in re.findall(r"[A-Za-z]{10,}", text):
        counts[word] = counts.get(word, 0) + 1
    lines = wrapped(text, facts).split("\n")
    for index in range(len(lines) - 1):
        line, following = lines[index], lines[index + 1]
        if not line.strip() or not following.strip() or "\t" in line + following:
            continue
        first = following.split(" ", 1)[0]
        if first.isalpha() and first.islower() and len(first) >= 10 and counts.get(first, 0) > 1:
            counts[first] -= 1  # one occurrence at least stays whole, for the importer to find
            lines[index] = f"{line} {first[:4]}-"
            lines[index + 1] = first[4:] + following[len(first):]
    return "\n".join(lines)


def page_furniture(text: str, facts: dict[str, Any]) -> str:
    """Every 30 lines a page ends: the job number and page, a form feed, the symbol as running
    header; the first page has a barcode line."""
    job = str(facts.get("job_number") or "V.19-01234")
    lines, out, page = text.split("\n"), [], 1
    for index, line in enumerate(lines):
        out.append(line)
        if index and index % 30 == 0:
            out += ["", f"{job} {page}/12", f"\f{symbol_of(facts)}", ""]
            page += 1
    return "\n".join(out[:3] + [f"*{job[2:4]}{job[5:]}*"] + out[3:])


def contents(text: str, facts: dict[str, Any]) -> str:
    """A table of contents after the title, with dot leaders and page numbers, repeating the
    chapter and section headings (its first entry is the first chapter's)."""
    headings = [line.strip().removeprefix("- ") for line in text.split("\n")
                if re.match(r"^\s*(?:[IVX]+|[A-F])\.\s+\S", line)]
    entries = [f"{h} {'.' * (3 + n % 9)} {2 + n // 3}" for n, h in enumerate(headings)]
    lines = text.split("\n")
    title = next(i for i, line in enumerate(lines) if line.startswith("Report of the"))
    return "\n".join([*lines[:title + 1], "", "Contents", "Page", *entries, "", *lines[title + 1:]])


def symbol_line(text: str, facts: dict[str, Any]) -> str:
    return text if facts.get("symbol") else f"{symbol_of(facts)}\n{text}"


def title_asterisk(text: str, facts: dict[str, Any]) -> str:
    return re.sub(r"(?m)^(Report of the .*\d{4})$", r"\1*", text, count=1)


TRANSFORMS: dict[str, Transform] = {
    "no list dashes": without_dashes,
    "list dashes": with_dashes,
    "wrapped lines": wrapped,
    "wrapped at 72": lambda text, facts: wrapped(text, facts, 72),
    "wrapped at 100": lambda text, facts: wrapped(text, facts, 100),
    "words hyphenated at line ends": hyphenated,
    "page furniture": page_furniture,
    "table of contents": contents,
    "the symbol line": symbol_line,
}


def all_at_once(text: str, facts: dict[str, Any]) -> str:
    for transform in (symbol_line, contents, without_dashes, hyphenated, page_furniture):
        text = transform(text, facts)
    return text


CASES = [*TRANSFORMS.items(), ("all at once", all_at_once)]


@pytest.fixture(scope="module", params=FIXTURES, ids=[p.name for p in FIXTURES])
def original(request: pytest.FixtureRequest) -> tuple[str, str, dict[str, Any]]:
    text = request.param.read_text(encoding="utf-8")
    return (text, *imported(text))


@pytest.mark.parametrize(("name", "transform"), CASES, ids=[name for name, _ in CASES])
def test_every_layout_gives_the_same_report(original: tuple[str, str, dict[str, Any]], name: str,
                                            transform: Transform) -> None:
    text, body, facts = original
    changed = transform(text, facts)
    assert changed != text or name in ("list dashes", "the symbol line", "no list dashes")
    got_body, got_facts = imported(changed)
    added = {"symbol": symbol_of(facts)} if "symbol" not in facts and name in (
        "page furniture", "the symbol line", "all at once") else {}
    if "job_number" not in facts and name in ("page furniture", "all at once"):
        added["job_number"] = "V.19-01234"
    if name in ("the symbol line", "all at once") and "symbol" not in facts:
        got_body = got_body.replace(f"\n{symbol_of(facts)}\n", "", 1)  # a line the original did not print
    assert got_body == body
    assert got_facts == {**facts, **added}


def test_the_titles_footnote_asterisk_is_no_word_of_the_facts(original: tuple[str, str, dict[str, Any]]) -> None:
    text, body, facts = original
    got_body, got_facts = imported(title_asterisk(text, facts))
    assert got_facts == facts
    assert got_body.replace("\\*", "", 1) == body  # the asterisk is kept as printed


@pytest.mark.parametrize(("head", "tail", "joined"), [
    ("the conduct of joint in-", "vestigations. The investigations of 2017", "the conduct of joint investigations."),
    ("combating drug-", "trafficking and drug-trafficking routes", "combating drug-trafficking and"),
    ("a well-", "known route", "a well-known route"),
])
def test_a_hyphen_at_a_line_end_is_read_from_the_documents_own_words(head: str, tail: str, joined: str) -> None:
    result = unwrapped(f"{head}\n{tail}")
    assert result.text.startswith(joined)
    assert result.uncertain_hyphens == ([] if joined != "a well-known route" else [1])


def test_a_footnote_whose_marker_the_extraction_lost_keeps_its_words() -> None:
    """"Original: English" without its asterisk: the footnote is kept, after the line it follows,
    and listed as unread; no fact changes."""
    text = SOURCE_27.read_text(encoding="utf-8")
    body, facts = imported(text)
    document, _ = split(convert(text.replace("Original: English*", "Original: English", 1).encode(), "report.txt"),
                        "report.md")
    assert document is not None
    assert [u["fact"] for u in document.meta["unread"]] == ["footnote_marker"]
    assert "Available only in English, French and Spanish" in document.body
    meta = {k: v for k, v in document.meta.items() if k not in ("source", "unread")}
    assert meta == {k: v for k, v in facts.items() if k != "fictional"}
