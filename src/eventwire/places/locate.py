"""The place an event happened at, read from the event's own sentence only.

1. a place in a locative phrase ("in", "at", "near" … X) hung on the trigger or on a word above it
   in the same clause ("opened talks **at** the US mission **in** Geneva"), the nearest first;
2. else the sentence's only place in a locative phrase, when it is not one of the event's actors
   ("In Kabul, where fighters clashed with police, …"); a place that is an argument ("Iran
   threatened Israel", "demands from the US") is never the event's place;
3. else none. A place from another sentence is never used: an article's places are not its
   events' places (a known GDELT failure).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from eventwire.records import Actor, Place

if TYPE_CHECKING:
    from spacy.tokens import Token

LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "around",
        "throughout",
        "within",
        "into",
        "onto",
        "over",
        "off",
        "beside",
    }
)
# Edges where a clause with its own place and time begins: reported content, relative clauses,
# side remarks. Climbing from a trigger stops after crossing one.
CLAUSE_EDGES = frozenset({"ccomp", "relcl", "parataxis", "acl", "csubj"})
NOMINAL_LINKS = frozenset({"conj", "appos"})


def clause_chain(trigger: Token) -> list[Token]:
    """Return the trigger and the words above it up to the top of its clause.

    Used for places here and for dates (``dates/attach.py``): a phrase hung on any of these words
    tells where or when the event happened.
    """
    chain = [trigger]
    token = trigger
    while token.head.i != token.i and token.dep_ not in CLAUSE_EDGES:
        token = token.head
        chain.append(token)
    return chain


def phrase_governor(token: Token, prepositions: frozenset[str] | None = None) -> Token | None:
    """Return the word a prepositional phrase is hung on, climbing nested phrases.

    "at the US mission in Geneva": from "Geneva" to "opened". With ``prepositions``, the phrase
    right above the token must start with one of them.
    """
    while token.dep_ in NOMINAL_LINKS and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return None
    if prepositions is not None and token.head.lower_ not in prepositions:
        return None
    governor = token.head.head
    # Climb "the mission in Geneva" → "at the mission": the first verb or trigger above.
    while governor.dep_ == "pobj" and governor.head.dep_ == "prep":
        governor = governor.head.head
    return governor


def locate_event(
    trigger: Token, offset: int, places: Sequence[Place], actors: Sequence[Actor | None]
) -> Place | None:
    """Return the place of an event, from the places of its own sentence.

    Args:
        trigger: the event's trigger token in its paragraph's parse.
        offset: the paragraph's offset in the document.
        places: the places of the trigger's sentence (document offsets).
        actors: the event's source, target and reporter (their spans are not its place).

    Returns:
        The place, or None.
    """
    if not places:
        return None
    chain = {token.i: depth for depth, token in enumerate(clause_chain(trigger))}
    doc = trigger.doc
    best: tuple[int, int, Place] | None = None
    locative: list[Place] = []
    for place in places:
        span = doc.char_span(place.start - offset, place.end - offset, alignment_mode="expand")
        if span is None:
            continue
        governor = phrase_governor(span.root, LOCATIVE_PREPOSITIONS)
        if governor is None:
            continue
        locative.append(place)
        if governor.i in chain:
            # The nearest phrase wins; at equal distance a city or landmark beats its country.
            rank = (chain[governor.i], 1 if place.feature == "country" else 0)
            if best is None or rank < best[:2]:
                best = (*rank, place)
    if best is not None:
        return best[2]
    free = [p for p in locative if not any(_overlaps(p, a) for a in actors if a is not None)]
    return free[0] if len(free) == 1 else None


def _overlaps(place: Place, actor: Actor) -> bool:
    if actor.start is None or actor.end is None:
        return False
    return place.start < actor.end and actor.start < place.end
