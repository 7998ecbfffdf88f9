"""Actor resolution: names, metonyms, roles, people, appositions, pronouns, context."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

from .conftest import code_sentence_events


def _sources(events):
    return {e.source.code for e in events if e.source}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Moscow condemned the decision.", "RUSGOV"),  # capital as metonym
        ("The Kremlin rejected the proposal.", "RUSGOV"),  # seat of government
        ("The White House criticized Beijing.", "USAGOV"),
        ("NATO condemned the attack.", "NATO"),  # organisation
        ("Ukrainian troops shelled the town.", "UKRMIL"),  # demonym + role
        ("Egyptian police arrested the journalists.", "EGYCOP"),
        ("Colombian rebels attacked the army base.", "COLREB"),
        ("Thousands of Iranian protesters demonstrated in Tehran.", "IRNCVL"),
        ("Russia's foreign minister criticized Japan.", "RUSGOV"),  # possessive
        ("Officials from Seoul condemned the missile launch.", "KORGOV"),  # "from" + capital
        ("Rebels in Mali attacked a convoy.", "MLIREB"),  # role + "in" country
        ("Hezbollah fired rockets at Israel.", "LBNREB"),  # non-state group
    ],
)
def test_actors_resolve_names_metonyms_and_roles(coder, text, source):
    assert source in _sources(code_sentence_events(coder, text)), text


def test_actors_apposition_names_a_person_for_later(coder):
    text = (
        "The Iranian envoy, Deputy Foreign Minister Ali Bagheri, met the EU team. "
        "Bagheri criticized the United States."
    )
    events = code_sentence_events(coder, text)
    assert any(e.source and e.source.code == "IRNGOV" and e.cameo_root == "11" for e in events)


def test_actors_pronoun_takes_the_nearest_country(coder):
    text = "Japan criticized China, and it attacked Taiwan a day later."
    events = code_sentence_events(coder, text)
    attack = [e for e in events if e.trigger.startswith("attack")]
    assert attack and attack[0].source.country == "CHN"
    assert attack[0].source.rule == "pronoun:it"


def test_actors_both_sides_are_the_last_two(coder):
    text = (
        "The Indian minister and his Pakistani counterpart arrived in Geneva. Both met on Sunday."
    )
    events = code_sentence_events(coder, text)
    met = {(e.source.code, e.target.code) for e in events if e.trigger == "met"}
    assert met == {("INDGOV", "PAKGOV"), ("PAKGOV", "INDGOV")}


def test_actors_first_person_in_a_quote_is_the_speaker(coder):
    text = (
        "\u201cWe will not accept this,\u201d said the French foreign minister. "
        "\u201cI have a rather pessimistic view of the talks.\u201d"
    )
    events = code_sentence_events(coder, text)
    assert any(e.cameo == "012" and e.source.code == "FRAGOV" for e in events)


def test_actors_role_without_country_takes_the_context(coder):
    events = code_sentence_events(coder, "Police arrested Kenyan opposition activists.")
    [arrest] = [e for e in events if e.cameo_root == "17"]
    assert arrest.source.code == "KENCOP" and arrest.source.rule.endswith("context:other side")


def test_actors_people_by_year(coder, tmp_path):
    from eventwire.ingest import read_text
    from eventwire.pipeline import Coder

    (tmp_path / "people.tsv").write_text(
        "# name\taliases\tcode\trole\tstart\tend\ttitle\n"
        "Ana Sorvino\tSorvino\tPRT\tGOV\t2010\t2015\tForeign Minister\n"
        "Ana Sorvino\tSorvino\tUN\t\t2016\t2020\tEnvoy\n"
    )
    custom = Coder([tmp_path])
    for year, code in (("2012-05-01", "PRTGOV"), ("2018-05-01", "UN")):
        [result] = list(custom.code([read_text("Sorvino condemned Spain.", published=year)]))
        assert {e.source.code for e in result.events} == {code}, year


def test_actors_lexicon_command_searches_with_sources():
    result = CliRunner().invoke(app, ["lexicon", "Kremlin"])
    assert result.exit_code == 0
    assert "countries.tsv:" in result.stdout and "RUSGOV" in result.stdout


def test_actors_unnamed_group_is_placed_in_the_country_its_sentence_names(coder):
    events = code_sentence_events(
        coder, "Tribal chiefs demanded that the Nigerian army leave the delta."
    )
    [demand] = [e for e in events if e.cameo_root == "10"]
    assert demand.source.code == "NGA"  # the country alone: no role the text does not give
    assert demand.source.rule.startswith("context:placed")
    # a thing is not a group: "the storm" is not placed in Kenya
    events = code_sentence_events(coder, "The storm destroyed Kenyan crops.")
    assert all(e.source is None for e in events)
    # nothing to place it by: no source is guessed
    events = code_sentence_events(coder, "Tribal chiefs demanded compensation.")
    assert all(e.source is None for e in events)


def test_actors_role_word_closing_a_proper_name_is_no_role(coder):
    # "Kaduna State" is a place, not the government: the curfew event keeps its own actors
    events = code_sentence_events(coder, "Nigeria lifted the curfew in Kaduna State.")
    assert any(e.source.code == "NGAGOV" and e.cameo.startswith("081") for e in events)
    # a known country before the role word keeps the role
    events = code_sentence_events(coder, "The Ugandan Army attacked Congolese rebels.")
    assert any(e.source.code == "UGAMIL" for e in events)


def test_actors_possessor_country_beats_the_place_after_the_head(coder):
    text = "Egypt refused to meet Jordan's foreign minister in Cairo."
    events = code_sentence_events(coder, text)
    assert any(e.target and e.target.code == "JORGOV" for e in events)


def test_actors_pronoun_finds_a_titled_person_named_earlier(coder):
    text = (
        "President Ruto of Kenya told reporters in Nairobi that he would be ready to host talks "
        "with Ethiopian leaders."
    )
    events = code_sentence_events(coder, text)
    assert any(e.source and e.source.code == "KENGOV" and e.cameo_root == "03" for e in events)


def test_actors_first_conjunct_country_qualifies_the_others(coder):
    text = "Turkish helicopters and tanks shelled bases of the Syrian army."
    events = code_sentence_events(coder, text)
    assert {e.source.country for e in events if e.cameo_root == "19"} == {"TUR"}


def test_actors_role_placed_by_a_town_the_gazetteer_knows(coder):
    events = code_sentence_events(coder, "Police in Lagos arrested more than 40 demonstrators.")
    assert any(e.source.code == "NGACOP" and e.source.rule.endswith("place:Lagos") for e in events)


def test_actors_army_strike_on_an_unnamed_place_gets_no_domestic_target(coder):
    events = code_sentence_events(coder, "Russian forces shelled the town overnight.")
    assert events and all(e.target is None for e in events)


@pytest.mark.parametrize(
    ("text", "published", "code"),
    [
        ("Museveni warned Kenya over the border dispute.", "2012-03-01", "UGAGOV"),
        ("Kagame met the Belgian prime minister in Kigali.", "2016-05-10", "RWAGOV"),
        ("Guterres urged Israel to allow aid into Gaza.", "2024-02-01", "UN"),
    ],
)
def test_actors_leaders_beyond_the_g20_are_known_by_surname(coder, text, published, code):
    events = code_sentence_events(coder, text, published=published)
    assert any(e.source and e.source.code == code for e in events)
