"""The records that flow through the pipeline.

Stages pass these frozen, slotted dataclasses to each other, never loose dicts. Character offsets
(``start``/``end``) always index the owning document's original ``text``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

DOCUMENT_KINDS = ("article", "headline", "feed_entry", "text")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One unit of input text with what is known about it.

    ``origin`` says where it came from (``path`` or ``path:line``) so errors and users can find it.
    A headline cut from a page has ``kind="headline"``, ``parent_id`` the page's id and
    ``parent_start`` its offset in the page's text.
    """

    doc_id: str
    text: str
    kind: str = "article"
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    author: str | None = None
    source: str | None = None
    origin: str | None = None
    parent_id: str | None = None
    parent_start: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the document as JSON-ready values."""
        data = dataclasses.asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        return data


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of a document, found by the parser within one paragraph."""

    doc_id: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """An actor as coded: CAMEO-style ``code`` built from ``country`` + ``role``, or an ``org``.

    ``text`` is the words it was read from and ``start``/``end`` their offsets in the document.
    ``rule`` names the lexicon entry or document memory that resolved it.
    """

    text: str
    code: str
    country: str | None = None
    role: str | None = None
    org: str | None = None
    start: int | None = None
    end: int | None = None
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the actor as the event contract's actor object."""
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A coded event: who did what to whom, with the sentence and span behind it.

    The field names of :meth:`to_dict` are the JSON Lines contract; later work adds, never renames.
    """

    doc_id: str
    event_id: str
    sentence_index: int
    sentence: str
    sentence_start: int
    sentence_end: int
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: str | None
    goldstein: float
    quad_class: int
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    rule: str = ""
    trigger: str = ""
    trigger_start: int | None = None
    trigger_end: int | None = None
    published: dt.date | None = None
    reported_by: Actor | None = None
    location: Place | None = None
    event_date: dt.date | None = None
    date_basis: str | None = None
    tone: Tone | None = None
    # the happening this event stands for: how many mentions, outlets and documents report it
    # (stories/happenings.py); 1 until deduplication has seen other reports
    num_mentions: int = 1
    num_sources: int = 1
    num_documents: int = 1

    def to_dict(self) -> dict[str, Any]:
        """Return the event as one JSON Lines record of the event contract."""
        return {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "confidence": self.confidence,
            "rule": self.rule,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "published": self.published.isoformat() if self.published else None,
            "reported_by": self.reported_by.to_dict() if self.reported_by else None,
            "location": self.location.to_dict() if self.location else None,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_basis": self.date_basis,
            "tone": self.tone.to_dict() if self.tone else None,
            "num_mentions": self.num_mentions,
            "num_sources": self.num_sources,
            "num_documents": self.num_documents,
        }


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A place mention geocoded offline: what the text said, and where that is.

    ``name`` is the gazetteer's name (``Kyiv`` for "Kiev"), ``text`` the words as written and
    ``start``/``end`` their offsets in the document. ``country`` is ISO 3166-1 alpha-3; ``feature``
    one of country, state, region, city, landmark; ``rule`` says how an ambiguous name was decided
    (``qualifier``, ``context``, ``population``, ``unique``) and from which gazetteer row.
    """

    doc_id: str
    name: str
    text: str
    start: int
    end: int
    country: str
    feature: str
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    sentence_index: int | None = None
    confidence: float = 0.5
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the place as JSON-ready values."""
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Tone:
    """The tone of a text: VADER's compound score and GDELT-style word shares.

    ``positive``/``negative`` are the percentages of words found in the positive/negative entries
    of the VADER lexicon, ``polarity`` their sum, ``tone`` their difference (as GDELT's V2Tone);
    ``compound`` is VADER's normalised score in [-1, 1].
    """

    compound: float
    positive: float
    negative: float
    polarity: float
    tone: float
    words: int

    def to_dict(self) -> dict[str, Any]:
        """Return the tone as JSON-ready values."""
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """A quotation or reported statement with who said it.

    ``kind`` is ``direct`` (a quoted sentence or more), ``partial`` (quoted words inside the
    writer's sentence) or ``indirect`` (``X said that …``: the clause is the quote).
    ``start``/``end`` cover the quoted words without the marks. ``speaker_text`` is the words
    naming the speaker where the document says who speaks ("said Ryabkov", "he added"),
    ``speaker_name`` the fullest form of that person's name the document gave up to there, and
    ``speaker`` the speaker's actor, resolved like an event's source.
    """

    doc_id: str
    quote_id: str
    quote: str
    start: int
    end: int
    kind: str
    verb: str | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    speaker: Actor | None = None
    closed: bool = True
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the quote as one JSON Lines record."""
        return {
            "doc_id": self.doc_id,
            "quote_id": self.quote_id,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "verb": self.verb,
            "speaker_text": self.speaker_text,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "speaker_name": self.speaker_name,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "closed": self.closed,
            "rule": self.rule,
        }


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EntityMention:
    """One place in the document where an entity is named."""

    start: int
    end: int
    text: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A person, organisation or place named in a document, with every mention of it.

    ``type`` is ``person``, ``organisation`` or ``place``; ``name`` the longest form the document
    uses; ``title`` the title words before a person's name ("Deputy Foreign Minister"); ``code``
    the actor code where known (``RUSGOV`` for a Russian minister, ``NATO``, ``CHE`` for a place).
    """

    doc_id: str
    entity_id: str
    type: str
    name: str
    title: str | None = None
    code: str | None = None
    mentions: tuple[EntityMention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the entity as one JSON Lines record."""
        return {
            "doc_id": self.doc_id,
            "entity_id": self.entity_id,
            "type": self.type,
            "name": self.name,
            "title": self.title,
            "code": self.code,
            "mentions": [dataclasses.asdict(m) for m in self.mentions],
        }
