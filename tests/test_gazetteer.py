"""Countries and organisations in running text: the data, the look-ups and find()."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from importlib import resources

import pycountry
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cnd_archive.registry.gazetteer import (
    REGIONS,
    Entity,
    EntityMention,
    Gazetteer,
    load_gazetteer,
    region_from_time_zones,
)

LAC = "Latin America and the Caribbean"
GAZETTEER = load_gazetteer()
COUNTRIES = [e for e in GAZETTEER.entities if e.kind == "country" and not e.associate]
ORGANISATIONS = [e for e in GAZETTEER.entities if e.kind == "organisation"]


def ids(text: str) -> list[str]:
    return [mention.entity for mention in GAZETTEER.find(text)]


def alpha_2(alpha_3: str) -> str:
    country = pycountry.countries.get(alpha_3=alpha_3)
    assert country is not None
    return str(country.alpha_2)


def wordings(text: str) -> list[tuple[str, str]]:
    return [(mention.entity, mention.wording) for mention in GAZETTEER.find(text)]


# --- the data ---------------------------------------------------------------------------


def test_193_member_states_and_2_observer_states() -> None:
    observers = {c.id for c in COUNTRIES if c.observer}
    assert len(COUNTRIES) - len(observers) == 193
    assert observers == {"VAT", "PSE"}


def test_every_country_code_is_an_iso_alpha_3_code() -> None:
    for country in COUNTRIES:
        assert pycountry.countries.get(alpha_3=country.id) is not None, country.id


def test_every_country_has_one_of_the_six_m49_regions() -> None:
    assert all(country.region in REGIONS for country in COUNTRIES)
    # The UN's own counts: 54 African States, 33 of Latin America and the Caribbean, 14 in
    # Oceania; Europe includes the Holy See and Asia the State of Palestine.
    counts = Counter(country.region for country in COUNTRIES)
    assert counts == {"Africa": 54, LAC: 33, "Northern America": 2, "Oceania": 14, "Europe": 44, "Asia": 48}


@pytest.mark.parametrize(("code", "region"), [
    ("GTM", LAC), ("BHS", LAC), ("BRA", LAC), ("MEX", LAC), ("CHL", LAC), ("ECU", LAC),
    ("USA", "Northern America"), ("CAN", "Northern America"),
    ("RUS", "Europe"), ("ESP", "Europe"), ("ISL", "Europe"), ("PRT", "Europe"), ("VAT", "Europe"),
    ("TUR", "Asia"), ("CYP", "Asia"), ("GEO", "Asia"), ("KAZ", "Asia"), ("MDV", "Asia"), ("PSE", "Asia"),
    ("EGY", "Africa"), ("CPV", "Africa"), ("MUS", "Africa"), ("MDG", "Africa"),
    ("AUS", "Oceania"), ("NZL", "Oceania"), ("FJI", "Oceania"), ("KIR", "Oceania"),
])
def test_regions_follow_m49(code: str, region: str) -> None:
    assert GAZETTEER.entity(code).region == region


def test_regions_come_from_babel_time_zones() -> None:
    assert region_from_time_zones("GT") == LAC
    assert region_from_time_zones("CL") == LAC  # Pacific/Easter does not outweigh the mainland
    assert region_from_time_zones("FJ") == "Oceania"
    assert region_from_time_zones("MV") is None  # an Indian Ocean zone settles nothing
    assert region_from_time_zones("ES") is None  # as many zones in Africa as in Europe


def test_every_region_override_in_the_data_is_needed() -> None:
    overridden = {c.id for c in COUNTRIES if c.region != region_from_time_zones(alpha_2(c.id))}
    assert overridden == {"USA", "CAN", "RUS", "TUR", "ESP", "ISL", "CPV", "COM", "MDG", "MDV", "MUS", "SYC"}


@pytest.mark.parametrize(("code", "un_name"), [
    ("BOL", "Bolivia (Plurinational State of)"),
    ("GBR", "United Kingdom of Great Britain and Northern Ireland"),
    ("USA", "United States of America"),
    ("VEN", "Venezuela (Bolivarian Republic of)"),
    ("IRN", "Iran (Islamic Republic of)"),
    ("KOR", "Republic of Korea"),
    ("PRK", "Democratic People's Republic of Korea"),
    ("MDA", "Republic of Moldova"),
    ("TZA", "United Republic of Tanzania"),
    ("COD", "Democratic Republic of the Congo"),
    ("FSM", "Micronesia (Federated States of)"),
    ("NLD", "Netherlands (Kingdom of the)"),
    ("PSE", "State of Palestine"),
    ("VAT", "Holy See"),
    ("TUR", "Türkiye"),
    ("LAO", "Lao People's Democratic Republic"),
    ("SYR", "Syrian Arab Republic"),
    ("VNM", "Viet Nam"),
    ("CIV", "Côte d'Ivoire"),
    ("CZE", "Czechia"),
    ("SWZ", "Eswatini"),
    ("MKD", "North Macedonia"),
    ("CPV", "Cabo Verde"),
    ("GTM", "Guatemala"),
])
def test_un_short_names(code: str, un_name: str) -> None:
    assert GAZETTEER.entity(code).name == un_name


def test_pycountry_names_are_kept_only_where_they_are_the_un_names() -> None:
    # pycountry writes "Korea, Republic of": a comma means countries.yml lacks a un_name.
    assert not [c.name for c in COUNTRIES if "," in c.name]


def test_every_name_is_a_proper_noun() -> None:
    for entity in GAZETTEER.entities:
        for form in entity.names:
            assert form[0].isupper() or form.startswith("the "), form


def test_names_are_listed_longest_first_with_the_name_among_them() -> None:
    for entity in GAZETTEER.entities:
        assert entity.name in entity.names
        assert [len(n) for n in entity.names] == sorted((len(n) for n in entity.names), reverse=True)


def test_every_blocker_contains_a_name() -> None:
    data = yaml.safe_load(resources.files("cnd_archive").joinpath("data/countries.yml").read_text("utf-8"))
    forms = [form for entity in GAZETTEER.entities for form in entity.names]
    for blocker in data["blockers"]:
        assert any(re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", blocker) for form in forms), blocker


@pytest.mark.parametrize(("slug", "name", "short"), [
    ("unodc", "United Nations Office on Drugs and Crime", "UNODC"),
    ("interpol", "International Criminal Police Organization", "INTERPOL"),
    ("wco", "World Customs Organization", "WCO"),
    ("caricom", "Caribbean Community", "CARICOM"),
    ("caricom-impacs", "Implementation Agency for Crime and Security of the Caribbean Community", "CARICOM IMPACS"),
    ("ameripol", "Police Community of the Americas", "AMERIPOL"),
    ("gafilat", "Financial Action Task Force of Latin America", "GAFILAT"),
    ("incb", "International Narcotics Control Board", "INCB"),
    ("who", "World Health Organization", "WHO"),
    ("eclac", "Economic Commission for Latin America and the Caribbean", "ECLAC"),
    ("cnd", "Commission on Narcotic Drugs", "CND"),
    ("eu", "European Union", "EU"),
    ("oas", "Organization of American States", "OAS"),
    ("cicad", "Inter-American Drug Abuse Control Commission", "CICAD"),
    ("europol", "European Union Agency for Law Enforcement Cooperation", "Europol"),
    ("fatf", "Financial Action Task Force", "FATF"),
    ("undp", "United Nations Development Programme", "UNDP"),
    ("cfatf", "Caribbean Financial Action Task Force", "CFATF"),
])
def test_organisations(slug: str, name: str, short: str) -> None:
    organisation = GAZETTEER.entity(slug)
    assert (organisation.kind, organisation.name, organisation.short, organisation.region) == (
        "organisation", name, short, "")
    assert ids(f"the representative of {name} ({short}) said") == [slug, slug]


# --- look-ups ---------------------------------------------------------------------------


def test_entity_by_id_in_any_case() -> None:
    assert GAZETTEER.entity("gtm") is GAZETTEER.entity("GTM")
    assert GAZETTEER.entity("UNODC").id == "unodc"


def test_an_unknown_id_says_what_was_meant() -> None:
    with pytest.raises(KeyError, match="unknown country or organisation id 'GTN'; did you mean GTM"):
        GAZETTEER.entity("GTN")


@pytest.mark.parametrize(("text", "code"), [
    ("the United Kingdom", "GBR"),
    ("The United Kingdom", "GBR"),
    ("GBR", "GBR"),
    ("  bolivia  (plurinational\nstate of) ", "BOL"),
    ("Bolivia", "BOL"),
    ("the Sudan", "SDN"),
    ("Côte d’Ivoire", "CIV"),
    ("cote d'ivoire", "CIV"),
    ("Turkey", "TUR"),
    ("unodc", "unodc"),
    ("World Customs Organization", "wco"),
])
def test_lookup(text: str, code: str) -> None:
    found = GAZETTEER.lookup(text)
    assert found is not None and found.id == code


def test_lookup_of_an_unknown_name() -> None:
    assert GAZETTEER.lookup("Atlantis") is None
    assert GAZETTEER.lookup("") is None


def test_suggestions() -> None:
    assert GAZETTEER.suggest("Boliva")[0] == "Bolivia (Plurinational State of)"
    assert "United Kingdom of Great Britain and Northern Ireland" in GAZETTEER.suggest("Untied Kingdom")
    assert GAZETTEER.suggest("Guatamala", n=1) == ["Guatemala"]
    assert GAZETTEER.suggest("GTN")[0] == "GTM"
    assert GAZETTEER.suggest("zzzzzzzzzz") == []
    assert GAZETTEER.suggest("Niger") == ["Niger", "Nigeria"]  # each entity once, by name or by id


def test_the_gazetteer_is_loaded_once() -> None:
    assert load_gazetteer() is GAZETTEER


def test_two_entities_may_not_share_a_name() -> None:
    one = Entity("AAA", "country", "Ruritania", ("Ruritania",), "Europe")
    two = Entity("BBB", "country", "Ruritania", ("Ruritania",), "Europe")
    with pytest.raises(ValueError, match="Ruritania"):
        Gazetteer([one, two])
    with pytest.raises(ValueError, match="blocker"):
        Gazetteer([one], blockers=["the Ruritania"])


# --- find(): names inside longer names --------------------------------------------------


def test_a_city_is_not_its_country() -> None:
    assert ids("held in Guatemala City from 2 to 6 October") == []
    assert wordings("opened by the Vice-President of Guatemala, Jafeth Cabrera") == [("GTM", "Guatemala")]
    assert ids("Mexico City, Panama City, Kuwait City, Belize City, Santiago de Cuba") == []


@pytest.mark.parametrize("text", [
    "New Mexico", "the Gulf of Mexico", "the Gulf of Guinea", "the Panama Canal", "New Guinea",
    "Northern Ireland", "American Samoa", "the Niger Delta", "Lake Chad", "the Jordan River",
    "the South China Sea", "500,000 United States dollars", "Serbia and Montenegro", "Benin City",
])
def test_blockers_yield_nothing(text: str) -> None:
    assert ids(text) == []


def test_niger_and_nigeria() -> None:
    assert ids("Niger, Nigeria and the Niger") == ["NER", "NGA", "NER"]


def test_dominica_and_the_dominican_republic() -> None:
    assert ids("Dominica and the Dominican Republic") == ["DMA", "DOM"]


def test_sudan_and_south_sudan() -> None:
    assert ids("the Sudan, South Sudan and Sudan") == ["SDN", "SSD", "SDN"]


def test_the_guineas() -> None:
    text = "Guinea, Guinea-Bissau, Equatorial Guinea, Papua New Guinea, Guinea Bissau and the island of New Guinea"
    assert ids(text) == ["GIN", "GNB", "GNQ", "PNG", "GNB"]


def test_hyphenated_compounds_are_not_mentions() -> None:
    assert ids("Mexico-based groups and Guinea-Conakry") == []


def test_the_two_congos() -> None:
    assert ids("the Democratic Republic of the Congo, the Republic of the Congo and the Congo") == [
        "COD", "COG", "COG"]


def test_ireland_is_not_northern_ireland() -> None:
    assert ids("Ireland and Northern Ireland") == ["IRL"]


def test_the_two_koreas() -> None:
    assert ids("the Democratic People’s Republic of Korea and the Republic of Korea") == ["PRK", "KOR"]
    assert ids("the Democratic People's\nRepublic of Korea") == ["PRK"]


def test_china_and_the_republic_of_china() -> None:
    assert ids("the People's Republic of China, China and the Republic of China") == ["CHN", "CHN"]


# --- find(): names with parentheses, "the" and line breaks -----------------------------


def test_a_name_with_parentheses_is_one_mention() -> None:
    assert wordings("Bolivia (Plurinational State of), Chile") == [
        ("BOL", "Bolivia (Plurinational State of)"), ("CHL", "Chile")]
    assert wordings("Iran (Islamic Republic of) and Venezuela (Bolivarian Republic of)") == [
        ("IRN", "Iran (Islamic Republic of)"), ("VEN", "Venezuela (Bolivarian Republic of)")]


def test_an_alias_that_starts_with_the_keeps_it() -> None:
    assert wordings("the delegation of the Plurinational State of Bolivia referred") == [
        ("BOL", "the Plurinational State of Bolivia")]
    assert wordings("The Plurinational State of Bolivia referred") == [("BOL", "The Plurinational State of Bolivia")]
    assert wordings("in the Netherlands") == [("NLD", "the Netherlands")]


def test_a_name_without_the_leaves_it_out() -> None:
    assert wordings("The observer from the Russian Federation") == [("RUS", "Russian Federation")]


def test_the_united_kingdom_long_and_short() -> None:
    assert wordings("Panama and the United Kingdom of Great Britain and Northern Ireland after") == [
        ("PAN", "Panama"), ("GBR", "United Kingdom of Great Britain and Northern Ireland")]
    assert wordings("Spain and the United Kingdom.") == [("ESP", "Spain"), ("GBR", "the United Kingdom")]
    assert wordings("Spain and United Kingdom.") == [("ESP", "Spain"), ("GBR", "United Kingdom")]


def test_a_name_may_break_across_one_line() -> None:
    text = "the United Kingdom of Great\nBritain and Northern Ireland, Bolivia\n(Plurinational State of)"
    assert wordings(text) == [
        ("GBR", "United Kingdom of Great\nBritain and Northern Ireland"),
        ("BOL", "Bolivia\n(Plurinational State of)")]
    assert wordings("Costa  \n  Rica") == [("CRI", "Costa  \n  Rica")]


def test_a_blank_line_ends_a_name() -> None:
    assert ids("Costa\n\nRica") == []
    assert ids("United\n\nKingdom") == []


def test_both_apostrophes() -> None:
    assert wordings("Côte d’Ivoire and Côte d'Ivoire") == [("CIV", "Côte d’Ivoire"), ("CIV", "Côte d'Ivoire")]


# --- find(): case and common words ------------------------------------------------------


def test_lower_case_words_are_not_countries() -> None:
    assert ids("roast turkey, a chad of paper, the jordan river, guinea pigs, chile peppers") == []
    assert ids("Turkey, Chad, Jordan") == ["TUR", "TCD", "JOR"]


def test_acronyms_are_case_sensitive_whole_words() -> None:
    assert ids("UNODC, Unodc, unodc, UNODCW, CARICOMs") == ["unodc"]
    assert ids("UNODC and WHO") == ["unodc", "who"]
    assert ids("people who use drugs; WHO") == ["who"]


def test_a_word_acronym_in_capitals_is_not_an_organisation() -> None:
    assert ids("PEOPLE WHO USE DRUGS") == []
    assert ids("UNODC, WHO and INCB") == ["unodc", "who", "incb"]


def test_a_document_symbol_is_not_a_mention() -> None:
    assert ids("a note by the Secretariat (UNODC/HONLAC/27/5)") == []


# --- find(): real sentences -------------------------------------------------------------


def test_the_national_reports_sentence() -> None:
    text = ("In addition, Argentina, Bolivia (Plurinational State of), Chile, Colombia, Ecuador, France, "
            "Honduras, Mexico, Paraguay and Spain had submitted national reports")
    assert ids(text) == ["ARG", "BOL", "CHL", "COL", "ECU", "FRA", "HND", "MEX", "PRY", "ESP"]


def test_the_attendance_sentence() -> None:
    text = ("The following States members of the Economic Commission for Latin America and the Caribbean "
            "were represented: Argentina, Bolivia (Plurinational State of), Chile")
    assert wordings(text) == [
        ("eclac", "Economic Commission for Latin America and the Caribbean"),
        ("ARG", "Argentina"), ("BOL", "Bolivia (Plurinational State of)"), ("CHL", "Chile")]


def test_latin_america_and_the_caribbean_alone_is_nothing() -> None:
    assert ids("drug trafficking in Latin America and the Caribbean and in West Africa") == []


def test_the_agency_of_caricom_and_then_caricom() -> None:
    text = "the Implementation Agency for Crime and Security of the Caribbean Community (CARICOM), INTERPOL"
    assert wordings(text) == [
        ("caricom-impacs", "Implementation Agency for Crime and Security of the Caribbean Community"),
        ("caricom", "CARICOM"), ("interpol", "INTERPOL")]
    assert wordings("CARICOM IMPACS and CARICOM") == [
        ("caricom-impacs", "CARICOM IMPACS"), ("caricom", "CARICOM")]


def test_a_programme_of_two_organisations_names_both_and_is_not_one() -> None:
    text = "the UNODC and World Customs Organization Global Container Control Programme"
    assert wordings(text) == [("unodc", "UNODC"), ("wco", "World Customs Organization")]


def test_task_forces() -> None:
    text = ("the Financial Action Task Force of Latin America, the Caribbean Financial Action Task Force "
            "and the Financial Action Task Force")
    assert ids(text) == ["gafilat", "cfatf", "fatf"]


def test_europol_is_not_the_european_union() -> None:
    assert ids("the European Union Agency for Law Enforcement Cooperation (Europol) and the European Union") == [
        "europol", "europol", "eu"]


@pytest.mark.parametrize("form", sorted({(f, e.id) for e in GAZETTEER.entities for f in e.names}))
def test_every_name_is_found_whole(form: tuple[str, str]) -> None:
    name, entity = form
    assert wordings(f"Reports from {name} were received.") == [(entity, name)]


# --- find(): robustness -----------------------------------------------------------------

FRAGMENTS = sorted({f for e in GAZETTEER.entities for f in e.names} | {
    "Guatemala City", "New Guinea", "-", "/", "(", ")", "the ", "The ", " ", "\n", "\n\n", ", ", "'", "’",
    "Guinea", "Bissau", "Republic", "of", "Kingdom", "PEOPLE", "WHO"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=25).map("".join))
def test_find_returns_exact_ordered_non_overlapping_spans(text: str) -> None:
    mentions = GAZETTEER.find(text)
    end = 0
    for mention in mentions:
        assert isinstance(mention, EntityMention)
        assert end <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.wording
        assert GAZETTEER.lookup(mention.wording) is GAZETTEER.entity(mention.entity)
        end = mention.end


def _best_time(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.bench
@pytest.mark.parametrize("unit", ["Guinea-", "the United ", "Bolivia (Plurinational State ", "the   \n ",
                                  "Democratic People's Republic of ", "WHO ", "Gulf of "])
def test_find_takes_linear_time(unit: str) -> None:
    short = _best_time(lambda: GAZETTEER.find(unit * 5000))
    long = _best_time(lambda: GAZETTEER.find(unit * 40000))
    assert long < 30 * short
