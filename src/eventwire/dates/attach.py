"""Each event's date: a date expression of its own clause, else the publication date.

A date expression is a spaCy DATE entity, or a year after "in" that the model left untagged.
It dates an event when the word it hangs on ("met **Sunday**", "a pledge made **in 2008**") is the
trigger, a word above it in the same clause (``places.locate.clause_chain``: climbing stops at
reported speech and relative clauses, which have their own time), or the participle of an event
noun ("a pledge **made in 2008**"). The nearest one wins. An event
with none is dated to the publication date (basis ``published``); with no publication date either,
it has no date.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from eventwire.dates.expressions import YEAR, resolve_expression
from eventwire.places.locate import clause_chain, phrase_governor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Auxiliaries that put a clause in the future: "will meet on Sunday" is the coming Sunday.
FUTURE_MARKERS = frozenset({"will", "shall", "'ll", "wo"})
# Date entities that are durations or ages, not points in time.
NOT_POINTS = ("years old", "year-old", "decades", "centuries")


def date_event(trigger: Token, published: dt.date | None) -> tuple[dt.date | None, str | None]:
    """Return an event's date and the basis it was read from.

    Args:
        trigger: the event's trigger token.
        published: the document's publication date.

    Returns:
        ``(date, basis)``: basis ``"<precision>:<expression>"`` (``day:Sunday``,
        ``year:in 2008``), ``"published"``, or ``(None, None)`` when nothing is known.
    """
    chain = clause_chain(trigger)
    depth_of = {token.i: depth for depth, token in enumerate(chain)}
    if trigger.tag_.startswith("NN"):
        # an event noun's participle carries its time: "a pledge made in 2008", "the attack
        # carried out on Sunday"
        for clause in trigger.children:
            if clause.dep_ == "acl" and clause.tag_ == "VBN":
                depth_of.setdefault(clause.i, 0)
    future = any(
        child.dep_ == "aux" and child.lower_ in FUTURE_MARKERS
        for token in chain
        for child in token.children
    )
    best: tuple[int, str] | None = None
    for expression, governor in _sentence_expressions(trigger.sent):
        depth = depth_of.get(governor.i)
        if depth is not None and (best is None or depth < best[0]):
            best = (depth, expression)
    if best is not None:
        resolved = resolve_expression(best[1], published, future=future)
        if resolved is not None:
            return resolved.date, f"{resolved.precision}:{best[1]}"
    if published is not None:
        return published, "published"
    return None, None


def _sentence_expressions(sentence: Span) -> list[tuple[str, Token]]:
    """The sentence's expressions, found once per sentence however many events it has."""
    doc = sentence.doc
    cache = doc.user_data.setdefault("eventwire_dates", {})
    if sentence.start not in cache:
        cache[sentence.start] = _expressions(sentence)
    return cache[sentence.start]  # type: ignore[no-any-return]


def _expressions(sentence: Span) -> list[tuple[str, Token]]:
    """Return the sentence's date expressions with the word each hangs on."""
    found: list[tuple[str, Token]] = []
    covered: set[int] = set()
    for ent in sentence.ents:
        if ent.label_ != "DATE" or any(word in ent.text.lower() for word in NOT_POINTS):
            continue
        covered.update(range(ent.start, ent.end))
        governor = _governor(ent.root)
        if governor is not None:
            text = ent.text
            preposition = ent.root.head
            if ent.root.dep_ == "pobj" and preposition.lower_ in ("in", "on", "during", "since"):
                text = f"{preposition.text} {text}"
            found.append((text, governor))
    for token in sentence:
        if (
            token.i not in covered
            and YEAR.fullmatch(token.text)
            and token.dep_ == "pobj"
            and token.head.lower_ == "in"
        ):
            governor = _governor(token)
            if governor is not None:
                found.append((f"in {token.text}", governor))
    return found


def _governor(root: Token) -> Token | None:
    if root.dep_ == "pobj":
        return phrase_governor(root)
    if root.head.i == root.i:
        return None
    return root.head
