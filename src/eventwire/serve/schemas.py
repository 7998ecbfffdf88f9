"""The API's JSON shapes, as pydantic models: they document the OpenAPI schema at /openapi.json.

Responses are built from the records' own ``to_dict`` (the event contract of ``eventwire events
--format jsonl``) and sent as they are; these models describe them for the docs and for
schemathesis, which checks every response against them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ErrorDetail(BaseModel):
    """What went wrong: a stable ``code`` and a message that says what to do."""

    code: str = Field(examples=["not_found"])
    message: str


class ErrorBody(BaseModel):
    """Every error answer."""

    error: ErrorDetail


class ActorOut(BaseModel):
    """An event's or quote's actor."""

    text: str | None = None
    code: str
    country: str | None = None
    role: str | None = None
    org: str | None = None
    start: int | None = None
    end: int | None = None
    rule: str | None = None


class PlaceOut(BaseModel):
    """A geocoded place."""

    doc_id: str
    name: str
    text: str | None = None
    start: int
    end: int
    country: str | None = None
    feature: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    sentence_index: int | None = None
    confidence: float | None = None
    rule: str | None = None


class ToneOut(BaseModel):
    """A sentence's tone (VADER compound and GDELT-style word shares)."""

    compound: float
    positive: float
    negative: float
    polarity: float
    tone: float
    words: int


class EventOut(BaseModel):
    """One coded event: the JSON object ``eventwire events --format jsonl`` prints."""

    doc_id: str
    event_id: str
    sentence_index: int
    sentence: str
    sentence_start: int
    sentence_end: int
    source: ActorOut | None
    target: ActorOut | None
    cameo: str
    cameo_root: str
    plover: str | None
    goldstein: float | None
    quad_class: int | None
    negated: bool | None
    hypothetical: bool | None
    confidence: float | None
    rule: str | None
    trigger: str | None
    trigger_start: int | None
    trigger_end: int | None
    published: str | None
    reported_by: ActorOut | None
    location: PlaceOut | None
    event_date: str | None
    date_basis: str | None
    tone: ToneOut | None
    num_mentions: int = 1
    num_sources: int = 1
    num_documents: int = 1


class EventPage(BaseModel):
    """A page of events, newest first; ``next`` is the cursor of the next page, or null."""

    items: list[EventOut]
    next: str | None


class Highlight(BaseModel):
    """Words of the evidence sentence: offsets relative to the sentence."""

    role: Literal["source", "verb", "target"]
    start: int
    end: int
    text: str


class Evidence(BaseModel):
    """The sentence behind an event with its actors and verb marked."""

    sentence: str
    sentence_start: int
    highlights: list[Highlight]


class QuoteOut(BaseModel):
    """A quotation or reported statement with its speaker."""

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
    speaker: ActorOut | None = None
    closed: bool | None = None
    rule: str | None = None


class Mention(BaseModel):
    """One report of the event's happening: a document's sentence, with the trigger's span."""

    model_config = ConfigDict(extra="allow")

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    start: int | None
    end: int | None
    source: str | None
    url: str | None
    published: str | None
    doc_cluster: str | None


class EventDetail(EventOut):
    """An event with its evidence, the quotes around its sentence and its mentions."""

    evidence: Evidence
    quotes: list[QuoteOut]
    mentions: list[Mention]


class Health(BaseModel):
    """The server is up; what the store holds."""

    status: Literal["ok"]
    documents: int
    events: int


class DocumentIn(BaseModel):
    """A document to code: its text (or HTML page) and what is known about it."""

    text: str | None = Field(
        default=None, pattern=r"\S", description="The article text (kind=text)."
    )
    html: str | None = Field(default=None, pattern=r"\S", description="The HTML page (kind=html).")
    kind: Literal["text", "html"] = "text"
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = Field(default=None, examples=["2022-01-10"])


class DocumentResult(BaseModel):
    """The coded document: its id, its events (and its headlines'), how many headlines."""

    doc_id: str
    events: list[EventOut]
    headlines: int


class QuoteList(BaseModel):
    """Stored quotes in document and text order."""

    items: list[QuoteOut]


class ActorSummary(BaseModel):
    """An actor code with how often it acts and is acted upon, and names it was read from."""

    code: str
    events: int
    as_source: int
    as_target: int
    names: list[str]


class ActorList(BaseModel):
    """Actor codes, most events first."""

    items: list[ActorSummary]


class StoryOut(BaseModel):
    """A story: documents about one developing situation, its time span, actors and events."""

    story_id: str
    title: str
    first_date: str | None
    last_date: str | None
    actors: list[str]
    documents: list[str]
    headlines: list[str]
    event_ids: list[str]


class StoryList(BaseModel):
    """Stories, the most recently active first."""

    items: list[StoryOut]


class TrendPeriod(BaseModel):
    """One period of a dyad's series."""

    period: str
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    goldstein_sum: float
    goldstein_mean: float | None
    tone_mean: float | None
    zscore: float | None
    alert: bool


class Trends(BaseModel):
    """A dyad's series per day, week or month."""

    dyad: str
    by: str
    both: bool
    periods: list[TrendPeriod]


class AlertOut(BaseModel):
    """A dyad whose latest period escalates."""

    source: str
    target: str
    period: str
    events: int
    conflict_events: int
    zscore: float | None
    history_mean: float
    goldstein_mean: float | None


class AlertList(BaseModel):
    """Escalation alerts, strongest first."""

    items: list[AlertOut]


class PlaceSummary(BaseModel):
    """A place where events happened."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    events: int
    event_ids: list[str]


class PlaceList(BaseModel):
    """Event locations, most events first."""

    items: list[PlaceSummary]


class NetworkNode(BaseModel):
    """An actor code in the network."""

    id: str
    events: int


class NetworkEdge(BaseModel):
    """Events from one actor code to another."""

    source: str
    target: str
    events: int
    goldstein_mean: float | None
    quad_class_mode: int | None


class Network(BaseModel):
    """Actors and who acts on whom."""

    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
