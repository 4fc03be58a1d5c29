import re

import pytest

from cnd_archive.model import numbering


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("IV", 4), ("IX", 9), ("XI", 11),
                                                 ("XIV", 14), ("XL", 40), ("XCIX", 99)])
def test_roman_numerals_both_ways(numeral: str, value: int) -> None:
    assert numbering.roman_to_int(numeral) == value
    assert numbering.int_to_roman(value) == numeral


@pytest.mark.parametrize("numeral", ["IIII", "VX", "", "A", "ic"])
def test_malformed_roman_numerals_are_refused(numeral: str) -> None:
    with pytest.raises(ValueError):
        numbering.roman_to_int(numeral)


def test_letters_continue_doubled_after_z() -> None:
    assert [numbering.letter_index(x) for x in ("a", "b", "z", "aa", "bb")] == [1, 2, 26, 27, 28]
    assert numbering.index_letter(27) == "aa"


@pytest.mark.parametrize("letter", ["ab", "aaa", "A", "1"])
def test_only_single_and_doubled_letters_are_subparagraph_letters(letter: str) -> None:
    with pytest.raises(ValueError):
        numbering.letter_index(letter)


@pytest.mark.parametrize(("text", "number"), [("23\\. The Meeting", True), ("(b) Ensure", True),
                                              ("(bb) Ensure", True), ("(ab) Ensure", False),
                                              ("23. The Meeting", False)])
def test_one_leading_number_grammar(text: str, number: bool) -> None:
    assert bool(numbering.LEADING_MARKER_RE.match(text)) is number


def test_letter_sequence_says_what_it_expected() -> None:
    assert numbering.letter_out_of_sequence("b", 1) is None
    assert numbering.letter_out_of_sequence("d", 2) == "subparagraph (d) jumps: expected (c)"
    assert numbering.letter_out_of_sequence("a", 1) == "subparagraph (a) repeats: expected (b)"
    assert numbering.letter_out_of_sequence("aa", 26) is None


def test_annex_headings_with_and_without_a_number() -> None:
    labels = [m["label"] if (m := numbering.ANNEX_RE.match(t)) else "-" for t in ("Annex", "Annex II", "Annex 3", "Annexes")]
    assert labels == [None, "II", "3", "-"]
    assert re.fullmatch(numbering.ROMAN, "XIV") and not re.fullmatch(numbering.ROMAN, "IIII")
