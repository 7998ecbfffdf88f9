"""People, organisations and places named in a document, each with every mention of it.

The parser's named entities (PERSON, ORG, GPE, LOC, FAC) are the mentions; groups (NORP:
"Russian", "Kurds") are left out, they are no one entity. Mentions of the same entity are merged
within the document:

- a person by surname: "Sergei Ryabkov" and later "Ryabkov" are one entity (a new full name with the
  same surname starts a new entity, and later surnames go to the newest);
- a country or organisation by its actor code: "the US", "United States" and "America" are one
  entity (USA), "NATO" and "the North Atlantic Treaty Organization" another;
- anything else by its words, without a leading "the".

A name the small model tags ORG or GPE that ``people.tsv`` lists as a person ("Stoltenberg") is a
person. A person's title is the run of title words just before the name ("US Deputy Secretary of
State Wendy Sherman" → "Deputy Secretary of State"; the country is not part of the title), and its
code is what the actor resolver makes of the name, as for an event's actor.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import TYPE_CHECKING

from eventwire.actors.resolve import resolve_phrase
from eventwire.records import Entity, EntityMention

if TYPE_CHECKING:
    from spacy.tokens import Span

    from eventwire.nlp.paragraphs import ParsedParagraph

ENTITY_TYPES = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
# Actor lexicon kinds that name one country or organisation (not a capital: Washington is a city).
SAME_ENTITY_KINDS = frozenset({"name", "org"})
# Words allowed inside a title between title words: "Secretary of State", "Secretary-General".
TITLE_JOINERS = frozenset({"of", "-", "for", "and"})
LEADING_WORDS = frozenset({"the", "The"})


@dataclasses.dataclass(slots=True)
class _Builder:
    type: str
    key: str
    mentions: list[EntityMention]
    title: str | None = None
    code: str | None = None


def extract_entities(doc_id: str, paragraphs: list[ParsedParagraph]) -> list[Entity]:
    """Return the document's people, organisations and places in order of first mention.

    Args:
        doc_id: the document's id.
        paragraphs: the document's parsed paragraphs, in order.

    Returns:
        One entity per person, organisation or place, its mentions merged.
    """
    builders: dict[str, _Builder] = {}
    surnames: dict[str, str] = {}
    for paragraph in paragraphs:
        for ent in paragraph.parsed.ents:
            kind = ENTITY_TYPES.get(ent.label_)
            if kind is None:
                continue
            span = _trimmed(ent)
            if span is not None and kind == "person":
                span = _person_span(span, paragraph)
            if span is None:
                continue
            if kind != "person" and _known_person(span, paragraph):
                kind = "person"
            start = paragraph.offset + span.start_char
            mention = EntityMention(start=start, end=start + len(span.text), text=span.text)
            if kind == "person":
                key = _person_key(span, surnames)
            else:
                key = _other_key(kind, span, paragraph)
            builder = builders.get(key)
            if builder is None:
                builder = builders[key] = _Builder(type=kind, key=key, mentions=[])
            builder.mentions.append(mention)
            if kind == "person":
                builder.title = builder.title or _title(span, paragraph)
                builder.code = builder.code or _person_code(span, paragraph)
            else:
                builder.code = builder.code or _other_code(kind, span, paragraph)
    return [_entity(doc_id, b) for b in builders.values()]


def _trimmed(ent: Span) -> Span | None:
    """Return the entity without a leading "the" and a trailing possessive."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].text in LEADING_WORDS:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    if end <= start or not any(c.isalpha() for c in doc[start:end].text):
        return None
    return doc[start:end]


def _person_span(span: Span, paragraph: ParsedParagraph) -> Span | None:
    """Return a PERSON entity cut at its first word that is no name, or None if not a person.

    The small model reads headline case loosely ("Venezuela Seeks", "Haddad Confirms He Will");
    a span holding a country or organisation the lexicon knows is not a person, and a name ends
    where the proper nouns end.
    """
    mentions = paragraph.ctx.mentions
    if any(
        (m := mentions.get(t.i)) is not None
        and m.entry.kind != "role"
        and m.entry.kind != "adjective"
        for t in span
    ):
        return None
    end = span.start
    while end < span.end and span.doc[end].tag_ in {"NNP", "NNPS"}:
        end += 1
    return span.doc[span.start : end] if end > span.start else None


def _known_person(span: Span, paragraph: ParsedParagraph) -> bool:
    people = paragraph.ctx.people
    if people is None or span.text not in people.by_name:
        return False
    mention = paragraph.ctx.mentions.get(span.start)
    return mention is None


def _person_key(span: Span, surnames: dict[str, str]) -> str:
    surname = span[-1].text
    if len(span) > 1:
        key = f"person:{span.text}"
        surnames[surname] = key
        return key
    return surnames.setdefault(surname, f"person:{surname}")


def _other_key(kind: str, span: Span, paragraph: ParsedParagraph) -> str:
    mention = paragraph.ctx.mentions.get(span.start)
    if (
        mention is not None
        and mention.start == span.start
        and mention.end == span.end
        and mention.entry.kind in SAME_ENTITY_KINDS
    ):
        return f"{kind}:{mention.entry.org or mention.entry.country}"
    return f"{kind}:{span.text.lower()}"


def _title(span: Span, paragraph: ParsedParagraph) -> str | None:
    """Return the title words right before a person's name, without a country or organisation."""
    doc = span.doc
    mentions = paragraph.ctx.mentions
    first = span.start
    index = span.start - 1
    has_role = False
    while index >= 0:
        token = doc[index]
        mention = mentions.get(index)
        if mention is not None and mention.entry.kind == "role":
            has_role = True
        elif token.lower_ in TITLE_JOINERS or token.tag_ == "HYPH":
            pass
        elif not (token.tag_ in {"NNP", "NNPS"} and token.text[:1].isupper()) or (
            mention is not None
        ):
            break
        first = index
        index -= 1
    while first < span.start and (doc[first].lower_ in TITLE_JOINERS or doc[first].tag_ == "HYPH"):
        first += 1
    if not has_role or first >= span.start:
        return None
    return doc[first : span.start].text


def _person_code(span: Span, paragraph: ParsedParagraph) -> str | None:
    actors = resolve_phrase(span[-1], paragraph.ctx, weak=True)
    return actors[0].code if actors else None


def _other_code(kind: str, span: Span, paragraph: ParsedParagraph) -> str | None:
    """Return a place's country, or an organisation's code (``NATO``, ``USAGOV`` for an agency)."""
    # the head's mention first: "US State Department" is the department (USAGOV), not the US
    for token in reversed(span):
        mention = paragraph.ctx.mentions.get(token.i)
        if mention is None or mention.entry.kind == "role":
            continue
        entry = mention.entry
        if entry.org:
            return entry.org
        if entry.country:
            return entry.country if kind == "place" else entry.country + (entry.role or "")
    return None


def _entity(doc_id: str, builder: _Builder) -> Entity:
    name = max((m.text for m in builder.mentions), key=len)
    digest = hashlib.blake2b(f"{doc_id}|{builder.key}".encode(), digest_size=8).hexdigest()
    return Entity(
        doc_id=doc_id,
        entity_id=digest,
        type=builder.type,
        name=name,
        title=builder.title,
        code=builder.code,
        mentions=tuple(builder.mentions),
    )
