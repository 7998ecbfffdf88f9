"""Where the parse puts an event's arguments: subjects, objects, prepositional phrases, clauses.

The coder asks these helpers who acts (``subject``), what a verb governs (``direct_object``,
``prep_objects``) and where its target may be (``target_candidates``, best first), and resolves
the phrases found to actors (``resolve_actors``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from eventwire.actors.resolve import PhraseContext, placed_in, resolve_phrase
from eventwire.datafiles import data_path, read_tsv
from eventwire.events.lexicon import singular
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

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
    "between",
)


# Demands, appeals and threats aim at the subject of the clause they govern.
DIRECTIVE_ROOTS = frozenset({"02", "10", "13"})


# Material acts whose place, when nothing else is named, is their target (CAMEO practice).
MATERIAL_ROOTS = frozenset({"08", "15", "17", "18", "19", "20"})


RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})


# Messages whose words are their author's: "issued a statement condemning …", "filed a case
# accusing …".
MESSAGE_NOUNS = frozenset(
    {
        "statement",
        "statements",
        "declaration",
        "communique",
        "communiqué",
        "letter",
        "note",
        "message",
        "resolution",
        "decree",
        "appeal",
        "petition",
        "ultimatum",
        "case",
        "lawsuit",
        "suit",
        "complaint",
    }
)


def word_in(token: Token, values: frozenset[str]) -> bool:
    return "*" in values or singular(token.lower_) in values or token.lower_ in values


@functools.cache
def stative_participles() -> frozenset[str]:
    """Participles whose passive subject holds the stance (data/events/stative_participles.tsv)."""
    path = data_path("events") / "stative_participles.tsv"
    return frozenset(row["participle"].lower() for _, row in read_tsv(path, ("participle", "note")))


def is_stative(verb: Token) -> bool:
    """True for "is opposed to", "are committed to": a stance of the subject, not a passive act."""
    return (
        verb.tag_ == "VBN" and verb.lower_ in stative_participles() and not prep_objects(verb, "by")
    )


def passive_subjects(verb: Token) -> list[Token]:
    """The patients of a passive verb ("was attacked"); none for a stance ("is opposed to")."""
    if is_stative(verb):
        return []
    return [c for c in verb.children if c.dep_ == "nsubjpass"]


def is_agentless_passive(verb: Token) -> bool:
    """True for "was arrested", "were expelled" with no "by" phrase naming who did it."""
    return bool(passive_subjects(verb)) and not prep_objects(verb, "by")


def direct_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            return child
    passive = passive_subjects(verb)
    return passive[0] if passive else None


def prep_objects(verb: Token, preposition: str) -> list[Token]:
    """Return the objects of ``preposition`` attached to the verb or to its direct object."""
    return _prep_index(verb).get(preposition, [])


def _prep_index(verb: Token) -> dict[str, list[Token]]:
    """Every preposition's objects under a verb, found once per verb: the coder asks a verb for
    a dozen prepositions in turn (cached on the parse, keyed by the verb's index)."""
    cache: dict[int, dict[str, list[Token]]] = verb.doc.user_data.setdefault("eventwire_preps", {})
    if verb.i in cache:
        return cache[verb.i]
    children = list(verb.children)
    objects = [c for c in children if c.dep_ in OBJECT_DEPS]
    # "launched artillery and rocket fire against the camps": each coordinated object's phrases
    heads = [verb, *objects, *(c for o in objects for c in o.conjuncts)]
    # "pulled out of Mali": the parser hangs "of" on the particle "out"
    heads += [
        p
        for p in children
        if p.dep_ in {"prep", "prt"}
        and not any(c.dep_ == "pobj" for c in p.children)
        # "according to state media" says who reports, never whom the act concerns
        and p.lower_ != "according"
    ]
    index: dict[str, list[Token]] = {}
    for head in heads:
        for prep in head.children:
            if prep.dep_ in {"prep", "agent", "dative"}:
                # "committed to opening the economy": a gerund is the preposition's object too
                objects = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
                index.setdefault(prep.lower_, []).extend(objects)
    cache[verb.i] = index
    return index


def prep_objects_of(noun: Token, preposition: str) -> list[Token]:
    return [
        pobj
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == preposition
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def subject_of(verb: Token) -> Token | None:
    """Return the token that names who acts: subject, passive agent, or an inherited subject."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if verb.dep_ == "relcl" and child.lower_ in RELATIVE_PRONOUNS:
                return verb.head
            return child
    for pobj in prep_objects(verb, "by"):
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return pobj
    if is_stative(verb):
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if verb.dep_ == "relcl" and not any(c.dep_ == "nsubjpass" for c in verb.children):
        return verb.head
    if verb.dep_ in {"conj", "xcomp", "acomp"} and verb.head.i != verb.i:
        # "is prepared to lift": through the adjective to the subject of its copula
        return subject_of(verb.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lower_ in MESSAGE_NOUNS:
        # "issued a statement condemning the raid": the statement's author condemns
        issuer = verb.head.head
        if verb.head.dep_ in OBJECT_DEPS and issuer.tag_.startswith("VB"):
            return subject_of(issuer)
    if verb.dep_ == "advcl" and verb.head.tag_.startswith("VB") and _shares_subject(verb):
        # "opened the bridge to allow aid through", "filed a case, accusing Israel of …": who
        # acts for a purpose or alongside is who acts
        return subject_of(verb.head)
    return None


def _shares_subject(verb: Token) -> bool:
    """A purpose infinitive or a participle clause with no subject or conjunction of its own."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in verb.children):
        return False
    return verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def target_candidates(verb: Token, slot: str, cameo: str) -> Iterator[Token]:
    """Yield where to look for the target, best first (lazily: the first actor found wins).

    The pattern's slot comes first, then the default order (indirect object, direct object,
    the objects of with/against/to/…), then the same places in the act the verb governs
    ("agreed to send aid to Malawi"), then — for demands, appeals and threats — the subject
    of the clause they govern ("demanded that Serbia recall …"), and last, for material acts,
    where they happen ("stationed peacekeepers in Cyprus").
    """
    if slot == "none":
        return
    yield from slot_candidates(verb, slot)
    for child in verb.children:
        if child.dep_ == "xcomp":
            # "agreed to send tanks to Ukraine": whom the act is for before what it moves
            yield from slot_candidates(child, "obj")
    if cameo[:2] in DIRECTIVE_ROOTS or cameo[:2] == "07" or slot == "comp":
        # "urged Serbia to recall …", "helped Italy fight the outbreak"
        yield from complement_subjects(verb)
    if cameo[:2] == "13":
        # "threatened to quit the talks if Canada raised tariffs"
        yield from condition_subjects(verb)
    if cameo[:2] in MATERIAL_ROOTS or cameo[:2] == "09":
        # "fired shells at targets in Jericho", "sent inspectors to a plant in central Iran": what
        # is struck or inspected is where it is
        aimed_at = [*prep_objects(verb, "at"), *(c for c in verb.children if c.dep_ in OBJECT_DEPS)]
        aimed_at += [*prep_objects(verb, "to"), *prep_objects(verb, "on")]
        yield from prep_objects(verb, "at")
        for thing in aimed_at:
            yield from prep_objects_of(thing, "in")
    if cameo[:2] in MATERIAL_ROOTS:
        yield from prep_objects(verb, "in")
        for preposition in ("near", "around", "along"):
            # "massed troops near Ukraine's borders", "drills around Taiwan"
            yield from prep_objects(verb, preposition)


def slot_candidates(verb: Token, slot: str) -> Iterator[Token]:
    passive = passive_subjects(verb)
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    datives = [c for c in verb.children if c.dep_ in {"dative", "iobj"} and c.tag_ != "IN"]
    if slot == "obj":
        yield from passive + datives + prep_objects(verb, "to") + objects
    elif slot == "comp":
        # "warned Finland that Russia would respond": who is warned comes before who is talked of
        yield from objects
        yield from complement_subjects(verb)
    elif slot:
        yield from prep_objects(verb, slot)
    yield from passive + datives + objects
    for preposition in DEFAULT_TARGET_PREPOSITIONS:
        yield from prep_objects(verb, preposition)
    if not passive:
        # "condemned the missile test by Japan": in the active voice "by" names whose act it was
        yield from prep_objects(verb, "by")


def condition_subjects(verb: Token) -> list[Token]:
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


def complement_subjects(verb: Token) -> list[Token]:
    return [
        s
        for c in verb.children
        if c.dep_ in COMPLEMENT_DEPS
        for s in c.children
        if s.dep_ in {"nsubj", "nsubjpass"}
    ]


def resolve_actors(
    head: Token | None, ctx: PhraseContext, *, look_inside: bool = False
) -> list[Actor]:
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
            found = actors_inside(token, ctx)
        if actors and actors[0].country:
            # "Israeli helicopters and tanks": the first conjunct's country qualifies the others
            found = [_in_country(a, actors[0].country) for a in found]
        for actor in found:
            if all(a.code != actor.code for a in actors):
                actors.append(actor)
    return actors


def _in_country(actor: Actor, country: str) -> Actor:
    if actor.country or actor.org or not actor.role:
        return actor
    return placed_in(actor, country, "context:shared modifier")


def actors_inside(noun: Token, ctx: PhraseContext) -> list[Actor]:
    for child in noun.children:
        if child.dep_ == "poss" and child.tag_ != "PRP$":
            return resolve_actors(child, ctx)
    for child in noun.children:
        if names_agent(child, ctx):
            return resolve_actors(child, ctx)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "by", "from", "on", "against"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return resolve_actors(pobj, ctx)
    for clause in noun.children:
        # "dismissed the idea floated by Trump": whose idea the participle's agent says
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            for pobj in prep_objects_of(clause, "by"):
                return resolve_actors(pobj, ctx)
    return []


def names_agent(child: Token, ctx: PhraseContext) -> bool:
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


def countries_within(heads: list[Token], ctx: PhraseContext, sources: list[Actor]) -> list[Actor]:
    """Find a country named under a place phrase ("at the border it shares with Ukraine")."""
    codes = {a.code for a in sources}
    for token in (t for head in heads for t in head.subtree):
        mention = ctx.mentions.get(token.i)
        if mention is not None and mention.entry.country and mention.end - 1 == token.i:
            actors = [a for a in resolve_phrase(token, ctx) if a.code not in codes]
            if actors:
                return actors[:1]
    return []
