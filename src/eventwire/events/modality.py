"""Modality of an event's trigger: negated or hypothetical.

Rules (documented for users in the README):

- **negated**: the trigger verb has a negation dependent (``not``, ``n't``, ``never``). Negated
  events are kept and flagged, never recoded to their opposite: "did not agree" stays an AGREE with
  ``negated: true``, so an analyst can count or drop them.
- **hypothetical**: the trigger or a clause above it is a condition (``if``, ``unless``,
  ``whether``, an inverted ``should Russia …``), or the trigger carries a conditional modal
  (``would``, ``could``, ``might``), or it sits in a question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.quotes.spans import find_quote_spans

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.lexicon import EventLexicon


NEGATIONS = frozenset({"not", "n't", "never", "no"})
FAILING = frozenset({"fail", "fails", "failed", "failing"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
CONDITIONAL_MODALS = frozenset({"would", "could", "might", "'d"})
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "'s", "'re"})


def is_negated(trigger: Token) -> bool:
    """Return whether the trigger verb is negated, governed by "failed to" ("failed to reach
    an agreement" reports no agreement), or by a noun that "no" denies ("has no plans to …")."""
    if any(
        child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in NEGATIONS)
        for child in trigger.children
    ):
        return True
    if trigger.dep_ == "xcomp" and trigger.head.lower_ in FAILING:
        return True
    # "has no plans to impose sanctions", "with no intention of attacking"
    head = trigger.head
    if trigger.dep_ in {"acl", "xcomp", "pcomp"} and head.tag_ == "IN" and head.dep_ == "prep":
        head = head.head
    return (
        trigger.dep_ in {"acl", "xcomp", "pcomp"}
        and head.tag_.startswith("NN")
        and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)
    )


def is_announced(trigger: Token, lexicon: EventLexicon) -> bool:
    """Return whether the act is only announced, promised or planned, not done.

    "X will visit", "X agreed to release", "X is ready to talk", and reported futures ("X said it
    would hold a vote") make CAMEO code the intent (03) or the threat (13) instead of the act.
    """
    for child in trigger.children:
        if child.dep_ in {"aux", "auxpass"} and lexicon.marker(child.lower_) == "modal":
            return True
    if _reported_future(trigger):
        return True
    if trigger.dep_ == "xcomp" and trigger.head.i != trigger.i:
        governor = trigger.head
        if lexicon.marker(governor.lower_) in {"verb", "adjective"}:
            return True
        # "is to visit": the act hangs off a form of "be"
        if governor.lower_ in BE_FORMS:
            return True
    return False


def is_ultimatum(trigger: Token) -> bool:
    """Return whether an announced act hangs on an "unless" condition: a threat.

    "will withdraw its troops unless the government holds elections" announces the withdrawal as
    leverage on the other side, which CAMEO codes as a threat (13), whatever the act.
    """
    return any(
        clause.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ == "unless" for m in clause.children)
        for clause in trigger.children
    )


def _reported_future(trigger: Token) -> bool:
    """Return whether a conditional modal sits in a reported clause with no condition.

    "said it would hold a vote" reports a future act; "would face sanctions if" stays hypothetical.
    """
    if not any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_MODALS for c in trigger.children):
        return False
    for token in (trigger, *trigger.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children):
            return False
    token = trigger
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "ccomp"


def is_hypothetical(trigger: Token) -> bool:
    """Return whether the trigger is conditional, hypothetical or asked about."""
    if not _reported_future(trigger) and any(
        c.dep_ in {"aux", "auxpass"} and c.lower_ in CONDITIONAL_MODALS for c in trigger.children
    ):
        return True
    token = trigger
    while True:
        for child in token.children:
            if child.dep_ == "mark" and child.lower_ in CONDITION_MARKS:
                return True
            # "should Russia use force": the modal stands before the subject.
            if child.dep_ == "aux" and child.lower_ == "should" and token.dep_ == "advcl":
                subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
                if subjects and child.i < subjects[0].i:
                    return True
        if token.dep_ == "ROOT" or token.head.i == token.i:
            break
        token = token.head
    sentence = trigger.sent
    if sentence.text.rstrip(" \"'”’").endswith("?"):
        return True
    return _asked_in_quote(trigger)


def _asked_in_quote(trigger: Token) -> bool:
    """Whether the trigger sits in a quoted question inside a longer sentence: "“Will they give
    guarantees?” said the minister"."""
    sentence = trigger.sent
    if "?" not in sentence.text:
        return False
    at = trigger.idx - sentence.start_char
    for span in find_quote_spans(sentence.text):
        if span.start <= at < span.end:
            return sentence.text[span.start : span.end].rstrip(" ,.…").endswith("?")
    return False
