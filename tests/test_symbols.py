"""Tests for cnd_archive.symbols: UN document symbols in HONLEA meeting reports."""

import random
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cnd_archive.references import symbols as symbols_module
from cnd_archive.references.symbols import (
    MAX_RANGE,
    SymbolMention,
    cnd_report_symbol,
    expand_range,
    find_symbols,
    is_job_number,
    parse_symbol,
    resolver_url,
)

# No example database on disk: the test run must not leave files in the project.
FAST = settings(database=None, deadline=None, max_examples=300)

REAL_SYMBOLS = [
    "A/RES/70/1",
    "A/RES/71/211",
    "A/RES/S-30/1",
    "A/RES/ES-10/1",
    "A/C.3/78/L.60/Rev.1",
    "A/78/PV.45",
    "E/2007/28/Rev.1",
    "E/2009/28",
    "E/2014/28",
    "E/2009/INF/2/Add.1",
    "E/CN.7/2013/L.10/Rev.1",
    "E/CN.7/2016/CRP.1",
    "E/CN.7/2017/11",
    "E/CN.7/2019/15",
    "E/INCB/2019/1",
    "ST/SGB/2019/8",
    "UNODC/SUBCOM/48/CRP.1",
    "UNODC/HONLAC/27/2",
    "UNODC/HONLAC/27/L.1",
    "UNODC/HONLAF/29/CRP.3",
    "UNODC/HONEURO/19/L.1/Add.2",
    "UNODC/HONLAP/41/5",
    "CTOC/COP/2018/13",
]

RESOLUTION_SYMBOLS = ["S/RES/1440 (2002)", "S/RES/2231 (2015)", "A/RES/3014(XXVII)"]


def symbols_in(text: str) -> list[tuple[str, ...]]:
    return [m.symbols for m in find_symbols(text)]


def wordings_in(text: str) -> list[str]:
    return [m.wording for m in find_symbols(text)]


# ---------------------------------------------------------------------------
# parse_symbol
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("symbol", REAL_SYMBOLS + RESOLUTION_SYMBOLS)
def test_real_symbols_are_their_own_canonical_form(symbol):
    assert parse_symbol(symbol) == symbol
    assert parse_symbol(parse_symbol(symbol)) == symbol


@pytest.mark.parametrize(
    "printed, canonical",
    [
        ("  E/2009/28 \n", "E/2009/28"),
        ("E/CN.7/2017/11*", "E/CN.7/2017/11"),
        ("E/CN.7/2017/11**", "E/CN.7/2017/11"),
        ("S/RES/1440(2002)", "S/RES/1440 (2002)"),
        ("S/RES/1440   (2002)", "S/RES/1440 (2002)"),
        ("A/RES/3014 (XXVII)", "A/RES/3014(XXVII)"),
        ("E/RES/1474 (XLVIII)", "E/RES/1474(XLVIII)"),
        ("E/CN.7/2013/L.10/REV.1", "E/CN.7/2013/L.10/Rev.1"),
        ("E/2009/INF/2/ADD.1", "E/2009/INF/2/Add.1"),
        ("S/RES/1440", "S/RES/1440"),
    ],
)
def test_parse_symbol_canonical_form(printed, canonical):
    assert parse_symbol(printed) == canonical


@pytest.mark.parametrize(
    "bad, reason",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("UNODC//27", "empty component"),
        ("E/2009/", "empty component"),
        ("/E/2009/28", "empty component"),
        ("A/RES/71/211/", "empty component"),
        ("e/2009/28", "capitals"),
        ("Unodc/HONLAC/27/2", "capitals"),
        ("E", "only a series"),
        ("N/A", "no number"),
        ("AND/OR", "no number"),
        ("1/2", "series"),
        ("24/7", "series"),
        ("V.17-07261", "series"),
        ("E/2009/28/Add.01", "leading zeros"),
        ("E/Add.1", "numbered document"),
        ("E/2009/Add.1/28", "after a modifier"),
        ("E/2009/028", "component '028'"),
        ("E/20 09/28", "whitespace"),
        ("E/2009/28 (2009)", "carries a parenthesis"),
        ("A/RES/71/211 (2016)", "carries a parenthesis"),
        ("A/RES/3014 (1972)", "roman"),
        ("S/RES/1440 (XXVII)", "year"),
        ("S/RES/1440 (1900)", "year"),
        ("E/CN.7/2017/1*1", "star"),
        ("UNODC/HONLAC/27/CRP.1-10", "expand_range"),
        ("UNODC/HONLAC/27/L.1 and Add.1-8", "expand_range"),
        ("E/cn.7/2017/11", "component 'cn.7'"),
        ("A" * 300, "longer than"),
    ],
)
def test_parse_symbol_rejects_malformed_input_and_says_why(bad, reason):
    with pytest.raises(ValueError) as info:
        parse_symbol(bad)
    message = str(info.value)
    assert reason in message
    # ...and shows what a valid symbol looks like
    assert "E/CN.7/2017/11" in message


def test_parse_symbol_rejects_non_strings():
    with pytest.raises(TypeError):
        parse_symbol(None)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# expand_range
# ---------------------------------------------------------------------------

def test_expand_crp_range_gives_ten_documents():
    assert expand_range("UNODC/HONLAC/27/CRP.1-10") == tuple(
        f"UNODC/HONLAC/27/CRP.{n}" for n in range(1, 11)
    )


def test_expand_document_and_its_addenda_gives_nine():
    assert expand_range("UNODC/HONLAC/27/L.1 and Add.1-8") == (
        "UNODC/HONLAC/27/L.1",
        "UNODC/HONLAC/27/L.1/Add.1",
        "UNODC/HONLAC/27/L.1/Add.2",
        "UNODC/HONLAC/27/L.1/Add.3",
        "UNODC/HONLAC/27/L.1/Add.4",
        "UNODC/HONLAC/27/L.1/Add.5",
        "UNODC/HONLAC/27/L.1/Add.6",
        "UNODC/HONLAC/27/L.1/Add.7",
        "UNODC/HONLAC/27/L.1/Add.8",
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("UNODC/HONLAC/27/CRP.11-14", tuple(f"UNODC/HONLAC/27/CRP.{n}" for n in (11, 12, 13, 14))),
        ("E/2009/28", ("E/2009/28",)),
        ("  E/CN.7/2017/11*  ", ("E/CN.7/2017/11",)),
        ("S/RES/1440 (2002)", ("S/RES/1440 (2002)",)),
        ("E/CN.7/2013/L.10 and Corr.1", ("E/CN.7/2013/L.10", "E/CN.7/2013/L.10/Corr.1")),
        ("A/C.3/78/L.60/Rev.1 and Corr.1", ("A/C.3/78/L.60/Rev.1", "A/C.3/78/L.60/Rev.1/Corr.1")),
        ("UNODC/HONEURO/19/L.1/Add.1-3",
         ("UNODC/HONEURO/19/L.1/Add.1", "UNODC/HONEURO/19/L.1/Add.2", "UNODC/HONEURO/19/L.1/Add.3")),
        ("E/CN.7/2016/CRP.7-7", ("E/CN.7/2016/CRP.7",)),
    ],
)
def test_expand_range_values(text, expected):
    assert expand_range(text) == expected


def test_expand_range_limit_is_inclusive():
    assert len(expand_range(f"E/CN.7/2016/CRP.1-{MAX_RANGE}")) == MAX_RANGE
    with pytest.raises(ValueError, match="more than 500"):
        expand_range(f"E/CN.7/2016/CRP.1-{MAX_RANGE + 1}")


@pytest.mark.parametrize(
    "bad, reason",
    [
        ("UNODC/HONLAC/27/CRP.10-1", "backwards"),
        ("UNODC/HONLAC/27/CRP.1-9999", "more than"),
        ("UNODC/HONLAC/27/L.1 and Add.8-1", "backwards"),
        ("E/CN.7/2017/1-5", "bare numbers"),
        ("E/CN.7/2016-2017", "bare numbers"),
        ("UNODC/HONLAC/27/L.1 and Summary", "not a modifier"),
        ("UNODC/HONLAC/27/CRP.1-010", "leading zeros"),
        ("UNODC//27/CRP.1-3", "empty component"),
        ("", "empty"),
    ],
)
def test_expand_range_rejects_reversed_absurd_and_malformed(bad, reason):
    with pytest.raises(ValueError, match=reason):
        expand_range(bad)


@FAST
@given(lo=st.integers(1, 300), width=st.integers(0, MAX_RANGE - 1))
def test_expand_range_length_matches_bounds(lo, width):
    hi = lo + width
    expanded = expand_range(f"UNODC/HONLAC/27/CRP.{lo}-{hi}")
    assert len(expanded) == width + 1
    assert expanded[0] == f"UNODC/HONLAC/27/CRP.{lo}"
    assert expanded[-1] == f"UNODC/HONLAC/27/CRP.{hi}"


# ---------------------------------------------------------------------------
# find_symbols: symbols in running text
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("symbol", REAL_SYMBOLS + RESOLUTION_SYMBOLS)
@pytest.mark.parametrize("before, after", [("see ", "."), ("(", ")."), ("", ","), ("documents ", ";"), ("\n", "\n")])
def test_real_symbol_found_in_prose_without_its_punctuation(symbol, before, after):
    text = f"{before}{symbol}{after} and more"
    [mention] = find_symbols(text)
    assert mention.wording == symbol
    assert mention.symbols == (parse_symbol(symbol),)
    assert mention.kind == "symbol"
    assert (mention.start, mention.end) == (len(before), len(before) + len(symbol))


def test_reissue_star_is_printed_but_not_part_of_the_symbol():
    [mention] = find_symbols("the report (E/CN.7/2017/11*).")
    assert mention.wording == "E/CN.7/2017/11*"
    assert mention.symbols == ("E/CN.7/2017/11",)


def test_parenthesis_that_is_not_a_resolution_part_stays_prose():
    [mention] = find_symbols("document E/2009/28 (2009), chap. I")
    assert mention.wording == "E/2009/28"
    assert mention.symbols == ("E/2009/28",)


def test_resolution_symbols_keep_their_parenthetical():
    mentions = find_symbols("S/RES/1440 (2002) and A/RES/3014(XXVII) and S/RES/2231(2015).")
    assert [(m.wording, m.symbols) for m in mentions] == [
        ("S/RES/1440 (2002)", ("S/RES/1440 (2002)",)),
        ("A/RES/3014(XXVII)", ("A/RES/3014(XXVII)",)),
        ("S/RES/2231(2015)", ("S/RES/2231 (2015)",)),
    ]


def test_document_with_two_symbols_gives_both():
    text = "Supplement No. 8 (E/2001/28-E/CN.7/2001/12)."
    assert wordings_in(text) == ["E/2001/28", "E/CN.7/2001/12"]


def test_several_symbols_in_one_sentence_in_order():
    text = "documents E/CN.7/2019/15, ST/SGB/2019/8 and A/78/PV.45; also E/2009/INF/2/Add.1."
    assert wordings_in(text) == ["E/CN.7/2019/15", "ST/SGB/2019/8", "A/78/PV.45", "E/2009/INF/2/Add.1"]


def test_symbol_and_other_symbol_joined_by_and_are_two_mentions():
    text = "E/2009/28 and E/2014/28"
    assert symbols_in(text) == [("E/2009/28",), ("E/2014/28",)]


# ---------------------------------------------------------------------------
# find_symbols: the 27th HONLAC report
# ---------------------------------------------------------------------------

HONLAC_CASES = [
    ("the provisional agenda (UNODC/HONLAC/27/2)", "UNODC/HONLAC/27/2", ("UNODC/HONLAC/27/2",), "symbol"),
    (
        "conference room papers (UNODC/HONLAC/27/CRP.1-10)",
        "UNODC/HONLAC/27/CRP.1-10",
        tuple(f"UNODC/HONLAC/27/CRP.{n}" for n in range(1, 11)),
        "range",
    ),
    (
        "country reports (UNODC/HONLAC/27/CRP.11-14).",
        "UNODC/HONLAC/27/CRP.11-14",
        ("UNODC/HONLAC/27/CRP.11", "UNODC/HONLAC/27/CRP.12", "UNODC/HONLAC/27/CRP.13", "UNODC/HONLAC/27/CRP.14"),
        "range",
    ),
    (
        "Official Records of the Economic and Social Council, 2009, Supplement No. 8 (E/2009/28), chap. I, sect. C.",
        "E/2009/28",
        ("E/2009/28",),
        "symbol",
    ),
    (
        "adopted the draft report (UNODC/HONLAC/27/L.1 and Add.1-8), including",
        "UNODC/HONLAC/27/L.1 and Add.1-8",
        ("UNODC/HONLAC/27/L.1",) + tuple(f"UNODC/HONLAC/27/L.1/Add.{n}" for n in range(1, 9)),
        "range",
    ),
    (
        "in line with Commission on Narcotic Drugs resolution 56/10, the",
        "Commission on Narcotic Drugs resolution 56/10",
        ("E/2013/28",),
        "cnd-resolution",
    ),
    (
        "as called for in General Assembly resolution 71/211.",
        "General Assembly resolution 71/211",
        ("A/RES/71/211",),
        "resolution",
    ),
    (
        "the Commission, in its decision 60/1, decided",
        "decision 60/1",
        ("E/2017/28",),
        "cnd-decision",
    ),
    (
        "pursuant to Commission on Narcotic Drugs decision 60/1,",
        "Commission on Narcotic Drugs decision 60/1",
        ("E/2017/28",),
        "cnd-decision",
    ),
    (
        "pursuant to Commission on Narcotic Drugs Decision 60/1,",
        "Commission on Narcotic Drugs Decision 60/1",
        ("E/2017/28",),
        "cnd-decision",
    ),
    (
        "Economic and Social Council resolution 1992/28, annex",
        "Economic and Social Council resolution 1992/28",
        ("E/RES/1992/28",),
        "resolution",
    ),
    (
        "General Assembly resolution S-30/1, annex.",
        "General Assembly resolution S-30/1",
        ("A/RES/S-30/1",),
        "resolution",
    ),
    (
        "in accordance with paragraph 97 of General Assembly resolution 71/211",
        "General Assembly resolution 71/211",
        ("A/RES/71/211",),
        "resolution",
    ),
    ("UNODC/HONLAC/27/L.1 and Add.1-8", "UNODC/HONLAC/27/L.1 and Add.1-8",
     ("UNODC/HONLAC/27/L.1",) + tuple(f"UNODC/HONLAC/27/L.1/Add.{n}" for n in range(1, 9)), "range"),
    ("UNODC/HONLAC/27/CRP.1-14", "UNODC/HONLAC/27/CRP.1-14",
     tuple(f"UNODC/HONLAC/27/CRP.{n}" for n in range(1, 15)), "range"),
]


@pytest.mark.parametrize("text, wording, expected, kind", HONLAC_CASES)
def test_honlac_report_sentences(text, wording, expected, kind):
    [mention] = find_symbols(text)
    assert mention.wording == wording
    assert text[mention.start:mention.end] == wording
    assert mention.symbols == expected
    assert mention.kind == kind


def test_honlac_paragraph_in_one_pass():
    text = (
        "For its consideration of agenda item 5, the Meeting had before it the "
        "conference room papers (UNODC/HONLAC/27/CRP.1-10). Recalling General Assembly "
        "resolution S-30/1, annex, and Commission on Narcotic Drugs resolution 56/10, the "
        "Meeting adopted its report (UNODC/HONLAC/27/L.1 and Add.1-8).\nV.17-07261 3/15"
    )
    mentions = find_symbols(text)
    assert [m.kind for m in mentions] == ["range", "resolution", "cnd-resolution", "range"]
    assert [m.symbols[0] for m in mentions] == [
        "UNODC/HONLAC/27/CRP.1", "A/RES/S-30/1", "E/2013/28", "UNODC/HONLAC/27/L.1",
    ]
    assert [len(m.symbols) for m in mentions] == [10, 1, 1, 9]
    for m in mentions:
        assert text[m.start:m.end] == m.wording


# ---------------------------------------------------------------------------
# find_symbols: resolutions and decisions cited by number
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, expected, kind",
    [
        ("General Assembly resolution 70/1", ("A/RES/70/1",), "resolution"),
        ("the Assembly resolution 71/211", ("A/RES/71/211",), "resolution"),
        ("see Assembly resolution ES-8/2", ("A/RES/ES-8/2",), "resolution"),
        ("resolution S-30/1", ("A/RES/S-30/1",), "resolution"),
        ("resolution ES-10/19", ("A/RES/ES-10/19",), "resolution"),
        ("resolution 1992/28", ("E/RES/1992/28",), "resolution"),
        ("In resolution 2017/19,", ("E/RES/2017/19",), "resolution"),
        ("Recalling resolution 2017/19,", ("E/RES/2017/19",), "resolution"),
        ("the Council resolution 1992/28", ("E/RES/1992/28",), "resolution"),
        ("Security Council resolution 1440 (2002)", ("S/RES/1440 (2002)",), "resolution"),
        ("Security Council resolution 2231(2015)", ("S/RES/2231 (2015)",), "resolution"),
        ("General Assembly resolution 3014 (XXVII)", ("A/RES/3014(XXVII)",), "resolution"),
        ("Economic and Social Council resolution 1474 (XLVIII)", ("E/RES/1474(XLVIII)",), "resolution"),
        ("the Commission resolution 62/4", ("E/2019/28",), "cnd-resolution"),
        ("Commission decision 55/1", ("E/2012/28",), "cnd-decision"),
        ("Commission on Narcotic Drugs\nresolution 61/11", ("E/2018/28",), "cnd-resolution"),
        ("in its decision 58/1", ("E/2015/28",), "cnd-decision"),
        ("Its decision 60/13 was", ("E/2017/28",), "cnd-decision"),
        ("General Assembly resolutions 71/211 and 72/198",
         ("A/RES/71/211", "A/RES/72/198"), "resolution"),
        ("General Assembly resolutions 71/211, 72/198, and 73/192",
         ("A/RES/71/211", "A/RES/72/198", "A/RES/73/192"), "resolution"),
        ("Commission on Narcotic Drugs resolutions 56/10 and 57/2",
         ("E/2013/28", "E/2014/28"), "cnd-resolution"),
        ("Commission on Narcotic Drugs resolutions 56/10, 56/12 and 57/2",
         ("E/2013/28", "E/2014/28"), "cnd-resolution"),
        ("Security Council resolutions 1373 (2001) and 2231 (2015)",
         ("S/RES/1373 (2001)", "S/RES/2231 (2015)"), "resolution"),
        ("resolutions 1992/28 and S-30/1", ("E/RES/1992/28", "A/RES/S-30/1"), "resolution"),
    ],
)
def test_resolution_citations(text, expected, kind):
    [mention] = find_symbols(text)
    assert mention.symbols == expected
    assert mention.kind == kind
    assert text[mention.start:mention.end] == mention.wording


@pytest.mark.parametrize(
    "text",
    [
        # a bare session/number resolution: the Assembly's or the Commission's?
        "resolution 71/211",
        "in its resolution 71/211",
        "resolutions 1992/28 and 71/211",
        "resolution 71/211 and 72/198",
        # decisions of other organs have no symbol of their own
        "decision 60/1",
        "General Assembly decision 70/547",
        "in its decision 70/547",
        "Economic and Social Council decision 2017/245",
        # organ and number do not fit each other
        "Security Council resolution 1992/28",
        "Security Council resolution 71/211",
        "General Assembly resolution 1992/28",
        "General Assembly resolution 12/3",
        "Economic and Social Council resolution 71/211",
        "Commission on Narcotic Drugs resolution 1992/28",
        "Commission on Narcotic Drugs resolution 40/1",
        "Economic and Social Council resolution S-30/1",
        "resolution 1975/3",
        "resolution 1440 (2002)",
        "resolution 3014 (XXVII)",
        "General Assembly resolution 3014 (IIII)",
        "General Assembly resolution 71/0211",
        "General Assembly resolution 71/2110x",
        # another body named just before
        "Statistical Commission resolution 50/1",
        "Human Rights Council resolution 2005/1",
        "Commission on Human Rights resolution 2005/1",
        "Commission on Crime Prevention and Criminal Justice resolution 26/3",
        "World Health Assembly resolution 66/10",
        "a draft resolution for adoption",
    ],
)
def test_uncertain_citations_are_not_recognised(text):
    assert find_symbols(text) == []


def test_citation_then_symbol_are_two_mentions():
    text = "General Assembly resolution 71/211 (A/RES/71/211)"
    mentions = find_symbols(text)
    assert [(m.wording, m.symbols, m.kind) for m in mentions] == [
        ("General Assembly resolution 71/211", ("A/RES/71/211",), "resolution"),
        ("A/RES/71/211", ("A/RES/71/211",), "symbol"),
    ]


# ---------------------------------------------------------------------------
# find_symbols: what is not a symbol
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "the strategy for 2016-2020 was",
        "V.17-07261 3/15",
        "V.18-05332 (E)",
        "page 2/15",
        "a ratio of 3/4 to 1/2",
        "open 24/7",
        "and/or",
        "N/A",
        "HIV/AIDS and TCP/IP",
        "Table A/4",
        "see https://example.org/A/71/1 for details",
        "see https://undocs.org/en/E/2009/28.",
        "http://www.un.org/documents/ga/docs/50/plenary/a50-460.htm",
        "www.example.org/E/CN.7/2017/11",
        "https://example.org/?symbol=A/71/1",
        "e/2009/28 is lower case",
        "A/RES/71/211/ with a trailing slash",
        "E/2009/ incomplete",
        "UNODC//27",
        "XYZ/2017/11 is an unknown series",
        "pre-E/2009/28",
        "E/2009/28x",
        "UNODC/HONLAC/27/CRP.10-1 reversed",
        "E/CN.7/2016-2017",
        "UNODC/HONLAC/27/CRP.1-9999",
    ],
)
def test_not_symbols(text):
    assert find_symbols(text) == []


def test_symbol_after_a_url_is_still_found():
    text = "see https://example.org/A/71/1 and A/71/2."
    assert wordings_in(text) == ["A/71/2"]


def test_symbol_split_by_a_line_break_is_not_joined():
    assert find_symbols("UNODC/HONLAC/\n27/2") == []
    assert find_symbols("E/CN.7/2013/L.10/\nRev.1") == []
    # the part before the break is judged on its own
    assert wordings_in("E/CN.7/2013/L.10\n/Rev.1") == ["E/CN.7/2013/L.10"]


def test_job_number_next_to_symbol_in_footer():
    text = "V.17-07261\t3/15\nUNODC/HONLAC/27/5"
    assert wordings_in(text) == ["UNODC/HONLAC/27/5"]


def test_find_symbols_empty_and_type():
    assert find_symbols("") == []
    with pytest.raises(TypeError):
        find_symbols(None)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# find_symbols: robustness and linear time
# ---------------------------------------------------------------------------

def _random_text(size: int, seed: int) -> str:
    rng = random.Random(seed)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789////...--- ()*"
    return "".join(rng.choice(alphabet) for _ in range(size))


ADVERSARIAL = {
    "slashes": "A/" * 20000,
    "open ranges": "UNODC/HONLAC/27/CRP.1-" * 5000,
    "resolution words": "resolution " * 20000,
    "resolution lists": "resolutions " + "71/211, " * 20000,
    "organs": "Commission on Narcotic Drugs General Assembly " * 5000,
    "and chains": "E/2009/28 and " * 10000,
    "open parentheses": "S/RES/1440 (" * 10000,
    "joint symbols": "E/2001/28-" * 10000,
    "urls": "https://" * 20000,
    "digits and slashes": "1/" * 100000,
    "random 200 KB": _random_text(200_000, 7),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_input_gives_exact_spans(name):
    text = ADVERSARIAL[name]
    for m in find_symbols(text):
        assert text[m.start:m.end] == m.wording


@pytest.mark.bench
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_input_completes_quickly(name):
    """A time bound: run by make bench only, where the machine is not shared with the test run."""
    text = ADVERSARIAL[name]
    began = time.perf_counter()
    find_symbols(text)
    elapsed = time.perf_counter() - began
    assert elapsed < 2.0, f"{name}: {elapsed:.2f}s"


def test_adversarial_input_results():
    assert find_symbols(ADVERSARIAL["slashes"]) == []
    assert find_symbols(ADVERSARIAL["resolution words"]) == []
    assert len(find_symbols(ADVERSARIAL["and chains"])) == 10000
    assert len(find_symbols(ADVERSARIAL["joint symbols"])) == 10000


def _best_time(text: str, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        find_symbols(text)
        best = min(best, time.perf_counter() - began)
    return best


@pytest.mark.bench
@pytest.mark.parametrize(
    "chunk",
    [
        "A/",
        "UNODC/HONLAC/27/CRP.1-",
        "resolution ",
        "General Assembly resolution 71/211, ",
        "(UNODC/HONLAC/27/L.1 and Add.1-8), ",
        "E/CN.7/2017/11 and ",
        "xy/ 1/2 V.17-07261 ",
    ],
)
def test_time_grows_linearly(chunk):
    n = max(1, 10_000 // len(chunk))
    small = chunk * n
    large = chunk * (8 * n)
    _best_time(small, runs=1)  # warm up
    # best of several runs on each side, so that one pause of the machine is not read as growth
    ratio = _best_time(large) / max(_best_time(small), 1e-5)
    assert ratio < 30, f"{chunk!r}: 8x input took {ratio:.1f}x time"


SYMBOLISH = st.text(
    alphabet="AESTUNODCHLRPIFGVaddnrevcorms0123456789/.-() *,;\n\t",
    max_size=300,
)


def _check_mentions(text: str, mentions: list[SymbolMention]) -> None:
    previous_end = 0
    for m in mentions:
        assert isinstance(m, SymbolMention)
        assert 0 <= previous_end <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.wording
        assert m.symbols
        assert m.kind in {"symbol", "range", "resolution", "cnd-resolution", "cnd-decision"}
        for symbol in m.symbols:
            assert parse_symbol(symbol) == symbol
        previous_end = m.end


@FAST
@given(st.text(max_size=400))
def test_find_symbols_never_raises_on_arbitrary_text(text):
    _check_mentions(text, find_symbols(text))


@FAST
@given(SYMBOLISH)
def test_find_symbols_never_raises_on_symbol_like_text(text):
    _check_mentions(text, find_symbols(text))


@FAST
@given(
    st.lists(
        st.sampled_from(REAL_SYMBOLS + [c[0] for c in HONLAC_CASES] + ["and/or", "2016-2020", "V.17-07261"]),
        max_size=8,
    ),
    st.sampled_from([" ", ", ", "; ", "\n", " and "]),
)
def test_find_symbols_on_joined_real_sentences(parts, separator):
    text = separator.join(parts)
    _check_mentions(text, find_symbols(text))


@FAST
@given(st.sampled_from(REAL_SYMBOLS), st.text(alphabet=" ,.;:()\"'\n", max_size=3))
def test_real_symbol_survives_any_punctuation_after_it(symbol, tail):
    [mention] = find_symbols(f"({symbol}{tail}")
    assert mention.wording == symbol


# ---------------------------------------------------------------------------
# is_job_number
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["V.17-07261", "V.18-05332 (E)", "V.18-05332(E)", " V.01-82895 (E) ",
                                  "N.19-12345", "95-31095 (E)"])
def test_job_numbers(text):
    assert is_job_number(text) is True


@pytest.mark.parametrize("text", ["E/2009/28", "2016-2020", "V.17-0726", "V.17-072611", "V.17-07261 (X)",
                                  "95-31095", "", "UNODC/HONLAC/27/2", None])
def test_not_job_numbers(text):
    assert is_job_number(text) is False


def test_job_number_is_never_a_symbol():
    with pytest.raises(ValueError):
        parse_symbol("V.17-07261")
    assert find_symbols("V.18-05332 (E)") == []


# ---------------------------------------------------------------------------
# resolver_url
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "symbol, lang, base, url",
    [
        ("E/2009/28", "en", "https://undocs.org", "https://undocs.org/en/E/2009/28"),
        ("A/RES/71/211", "fr", "https://undocs.org", "https://undocs.org/fr/A/RES/71/211"),
        ("E/CN.7/2017/11*", "es", "https://undocs.org/", "https://undocs.org/es/E/CN.7/2017/11"),
        ("S/RES/1440 (2002)", "ru", "https://undocs.org", "https://undocs.org/ru/S/RES/1440%20%282002%29"),
        ("A/RES/3014 (XXVII)", "zh", "https://undocs.org", "https://undocs.org/zh/A/RES/3014%28XXVII%29"),
        ("A/RES/S-30/1", "ar", "http://mirror.example.org/un", "http://mirror.example.org/un/ar/A/RES/S-30/1"),
    ],
)
def test_resolver_url(symbol, lang, base, url):
    assert resolver_url(symbol, lang, base) == url


def test_resolver_url_defaults_to_undocs_in_english():
    assert resolver_url("UNODC/HONLAC/27/CRP.1") == "https://undocs.org/en/UNODC/HONLAC/27/CRP.1"


@pytest.mark.parametrize("lang", ["de", "EN", "", "eng", "en-GB"])
def test_resolver_url_only_serves_the_six_languages(lang):
    with pytest.raises(ValueError, match="six UN languages"):
        resolver_url("E/2009/28", lang)


@pytest.mark.parametrize("base", ["undocs.org", "ftp://undocs.org", "https://", "https://undocs.org?x=1", ""])
def test_resolver_url_rejects_bad_base(base):
    with pytest.raises(ValueError, match="not an http"):
        resolver_url("E/2009/28", "en", base)


def test_resolver_url_rejects_bad_symbol():
    with pytest.raises(ValueError, match="empty component"):
        resolver_url("E/2009/")


# ---------------------------------------------------------------------------
# cnd_report_symbol
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "session, symbol",
    [(43, "E/2000/28"), (44, "E/2001/28"), (52, "E/2009/28"), (56, "E/2013/28"), (57, "E/2014/28"),
     (60, "E/2017/28"), (62, "E/2019/28")],
)
def test_cnd_report_symbol(session, symbol):
    assert cnd_report_symbol(session) == symbol
    assert parse_symbol(symbol) == symbol


@pytest.mark.parametrize("session", [42, 1, 0, -5])
def test_cnd_report_symbol_refuses_sessions_before_the_rule(session):
    with pytest.raises(ValueError, match="only known to hold"):
        cnd_report_symbol(session)


@pytest.mark.parametrize("session", ["56", 56.0, True, None])
def test_cnd_report_symbol_wants_an_int(session):
    with pytest.raises(TypeError):
        cnd_report_symbol(session)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Module constraints
# ---------------------------------------------------------------------------

def test_module_stands_alone_but_for_the_numbering_grammar():
    source = Path(symbols_module.__file__).read_text(encoding="utf-8")
    imports = re.findall(r"^\s*(?:import|from)\s+([\w.]+)", source, flags=re.MULTILINE)
    assert sorted(set(imports)) == ["cnd_archive.model.numbering", "dataclasses", "functools", "re", "urllib.parse"]


def test_mention_is_frozen():
    mention = find_symbols("E/2009/28")[0]
    with pytest.raises(AttributeError):
        mention.start = 3  # type: ignore[misc]
