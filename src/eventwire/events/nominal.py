"""Nominal events: event nouns with their own agents ("a buildup of Russian troops", "Moscow's
demands"), and the clauses of warning, demand and appeal nouns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.actors.resolve import PhraseContext
from eventwire.events.arguments import (
    OBJECT_DEPS,
    RELATIVE_PRONOUNS,
    countries_within,
    names_agent,
    prep_objects,
    prep_objects_of,
    resolve_actors,
    subject_of,
    word_in,
)
from eventwire.events.drafts import Draft, make_drafts
from eventwire.events.lexicon import EventLexicon
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

# Event nouns that are mutual between their two sides ("talks with", "cooperation with"); other
# nouns are mutual only with "between" ("clashes between A and B").
NOMINAL_MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})


# Prepositions that put an event noun in the background of the reported one.
BACKGROUND_PREPOSITIONS = frozenset(
    {"after", "following", "before", "during", "amid", "since", "despite", "until"}
)


# Prepositions after an event noun that lead to its target ("sanctions on Russia",
# "a buildup … at the border with Ukraine").
NOUN_TARGET_PREPOSITIONS = frozenset(
    {
        "against",
        "on",
        "with",
        "to",
        "toward",
        "towards",
        "into",
        "at",
        "near",
        "along",
        "over",
        "in",
        "for",
    }
)


# The verb whose complement-clause patterns a noun of that root borrows ("the warning that …").
NOUN_PROXY_VERBS = {"13": "warn", "10": "demand", "02": "urge"}


def governed_by(noun: Token, triggers: set[int]) -> bool:
    """Return whether an event noun sits inside the arguments of a coded verb.

    "protested over the naval exercises", "condemned the junta's crackdown on students": the
    drills and the crackdown are what the event is about, not events the sentence reports.
    """
    for ancestor in noun.ancestors:
        if ancestor.i in triggers:
            return True
        if ancestor.tag_.startswith("VB"):
            return False
    return False


def noun_clause(noun: Token, cameo: str, lexicon: EventLexicon) -> tuple[str, list[Token]]:
    """Read the clause of a warning, demand or appeal noun as its verb's complement would be read.

    "the warning that Russia would face sanctions" takes the leaf of "warned that Russia would face
    sanctions" (1312) and its target, the clause's subject.
    """
    proxy = NOUN_PROXY_VERBS.get(cameo[:2])
    clauses = [c for c in noun.children if c.dep_ in {"acl", "relcl", "ccomp", "advcl"}]
    if proxy is None or not clauses:
        return cameo, []
    subjects = [
        s
        for clause in clauses
        for s in (clause, *clause.subtree)
        if s.dep_ in {"nsubj", "nsubjpass"} and s.lower_ not in RELATIVE_PRONOUNS
    ]
    for entry in lexicon.verbs.get(proxy, ()):
        comp = [values for key, values in entry.cues if key == "comp"]
        if len(comp) != len(entry.cues) or not comp:
            continue
        if any(
            t.tag_.startswith("NN") and word_in(t, comp[0])
            for clause in clauses
            for t in clause.subtree
        ):
            return entry.cameo, subjects
    return cameo, subjects


def code_noun(noun: Token, ctx: PhraseContext, lexicon: EventLexicon) -> list[Draft]:
    found = lexicon.noun_at(noun)
    if found is None:
        return []
    if noun.dep_ == "pobj" and noun.head.lower_ in BACKGROUND_PREPOSITIONS:
        # "following a government offensive", "after the talks": background to the report
        return []
    if noun.dep_ in {"dobj", "obj"} and lexicon.marker(noun.head.lower_) == "verb":
        # "is preparing a major offensive", "plans talks": a planned act has not happened
        return []
    cameo, rule = found
    sources: list[Actor] = []
    targets: list[Actor] = []
    for child in noun.children:
        if names_agent(child, ctx):
            sources = sources or resolve_actors(child, ctx)
    if not sources and cameo[:2] in VIOLENT_NOUN_ROOTS:
        sources = attacker_named_before(noun, ctx)
    if not sources:
        # "a pledge made in 2008 by NATO", "the offer made by Iran": the agent of the light verb
        for clause in noun.children:
            if clause.dep_ == "acl" and clause.tag_ == "VBN":
                for pobj in prep_objects(clause, "by"):
                    sources = sources or resolve_actors(pobj, ctx)
    for child in noun.children:
        if not sources and child.dep_ == "poss" and child.lower_ in {"its", "their"}:
            # "the US completed its withdrawal": the pronoun's antecedent does the event
            sources = resolve_actors(child, ctx)
    preps = [c for c in noun.children if c.dep_ == "prep"]
    if noun.dep_ == "nsubj" and noun.head.tag_.startswith("VB"):
        # "heavy fighting erupted between the army and the RSF": the parser hangs "between" on
        # the verb the event noun is the subject of
        preps += [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "between"]
    for child in preps:
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if not objects:
            continue
        preposition = child.lower_
        if preposition == "between":
            both = resolve_actors(objects[0], ctx)
            sources, targets = both[:1], both[1:2]
        elif preposition in {"of", "by"}:
            actors = resolve_actors(objects[0], ctx)
            # "a buildup of Russian troops" names the agent, "an invasion of Ukraine" the patient.
            agentive = preposition == "by" or any(a.role for a in actors)
            if agentive and not sources:
                sources = actors
            elif not agentive and not targets:
                targets = actors
        elif preposition == "from" and cameo[:2] == "08" and not targets:
            # "its withdrawal of troops from Afghanistan": the place left is the target
            targets = resolve_actors(objects[0], ctx, look_inside=True)
        elif preposition in NOUN_TARGET_PREPOSITIONS and not targets:
            # The parser may hang "… it shares with Ukraine" on the event noun, not on "border".
            clauses = [c for c in noun.children if c.dep_ in {"relcl", "acl"}]
            targets = resolve_actors(objects[0], ctx) or countries_within(
                [child, *clauses], ctx, sources
            )
    if not targets and cameo[:2] in NOUN_PROXY_VERBS:
        # "Moscow's demands for NATO to stop expanding": the clause names whom they concern
        cameo, subjects = noun_clause(noun, cameo, lexicon)
        for subject in subjects:
            targets = resolve_actors(subject, ctx)
            if targets:
                break
    if not sources and noun.dep_ in OBJECT_DEPS and noun.head.tag_.startswith("VB"):
        # "Kenya completed the handover": the verb's subject does the event.
        sources = resolve_actors(subject_of(noun.head), ctx)
    if not sources:
        # Without an agent a nominal event is a topic, not a report ("the invasion of Ukraine").
        return []
    mutual = cameo[:2] in NOMINAL_MUTUAL_ROOTS or any(c.lower_ == "between" for c in preps)
    if mutual and len(sources) == 1 and len(targets) == 1:
        return make_drafts(cameo, sources, targets, noun, rule, cued=False, ctx=ctx) + make_drafts(
            cameo, targets, sources, noun, rule, cued=False, ctx=ctx
        )
    return make_drafts(cameo, sources, targets, noun, rule, cued=False, ctx=ctx)


def noun_agents(noun: Token, ctx: PhraseContext) -> list[Actor]:
    """Return who does an event noun: its possessor or national modifier, or its "by" agent."""
    for child in noun.children:
        if names_agent(child, ctx):
            return resolve_actors(child, ctx)
    for pobj in prep_objects_of(noun, "by"):
        return resolve_actors(pobj, ctx)
    return attacker_named_before(noun, ctx)


# Violent roots whose nouns take a country's name before them as the attacker.
VIOLENT_NOUN_ROOTS = frozenset({"18", "19", "20"})

# Mention kinds that name a country or organisation itself, not a place in it.
AGENT_NAME_KINDS = frozenset({"name", "org"})


def attacker_named_before(noun: Token, ctx: PhraseContext) -> list[Actor]:
    """The country or organisation named in the compound before a violent noun: "US drone
    strikes", "NATO air raids". Capitals and other places there say where, so they do not count
    ("Kabul bombings")."""
    for token in noun.subtree:
        if token.i >= noun.i:
            break
        if token.dep_ != "compound":
            continue
        mention = ctx.mentions.get(token.i)
        if mention is not None and mention.entry.kind in AGENT_NAME_KINDS:
            return resolve_actors(token, ctx)
    return []
