"""Who said it: quotation spans → quotes with kind, speech verb, speaker and the speaker's actor.

Attribution of a quotation, in order:

1. the speech verb that governs the quoted words in the parse, outside the marks ("…," said X;
   X said: "…"; "…," X said, adding "…"; X stressed the "…"; X described it as "…"), or a speech
   verb hung on the quoted clause ("…" — parsed with "said" under the quote); its subject is the
   speaker (a verb without one, "adding", takes the subject of the verb it belongs to);
2. "according to X" after the quotation;
3. a quoted sentence with no speech verb of its own continues the turn of the quotation before
   it, in the same paragraph or at the end of the one before ('… said Ryabkov. "I have …"').

Kinds: a quotation that starts its sentence, follows a "said:"/"said," frame or holds more than
one sentence is ``direct``; quoted words inside the writer's sentence are ``partial`` and are kept
only with a speaker, so scare quotes and titles in quotes ("the so-called 'peace plan'") are not
quotes. A direct quotation with no speaker is kept when it ends in punctuation, as speech does.
``X said/told … (that) CLAUSE`` outside quotation marks is ``indirect`` speech, the clause its
quote.

The speaker's actor is resolved like an event's source (``resolve_phrase`` in the paragraph's
context, so "said Ryabkov" → RUSGOV through ``people.tsv`` and the year); "he"/"she" take the most
recent person who spoke or was named; ``speaker_name`` is the fullest earlier mention of the same
person ("US Deputy Secretary of State Wendy Sherman" … "Sherman" → "Wendy Sherman").
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from eventwire.actors.resolve import (
    FIRST_PERSON,
    PERSON_PRONOUNS,
    as_government,
    phrase_tokens,
    resolve_phrase,
    situate,
)
from eventwire.quotes.spans import QuoteSpan, find_quote_spans
from eventwire.quotes.verbs import SpeechVerbs, load_speech_verbs
from eventwire.records import Actor, Entity, Event, Quote

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.actors.people import PeopleLexicon
    from eventwire.actors.resolve import PhraseContext
    from eventwire.nlp.paragraphs import ParsedParagraph

# How far up the parse a quotation's words may be from their speech verb ("X described the
# plan as a 'trap'": trap → as → described); deeper chains are other clauses.
MAX_CLIMB = 6
# Subjects a verb without one takes from the verb it hangs on ("…," he said, adding "…").
INHERITING_DEPS = frozenset({"conj", "advcl", "xcomp"})
# Dependencies by which a speech verb hangs on a quoted clause when the parser makes the quote
# the head ('"…," the minister said' parsed with "said" as a parataxis of the quote).
HUNG_VERB_DEPS = frozenset({"parataxis", "advcl", "ccomp", "conj"})
SUBJECT_DEPS = frozenset({"nsubj"})
# Verb slots an inverted speaker may take ('…," said the minister').
INVERTED_DEPS = frozenset({"dobj", "attr", "npadvmod", "appos", "nsubjpass"})
SPEECH_END = re.compile(r"[.!?,…:;—–-]\W*$")
INNER_SENTENCE = re.compile(r"[.!?…][\"”’)]*\s+[\"“‘(]*[A-Z]")
FRAME_END = (":", ",")
# Tokens (and characters) looked at around a word: enough for any frame of news English, and a
# bound that keeps run-on text linear.
WINDOW = 40
WINDOW_CHARS = 400
ACCORDING_WINDOW = 8
# A pronoun speaker looks this many paragraphs back for the last person who spoke.
TURN_PARAGRAPHS = 2


@dataclasses.dataclass(slots=True)
class _Speaker:
    head: Token
    verb: Token | None
    paragraph: ParsedParagraph
    rule: str


@dataclasses.dataclass(slots=True)
class _Found:
    quote: Quote
    paragraph_number: int


def extract_quotes(
    doc_id: str,
    text: str,
    paragraphs: list[ParsedParagraph],
    entities: Sequence[Entity] = (),
) -> list[Quote]:
    """Return the document's quotes: direct, partial and indirect, in text order.

    Args:
        doc_id: the document's id.
        text: the document's text (offsets of the paragraphs index it).
        paragraphs: its parsed paragraphs, in order.
        entities: its entities (for the full names of speakers).

    Returns:
        The quotes, each with its speaker where the document says who speaks.
    """
    if not paragraphs:
        return []
    verbs = load_speech_verbs()
    spans = find_quote_spans(text, paragraphs[0].offset, paragraphs[-1].end)
    people = _PersonIndex(entities)
    starts = [p.offset for p in paragraphs]
    marks = _MarkIndex(spans)
    found: list[_Found] = []
    for span in spans:
        number = _paragraph_number(starts, span.open_at)
        quote = _quote(doc_id, text, span, number, paragraphs, verbs, marks, people, found)
        if quote is not None:
            found.append(_Found(quote, number))
    direct = [(f.quote.start, f.quote.end) for f in found if f.quote.kind == "direct"]
    quoted = [(f.quote.start, f.quote.end) for f in found]
    indirect = [
        q
        for number, paragraph in enumerate(paragraphs)
        for q in _indirect(doc_id, paragraph, number, verbs, marks, (direct, quoted), people, found)
    ]
    quotes = [f.quote for f in found] + indirect
    return sorted(quotes, key=lambda q: (q.start, q.end))


def attribute_events(events: list[Event], quotes: list[Quote]) -> list[Event]:
    """Return the events with ``reported_by`` set to the speaker of the quote around the trigger.

    An event that already has a ``reported_by`` keeps it; the innermost quote wins.
    """
    spoken = sorted((q for q in quotes if q.speaker is not None), key=lambda q: q.start)
    if not spoken:
        return events
    starts = [q.start for q in spoken]
    result: list[Event] = []
    for event in events:
        at = event.trigger_start
        if event.reported_by is None and at is not None:
            index = bisect.bisect_right(starts, at) - 1
            best: Quote | None = None
            # quotes may nest (indirect speech within indirect speech): look a few back
            for quote in spoken[max(0, index - 3) : index + 1]:
                if quote.start <= at < quote.end and (
                    best is None or quote.end - quote.start <= best.end - best.start
                ):
                    best = quote
            if best is not None:
                event = dataclasses.replace(event, reported_by=best.speaker)
        result.append(event)
    return result


class _MarkIndex:
    """Whether a document offset lies inside any quotation, by binary search."""

    def __init__(self, spans: list[QuoteSpan]) -> None:
        self.starts = [s.open_at for s in spans]
        self.ends = [s.close_at if s.close_at is not None else s.end for s in spans]

    def inside(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset <= self.ends[index]


class _PersonIndex:
    """The document's person mentions in text order, for full names and pronoun speakers."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        mentions = [
            (m.start, m.text, e) for e in entities if e.type == "person" for m in e.mentions
        ]
        mentions.sort(key=lambda item: item[0])
        self.mentions = mentions
        self.starts = [m[0] for m in mentions]

    def full_name(self, start: int, end: int) -> str | None:
        """Return the fullest mention, up to ``end``, of the person mentioned at start..end."""
        entity = self.at(start, end)
        if entity is None:
            return None
        names = [m.text for m in entity.mentions if m.start < end]
        return max(names, key=len) if names else entity.name

    def at(self, start: int, end: int) -> Entity | None:
        index = bisect.bisect_right(self.starts, end) - 1
        while index >= 0 and self.mentions[index][0] >= start - 200:
            m_start, m_text, entity = self.mentions[index]
            if m_start < end and m_start + len(m_text) > start:
                return entity
            index -= 1
        return None

    def before(self, offset: int) -> Entity | None:
        index = bisect.bisect_left(self.starts, offset) - 1
        return self.mentions[index][2] if index >= 0 else None


def _paragraph_number(starts: list[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _quote(
    doc_id: str,
    text: str,
    span: QuoteSpan,
    number: int,
    paragraphs: list[ParsedParagraph],
    verbs: SpeechVerbs,
    marks: _MarkIndex,
    people: _PersonIndex,
    found: list[_Found],
) -> Quote | None:
    paragraph = paragraphs[number]
    kind = _kind(text, span, paragraph)
    last = _paragraph_number([p.offset for p in paragraphs], span.end)
    speaker: _Speaker | None = None
    for candidate in dict.fromkeys([last, number]):
        speaker = _governing_speaker(span, paragraphs[candidate], verbs, marks)
        if speaker is not None:
            break
    continued: Quote | None = None
    if speaker is None and kind == "direct":
        continued = _previous_turn(span, number, paragraphs, found)
    if (
        speaker is None
        and continued is None
        and (kind == "partial" or not SPEECH_END.search(text[span.start : span.end]))
    ):
        return None
    quote = Quote(
        doc_id=doc_id,
        quote_id=_quote_id(doc_id, kind, span.start, span.end),
        quote=text[span.start : span.end],
        start=span.start,
        end=span.end,
        kind=kind,
        closed=span.closed,
    )
    if continued is not None:
        return dataclasses.replace(
            quote,
            verb=continued.verb,
            speaker_text=continued.speaker_text,
            speaker_start=continued.speaker_start,
            speaker_end=continued.speaker_end,
            speaker_name=continued.speaker_name,
            speaker=continued.speaker,
            rule="continued turn",
        )
    if speaker is None:
        return quote
    return _with_speaker(quote, speaker, number, verbs, people, found)


def _kind(text: str, span: QuoteSpan, paragraph: ParsedParagraph) -> str:
    """Return "direct" or "partial" from where the quotation stands in its sentence."""
    if INNER_SENTENCE.search(text, span.start, span.end):
        return "direct"
    local = span.open_at - paragraph.offset
    sentence_start = max(0, local - WINDOW_CHARS)
    token = _token_at(paragraph, local)
    if token is not None:
        sentence_start = _sentence_start(token).idx
    before = paragraph.text[sentence_start:local].rstrip()
    if not before.strip("\"“”‘’'«»()—–- "):
        return "direct"
    if before.endswith(FRAME_END):
        return "direct"
    last_word = before.rsplit(None, 1)[-1]
    if token is not None and last_word.isalpha() and load_speech_verbs().lemma(last_word):
        return "direct"  # '…," she said, adding "…"' with no comma before the quotation
    return "partial"


def _token_at(paragraph: ParsedParagraph, local: int) -> Token | None:
    parsed = paragraph.parsed
    if not 0 <= local < len(paragraph.text):
        return None
    span = parsed.char_span(local, local + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[0]


def _sentence_start(token: Token) -> Token:
    """Return the first token of the token's sentence, looking back at most ``WINDOW`` tokens.

    (spaCy's ``Token.sent`` walks the whole sentence, which in a run-on "sentence" of thousands
    of marks would make the quotes quadratic.)
    """
    doc = token.doc
    index = token.i
    stop = max(0, token.i - WINDOW)
    while index > stop and not doc[index].is_sent_start:
        index -= 1
    return doc[index]


def _near_children(token: Token, before: int = WINDOW, after: int = WINDOW) -> list[Token]:
    """Return the token's children within a window around it, in text order.

    ``Token.children`` scans the token's whole subtree; a speech verb heading a huge run-on
    sentence would make every look-up cost the sentence's length.
    """
    doc = token.doc
    return [
        t
        for t in doc[max(0, token.i - before) : min(len(doc), token.i + after + 1)]
        if t.head.i == token.i and t.i != token.i
    ]


def _content(span: QuoteSpan, paragraph: ParsedParagraph) -> Span | None:
    """Return the tokens of the quotation's words within one paragraph's parse."""
    parsed = paragraph.parsed
    start = max(span.start, paragraph.offset) - paragraph.offset
    end = min(span.end, paragraph.end) - paragraph.offset
    if end <= start:
        return None
    return parsed.char_span(start, end, alignment_mode="expand")


def _governing_speaker(
    span: QuoteSpan, paragraph: ParsedParagraph, verbs: SpeechVerbs, marks: _MarkIndex
) -> _Speaker | None:
    content = _content(span, paragraph)
    if content is None or len(content) == 0:
        return None
    first, last = content.start, content.end
    inside = range(first, last)

    def outside_verb(token: Token) -> bool:
        return (
            token.i not in inside
            and token.tag_.startswith("VB")
            and verbs.lemma(token.text) is not None
            and not marks.inside(paragraph.offset + token.idx)
        )

    roots = [t for t in content if not t.is_punct and (t.head.i not in inside or t.head.i == t.i)]
    for root in roots:
        # 1. a speech verb above the quoted words
        token = root
        for _ in range(MAX_CLIMB):
            if token.head.i == token.i:
                break
            token = token.head
            if outside_verb(token):
                speaker = _speaker_of(token, paragraph, "governs")
                if speaker is not None:
                    return speaker
        # 1b. a speech verb the parser hung below the quoted clause
        for child in _near_children(root, before=0, after=last - root.i + WINDOW):
            if child.dep_ in HUNG_VERB_DEPS and outside_verb(child):
                speaker = _speaker_of(child, paragraph, "hung")
                if speaker is not None:
                    return speaker
    # 2. "according to X" after the quotation, in its sentence
    doc = content.doc
    for token in doc[content.end : min(len(doc), content.end + ACCORDING_WINDOW)]:
        if token.is_sent_start:
            break
        if token.lower_ == "according":
            for to in _near_children(token, 0, 2):
                for pobj in _near_children(to, 0, 8):
                    if pobj.dep_ == "pobj":
                        return _Speaker(pobj, None, paragraph, "according to")
            break
    return None


def _speaker_of(verb: Token, paragraph: ParsedParagraph, how: str) -> _Speaker | None:
    token = verb
    for _ in range(3):
        subjects = [c for c in _near_children(token) if c.dep_ in SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            if subject.tag_ in {"PRP", "PRP$"} and subject.lower_ in FIRST_PERSON:
                return None  # the writer, or a speaker quoting themselves: not attributable
            return _Speaker(subject, verb, paragraph, f"{how}:{verb.lower_}")
        if token.dep_ not in INHERITING_DEPS or token.head.i == token.i:
            break
        token = token.head
    for child in _near_children(verb, before=0):
        if child.dep_ in INVERTED_DEPS and child.i > verb.i and child.tag_.startswith("NN"):
            return _Speaker(child, verb, paragraph, f"{how}:{verb.lower_} inverted")
    return None


def _previous_turn(
    span: QuoteSpan, number: int, paragraphs: list[ParsedParagraph], found: list[_Found]
) -> Quote | None:
    """Return the quote whose speaker a frameless quoted sentence continues, if any."""
    if not found:
        return None
    previous = found[-1]
    if previous.quote.speaker_text is None or previous.quote.kind == "indirect":
        return None
    if previous.paragraph_number == number:
        return previous.quote
    paragraph = paragraphs[number]
    opens_paragraph = span.open_at == paragraph.offset
    if previous.paragraph_number == number - 1 and opens_paragraph:
        return previous.quote
    return None


def _with_speaker(
    quote: Quote,
    speaker: _Speaker,
    number: int,
    verbs: SpeechVerbs,
    people: _PersonIndex,
    found: list[_Found],
) -> Quote:
    paragraph = speaker.paragraph
    head = speaker.head
    ctx = paragraph.ctx
    tokens = [head] if head.lower_ in PERSON_PRONOUNS else phrase_tokens(head)
    first, last = tokens[0], tokens[-1]
    start = paragraph.offset + first.idx
    end = paragraph.offset + last.idx + len(last.text)
    speaker_text = head.doc[first.i : last.i + 1].text
    actor: Actor | None = None
    name: str | None = None
    if head.lower_ in PERSON_PRONOUNS:
        actor, name = _pronoun_speaker(start, number, people, found)
        if actor is not None:
            actor = dataclasses.replace(
                actor, text=head.text, start=start, end=end, rule=f"speaker:{head.lower_}"
            )
    if actor is None:
        actors = resolve_phrase(head, ctx)
        actor = actors[0] if actors else None
        if actor is not None:
            around = head.doc[max(0, head.i - WINDOW) : head.i + WINDOW]
            actor = as_government(situate(actor, None, around, ctx), "01")
    if actor is None and head.lower_ not in PERSON_PRONOUNS:
        actor = _known_person(speaker_text, head, start, end, ctx)
    if name is None:
        name = people.full_name(start, end)
    return dataclasses.replace(
        quote,
        verb=verbs.lemma(speaker.verb.text) if speaker.verb is not None else "according to",
        speaker_text=speaker_text,
        speaker_start=start,
        speaker_end=end,
        speaker_name=name,
        speaker=actor,
        rule=speaker.rule,
    )


def _known_person(text: str, head: Token, start: int, end: int, ctx: PhraseContext) -> Actor | None:
    """Return the actor of a speaker the parser did not read as a name (tagged NNS, "Von der").

    ``people.tsv`` is asked for the speaker's words and the head word, ignoring case.
    """
    if ctx.people is None:
        return None
    index = _lower_index(ctx.people)
    names = [index[n] for n in (text.lower(), head.lower_) if n in index]
    office = ctx.people.lookup(names, ctx.year)
    if office is None:
        return None
    code = office.org or f"{office.country or ''}{office.role or ''}"
    return Actor(
        text=text,
        code=code,
        country=None if office.org else office.country,
        role=None if office.org else office.role,
        org=office.org,
        start=start,
        end=end,
        rule=office.rule,
    )


_LOWER_INDEXES: dict[int, tuple[PeopleLexicon, dict[str, str]]] = {}


def _lower_index(people: PeopleLexicon) -> dict[str, str]:
    """Return the people lexicon's names by their lower-case form (built once per lexicon)."""
    cached = _LOWER_INDEXES.get(id(people))
    if cached is None or cached[0] is not people:
        cached = (people, {name.lower(): name for name in people.by_name})
        _LOWER_INDEXES[id(people)] = cached
    return cached[1]


def _pronoun_speaker(
    start: int, number: int, people: _PersonIndex, found: list[_Found]
) -> tuple[Actor | None, str | None]:
    """Return the actor and name "he"/"she" stand for: the last person who spoke, else named.

    The actor is None when only a mention is at hand; the resolver then finds it by the pronoun.
    """
    for item in reversed(found):
        quote = item.quote
        if quote.speaker_start is None or quote.speaker_start >= start:
            continue
        if number - item.paragraph_number > TURN_PARAGRAPHS:
            break
        if quote.speaker is not None and quote.speaker_name is not None:
            return quote.speaker, quote.speaker_name
    entity = people.before(start)
    return None, entity.name if entity is not None else None


def _indirect(
    doc_id: str,
    paragraph: ParsedParagraph,
    number: int,
    verbs: SpeechVerbs,
    marks: _MarkIndex,
    taken: tuple[list[tuple[int, int]], list[tuple[int, int]]],
    people: _PersonIndex,
    found: list[_Found],
) -> list[Quote]:
    """Return the indirect speech of one paragraph: "X said/told … (that) CLAUSE".

    A clause that overlaps a direct quote, or that starts where quoted words start ('adding
    "France will act"'), is that quote's frame, not indirect speech.
    """
    quotes: list[Quote] = []
    offset = paragraph.offset
    direct, quoted = taken
    direct_starts = [s for s, _ in direct]
    quoted_starts = [s for s, _ in quoted]
    for verb in paragraph.parsed:
        if not verb.tag_.startswith("VB"):
            continue
        lemma = verbs.lemma(verb.text)
        if lemma is None or lemma not in verbs.indirect:
            continue
        if marks.inside(offset + verb.idx):
            continue
        clauses = [c for c in _near_children(verb, before=0) if c.dep_ == "ccomp"]
        if not clauses:
            continue
        clause = clauses[0]
        if not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in _near_children(clause)):
            continue
        left, right = clause.left_edge.i, clause.right_edge.i
        doc = verb.doc
        while left <= right and (doc[left].dep_ == "mark" or doc[left].is_punct):
            left += 1
        while right >= left and doc[right].is_punct:
            right -= 1
        if right < left:
            continue
        start = offset + doc[left].idx
        end = offset + doc[right].idx + len(doc[right].text)
        end = _close_open_mark(doc.text, start - offset, end - offset) + offset
        if _overlaps(direct_starts, direct, start, end) or _overlaps(
            quoted_starts, quoted, start, start + 1
        ):
            continue
        speaker = _speaker_of(verb, paragraph, "indirect")
        if speaker is None:
            continue
        quote = Quote(
            doc_id=doc_id,
            quote_id=_quote_id(doc_id, "indirect", start, end),
            quote=doc.text[start - offset : end - offset],
            start=start,
            end=end,
            kind="indirect",
        )
        quotes.append(_with_speaker(quote, speaker, number, verbs, people, found))
    return quotes


# The closing mark of each opening one, for a clause that ends inside quoted words.
CLOSING = {"“": "”", '"': '"', "«": "»"}


def _close_open_mark(text: str, start: int, end: int) -> int:
    """Extend a clause that ends inside quoted words to their closing mark: 'told reporters the
    meeting was “difficult.”' keeps "“difficult.”" whole, not "“difficult"."""
    clause = text[start:end]
    for opening, closing in CLOSING.items():
        opened = clause.count(opening) - (clause.count(closing) if opening != closing else 0)
        if (opening == closing and clause.count(opening) % 2) or (
            opening != closing and opened > 0
        ):
            found = text.find(closing, end, end + 3)
            if found != -1:
                return found + 1
    return end


def _overlaps(starts: list[int], spans: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect.bisect_left(starts, end) - 1
    return index >= 0 and spans[index][1] > start


def _quote_id(doc_id: str, kind: str, start: int, end: int) -> str:
    key = f"{doc_id}|{kind}|{start}|{end}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
