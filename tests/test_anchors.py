import pytest

from cnd_archive.model import anchors


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("IV", 4), ("IX", 9), ("XI", 11),
                                                 ("XIV", 14), ("XL", 40), ("XCIX", 99)])
def test_roman_numerals_both_ways(numeral: str, value: int) -> None:
    assert anchors.roman_to_int(numeral) == value
    assert anchors.int_to_roman(value) == numeral


@pytest.mark.parametrize("numeral", ["IIII", "VX", "", "A", "ic"])
def test_malformed_roman_numerals_are_refused(numeral: str) -> None:
    with pytest.raises(ValueError):
        anchors.roman_to_int(numeral)


def test_letters_continue_doubled_after_z() -> None:
    assert [anchors.letter_index(x) for x in ("a", "b", "z", "aa", "bb")] == [1, 2, 26, 27, 28]
    assert anchors.index_letter(27) == "aa"


def test_ids_follow_the_akn_pattern() -> None:
    paragraph = anchors.paragraph_id(23)
    assert paragraph == "para_23"
    assert anchors.subparagraph_id(paragraph, "b") == "para_23__subpara_b"
    assert anchors.item_id("para_57", 4) == "para_57__item_4"
    assert anchors.section_id(anchors.chapter_id("X"), "A") == "chp_X__sec_A"
    assert anchors.issue_id("chp_IV", 2) == "chp_IV__issue_2"
    assert anchors.annex_id(None) == "annex" and anchors.annex_id("II") == "annex_II"
    assert all(anchors.ID_RE.match(i) for i in ("para_23__subpara_b", "chp_X__sec_A", "annex"))
