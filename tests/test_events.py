"""The event coder, capability by capability, on small hand-written sentences."""

from __future__ import annotations

import pytest

from .conftest import code_sentence_events


def _triples(events, *, include_flagged=False):
    return {
        (e.source.code if e.source else None, e.cameo, e.target.code if e.target else None)
        for e in events
        if include_flagged or not (e.hypothetical or e.negated)
    }


def _has(events, source, cameo_prefix, target):
    return any(
        (e.source.code if e.source else None) == source
        and e.cameo.startswith(cameo_prefix)
        and (e.target.code if e.target else None) == target
        for e in events
    )


@pytest.mark.parametrize(
    ("text", "source", "cameo", "target"),
    [
        # leaf codes: sanctions threat vs threat of force
        ("Germany threatened Iran with new sanctions.", "DEUGOV", "1312", "IRN"),
        ("Turkey threatened Greece with military force.", "TURGOV", "138", "GRC"),
        # making a visit vs hosting one
        ("The Indian prime minister visited Japan.", "INDGOV", "042", "JPN"),
        ("Egypt hosted the Jordanian king.", "EGYGOV", "043", "JORGOV"),
        # declaring a ceasefire
        ("Armenia and Azerbaijan declared a ceasefire.", "ARMGOV", "0871", "AZE"),
        ("Armenia and Azerbaijan declared a ceasefire.", "AZEGOV", "0871", "ARM"),
        # firing on a crowd is repression, not combat
        ("Zambian police opened fire on protesters in Lusaka.", "ZMBCOP", "175", "ZMBCVL"),
        # a purpose infinitive is a cue like a complement one
        ("Zambian police opened fire to disperse the crowd.", "ZMBCOP", "175", "ZMB"),
        # beating detainees is assault; beating protesters is repression
        ("Chadian soldiers beat up the detainees.", "TCDMIL", "182", "TCD"),
        # general lexicon patterns of cooperation, yielding and dissent
        ("Japan has been sharing expertise with Vietnam.", "JPNGOV", "060", "VNM"),
        ("Swiss doctors handed over medicine to the Red Cross.", "CHEHLH", "073", "ICRC"),
        ("Kenyan workers stopped work in protest at the new tax.", "KENLAB", "143", "KENGOV"),
        (
            "The president conceded to demands from the Ugandan opposition.",
            "UGAGOV",
            "081",
            "UGAOPP",
        ),
        ("Israeli troops remained on alert near Gaza.", "ISRMIL", "152", None),
        ("The Kenyan police remained on alert.", "KENCOP", "151", "KEN"),
        ("Rebels blocked transport into the capital of Chad.", "TCDREB", "144", "TCD"),
        (
            "Bolivian President Luis Arce ordered troops onto the streets of La Paz.",
            "BOLGOV",
            "154",
            "BOL",
        ),
        ("The last Belgian soldiers left Mali on Friday.", "BELMIL", "0874", "MLI"),
        ("Greece granted US forces access to two naval bases.", "GRCGOV", "062", "USAMIL"),
        (
            "Kenya will send police officers to Haiti to help restore order.",
            "KENGOV",
            "0334",
            "HTI",
        ),
        ("Hackers defaced hundreds of Danish websites.", None, "171", "DNK"),
        ("Chile denied the Peruvian request for a landing permit.", "CHLGOV", "120", "PER"),
        ("Japan suspended part of its military aid programme for Myanmar.", "JPNGOV", "162", None),
        # opposing a mediation, a deployment or talks is a rejection; opposing a law, disapproval
        ("Egypt is opposed to Qatari mediation.", "EGYGOV", "126", "QAT"),
        ("Mali opposed the deployment of French troops.", "MLIGOV", "1245", "FRAMIL"),
        ("Japan opposed the new Chinese law.", "JPNGOV", "110", "CHN"),
        # an announced act ("will allow … to return") is an intent
        ("Turkey will allow Syrian refugees to return home.", "TURGOV", "0353", None),
        # an act announced as leverage is a threat
        ("Ghana will cut aid to Togo unless elections are held.", "GHAGOV", "1311", "TGO"),
        (
            "Egypt will recognize the Libyan government unless it cancels the vote.",
            "EGYGOV",
            "130",
            "LBYGOV",
        ),
        ("Egypt will recognize the Libyan government.", "EGYGOV", "032", "LBYGOV"),
        # light verbs take the code of their event noun
        ("Canada imposed sanctions on Venezuela.", "CANGOV", "163", "VEN"),
        ("Israeli forces launched an attack on Lebanon.", "ISRMIL", "19", "LBN"),
        ("China and Brazil held talks.", "CHNGOV", "04", "BRA"),
        ("Poland issued a warning to Belarus.", "POLGOV", "13", "BLR"),
        # phrasal verbs
        ("Kenya called off the talks with Somalia.", "KENGOV", "164", "SOM"),
        ("French troops pulled out of Mali.", "FRAMIL", "0874", "MLI"),
        # nominal event with its agent and place
        (
            "Satellite images showed a buildup of Chinese troops near the Indian border.",
            "CHNMIL",
            "154",
            "IND",
        ),
        # passive voice
        ("The Colombian embassy was attacked by rebels from Venezuela.", "VENREB", "19", "COLGOV"),
        # relative clause
        (
            "Protesters who marched against the Serbian government filled the square.",
            "SRBCVL",
            "14",
            "SRBGOV",
        ),
        # arrests by police
        ("Kenyan police arrested opposition activists in Nairobi.", "KENCOP", "173", "KENOPP"),
        # what is struck is where it is; what is complained about names the target
        ("Syrian jets fired rockets at positions in Idlib.", "SYRMIL", "19", "SYR"),
        (
            "Ghana complained to the African Union over Togolese border raids.",
            "GHAGOV",
            "114",
            "TGO",
        ),
        # a purpose infinitive acts for the subject of its clause
        (
            "Jordan opened the bridge to allow the delivery of grain to Iraq.",
            "JORGOV",
            "0863",
            "IRQ",
        ),
        # a thing named after its owner stands for its owner
        ("Canada welcomed President Macron's offer.", "CANGOV", "05", "FRAGOV"),
        # preparing an attack is a force posture, even through "resume"
        ("Ethiopian troops prepared to resume shelling the town.", "ETHMIL", "150", "ETH"),
        # a separable particle after the object: "forced … out"
        ("Mali forced the UN mission out of the country.", "MLIGOV", "166", "UN"),
        # setting fire to a building destroys property; a team's members say who they are
        ("Militants set fire to the Kenyan embassy.", "KENREB", "1712", "KENGOV"),
        ("Iraq received a team of inspectors from the IAEA.", "IRQGOV", "0862", "IAEA"),
        # talks that end without agreement are a rejection, not a negated agreement
        ("Serbia and Croatia failed to reach agreement on the border.", "SRBGOV", "120", "HRV"),
        # a statement's author says what the statement says
        (
            "The Afghan Taliban issued a statement condemning the Pakistani government.",
            "AFGREB",
            "11",
            "PAKGOV",
        ),
        # "their forces" are the forces of the group the pronoun stands for
        ("Syrian Kurds said their forces had halted their advance.", "SYRMIL", "", "SYR"),
        # preparing an offensive is a force posture; the offensive has not happened
        ("The Sudanese army is preparing a major offensive.", "SDNMIL", "150", "SDN"),
        # extending a curfew imposes it
        ("The Malian government extended the curfew.", "MLIGOV", "1723", "MLI"),
        # any of coordinated objects may be the event noun; its preposition names the target
        (
            "Thai forces launched mortar and rocket fire against Cambodian positions.",
            "THAMIL",
            "194",
            "KHM",
        ),
    ],
)
def test_events_code_general_patterns(coder, text, source, cameo, target):
    events = code_sentence_events(coder, text)
    assert _has(events, source, cameo, target), (text, _triples(events, include_flagged=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # compound subject: one event each
        (
            "Russia and China condemned the missile test by Japan.",
            {("RUSGOV", "111", "JPN"), ("CHNGOV", "111", "JPN")},
        ),
        # coordinated objects
        (
            "Spain criticized Morocco and Algeria.",
            {("ESPGOV", "111", "MAR"), ("ESPGOV", "111", "DZA")},
        ),
    ],
)
def test_events_coordination_gives_one_event_each(coder, text, expected):
    assert expected <= _triples(code_sentence_events(coder, text))


def test_events_coordinated_verbs_share_their_subject(coder):
    events = code_sentence_events(coder, "Iran condemned Israel and threatened Saudi Arabia.")
    assert _has(events, "IRNGOV", "111", "ISR")
    assert any(e.source and e.source.code == "IRNGOV" and e.cameo_root == "13" for e in events)


def test_events_long_sentence_with_several_events(coder):
    text = (
        "Ukraine accused Russia of shelling Kharkiv on Monday; Poland sent troops to the border "
        "with Belarus, and Germany pledged new aid to Kyiv."
    )
    events = code_sentence_events(coder, text)
    roots = {(e.source.code if e.source else None, e.cameo_root) for e in events}
    assert ("UKRGOV", "11") in roots
    assert ("POL", "15") in roots
    assert _has(events, "POL", "154", "BLR")
    assert any(s == "DEUGOV" and r == "03" for s, r in roots)


@pytest.mark.parametrize(
    ("text", "main_root", "background_root"),
    [
        # a relative clause gives background to the main event
        ("Rebels who had attacked the convoy surrendered to Malian troops.", "08", "18"),
        # a participial modifier
        ("Villagers fleeing the shelling asked Kenya for food aid.", "02", "08"),
        # an adverbial clause
        ("Peru expelled the Chilean ambassador after protesters stormed the embassy.", "16", "14"),
    ],
)
def test_events_subordinate_clauses_are_background(coder, text, main_root, background_root):
    roots = {e.cameo_root for e in code_sentence_events(coder, text)}
    assert main_root in roots
    assert background_root not in roots


def test_events_domestic_act_targets_the_own_country(coder):
    events = code_sentence_events(coder, "Sudan lifted the nightly curfew.")
    assert _has(events, "SDNGOV", "081", "SDN")
    assert events[0].target.rule == "context:domestic"
    # another country in the sentence: no domestic guess
    events = code_sentence_events(coder, "Sudan lifted the ban on Egyptian imports.")
    assert _has(events, "SDNGOV", "081", "EGY")
    assert not any(e.target and e.target.code == "SDN" for e in events)


def test_events_stance_participle_keeps_its_subject_as_source(coder):
    # "is opposed to" states Japan's stance; it is no passive act done to Japan
    events = code_sentence_events(coder, "Japan is opposed to the Chinese law.")
    assert _has(events, "JPNGOV", "11", "CHN")
    # a real passive keeps its patient as the target
    events = code_sentence_events(coder, "The Chadian convoy was attacked by Libyan troops.")
    assert any(e.source.code == "LBYMIL" and e.target.country == "TCD" for e in events)


def test_events_domestic_pair_of_one_code_is_kept(coder):
    events = code_sentence_events(coder, "The Kenyan government arrested a Kenyan official.")
    assert _has(events, "KENGOV", "173", "KENGOV")


def test_events_attack_of_unknown_authorship_is_placed_where_it_happened(coder):
    text = "A local judge was killed when a car bomb went off in central Beirut."
    [killing] = [e for e in code_sentence_events(coder, text) if e.cameo_root == "18"]
    assert killing.source.code == "LBN"
    assert killing.source.rule.startswith("context:placed where it happened")


def test_events_agentless_passive_act_of_authority_is_placed(coder):
    events = code_sentence_events(coder, "A Canadian engineer was arrested in Iran for spying.")
    assert _has(events, "IRN", "173", "CAN")
    # who acted is unknown and no country is named for it: no source is guessed
    events = code_sentence_events(coder, "A Canadian engineer was arrested for spying.")
    assert all(e.source is None for e in events)


def test_events_violent_noun_takes_the_country_named_before_it(coder):
    events = code_sentence_events(coder, "NATO air strikes hit a Libyan convoy.")
    assert _has(events, "NATO", "19", "LBY")
    # a capital before the noun says where, not who: only the place rule codes it
    events = code_sentence_events(coder, "The Kabul bombings killed nine people.")
    assert events and all(
        e.source is None or e.source.rule.startswith("context:placed where it happened")
        for e in events
    )


def test_events_light_verb_takes_the_event_noun_qualifying_its_object(coder):
    events = code_sentence_events(
        coder, "Qatar launched a mediation effort between Egypt and Sudan."
    )
    assert _has(events, "QATGOV", "045", "EGY") and _has(events, "QATGOV", "045", "SDN")


def test_events_protest_targets_the_foreign_country_its_sentence_names(coder):
    text = "Kenyan students marched in Nairobi to show their anger at British policy."
    events = code_sentence_events(coder, text)
    assert any(e.cameo_root == "14" and e.target and e.target.code == "GBR" for e in events)
    # the protesters' own words name no opponent
    events = code_sentence_events(coder, "Ethnic Serbs demonstrated in Kosovo on Tuesday.")
    assert not any(e.target and e.target.country == "SRB" for e in events if e.cameo_root == "14")
    # no foreign country: the protesters' own government
    events = code_sentence_events(coder, "Kenyan students marched in Nairobi.")
    assert any(e.cameo_root == "14" and e.target and e.target.code == "KENGOV" for e in events)


def test_events_what_an_event_noun_is_about_is_no_event(coder):
    text = "Kurdish students began a hunger strike in protest at the Turkish refusal of talks."
    roots = {e.cameo_root for e in code_sentence_events(coder, text)}
    assert "14" in roots
    assert "12" not in roots


def test_events_background_dated_to_another_year_is_kept(coder):
    text = "Kenya cited a promise made in 2015 by Uganda to build the railway, officials said."
    events = code_sentence_events(coder, text, published="2023-05-02")
    assert any(e.source and e.source.country == "UGA" and e.cameo_root == "03" for e in events)


def test_events_violence_in_a_subordinate_clause_is_kept(coder):
    events = code_sentence_events(
        coder, "After Sudanese jets bombed the camp, officials met in Khartoum."
    )
    assert any(e.cameo_root == "19" and e.source.country == "SDN" for e in events)


def test_events_subordinate_clause_is_coded_when_the_main_clause_has_none(coder):
    events = code_sentence_events(coder, "It was late when Chile recalled its ambassador to Peru.")
    assert any(e.cameo_root == "16" and e.source.country == "CHL" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "The weather in Oslo was mild on Tuesday.",
        "Russian ballet dancers performed in Paris last night.",
        "Shares of the company rose three percent.",
        "The Chinese restaurant opened a new branch in Lima.",
        # a body convening consults no one
        "The Zambian cabinet met on Tuesday.",
        # natural hazards and diseases kill and are fought without any political actor
        "Floods triggered by heavy rains killed more than 300 people in Bangladesh.",
        "A strong earthquake struck western Nepal on Friday, killing at least 120 people.",
    ],
)
def test_events_no_event_without_political_action(coder, text):
    assert code_sentence_events(coder, text) == []


def test_events_negation_is_flagged(coder):
    [event] = [
        e
        for e in code_sentence_events(coder, "Serbia did not recognize Kosovo's borders.")
        if e.cameo_root == "05"
    ] or [None]
    assert event is not None and event.negated


def test_events_conditional_is_hypothetical(coder):
    text = "Britain would impose sanctions on Iran if it attacked shipping."
    events = code_sentence_events(coder, text)
    assert events and all(e.hypothetical for e in events if e.cameo_root in {"16", "19"})


def test_events_question_is_hypothetical(coder):
    events = code_sentence_events(coder, "Will Japan send troops to the Philippines?")
    assert events and all(e.hypothetical for e in events)


def test_events_what_a_threat_holds_out_is_no_event(coder):
    text = "Kurdish rebels vowed to fight until they seize the Turkish border town."
    roots = {e.cameo_root for e in code_sentence_events(coder, text)}
    assert "13" in roots
    assert "19" not in roots


@pytest.mark.parametrize(
    "text",
    [
        # "no plans to" denies the act
        "Chile has no plans to impose sanctions on Peru, the minister said.",
        # what is denied is not reported as done
        "Rwanda denied supporting the rebels in eastern Congo.",
        # beating a country is a win, not an assault
        "Argentina beat France on penalties to win the final.",
    ],
)
def test_events_denied_or_sporting_acts_are_no_events(coder, text):
    events = code_sentence_events(coder, text)
    assert not [e for e in events if not (e.negated or e.hypothetical) and e.cameo_root >= "03"]


def test_events_quoted_question_inside_a_statement_is_hypothetical(coder):
    text = "“Will Japan send aid to Peru?” the Chilean minister asked on Monday."
    events = code_sentence_events(coder, text)
    aid = [e for e in events if e.cameo_root in {"03", "07"}]
    assert aid and all(e.hypothetical for e in aid)


def test_events_future_acts_are_intents(coder):
    events = code_sentence_events(coder, "Norway will give Ethiopia a loan next year.")
    assert _has(events, "NORGOV", "033", "ETH")
    promised = code_sentence_events(coder, "Mexico agreed to release the detained sailors.")
    assert any(e.cameo == "0353" and e.source.code == "MEXGOV" for e in promised)


def test_events_said_must_is_a_demand(coder):
    events = code_sentence_events(coder, "Chile said that Peru must withdraw its troops.")
    assert _has(events, "CHLGOV", "106", "PER")
    assert not any(e.cameo_root == "08" for e in events)


def test_events_reported_speech_names_the_speaker(coder):
    events = code_sentence_events(coder, "Greece said that Turkey violated its airspace.")
    reported = [e for e in events if e.source and e.source.country == "TUR"]
    assert reported and all(e.reported_by and e.reported_by.code == "GRC" for e in reported)


def test_events_threat_of_sanctions_in_a_warning(coder):
    text = "Australia warned that China would face tariffs if it blocked the deal."
    events = code_sentence_events(coder, text)
    assert _has(events, "AUSGOV", "1312", "CHN")


def test_events_user_lexicon_adds_a_verb(coder, tmp_path):
    from eventwire.ingest import read_text
    from eventwire.pipeline import Coder

    text = "Chile snubbed Bolivia at the summit."
    (tmp_path / "verbs.tsv").write_text(
        "# cameo\tverb\tcues\ttarget\tnote\n1313\tsnub\t\tobj\tmy own choice\n"
    )
    custom = Coder([tmp_path])
    [result] = list(custom.code([read_text(text)]))
    assert any(e.cameo == "1313" and e.rule.startswith("verbs.tsv") for e in result.events)


def test_events_announced_refusal_is_a_rejection(coder):
    events = code_sentence_events(coder, "Iran will not release the British sailors.")
    assert any(e.cameo == "1243" and e.source.code == "IRNGOV" and not e.negated for e in events)


def test_events_failed_act_is_negated(coder):
    events = code_sentence_events(coder, "Chile and Peru failed to sign the agreement.")
    assert events and all(e.negated for e in events if e.cameo_root == "05")


def test_events_what_an_agreement_says_should_happen_is_no_event(coder):
    events = code_sentence_events(
        coder, "Polish and Czech officials agreed that their countries should build a pipeline."
    )
    assert {e.cameo[:2] for e in events} == {"03"}


def test_events_anti_or_pro_names_no_actor(coder):
    events = code_sentence_events(coder, "Police in Nairobi detained an anti-Uganda activist.")
    assert events and all(e.target is None or e.target.country != "UGA" for e in events)


def test_events_attack_near_a_town_named_after_of_is_placed(coder):
    # "the town of X": a name the gazetteer knows only as an alternate spelling is still a place
    events = code_sentence_events(
        coder, "A car bomb near the town of Tikrit wounded five guards on Friday."
    )
    assert any(e.source is not None and e.source.country == "IRQ" for e in events)


@pytest.mark.parametrize(
    ("text", "source", "cameo", "target"),
    [
        # the one warned is the target, not whoever the warning talks of
        ("Beijing warned Manila that China would defend its waters.", "CHNGOV", "13", "PHLGOV"),
        # "according to state media" names who reports, never the target
        (
            "Erdogan congratulated Emmanuel Macron, according to state media.",
            "TURGOV",
            "05",
            "FRAGOV",
        ),
        # a role owned by a named person takes the person's country
        (
            "President Ruto's spokesman criticised the Ugandan government.",
            "KENGOV",
            "11",
            "UGAGOV",
        ),
        # "agreed to send tanks to Ukraine": the recipient, not the tanks
        ("Norway agreed to send tanks to Ukraine.", "NORGOV", "03", "UKR"),
        # a participle clause shares its subject ("filed a case, accusing …")
        (
            "Canada issued a statement on Tuesday, accusing India of interference.",
            "CANGOV",
            "11",
            "IND",
        ),
        # "a company of tanks" is no business
        ("Poland sent a company of tanks to Lithuania.", "POLGOV", "", "LTU"),
        # an aid team's trip is about the aid
        (
            "A team of Japanese doctors arrived in Manila to help the Philippines.",
            "JPNHLH",
            "07",
            "PHL",
        ),
    ],
)
def test_events_patterns_from_real_news_wording(coder, text, source, cameo, target):
    events = code_sentence_events(coder, text)
    assert _has(events, source, cameo, target), (text, _triples(events, include_flagged=True))


@pytest.mark.parametrize(
    ("text", "source", "cameo", "target"),
    [
        # a measure of an event noun ("three days of drills") and the phrase that aims it
        ("Turkey began three days of naval drills near Cyprus.", "TUR", "150", "CYP"),
        # "-ses" plurals: "exercises" is an exercise
        ("Japan and India began joint naval exercises on Monday.", "JPN", "150", None),
        # the parser hangs "between" on the verb an event noun is the subject of
        (
            "Heavy fighting broke out between Ethiopian troops and Eritrean forces.",
            "ETHMIL",
            "19",
            "ERIMIL",
        ),
        # "its withdrawal … from X": the pronoun's country withdraws, from the place left
        ("France completed its withdrawal of troops from Niger.", "FRAGOV", "087", "NER"),
        # walking off the job is a strike
        ("Nurses in Kenya walked off the job on Monday.", "KENHLH", "143", "KENGOV"),
        # halting supplies to a country is an embargo
        ("Moscow halted gas supplies to Finland on Saturday.", "RUSGOV", "163", "FIN"),
    ],
)
def test_events_more_news_patterns(coder, text, source, cameo, target):
    events = code_sentence_events(coder, text)
    assert _has(events, source, cameo, target), (text, _triples(events, include_flagged=True))


def test_events_result_participle_is_no_event_of_its_own(coder):
    events = code_sentence_events(
        coder, "Kenyan police opened fire on protesters in Nairobi, killing two people."
    )
    assert {e.cameo[:2] for e in events} == {"17"}


def test_events_violence_a_report_dates_itself_by_is_no_event(coder):
    events = code_sentence_events(
        coder, "Moscow cut off gas to Latvia, the first such step since it invaded Ukraine."
    )
    assert {e.cameo[:2] for e in events} == {"16"}


def test_events_protest_target_is_not_read_from_a_relative_clause(coder):
    events = code_sentence_events(
        coder,
        "Protesters rallied in Tbilisi against a law that critics say copies Russian rules.",
    )
    assert all(e.target is None or e.target.country != "RUS" for e in events)
