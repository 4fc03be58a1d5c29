"""Each body's title, preamble and venue, read from data: fictional reports in each body's format."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cnd_archive.errors import ContentError
from cnd_archive.importing.cli import convert
from cnd_archive.model.frontmatter import split
from cnd_archive.references.symbols import find_symbols


def fictional_report(preamble: str, title: str, body: str = "1. The only paragraph.\n") -> bytes:
    """A made-up report: preamble lines, a title, one paragraph and the starred footnote."""
    return (f"{preamble}\n\n{title}\n\nI. Matters calling for action\n\n{body}\n"
            "^{*} Available only in English, which is the working language of the subsidiary body.\n").encode()


def meta_of(data: bytes, country: str | None = None) -> dict[str, Any]:
    document, problems = split(convert(data, "fictional.txt", country), "x.md")
    assert document is not None and problems == []
    return document.meta


def test_a_subcommission_session_with_its_own_symbol() -> None:
    meta = meta_of(fictional_report(
        "UNODC/SUBCOM/93/6\n\n20 November 2031\n\nEnglish only*",
        "Report of the Subcommission on Illicit Drug Traffic and Related Matters in the Near and Middle East "
        "on its ninety-third session, held in Baku from 17 to 21 November 2031"))
    assert (meta["body"], meta["meeting"], meta["kind"]) == ("SUBCOM", 93, "report")
    assert meta["symbol"] == "UNODC/SUBCOM/93/6" and meta["original_language"] == "en"
    assert (meta["city"], meta["country"]) == ("Baku", "AZE")
    assert meta["title"] == "Ninety-third session, Baku, 2031"
    assert meta["start_date"] == dt.date(2031, 11, 17)


def test_a_meeting_across_months_and_a_title_broken_over_lines() -> None:
    meta = meta_of(fictional_report(
        "3 December 2032\n\nOriginal: English*",
        "Report of the Ninety-fourth Meeting of Heads of National Drug Law Enforcement Agencies, Asia and the "
        "Pacific, held in Bangkok from 29 November to 2 December 2032"))
    assert (meta["body"], meta["meeting"], meta["country"]) == ("HONLAP", 94, "THA")
    assert (meta["start_date"], meta["end_date"]) == (dt.date(2032, 11, 29), dt.date(2032, 12, 2))


@pytest.mark.parametrize(("region", "code", "city", "country"), [
    ("Africa", "HONLAF", "Abuja", "NGA"),
    ("Europe", "HONEURO", "Tashkent", "UZB"),
])
def test_the_body_is_read_from_its_full_name(region: str, code: str, city: str, country: str) -> None:
    meta = meta_of(fictional_report(
        "1 July 2033\n\nOriginal: English*",
        f"Report of the Ninety-fifth Meeting of Heads of National Drug Law Enforcement Agencies, {region}, "
        f"held in {city} from 27 June to 1 July 2033"))
    assert (meta["body"], meta["city"], meta["country"]) == (code, city, country)


SANTIAGO = ("Report of the Ninety-sixth Meeting of Heads of National Drug Law Enforcement Agencies, Latin America "
            "and the Caribbean, held in Santiago from 1 to 5 October 2034")


def test_a_city_several_countries_have_is_placed_by_the_text() -> None:
    body = ("1. The only paragraph.\n\n2. The Ninety-sixth Meeting was held in Santiago from 1 to 5 October 2034. "
            "The Minister of the Interior of Chile opened it.\n")
    assert meta_of(fictional_report("5 October 2034\n\nOriginal: Spanish*", SANTIAGO, body))["country"] == "CHL"


def test_a_city_the_text_does_not_place_is_left_out_and_listed_never_guessed() -> None:
    # Valencia, Venezuela (1.6 million) is not ten times Valencia, Spain (0.8 million).
    data = fictional_report("5 October 2034\n\nOriginal: Spanish*", SANTIAGO.replace("Santiago", "Valencia"))
    meta = meta_of(data)
    assert "country" not in meta and meta["city"] == "Valencia"
    [unread] = [u for u in meta["unread"] if u["fact"] == "venue_country"]
    assert unread["line"] == 5 and "'Valencia' is in VEN or ESP" in unread["note"] and "--country" in unread["note"]
    assert meta_of(data, country="ESP")["country"] == "ESP"


@pytest.mark.parametrize(("city", "country"), [
    ("Vienna", "AUT"),  # a UN duty station (and 100 times Vienna, Virginia)
    ("Santiago", "CHL"),  # the seat of ECLAC, whatever else is called Santiago
    ("Addis Ababa", "ETH"),
    ("Lima", "PER"),  # 200 times Lima, Ohio
])
def test_a_venue_the_name_settles_needs_no_country(city: str, country: str) -> None:
    data = fictional_report("5 October 2034\n\nOriginal: Spanish*", SANTIAGO.replace("Santiago", city))
    assert meta_of(data)["country"] == country


def test_an_unknown_body_is_named_with_the_forms_expected() -> None:
    data = fictional_report("1 May 2035\n\nOriginal: English*",
                            "Report of the Ninety-seventh Meeting of Heads of Drug Agencies, Atlantis, held in Quito "
                            "from 1 to 3 May 2035")
    with pytest.raises(ContentError) as refused:
        convert(data, "fictional.txt")
    assert "fictional.txt:5:1: cannot read the body and meeting in the title" in str(refused.value)


def test_older_resolutions_cited_with_a_roman_session_are_linked_only_when_certain() -> None:
    (ecosoc,) = find_symbols("established by Economic and Social Council resolution 1845 (LVI) of 1974")
    assert ecosoc.symbols == ("E/RES/1845(LVI)",)
    assert find_symbols("the Council, in its resolution 1776 (LIV)") == []
