import pytest

from cnd_archive.model.ordinals import int_to_ordinal, ordinal_to_int


@pytest.mark.parametrize("number", range(1, 100))
def test_every_ordinal_from_1_to_99_round_trips(number: int) -> None:
    assert ordinal_to_int(int_to_ordinal(number)) == number


@pytest.mark.parametrize(("number", "word"), [
    (1, "First"), (2, "Second"), (3, "Third"), (5, "Fifth"), (8, "Eighth"), (9, "Ninth"),
    (11, "Eleventh"), (12, "Twelfth"), (20, "Twentieth"), (21, "Twenty-first"),
    (26, "Twenty-sixth"), (27, "Twenty-seventh"), (40, "Fortieth"), (48, "Forty-eighth"),
    (90, "Ninetieth"), (99, "Ninety-ninth"),
])
def test_spelling_matches_un_usage(number: int, word: str) -> None:
    assert int_to_ordinal(number) == word
    assert ordinal_to_int(word) == number


def test_case_is_ignored() -> None:
    assert ordinal_to_int("twenty-SEVENTH") == 27


@pytest.mark.parametrize("word", ["Twenty", "Twentyseventh", "Twenty seventh", "Hundredth",
                                  "Zeroth", "", "27th", "Fourty-second", "Twenty-tenth"])
def test_non_ordinals_are_refused(word: str) -> None:
    with pytest.raises(ValueError):
        ordinal_to_int(word)


@pytest.mark.parametrize("number", [0, 100, -1])
def test_numbers_out_of_range_are_refused(number: int) -> None:
    with pytest.raises(ValueError):
        int_to_ordinal(number)
