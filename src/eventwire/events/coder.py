"""Code events in a parsed sentence: source–verb–target over the dependency parse.

For each verb the lexicon knows, the most specific matching pattern gives the CAMEO code; the
subject (or the passive agent) gives the source and the pattern's target slot the target. Event
nouns ("a buildup of Russian troops", "Moscow's demands") give nominal events when their own
phrase names an actor. Every event keeps the rule (``file:line``) that produced it.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from eventwire.actors.resolve import PhraseContext, as_government, resolve_phrase, situate
from eventwire.events.lexicon import NOUN_CODE, EventLexicon, VerbEntry, inflect, singular
from eventwire.events.modality import is_announced, is_hypothetical, is_negated
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

OBJECT_DEPS = frozenset({"dobj", "obj"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp"})
# Where a target is looked for when the pattern names no slot, in this order.
# ("pulled out of Mali": "of" comes last, after every other place a target can be.)
DEFAULT_TARGET_PREPOSITIONS = (
    "with",
    "against",
    "to",
    "on",
    "from",
    "toward",
    "towards",
    "into",
    "for",
    "over",
    "of",
)
# Demands, appeals and threats aim at the subject of the clause they govern.
DIRECTIVE_ROOTS = frozenset({"02", "10", "13"})
# Material acts whose place, when nothing else is named, is their target (CAMEO practice).
MATERIAL_ROOTS = frozenset({"08", "15", "17", "18", "19", "20"})
# Codes outside those roots that are mutual too: "A and B declared a ceasefire".
SYMMETRIC_CODES = frozenset({"0871", "087", "0356"})
# The verb whose complement-clause patterns a noun of that root borrows ("the warning that …").
NOUN_PROXY_VERBS = {"13": "warn", "10": "demand", "02": "urge"}
# Roots whose complement clauses hold content, not events: appeals, demands, accusations,
# rejections and threats.
CONTENT_ROOTS = frozenset({"02", "10", "11", "12", "13"})
# Event nouns that are mutual between their two sides ("talks with", "cooperation with"); other
# nouns are mutual only with "between" ("clashes between A and B").
NOMINAL_MUTUAL_ROOTS = frozenset({"03", "04", "05", "06"})
# Prepositions that put an event noun in the background of the reported one.
BACKGROUND_PREPOSITIONS = frozenset(
    {"after", "following", "before", "during", "amid", "since", "despite", "until"}
)
# Violent roots: a verb of harm whose subject is a violent event noun takes that noun's code.
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# Roots whose events are mutual: "A and B met" is A→B and B→A.
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06", "19"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
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


@dataclasses.dataclass(frozen=True, slots=True)
class Draft:
    """An event found in a sentence, before it gets its document-level identity."""

    cameo: str
    source: Actor | None
    target: Actor | None
    trigger: Token
    rule: str
    negated: bool
    hypothetical: bool
    cued: bool
    reported_by: Actor | None = None


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
        # a participle used as an adjective ("the besieged city") is no event
        if (
            token.tag_.startswith("VB")
            and token.dep_ not in {"aux", "auxpass", "amod"}
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
            and not _governed_by(token, triggers)
        ):
            drafts += _code_noun(token, ctx, lexicon)
    return [_with_reporter(d, ctx, lexicon) for d in _unique(drafts)]


def _with_reporter(draft: Draft, ctx: PhraseContext, lexicon: EventLexicon) -> Draft:
    """Attribute an event told in reported speech to its speaker ("Ryabkov said that …")."""
    reporter = _reporting_verb(draft.trigger)
    if reporter is None:
        return draft
    entry, _ = _match_entry(reporter, lexicon)
    if entry is None or entry.cameo[:2] != "01":
        return draft
    speakers = _actors(_subject(reporter), ctx)
    return dataclasses.replace(draft, reported_by=speakers[0]) if speakers else draft


def _governed_by(noun: Token, triggers: set[int]) -> bool:
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


def _remember_names(sentence: Span, ctx: PhraseContext) -> None:
    """Make the sentence's country and organisation names antecedents for later pronouns."""
    seen = set()
    for token in sentence:
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
        obj = _object(verb)
        found = lexicon.noun(obj.lower_) if obj is not None else None
        if obj is None or found is None:
            return []
        cameo = found[0]
        cue_tokens.add(obj.i)
        # "reiterated the warning that should Russia use force, sanctions will follow"
        cameo, clause_targets = _noun_clause(obj, cameo, lexicon)
    consumed.update(cue_tokens)
    # The verb's object is part of this event ("demands guarantees"), not an event of its own.
    obj = _object(verb)
    if obj is not None:
        consumed.add(obj.i)
    refused = False
    if is_announced(verb, lexicon):
        if is_negated(verb) and (refusal := lexicon.refusal_code(cameo)) is not None:
            # "would not meet the demands": announcing that an act will not happen is a refusal
            cameo, refused = refusal, True
        else:
            cameo = lexicon.intent_code(cameo)
    subject = _subject(verb)
    sources = _actors(subject, ctx)
    event_noun = lexicon.noun(subject.lower_) if subject is not None else None
    if event_noun is not None and cameo[:2] in VIOLENT_ROOTS and event_noun[0][:2] in VIOLENT_ROOTS:
        # "a car bomb attack killed two guards": the event is the attack, done by its agent
        cameo = event_noun[0]
        consumed.add(subject.i)  # type: ignore[union-attr]
        sources = _noun_agents(subject, ctx)  # type: ignore[arg-type]
    targets: list[Actor] = []
    for candidate in itertools.chain(clause_targets, _target_candidates(verb, entry.target, cameo)):
        targets = _actors(candidate, ctx, look_inside=True)
        if candidate.i in cue_tokens and not any(a.country or a.org for a in targets):
            # what a cue matched ("deployed troops") is what the event is about, not whom
            targets = []
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
        targets = _countries_within(preps, ctx, sources)
    if cameo[:2] in CONTENT_ROOTS:
        _consume_content(verb, consumed)
    if cameo[:2] == "14":
        # "marched on parliament demanding that …", "went on strike to demand …": what a protest
        # demands is its purpose, not a second event
        for clause in verb.children:
            if clause.dep_ in {"advcl", "xcomp"}:
                consumed.update(t.i for t in clause.subtree)
    drafts = _pairs(cameo, sources, targets, verb, entry.rule, cued=bool(entry.cues), ctx=ctx)
    if refused:
        drafts = [dataclasses.replace(d, negated=False) for d in drafts]
    return drafts


def _domestic_target(source: Actor | None) -> Actor | None:
    """A protest with no named target is aimed at the protesters' own government (CAMEO practice:
    "Chilean students marched in Santiago" is coded CHL → CHL)."""
    if source is None or not source.country or source.role == "GOV":
        return None
    return dataclasses.replace(
        source,
        text="",
        start=None,
        end=None,
        code=f"{source.country}GOV",
        role="GOV",
        org=None,
        rule="context:domestic protest",
    )


def _consume_content(verb: Token, consumed: set[int]) -> None:
    """Mark what an appeal, demand, accusation, rejection or threat is about as no event of its own.

    "demanded that Peru scrap its plan to buy fighter jets", "rejected a call for monitors to be
    sent": the scrapping, buying and sending have not happened.
    """
    heads = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}]
    for obj in (c for c in verb.children if c.dep_ in OBJECT_DEPS):
        heads += [c for c in obj.children if c.dep_ in {"acl", "relcl", "prep"}]
    for head in heads:
        for token in head.subtree:
            consumed.add(token.i)


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
    sources = _actors(_subject(reporter), ctx)
    targets = _actors(_subject(verb), ctx)
    if not sources or not targets:
        return []
    entry, _ = _match_entry(verb, lexicon)
    act = entry.cameo if entry is not None and entry.cameo != NOUN_CODE else "10"
    for token in verb.subtree:
        if token.tag_.startswith("VB"):
            consumed.add(token.i)
    rule = f"obligation:{modal.lower_}" + (f" {entry.rule}" if entry else "")
    return _pairs(lexicon.demand_code(act), sources, targets, verb, rule, cued=bool(entry), ctx=ctx)


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


def _noun_clause(noun: Token, cameo: str, lexicon: EventLexicon) -> tuple[str, list[Token]]:
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
            t.tag_.startswith("NN") and _word_in(t, comp[0])
            for clause in clauses
            for t in clause.subtree
        ):
            return entry.cameo, subjects
    return cameo, subjects


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
    """Return the most specific lexicon entry whose cues hold, and the tokens its cues used."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if particle is None:
        # The parser often attaches a particle as a preposition ("call on", "pull out of").
        following = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if following is not None and following.dep_ == "prep" and following.head.i == verb.i:
            particle = following.lower_
    for lemma in sorted(lexicon.lemmas(verb.lower_)):
        for entry in lexicon.verbs.get(lemma, ()):
            if entry.particle is not None and entry.particle != particle:
                continue
            used = _cues_hold(verb, entry, lexicon)
            if used is None:
                continue
            if entry.cameo == NOUN_CODE:
                # A light verb only codes when its object is an event noun ("hold talks");
                # otherwise a less specific entry may still apply ("announced plans" → 010).
                obj = _object(verb)
                if obj is None or lexicon.noun(obj.lower_) is None:
                    continue
            return entry, used
    return None, set()


def _cues_hold(verb: Token, entry: VerbEntry, lexicon: EventLexicon) -> set[int] | None:
    used: set[int] = set()
    for key, values in entry.cues:
        hit = _cue_token(verb, key, values, lexicon)
        if hit is None:
            return None
        used.add(hit.i)
    return used


def _cue_token(
    verb: Token, key: str, values: frozenset[str], lexicon: EventLexicon
) -> Token | None:
    if key == "obj":
        obj = _object(verb)
        if obj is None:
            return None
        if _word_in(obj, values):
            return obj
        # "allowed the return of inspectors", "ordered the release of the prisoners"
        for pobj in _prep_objects_of(obj, "of"):
            if "*" not in values and _word_in(pobj, values):
                return pobj
        return None
    if key == "objmod":
        # "have a pessimistic forecast": an adjective on the object
        obj = _object(verb)
        if obj is None:
            return None
        return next((c for c in obj.children if c.dep_ == "amod" and c.lower_ in values), None)
    if key == "subj":
        subject = _subject(verb)
        return subject if subject is not None and _word_in(subject, values) else None
    if key == "comp":
        for child in verb.children:
            if child.dep_ in COMPLEMENT_DEPS:
                for token in child.subtree:
                    if token.tag_.startswith("NN") and _word_in(token, values):
                        return token
        return None
    if key == "xcomp":
        for child in verb.children:
            if child.dep_ == "xcomp" and (
                "*" in values
                or lexicon.lemmas(child.lower_) & values
                or any(child.lower_ in inflect(v) for v in values)
            ):
                return child
        return None
    for pobj in _prep_objects(verb, key):
        if _word_in(pobj, values):
            return pobj
    return None


def _word_in(token: Token, values: frozenset[str]) -> bool:
    return "*" in values or singular(token.lower_) in values or token.lower_ in values


def _object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS or child.dep_ == "nsubjpass":
            return child
    return None


def _prep_objects(verb: Token, preposition: str) -> list[Token]:
    """Return the objects of ``preposition`` attached to the verb or to its direct object."""
    heads = [verb] + [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    # "pulled out of Mali": the parser hangs "of" on the particle "out"
    heads += [
        p
        for p in verb.children
        if p.dep_ in {"prep", "prt"} and not any(c.dep_ == "pobj" for c in p.children)
    ]
    found = []
    for head in heads:
        for prep in head.children:
            if prep.dep_ in {"prep", "agent", "dative"} and prep.lower_ == preposition:
                found += [c for c in prep.children if c.dep_ == "pobj"]
    return found


def _prep_objects_of(noun: Token, preposition: str) -> list[Token]:
    return [
        pobj
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == preposition
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _subject(verb: Token) -> Token | None:
    """Return the token that names who acts: subject, passive agent, or an inherited subject."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if verb.dep_ == "relcl" and child.lower_ in RELATIVE_PRONOUNS:
                return verb.head
            return child
    for pobj in _prep_objects(verb, "by"):
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return pobj
    if verb.dep_ == "relcl" and not any(c.dep_ == "nsubjpass" for c in verb.children):
        return verb.head
    if verb.dep_ in {"conj", "xcomp", "acomp"} and verb.head.i != verb.i:
        # "is prepared to lift": through the adjective to the subject of its copula
        return _subject(verb.head)
    return None


def _target_candidates(verb: Token, slot: str, cameo: str) -> Iterator[Token]:
    """Yield where to look for the target, best first (lazily: the first actor found wins).

    The pattern's slot comes first, then the default order (indirect object, direct object,
    the objects of with/against/to/…), then the same places in the act the verb governs
    ("agreed to send aid to Malawi"), then — for demands, appeals and threats — the subject
    of the clause they govern ("demanded that Serbia recall …"), and last, for material acts,
    where they happen ("stationed peacekeepers in Cyprus").
    """
    if slot == "none":
        return
    yield from _slot_candidates(verb, slot)
    for child in verb.children:
        if child.dep_ == "xcomp":
            yield from _slot_candidates(child, "")
    if cameo[:2] in DIRECTIVE_ROOTS or slot == "comp":
        yield from _complement_subjects(verb)
    if cameo[:2] == "13":
        # "threatened to quit the talks if Canada raised tariffs"
        yield from _condition_subjects(verb)
    if cameo[:2] in MATERIAL_ROOTS:
        yield from _prep_objects(verb, "in")


def _slot_candidates(verb: Token, slot: str) -> Iterator[Token]:
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    datives = [c for c in verb.children if c.dep_ in {"dative", "iobj"} and c.tag_ != "IN"]
    if slot == "obj":
        yield from passive + datives + _prep_objects(verb, "to") + objects
    elif slot == "comp":
        yield from _complement_subjects(verb)
    elif slot:
        yield from _prep_objects(verb, slot)
    yield from passive + datives + objects
    for preposition in DEFAULT_TARGET_PREPOSITIONS:
        yield from _prep_objects(verb, preposition)
    if not passive:
        # "condemned the missile test by Japan": in the active voice "by" names whose act it was
        yield from _prep_objects(verb, "by")


def _condition_subjects(verb: Token) -> list[Token]:
    """Return the subjects of the if/unless clauses under a verb or the act it governs."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    return [
        s
        for head in heads
        for clause in head.children
        if clause.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in clause.children)
        for s in clause.children
        if s.dep_ in {"nsubj", "nsubjpass"}
    ]


def _complement_subjects(verb: Token) -> list[Token]:
    return [
        s
        for c in verb.children
        if c.dep_ in COMPLEMENT_DEPS
        for s in c.children
        if s.dep_ in {"nsubj", "nsubjpass"}
    ]


def _actors(head: Token | None, ctx: PhraseContext, *, look_inside: bool = False) -> list[Actor]:
    """Resolve a phrase head and each of its conjuncts ("the US and NATO") to actors.

    With ``look_inside``, a head that names no actor gives way to its possessor or "of" object
    ("criticized Russia's decision", "defended the right of Russian troops").
    """
    if head is None:
        return []
    actors: list[Actor] = []
    for token in (head, *head.conjuncts):
        found = resolve_phrase(token, ctx)
        if not found and look_inside and token.tag_.startswith("NN"):
            found = _actors_inside(token, ctx)
        for actor in found:
            if all(a.code != actor.code for a in actors):
                actors.append(actor)
    return actors


def _actors_inside(noun: Token, ctx: PhraseContext) -> list[Actor]:
    for child in noun.children:
        if child.dep_ == "poss" and child.tag_ != "PRP$":
            return _actors(child, ctx)
    for child in noun.children:
        if _names_agent(child, ctx):
            return _actors(child, ctx)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "by", "from", "on", "against"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return _actors(pobj, ctx)
    return []


def _pairs(
    cameo: str,
    sources: list[Actor],
    targets: list[Actor],
    trigger: Token,
    rule: str,
    *,
    cued: bool,
    ctx: PhraseContext,
) -> list[Draft]:
    negated, hypothetical = is_negated(trigger), is_hypothetical(trigger)
    pairs: list[tuple[Actor | None, Actor | None]] = []
    if (
        not targets
        and len(sources) > 1
        and (cameo[:2] in SYMMETRIC_ROOTS or cameo in SYMMETRIC_CODES)
    ):
        pairs = list(itertools.permutations(sources, 2))
    elif sources or targets:
        sides: list[Actor | None] = list(sources) or [None]
        others: list[Actor | None] = list(targets) or [None]
        pairs = list(itertools.product(sides, others))
    drafts = []
    sentence = trigger.sent
    for source, target in pairs:
        source, target = (
            as_government(situate(source, target, sentence, ctx), cameo),
            situate(target, source, sentence, ctx),
        )
        if target is None and cameo[:2] == "14":
            target = _domestic_target(source)
        if not (source and target and source.code == target.code):
            drafts.append(Draft(cameo, source, target, trigger, rule, negated, hypothetical, cued))
    return drafts


def _code_noun(noun: Token, ctx: PhraseContext, lexicon: EventLexicon) -> list[Draft]:
    found = lexicon.noun(noun.lower_)
    if found is None:
        return []
    if noun.dep_ == "pobj" and noun.head.lower_ in BACKGROUND_PREPOSITIONS:
        # "following a government offensive", "after the talks": background to the report
        return []
    cameo, rule = found
    sources: list[Actor] = []
    targets: list[Actor] = []
    for child in noun.children:
        if _names_agent(child, ctx):
            sources = sources or _actors(child, ctx)
    for child in noun.children:
        if child.dep_ != "prep":
            continue
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if not objects:
            continue
        preposition = child.lower_
        if preposition == "between":
            both = _actors(objects[0], ctx)
            sources, targets = both[:1], both[1:2]
        elif preposition in {"of", "by"}:
            actors = _actors(objects[0], ctx)
            # "a buildup of Russian troops" names the agent, "an invasion of Ukraine" the patient.
            agentive = preposition == "by" or any(a.role for a in actors)
            if agentive and not sources:
                sources = actors
            elif not agentive and not targets:
                targets = actors
        elif preposition in NOUN_TARGET_PREPOSITIONS and not targets:
            # The parser may hang "… it shares with Ukraine" on the event noun, not on "border".
            clauses = [c for c in noun.children if c.dep_ in {"relcl", "acl"}]
            targets = _actors(objects[0], ctx) or _countries_within([child, *clauses], ctx, sources)
    if not targets and cameo[:2] in NOUN_PROXY_VERBS:
        # "Moscow's demands for NATO to stop expanding": the clause names whom they concern
        cameo, subjects = _noun_clause(noun, cameo, lexicon)
        for subject in subjects:
            targets = _actors(subject, ctx)
            if targets:
                break
    if not sources and noun.dep_ in OBJECT_DEPS and noun.head.tag_.startswith("VB"):
        # "Kenya completed the handover": the verb's subject does the event.
        sources = _actors(_subject(noun.head), ctx)
    if not sources:
        # Without an agent a nominal event is a topic, not a report ("the invasion of Ukraine").
        return []
    mutual = cameo[:2] in NOMINAL_MUTUAL_ROOTS or any(
        c.dep_ == "prep" and c.lower_ == "between" for c in noun.children
    )
    if mutual and len(sources) == 1 and len(targets) == 1:
        return _pairs(cameo, sources, targets, noun, rule, cued=False, ctx=ctx) + _pairs(
            cameo, targets, sources, noun, rule, cued=False, ctx=ctx
        )
    return _pairs(cameo, sources, targets, noun, rule, cued=False, ctx=ctx)


def _names_agent(child: Token, ctx: PhraseContext) -> bool:
    """Return whether a modifier of an event noun names who acts.

    "Moscow's demands" and "Russian troop buildup" do; a proper-name compound does not, since it
    usually says what the event is about ("Ukraine peace talks", "Gaza aid"). Pronoun possessives
    are left to later reference resolution.
    """
    if child.dep_ == "poss":
        return child.tag_ != "PRP$"
    if child.dep_ not in {"amod", "compound", "nmod"}:
        return False
    mention = ctx.mentions.get(child.i)
    return mention is not None and mention.entry.kind in {"adjective", "role"}


def _noun_agents(noun: Token, ctx: PhraseContext) -> list[Actor]:
    """Return who does an event noun: its possessor or national modifier, or its "by" agent."""
    for child in noun.children:
        if _names_agent(child, ctx):
            return _actors(child, ctx)
    for pobj in _prep_objects_of(noun, "by"):
        return _actors(pobj, ctx)
    return []


def _countries_within(heads: list[Token], ctx: PhraseContext, sources: list[Actor]) -> list[Actor]:
    """Find a country named under a place phrase ("at the border it shares with Ukraine")."""
    codes = {a.code for a in sources}
    for token in (t for head in heads for t in head.subtree):
        mention = ctx.mentions.get(token.i)
        if mention is not None and mention.entry.country and mention.end - 1 == token.i:
            actors = [a for a in resolve_phrase(token, ctx) if a.code not in codes]
            if actors:
                return actors[:1]
    return []


def _unique(drafts: list[Draft]) -> list[Draft]:
    seen = set()
    unique = []
    for draft in drafts:
        key = (
            draft.cameo[:2],
            draft.source.code if draft.source else None,
            draft.target.code if draft.target else None,
            draft.trigger.i,
        )
        if key not in seen:
            seen.add(key)
            unique.append(draft)
    return unique
