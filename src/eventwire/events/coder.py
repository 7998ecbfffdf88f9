"""Code events in a parsed sentence: source–verb–target over the dependency parse.

For each verb the lexicon knows, the most specific matching pattern gives the CAMEO code; the
subject (or the passive agent) gives the source and the pattern's target slot the target. Event
nouns ("a buildup of Russian troops", "Moscow's demands") give nominal events when their own
phrase names an actor. Every event keeps the rule (``file:line``) that produced it.

Around this module: ``arguments.py`` finds subjects, objects and target candidates in the parse,
``nominal.py`` codes event nouns, ``drafts.py`` pairs sources with targets, ``modality.py`` flags
negated, hypothetical and announced acts.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from typing import TYPE_CHECKING

from eventwire.actors.resolve import (
    PLACED,
    PhraseContext,
    place_unnamed,
    resolve_phrase,
    titled_name,
)
from eventwire.datafiles import data_path, read_tsv
from eventwire.events.arguments import (
    COMPLEMENT_DEPS,
    OBJECT_DEPS,
    countries_within,
    direct_object,
    is_agentless_passive,
    prep_objects,
    prep_objects_of,
    resolve_actors,
    subject_of,
    target_candidates,
    word_in,
)
from eventwire.events.drafts import Draft, main_events, make_drafts, unique_drafts
from eventwire.events.lexicon import NOUN_CODE, EventLexicon, VerbEntry, singular
from eventwire.events.modality import FAILING, is_announced, is_negated, is_ultimatum
from eventwire.events.nominal import (
    code_noun,
    governed_by,
    noun_agents,
    noun_clause,
)
from eventwire.records import Actor, Place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Roots whose complement clauses hold content, not events: agreements, appeals, demands,
# accusations, rejections and threats.
CONTENT_ROOTS = frozenset({"02", "03", "10", "11", "12", "13"})


# Acts only authorities do, so that an agentless passive names its source by its place:
# investigate (09), expel (16), arrest, ban and repress (17).
AUTHORITY_ROOTS = frozenset({"09", "16", "17"})


# Denials: their complement is what the speaker says did not happen.
DENIAL_CODES = frozenset({"016"})


# Violent roots: a verb of harm whose subject is a violent event noun takes that noun's code.
VIOLENT_ROOTS = frozenset({"18", "19", "20"})


def code_sentence(sentence: Span, ctx: PhraseContext, lexicon: EventLexicon) -> list[Draft]:
    """Return the events of one parsed sentence.

    Args:
        sentence: a sentence span of a parsed paragraph.
        ctx: the paragraph's actor mentions and the document memory.
        lexicon: the event lexicon.
    """
    _remember_names(sentence, ctx)
    drafts: list[Draft] = []
    consumed: set[int] = set()
    for token in sentence:
        # a verb already used as another event's cue ("agreed to release") is part of that event;
        # a participle used as an adjective or noun modifier ("the besieged city", "trafficking
        # charges") is no event
        if (
            token.tag_.startswith("VB")
            and token.dep_ not in {"aux", "auxpass", "amod", "compound", "nmod"}
            and token.i not in consumed
        ):
            drafts += _code_obligation(token, ctx, lexicon, consumed) or _code_verb(
                token, ctx, lexicon, consumed
            )
    triggers = {d.trigger.i for d in drafts}
    for token in sentence:
        if (
            token.tag_.startswith("NN")
            and token.i not in consumed
            and not governed_by(token, triggers)
        ):
            found = code_noun(token, ctx, lexicon)
            # "a hunger strike in protest at the refusal": what one event noun is about is no
            # event of its own
            triggers.update(d.trigger.i for d in found)
            drafts += found
    return [_with_reporter(d, ctx, lexicon) for d in main_events(unique_drafts(drafts), ctx.year)]


def _with_reporter(draft: Draft, ctx: PhraseContext, lexicon: EventLexicon) -> Draft:
    """Attribute an event told in reported speech to its speaker ("Ryabkov said that …")."""
    reporter = _reporting_verb(draft.trigger)
    if reporter is None:
        return draft
    entry, _ = _match_entry(reporter, lexicon)
    if entry is None or entry.cameo[:2] != "01":
        return draft
    speakers = resolve_actors(subject_of(reporter), ctx)
    return dataclasses.replace(draft, reported_by=speakers[0]) if speakers else draft


# Where a named person stands as a phrase of its own, not as part of another name.
NAMED_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"})


def _remember_names(sentence: Span, ctx: PhraseContext) -> None:
    """Make the sentence's country and organisation names antecedents for later pronouns."""
    seen = set()
    for token in sentence:
        if token.dep_ in NAMED_DEPS and (
            token.ent_type_ == "PERSON" or (token.tag_ == "NNP" and titled_name(token, ctx))
        ):
            # a named person is the antecedent of a later "he" or "she", whatever the role here
            resolve_phrase(token, ctx, weak=True)
        mention = ctx.mentions.get(token.i)
        if mention is None or mention.start in seen or mention.entry.kind in {"role", "adjective"}:
            continue
        seen.add(mention.start)
        resolve_phrase(sentence.doc[mention.end - 1], ctx, weak=True)


def _code_verb(
    verb: Token, ctx: PhraseContext, lexicon: EventLexicon, consumed: set[int]
) -> list[Draft]:
    entry, cue_tokens = _match_entry(verb, lexicon)
    if entry is None:
        return []
    if _defers_to_complement(verb, entry, lexicon):
        return []
    cameo = entry.cameo
    clause_targets: list[Token] = []
    if cameo == NOUN_CODE:
        obj = _event_object(verb, lexicon)
        found = lexicon.noun_at(obj) if obj is not None else None
        if obj is None or found is None:
            return []
        cameo = found[0]
        cue_tokens.update(t.i for t in (obj, *obj.conjuncts))
        # "reiterated the warning that should Russia use force, sanctions will follow"
        cameo, clause_targets = noun_clause(obj, cameo, lexicon)
        # "began drills around Taiwan", "launched strikes on Kyiv": the event noun's phrase
        clause_targets += [
            pobj
            for prep in obj.children
            if prep.dep_ == "prep" and prep.lower_ in EVENT_NOUN_TARGET_PREPOSITIONS
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
    consumed.update(cue_tokens)
    # The verb's object is part of this event ("demands guarantees"), not an event of its own.
    obj = direct_object(verb)
    if obj is not None:
        consumed.add(obj.i)
    refused = failed = False
    if _failed_agreement(verb, cameo):
        # "X and Y failed to reach agreement": talks that end without one are a rejection (120)
        cameo, refused, failed = lexicon.refusal_code(cameo) or "120", True, True
    elif is_announced(verb, lexicon):
        if is_negated(verb) and (refusal := lexicon.refusal_code(cameo)) is not None:
            # "would not meet the demands": announcing that an act will not happen is a refusal
            cameo, refused = refusal, True
        else:
            intent = lexicon.intent_code(cameo)
            # "will pull out its troops unless …": an act announced as leverage is a threat
            cameo = intent if intent[:2] == "13" or not is_ultimatum(verb) else "130"
    subject = subject_of(verb)
    if cameo[:2] in VIOLENT_ROOTS and _hazard_involved(verb, subject):
        # "floods killed 1,000 people", "to help Italy fight the outbreak": no political act
        return []
    sources = resolve_actors(subject, ctx)
    event_noun = lexicon.noun(subject.lower_) if subject is not None else None
    if event_noun is not None and cameo[:2] in VIOLENT_ROOTS and event_noun[0][:2] in VIOLENT_ROOTS:
        # "a car bomb attack killed two guards": the event is the attack, done by its agent
        cameo = event_noun[0]
        consumed.add(subject.i)  # type: ignore[union-attr]
        sources = noun_agents(subject, ctx)  # type: ignore[arg-type]
        if not sources:
            # "a landmine blast outside Kandahar wounded …": an attack of unknown authorship is
            # coded to the country where it happened (the rule says so)
            sources = _where_it_happened(verb, subject, ctx)  # type: ignore[arg-type]
    elif not sources and subject is not None and (placed := place_unnamed(subject, ctx)):
        sources = [placed]
    elif not sources and cameo[:2] in AUTHORITY_ROOTS and is_agentless_passive(verb):
        # "was arrested in Lebanon": the authorities of the country where it happened
        sources = [
            dataclasses.replace(a, rule=f"{PLACED} where it happened")
            for a in countries_within(prep_objects(verb, "in"), ctx, [])
        ] or _where_it_happened(verb, None, ctx)
    elif not sources and cameo[:2] in VIOLENT_ROOTS and is_agentless_passive(verb):
        # "a judge was shot dead outside a court in Mosul": the country where it happened
        sources = _where_it_happened(verb, None, ctx)
    targets: list[Actor] = []
    for candidate in itertools.chain(clause_targets, target_candidates(verb, entry.target, cameo)):
        targets = resolve_actors(candidate, ctx, look_inside=True)
        if candidate.i in cue_tokens:
            # what a cue matched ("deployed troops", "launched artillery and rocket fire") is
            # what the event is about, not whom
            targets = [a for a in targets if a.country or a.org]
        if targets:
            break
    if not targets and entry.target not in {"", "obj", "comp", "none"}:
        # "sent troops to the border with Belarus": a country named inside the place phrase
        heads = [verb, *(c for c in verb.children if c.dep_ in OBJECT_DEPS)]
        preps = [
            c
            for head in heads
            for c in head.children
            if c.dep_ in {"prep", "dative"} and c.lower_ == entry.target
        ]
        targets = countries_within(preps, ctx, sources)
    if cameo == "040" and not targets and len(sources) < 2 and direct_object(verb) is None:
        # "the cabinet met on Sunday": a body convening consults no one
        return []
    if cameo[:2] in CONTENT_ROOTS or cameo in DENIAL_CODES:
        # what is denied did not happen, by the speaker's word: "denied supporting the rebels"
        _consume_content(verb, consumed)
    if cameo[:2] == "14":
        # "marched on parliament demanding that …", "went on strike to demand …": what a protest
        # demands is its purpose, not a second event
        for clause in verb.children:
            if clause.dep_ in {"advcl", "xcomp"}:
                consumed.update(t.i for t in clause.subtree)
    drafts = make_drafts(
        cameo, sources, targets, verb, entry.rule, cued=bool(entry.cues), ctx=ctx, mutual=failed
    )
    if refused:
        drafts = [dataclasses.replace(d, negated=False) for d in drafts]
    return drafts


@functools.cache
def hazards() -> frozenset[str]:
    """Natural hazards, diseases and social ills (data/events/hazards.tsv)."""
    path = data_path("events") / "hazards.tsv"
    return frozenset(row["word"] for _, row in read_tsv(path, ("word", "kind", "note")))


def _hazard_involved(verb: Token, subject: Token | None) -> bool:
    words = [subject] if subject is not None else []
    words += [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    return any(singular(w.lower_) in hazards() or w.lower_ in hazards() for w in words)


def _failed_agreement(verb: Token, cameo: str) -> bool:
    return (
        (cameo[:2] == "03" or cameo == "057")
        and verb.dep_ == "xcomp"
        and verb.head.lower_ in FAILING
        and not is_negated(verb.head)
    )


def _where_it_happened(verb: Token, subject: Token | None, ctx: PhraseContext) -> list[Actor]:
    """The country of the place an act happened at: a place in a locative phrase of the verb or
    of its subject ("a blast near Kandahar", "was foiled in Mosul"), the nearest to
    the verb first. Places are the document's geocoded ones (``places/``)."""
    heads = [verb] + ([subject] if subject is not None else [])
    victims = {t.i for c in verb.children if c.dep_ in OBJECT_DEPS for t in c.subtree}
    found: list[tuple[int, Token, Place]] = []
    for head in heads:
        for token in head.subtree:
            place = ctx.place_at(token)
            if place is not None and place.feature != "country" and token.i not in victims:
                found.append((abs(token.i - verb.i), token, place))
    if not found:
        return []
    _, token, place = min(found, key=lambda f: f[0])
    start = ctx.offset + token.idx
    return [
        Actor(
            text=place.text,
            code=place.country,
            country=place.country,
            start=start,
            end=start + len(place.text),
            rule=f"{PLACED} where it happened: {place.name}",
        )
    ]


def _consume_content(verb: Token, consumed: set[int]) -> None:
    """Mark what an appeal, demand, accusation, rejection or threat is about as no event of its own.

    "demanded that Peru scrap its plan to buy fighter jets", "rejected a call for monitors to be
    sent": the scrapping, buying and sending have not happened.
    """
    heads = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} or _content_clause(c)]
    for obj in (c for c in verb.children if c.dep_ in OBJECT_DEPS):
        heads += [c for c in obj.children if c.dep_ in {"acl", "relcl", "prep"}]
    for head in heads:
        for token in head.subtree:
            consumed.add(token.i)


# Marks of an adverbial clause that states what a demand or threat is about, not a fact:
# "vowed to fight until they take the city", "threatened to strike unless wages rise".
CONTENT_MARKS = frozenset({"until", "unless", "if", "till"})


def _content_clause(clause: Token) -> bool:
    if clause.dep_ != "advcl":
        return False
    return _infinitive(clause) or any(
        c.dep_ == "mark" and c.lower_ in CONTENT_MARKS for c in clause.children
    )


def _code_obligation(
    verb: Token, ctx: PhraseContext, lexicon: EventLexicon, consumed: set[int]
) -> list[Draft]:
    """Code "X said Y must Z" as X's demand on Y (CAMEO 10), the leaf chosen by the act Z.

    The demanded act is no event of its own: it and the verbs it governs are consumed.
    """
    modal = next(
        (c for c in verb.children if c.dep_ == "aux" and lexicon.marker(c.lower_) == "obligation"),
        None,
    )
    if modal is None:
        return []
    reporter = _reporting_verb(verb)
    if reporter is None:
        return []
    speaker = subject_of(reporter)
    sources = resolve_actors(speaker, ctx)
    targets = resolve_actors(subject_of(verb), ctx)
    if not targets or not (sources or _named(speaker)):
        # a named speaker no lexicon knows ("the Water Forum concluded that …") still demands
        return []
    entry, _ = _match_entry(verb, lexicon)
    act = entry.cameo if entry is not None and entry.cameo != NOUN_CODE else "10"
    for token in verb.subtree:
        if token.tag_.startswith("VB"):
            consumed.add(token.i)
    rule = f"obligation:{modal.lower_}" + (f" {entry.rule}" if entry else "")
    return make_drafts(
        lexicon.demand_code(act), sources, targets, verb, rule, cued=bool(entry), ctx=ctx
    )


def _named(head: Token | None) -> bool:
    return head is not None and head.tag_ in {"NNP", "NNPS"}


def _reporting_verb(verb: Token) -> Token | None:
    """Return the verb that reports a clause ("said", "sent a note that …"), if any."""
    token = verb
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ not in {"ccomp", "acl"} or token.head.i == token.i:
        return None
    head = token.head
    if head.tag_.startswith("NN") and head.head.tag_.startswith("VB"):
        head = head.head  # "sent a note to Quito that it must comply"
    return head if head.tag_.startswith("VB") else None


def _defers_to_complement(verb: Token, entry: VerbEntry, lexicon: EventLexicon) -> bool:
    """Return whether an intent verb leaves the event to the act it governs.

    "agreed to release the prisoners" is one event, the announced release (0353), not an AGREE
    plus a release. An entry that names the complement itself (``xcomp=meet``) keeps the verb.
    """
    if lexicon.marker(verb.lower_) != "verb" or any(key == "xcomp" for key, _ in entry.cues):
        return False
    return any(
        child.dep_ == "xcomp" and _match_entry(child, lexicon)[0] is not None
        for child in verb.children
    )


def _match_entry(verb: Token, lexicon: EventLexicon) -> tuple[VerbEntry | None, set[int]]:
    """Return the most specific lexicon entry whose cues hold, and the tokens its cues used.

    The answer is kept on the parse: a verb is looked up as an event, as a reporting verb and as
    a complement, and its answer never changes.
    """
    cache = verb.doc.user_data.setdefault("eventwire_entries", {})
    key = (verb.i, id(lexicon))
    if key not in cache:
        cache[key] = _find_entry(verb, lexicon)
    entry, used = cache[key]
    return entry, set(used)


def _find_entry(verb: Token, lexicon: EventLexicon) -> tuple[VerbEntry | None, set[int]]:
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if particle is None:
        # The parser often attaches a particle as a preposition ("call on", "pull out of").
        following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if following is not None and following.dep_ == "prep" and following.head.i == verb.i:
            particle = following.lower_
    if particle is None:
        # "forced the agency out of the country": a particle after the object heads a phrase
        particle = next(
            (
                c.lower_
                for c in verb.children
                if c.dep_ in {"prep", "advmod"}
                and c.i > verb.i
                and c.lower_ in SEPARABLE_PARTICLES
                and not any(g.dep_ == "pobj" for g in c.children)
            ),
            None,
        )
    for lemma in sorted(lexicon.lemmas(verb.lower_)):
        for entry in lexicon.verbs.get(lemma, ()):
            if entry.particle is not None and entry.particle != particle:
                continue
            used = _cues_hold(verb, entry, lexicon)
            if used is None:
                continue
            # A light verb only codes when its object is an event noun ("hold talks");
            # otherwise a less specific entry may still apply ("announced plans" → 010).
            if entry.cameo == NOUN_CODE and _event_object(verb, lexicon) is None:
                continue
            return entry, used
    return None, set()


# Particles that may stand after a verb's object: "forced the agency out", "drove them back".
SEPARABLE_PARTICLES = frozenset({"out", "off", "back", "down", "away"})


def _event_object(verb: Token, lexicon: EventLexicon) -> Token | None:
    """The event noun a light verb takes: its object ("held talks"), or the event noun that
    qualifies a general object ("launched a mediation effort", "began a hunger strike campaign")."""
    obj = direct_object(verb)
    if obj is None:
        return None
    for head in (obj, *obj.conjuncts, *prep_objects_of(obj, "of")):
        # "launched artillery, mortar and rocket fire": any of the coordinated objects;
        # "began two days of drills": what the measure is of
        if lexicon.noun_at(head) is not None:
            return head
    return next(
        (c for c in obj.children if c.dep_ == "compound" and lexicon.noun(c.lower_) is not None),
        None,
    )


def _cues_hold(verb: Token, entry: VerbEntry, lexicon: EventLexicon) -> set[int] | None:
    used: set[int] = set()
    for key, values in entry.cues:
        hit = _cue_token(verb, key, values, lexicon)
        if hit is None:
            return None
        used.add(hit.i)
    return used


# Where the event noun of a light verb names its target ("held talks with", "drills around").
EVENT_NOUN_TARGET_PREPOSITIONS = frozenset(
    {"with", "against", "on", "to", "into", "around", "near", "toward", "towards"}
)


# Nouns for a group whose members say what it is ("a team of inspectors", "a batch of troops").
COLLECTIVE_NOUNS = frozenset(
    {"mission", "team", "group", "delegation", "contingent", "batch", "unit", "party", "body"}
)


# Verbs that say when an act happens, not what it is ("resume shelling", "began talks").
ASPECTUAL_VERBS = frozenset({"resume", "begin", "start", "continue", "renew", "restart"})


def _infinitive(child: Token) -> bool:
    """An infinitive the verb governs: its complement ("agreed to talk", "allowed them to go") or
    its purpose ("opened fire to disperse the crowd")."""
    if child.dep_ == "xcomp":
        return True
    # the parser makes "allowed refugees to return" a complement clause with "to"
    return child.dep_ in {"advcl", "ccomp"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in child.children
    )


def _cue_token(
    verb: Token, key: str, values: frozenset[str], lexicon: EventLexicon
) -> Token | None:
    if key == "obj":
        obj = direct_object(verb)
        if obj is None:
            return None
        members = prep_objects_of(obj, "of")
        if obj.lower_ in COLLECTIVE_NOUNS and members:
            # "received a mission of observers": who they are is in the "of" phrase
            obj = members[0]
            members = prep_objects_of(obj, "of")
        if word_in(obj, values):
            return obj
        if "*" in values:
            return None
        # "allowed the return of inspectors", "ordered the release of the prisoners",
        # "suspended part of its aid programme"
        heads = [obj, *members]
        for head in heads[1:]:
            if word_in(head, values):
                return head
        # "suspended its military aid programme", "launched a mediation effort"
        for head in heads:
            for compound in head.children:
                if compound.dep_ == "compound" and word_in(compound, values):
                    return compound
        return None
    if key == "objmod":
        # "have a pessimistic forecast": an adjective on the object
        obj = direct_object(verb)
        if obj is None:
            return None
        return next((c for c in obj.children if c.dep_ == "amod" and c.lower_ in values), None)
    if key == "subj":
        subject = subject_of(verb)
        return subject if subject is not None and word_in(subject, values) else None
    if key == "comp":
        for child in verb.children:
            if child.dep_ in COMPLEMENT_DEPS:
                for token in child.subtree:
                    if token.tag_.startswith("NN") and word_in(token, values):
                        return token
        return None
    if key == "xcomp":
        for child in verb.children:
            if not _infinitive(child):
                continue
            # xcomp values hold every form of their verbs (expanded when the lexicon loads)
            if "*" in values or child.lower_ in values:
                return child
            if ASPECTUAL_VERBS & lexicon.lemmas(child.lower_):
                # "prepared to resume shelling": the act is the one resumed
                for act in child.children:
                    if act.dep_ in {"xcomp", "dobj"} and act.tag_ == "VBG" and act.lower_ in values:
                        return act
        return None
    for pobj in prep_objects(verb, key):
        if word_in(pobj, values):
            return pobj
    return None
