"""The pipeline: news documents in, coded events out. Read top to bottom to see every stage.

1. ingest/    files, folders, feeds, JSON Lines → Document records      (done by the caller)
2. segment/   a page's article body and its headline list; paragraphs
3. nlp/       one spaCy parse per paragraph, batched, optionally in several processes
4. segment/   sentences with offsets into the document
5. actors/    country, organisation and role mentions; noun phrases → actors
6. events/    verb patterns and event nouns → CAMEO events with modality
   entities/  people, organisations and places, mentions merged; quotes/  quotations and reported
              speech with speakers, events inside a quote reported by its speaker
6a. places/   place mentions geocoded; each event's place from its own sentence
6b. dates/    each event's date from its own clause, else the publication date (or a dateline)
6c. tone/     sentence and document tone
7. store/     one transaction per document (done by the caller, see ``run``)
"""

from __future__ import annotations

import collections
import dataclasses
import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.actors.lexicon import ActorLexicon, load_actor_lexicon
from eventwire.actors.mentions import find_mentions
from eventwire.actors.resolve import DocumentMemory, PhraseContext
from eventwire.dates import date_event, read_dateline
from eventwire.entities import extract_entities
from eventwire.errors import EventwireError, InputError
from eventwire.events.cameo import lookup_cameo
from eventwire.events.coder import code_sentence
from eventwire.events.drafts import Draft
from eventwire.events.lexicon import EventLexicon, load_event_lexicon
from eventwire.nlp import load_pipeline, parse_texts
from eventwire.nlp.paragraphs import ParsedParagraph
from eventwire.places import find_places, locate_event
from eventwire.quotes import attribute_events, extract_quotes
from eventwire.records import Document, Entity, Event, Place, Quote, Sentence, Tone
from eventwire.segment import sentences_from_parse, split_page, split_paragraphs
from eventwire.tone import combine_tones, score_tone

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.store import Store


# Documents written per transaction: one transaction per document costs a tenth of the run time
# in DuckDB (benchmarks/speed.py); a failing batch is retried one document at a time.
WRITE_BATCH = 32


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CodedDocument:
    """A document with its sentences and events (and their places, dates and tone)."""

    document: Document
    sentences: list[Sentence]
    events: list[Event]
    places: list[Place] = dataclasses.field(default_factory=list)
    tone: Tone | None = None
    sentence_tones: list[Tone] = dataclasses.field(default_factory=list)
    quotes: list[Quote] = dataclasses.field(default_factory=list)
    entities: list[Entity] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    """A document or input that could not be coded or stored, with a one-line reason."""

    source: str
    message: str


@dataclasses.dataclass(slots=True)
class RunSummary:
    """What a run did: counts, and every failure with its reason."""

    documents: int = 0
    headlines: int = 0
    sentences: int = 0
    events: int = 0
    already_stored: int = 0
    words: int = 0
    failures: list[Failure] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(slots=True)
class _Pending:
    number: int
    document: Document
    paragraphs: list[tuple[int, int]]
    parses: list[Doc] = dataclasses.field(default_factory=list)


class Coder:
    """Turns documents into coded documents; holds the pipeline and lexicons, loaded once.

    Args:
        lexicon_dirs: user folders with extra actor and event lexicon files.
    """

    def __init__(self, lexicon_dirs: Iterable[Path] = ()) -> None:
        dirs = list(lexicon_dirs)
        self.nlp = load_pipeline()
        self.actors: ActorLexicon = load_actor_lexicon(dirs)
        self.events: EventLexicon = load_event_lexicon(dirs)

    def code(
        self, documents: Iterable[Document], *, workers: int = 1
    ) -> Iterator[CodedDocument | Failure]:
        """Code documents in order, yielding each page, then its headlines, as it completes.

        A document that fails is yielded as a Failure and the rest go on.
        """
        pending: collections.deque[_Pending] = collections.deque()
        by_number: dict[int, _Pending] = {}
        numbers = itertools.count()

        def paragraphs() -> Iterator[tuple[str, int]]:
            for document in documents:
                # 2. segment: the body, its paragraphs, and the headline list as documents
                body_end, headlines = split_page(document)
                for part in (document, *headlines):
                    end = body_end if part is document else len(part.text)
                    number = next(numbers)
                    item = _Pending(number, part, split_paragraphs(part.text, 0, end))
                    pending.append(item)
                    by_number[number] = item
                    for start, stop in item.paragraphs:
                        # The context is a number, not the item: with several processes spaCy
                        # sends contexts through pickling and would hand back copies.
                        yield part.text[start:stop], number

        # 3. nlp: parse every paragraph, in batches, in order
        for parsed, number in parse_texts(paragraphs(), workers=workers):
            by_number[number].parses.append(parsed)
            while pending and len(pending[0].parses) == len(pending[0].paragraphs):
                yield self._finish(by_number.pop(pending.popleft().number))
        while pending:
            yield self._finish(by_number.pop(pending.popleft().number))

    def _finish(self, item: _Pending) -> CodedDocument | Failure:
        try:
            return self._code_parsed(item)
        except EventwireError as exc:
            return Failure(source=_name(item.document), message=str(exc))
        except Exception as exc:  # noqa: BLE001 - one bad document must not end the batch
            return Failure(
                source=_name(item.document),
                message=f"coding failed ({type(exc).__name__}: {exc}); please report this document",
            )

    def _code_parsed(self, item: _Pending) -> CodedDocument:
        document = item.document
        if document.published is None and (dateline := read_dateline(document.text)):
            document = dataclasses.replace(document, published=dateline)
        memory = DocumentMemory()
        sentences: list[Sentence] = []
        events: list[Event] = []
        triggers: list[tuple[Token, int]] = []
        parsed_paragraphs: list[ParsedParagraph] = []
        # 4. sentences with document offsets
        paragraphs = []
        for number, ((start, _), parsed) in enumerate(
            zip(item.paragraphs, item.parses, strict=True)
        ):
            pairs = sentences_from_parse(
                document.doc_id, parsed, paragraph=number, offset=start, first_index=len(sentences)
            )
            sentences += [sentence for sentence, _ in pairs]
            paragraphs.append((start, parsed, pairs))
        # 5a. places, geocoded before the actors so that "police in Lagos" are Nigeria's
        places = find_places(
            document.doc_id,
            list(zip((s for s, _ in item.paragraphs), item.parses, strict=True)),
            sentences,
        )
        places_at = {place.start: place for place in places}
        for start, parsed, pairs in paragraphs:
            # 5. actor mentions of the paragraph
            ctx = PhraseContext(
                mentions=find_mentions(parsed, self.actors, self.nlp),
                offset=start,
                memory=memory,
                people=self.actors.people,
                year=document.published.year if document.published else None,
                places=places_at,
            )
            for sentence, span in pairs:
                # 6. events
                for draft in code_sentence(span, ctx, self.events):
                    events.append(_event(document, sentence, draft, start))
                    triggers.append((draft.trigger, start))
            parsed_paragraphs.append(ParsedParagraph(start, parsed, ctx))
        # 6a-6c. event places and dates, tone
        events = [
            _situate(e, t, o, places, document) for e, (t, o) in zip(events, triggers, strict=True)
        ]
        tones = [score_tone(s.text) for s in sentences]
        # each event carries the tone of its sentence (GDELT gives events their article's tone)
        events = [dataclasses.replace(e, tone=tones[e.sentence_index]) for e in events]
        # 6. entities and quotes over the whole document; an event inside a quote is reported
        # by the quote's speaker
        entities = extract_entities(document.doc_id, parsed_paragraphs)
        quotes = extract_quotes(document.doc_id, document.text, parsed_paragraphs, entities)
        events = attribute_events(events, quotes)
        return CodedDocument(
            document=document,
            sentences=sentences,
            events=events,
            places=places,
            tone=combine_tones(tones),
            sentence_tones=tones,
            quotes=quotes,
            entities=entities,
        )


def run(
    items: Iterable[Document | InputError],
    *,
    coder: Coder,
    store: Store | None = None,
    workers: int = 1,
    on_document: Callable[[CodedDocument | Failure], None] | None = None,
) -> RunSummary:
    """Code a batch and store it; never stops at a bad document, never loses a good one.

    Args:
        items: documents, and input errors from ingestion (counted as failures).
        coder: the loaded coder.
        store: where to write; None codes without storing.
        workers: parser processes.
        on_document: called with each coded document or failure (progress, printing).

    Returns:
        The run's counts and failures.
    """
    summary = RunSummary()

    def documents() -> Iterator[Document]:
        for item in items:
            if isinstance(item, InputError):
                failure = Failure(source=item.source, message=item.message)
                summary.failures.append(failure)
                if on_document:
                    on_document(failure)
            elif store is not None and store.has_document(item.doc_id):
                summary.already_stored += 1
            else:
                yield item

    def report(result: CodedDocument | Failure) -> None:
        if isinstance(result, Failure):
            summary.failures.append(result)
        else:
            if result.document.kind == "headline":
                summary.headlines += 1
            else:
                summary.documents += 1
            summary.sentences += len(result.sentences)
            summary.events += len(result.events)
            summary.words += len(result.document.text.split())
        if on_document:
            on_document(result)

    pending: list[CodedDocument] = []

    def flush() -> None:
        # 7. store: a batch in one transaction, falling back to one per document on failure
        assert store is not None
        for coded, error in store.write_many(pending):
            report(
                coded
                if error is None
                else Failure(source=_name(coded.document), message=str(error))
            )
        pending.clear()

    for result in coder.code(documents(), workers=workers):
        if isinstance(result, CodedDocument) and store is not None:
            pending.append(result)
            if len(pending) >= WRITE_BATCH:
                flush()
        else:
            report(result)
    if pending:
        flush()
    return summary


def _event(document: Document, sentence: Sentence, draft: Draft, offset: int) -> Event:
    code = lookup_cameo(draft.cameo)
    trigger_start = offset + draft.trigger.idx
    key = "|".join(
        [
            document.doc_id,
            str(sentence.index),
            str(trigger_start),
            draft.cameo,
            draft.source.code if draft.source else "",
            draft.target.code if draft.target else "",
        ]
    )
    return Event(
        doc_id=document.doc_id,
        event_id=hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest(),
        sentence_index=sentence.index,
        sentence=sentence.text,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        source=draft.source,
        target=draft.target,
        cameo=code.code,
        cameo_root=code.root,
        plover=code.plover,
        goldstein=code.goldstein,
        quad_class=code.quad_class,
        negated=draft.negated,
        hypothetical=draft.hypothetical,
        confidence=_confidence(draft),
        rule=draft.rule,
        trigger=draft.trigger.text,
        trigger_start=trigger_start,
        trigger_end=trigger_start + len(draft.trigger.text),
        published=document.published,
        reported_by=draft.reported_by,
    )


def _situate(
    event: Event, trigger: Token, offset: int, places: list[Place], document: Document
) -> Event:
    """Return the event with its place (from its own sentence only) and its date."""
    own = [p for p in places if p.sentence_index == event.sentence_index]
    location = locate_event(trigger, offset, own, (event.source, event.target, event.reported_by))
    event_date, basis = date_event(trigger, document.published)
    return dataclasses.replace(
        event,
        location=location,
        event_date=event_date,
        date_basis=basis,
        published=document.published,
    )


def _confidence(draft: Draft) -> float:
    """A transparent score: actors and a cued (leaf-level) pattern raise it, doubt lowers it."""
    score = 0.4
    score += 0.25 if draft.source else 0.0
    score += 0.2 if draft.target else 0.0
    score += 0.1 if draft.cued else 0.0
    score -= 0.2 if draft.hypothetical or draft.negated else 0.0
    return round(min(1.0, max(0.05, score)), 2)


def _name(document: Document) -> str:
    return document.origin or document.doc_id
