"""Find actor mentions (country names, demonyms, capitals, organisations, roles) in a parse."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from eventwire.actors.lexicon import ActorEntry, ActorLexicon

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span


@dataclasses.dataclass(frozen=True, slots=True)
class Mention:
    """A lexicon phrase found at tokens ``start``..``end`` (exclusive) of a parsed paragraph."""

    entry: ActorEntry
    start: int
    end: int


def find_mentions(parsed: Doc, lexicon: ActorLexicon, nlp: Language) -> dict[int, Mention]:
    """Return the actor mention covering each token, longest match first, no overlaps.

    Args:
        parsed: a parsed paragraph.
        lexicon: the actor lexicon.
        nlp: the pipeline whose vocabulary the matchers are built for.

    Returns:
        A map from token index to the mention that covers it.
    """
    from spacy.util import filter_spans

    names, roles, entries = lexicon.matchers(nlp)
    # A role word counts only as a noun: "officials" is a role, "official contact" is not.
    name_spans = names(parsed, as_spans=True)
    named = {i for s in name_spans for i in range(s.start, s.end)}
    role_spans = [
        s
        for s in roles(parsed, as_spans=True)
        if s[-1].tag_.startswith("NN") and not _ends_a_name(s, named) and not _counts_a_group(s)
    ]
    spans = [s for s in name_spans + role_spans if not _opposed_or_backed(s)]
    by_token: dict[int, Mention] = {}
    for span in filter_spans(spans):
        mention = Mention(entries[span.label_], span.start, span.end)
        for index in range(span.start, span.end):
            by_token[index] = mention
    return by_token


def _ends_a_name(span: Span, named: set[int]) -> bool:
    """True for a capitalised role word closing a proper name: "Kaduna State", "Ohio State".

    A one-word role ("State", "Front") capitalised after a proper noun the lexicon does not know
    is the last word of a name, not a government of its own ("the Kenyan Army" stays MIL).
    """
    if len(span) != 1 or not span[0].text[:1].isupper() or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return (
        before.tag_ == "NNP"
        and before.dep_ == "compound"
        and before.head.i == span.start
        and before.i not in named
    )


# "an anti-Syria journalist", "pro-Russian separatists": the name says whom a group is for or
# against, never who the group is.
STANCE_PREFIXES = frozenset({"anti", "pro"})


def _opposed_or_backed(span: Span) -> bool:
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == "-":
        return doc[span.start - 2].lower_ in STANCE_PREFIXES
    # some tokenisers keep "anti-Syria" as one token
    return span[0].lower_.split("-", 1)[0] in STANCE_PREFIXES and "-" in span[0].text


# Role words that also count things: "a company of tanks", "a party of observers".
COUNTING_ROLES = frozenset({"company", "party", "body", "group"})


def _counts_a_group(span: Span) -> bool:
    doc = span.doc
    return (
        len(span) == 1
        and span[0].lower_ in COUNTING_ROLES
        and span.end < len(doc)
        and doc[span.end].lower_ == "of"
    )
