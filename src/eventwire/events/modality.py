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

if TYPE_CHECKING:
    from spacy.tokens import Token

NEGATIONS = frozenset({"not", "n't", "never", "no"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest"})
CONDITIONAL_MODALS = frozenset({"would", "could", "might", "'d"})


def is_negated(trigger: Token) -> bool:
    """Return whether the trigger verb is negated."""
    return any(
        child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in NEGATIONS)
        for child in trigger.children
    )


def is_hypothetical(trigger: Token) -> bool:
    """Return whether the trigger is conditional, hypothetical or asked about."""
    if any(
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
    return sentence.text.rstrip(" \"'”’").endswith("?")
