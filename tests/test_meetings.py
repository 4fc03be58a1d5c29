"""Meeting references in running text: ordinals in words, only meetings of a body."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnd_archive.registry.bodies import all_bodies
from cnd_archive.references.meetings import find_meetings
from cnd_archive.model.ordinals import int_to_ordinal

BODIES = all_bodies()

HONLAC_NAME = "Meeting of Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean"


@pytest.mark.parametrize("number", range(1, 100))
def test_every_ordinal_names_a_meeting(number: int) -> None:
    text = f"adopted by the {int_to_ordinal(number)} {HONLAC_NAME}."
    (mention,) = find_meetings(text, None, BODIES)
    assert (mention.body, mention.number) == ("HONLAC", number)
    assert mention.wording == f"{int_to_ordinal(number)} {HONLAC_NAME}"
    assert mention.about_recommendations is False


def test_a_bare_meeting_is_of_the_pages_body() -> None:
    (mention,) = find_meetings("scheduled for the Twenty-eighth Meeting, in 2018", "HONLAC", BODIES)
    assert (mention.body, mention.number, mention.wording) == ("HONLAC", 28, "Twenty-eighth Meeting")
    assert find_meetings("scheduled for the Twenty-eighth Meeting", None, BODIES) == []


def test_a_named_body_wins_over_the_pages_body() -> None:
    (mention,) = find_meetings("the Thirtieth Meeting of Heads of National Drug Law Enforcement Agencies, Africa", "HONLAC", BODIES)
    assert (mention.body, mention.number) == ("HONLAF", 30)


def test_the_subcommission_meets_in_sessions_and_must_be_named() -> None:
    text = "the forty-eighth session of the Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East"
    (mention,) = find_meetings(text, "HONLAC", BODIES)
    assert (mention.body, mention.number) == ("SUBCOM", 48)
    assert find_meetings("at its forty-eighth session", "SUBCOM", BODIES) == []


@pytest.mark.parametrize("text", [
    "the thirtieth special session of the General Assembly",
    "At the ninth meeting, participants considered agenda item 9",
    "the first and second meetings, on 2 October 2017",
    "First Vice-Chair: José Camilo Sandoval (Colombia)",
    "the Fifth Vice-Minister of Interior",
    "the sixtieth session of the Commission on Narcotic Drugs",
    "the Twenty-seventh Meetings",
    "the Twenty-seventh Meeting-room",
    "the Twenty Meeting",
])
def test_ordinals_that_name_something_else_are_left_alone(text: str) -> None:
    assert find_meetings(text, "HONLAC", BODIES) == []


def test_recommendations_adopted_by_marks_the_follow_up() -> None:
    text = 'item 4, entitled "Implementation of the recommendations adopted by the Twenty-sixth Meeting of ' \
           'Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean"'
    (mention,) = find_meetings(text, "HONLAC", BODIES)
    assert mention.about_recommendations and mention.number == 26
    assert text[mention.start:mention.end] == mention.wording
    assert mention.wording.startswith("Twenty-sixth Meeting")


def test_a_name_broken_across_a_line_is_found() -> None:
    (mention,) = find_meetings("the Twenty-sixth\nMeeting of Heads of National Drug Law Enforcement\nAgencies, "
                               "Latin America and the Caribbean", None, BODIES)
    assert mention.number == 26 and mention.body == "HONLAC"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Twenty-sixth Meeting of Heads, Africa \n")) | st.characters(), max_size=400))
def test_recognition_never_crashes_and_reports_exact_spans(text: str) -> None:
    for mention in find_meetings(text, "HONLAC", BODIES):
        assert text[mention.start:mention.end] == mention.wording
        assert 1 <= mention.number <= 99


@pytest.mark.bench
@pytest.mark.parametrize("unit", ["Twenty-sixth ", "Twenty-", "Meeting of Heads of National ", "the " * 3, "x-"])
def test_time_grows_linearly_with_adversarial_input(unit: str) -> None:
    def seconds(repeats: int) -> float:
        text = unit * repeats
        start = time.perf_counter()
        find_meetings(text, "HONLAC", BODIES)
        return time.perf_counter() - start

    small, large = seconds(2_000), seconds(16_000)
    assert large < max(small, 0.002) * 30  # 8x the input may not cost 30x the time
