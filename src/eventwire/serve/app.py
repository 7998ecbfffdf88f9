"""The REST API: ``create_app(db_path)`` builds the FastAPI app that ``eventwire serve`` runs.

Reads are open; writes (POST /documents) need ``Authorization: Bearer <token>``, the token taken
from ``EVENTWIRE_API_TOKEN`` (never logged). Without a configured token every write is refused.
The coder (spaCy) loads on the first POST, so a read-only server starts in a second.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles

from eventwire.analytics import Level, Period, dyad_series, find_alerts, parse_dyad
from eventwire.serve import queries
from eventwire.serve.cursor import decode_cursor, encode_cursor
from eventwire.serve.documents import read_body
from eventwire.serve.errors import ApiError, install_error_handlers
from eventwire.serve.index import key_to_after
from eventwire.serve.schemas import (
    ActorList,
    AlertList,
    DocumentIn,
    DocumentResult,
    ErrorBody,
    EventDetail,
    EventPage,
    Health,
    Network,
    PlaceList,
    QuoteList,
    StoryList,
    Trends,
)
from eventwire.serve.state import ServeState
from eventwire.store import EventFilter, QuoteFilter

if TYPE_CHECKING:
    from eventwire.pipeline import Coder

TOKEN_VARIABLE = "EVENTWIRE_API_TOKEN"
STATIC = Path(__file__).parent / "static"
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Two non-blank sides around one colon (eventwire.analytics.parse_dyad); a root 1-20 or 01-20.
DYAD_PATTERN = r"^[^:]*[^:\s][^:]*:[^:]*[^:\s][^:]*$"
ROOT_PATTERN = r"^(0?[1-9]|1[0-9]|20)$"

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad request"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Not found"}
}
_bearer = HTTPBearer(auto_error=False, description=f"The token in ${TOKEN_VARIABLE}")


def create_app(
    db_path: str | Path, *, token: str | None = None, coder: Coder | None = None
) -> FastAPI:
    """Build the API over a DuckDB store.

    Args:
        db_path: the store (created if missing); the app holds it open for writing.
        token: the write token; None reads ``EVENTWIRE_API_TOKEN``; unset or empty refuses writes.
        coder: an already-loaded coder (tests share one); None loads it on the first POST.

    Returns:
        The FastAPI app (OpenAPI at /openapi.json, docs at /docs). The store stays open across
        the app's lifespan events (test clients run them per request); close it with
        ``app.state.serve.close()`` when done.
    """
    if token is None:
        token = os.environ.get(TOKEN_VARIABLE) or None

    state = ServeState(db_path, token=token, coder=coder)
    app = FastAPI(
        title="eventwire",
        summary="Coded political events from news: who did what to whom, with the evidence.",
        version="0.1.0",
        responses=_ERRORS,
    )
    app.state.serve = state
    install_error_handlers(app)
    _add_routes(app, state)
    if (STATIC / "index.html").exists():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _add_routes(app: FastAPI, state: ServeState) -> None:
    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        page = STATIC / "index.html"
        if not page.exists():
            raise ApiError(404, "the dashboard is not installed; the API is at /docs")
        return FileResponse(page)

    @app.get("/health", response_model=Health, tags=["meta"])
    def health() -> JSONResponse:
        """The server is up: counts of stored documents and events."""
        one = state.reader().connection.execute
        documents = one("SELECT count(*) FROM documents").fetchone()
        events = one("SELECT count(*) FROM events").fetchone()
        return JSONResponse(
            {
                "status": "ok",
                "documents": documents[0] if documents else 0,
                "events": events[0] if events else 0,
            }
        )

    @app.get("/events", response_model=EventPage, tags=["events"])
    async def list_events(
        actor: Annotated[str | None, Query(description="Actor code either side (RUSGOV)")] = None,
        country: Annotated[str | None, Query(description="ISO3 country either side")] = None,
        dyad: Annotated[
            str | None,
            Query(pattern=DYAD_PATTERN, description="SOURCE:TARGET, codes or countries, * any"),
        ] = None,
        root: Annotated[
            list[Annotated[str, Query(pattern=ROOT_PATTERN)]] | None,
            Query(description="CAMEO root code 01-20, e.g. 14 (repeatable)"),
        ] = None,
        plover: Annotated[str | None, Query(description="PLOVER type, e.g. PROTEST")] = None,
        quad: Annotated[int | None, Query(ge=1, le=4, description="QuadClass 1-4")] = None,
        since: Annotated[dt.date | None, Query(description="First event date")] = None,
        until: Annotated[dt.date | None, Query(description="Last event date")] = None,
        q: Annotated[
            str | None, Query(description="Case-insensitive substring of the sentence")
        ] = None,
        doc_id: str | None = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
        cursor: Annotated[str | None, Query(description="'next' of the previous page")] = None,
    ) -> Response:
        """Events newest first (event date, then coded order), filtered, paged by cursor."""
        sides = None
        if dyad:
            source, target = parse_dyad(dyad)
            sides = (source, target)
        where = EventFilter(
            actor=actor or None,
            country=country or None,
            roots=tuple(_root(r) for r in root or ()),
            since=since,
            until=until,
            doc_id=doc_id or None,
            dyad=sides,
            plover=plover or None,
            quad=quad,
            q=q or None,
            after=decode_cursor(cursor) if cursor else None,
        )
        # A page whose events are all cached is answered on the event loop (well under a
        # millisecond); a text search or a fetch from DuckDB goes to a worker thread.
        index = state.index
        if where.q:
            keys = await run_in_threadpool(index.select, where, limit + 1)
        else:
            keys = index.select(where, limit + 1)
        ids = [key[-1] for key in keys[:limit]]
        page = index.cached_json(ids)
        if page is None:
            page = await run_in_threadpool(lambda: index.json_of(state.reader(), ids))
        following = encode_cursor(key_to_after(keys[limit - 1])) if len(keys) > limit else None
        # The events' JSON is cached as text: the page is put together, not encoded again.
        body = '{"items":[' + ",".join(page) + '],"next":' + json.dumps(following) + "}"
        return Response(body, media_type="application/json")

    @app.get(
        "/events/{event_id}", response_model=EventDetail, responses=_NOT_FOUND, tags=["events"]
    )
    def get_event(event_id: str) -> JSONResponse:
        """One event with its evidence sentence, nearby quotes and mentions."""
        reader = state.reader()
        found = reader.events(EventFilter(event_ids=(event_id,)))
        if not found:
            raise ApiError(404, f"no event {event_id!r}; list events at /events")
        event = found[0]
        quotes = queries.nearby_quotes(event, reader.quotes(QuoteFilter(doc_id=event.doc_id)))
        body = event.to_dict()
        body["evidence"] = queries.evidence(event)
        body["quotes"] = [quote.to_dict() for quote in quotes]
        body["mentions"] = reader.event_mentions(event_id) or [
            {
                "event_id": event.event_id,
                "doc_id": event.doc_id,
                "sentence_index": event.sentence_index,
                "sentence": event.sentence,
                "start": event.trigger_start,
                "end": event.trigger_end,
                "source": queries.document_source(reader.connection, event.doc_id),
                "url": None,
                "published": event.published.isoformat() if event.published else None,
                "doc_cluster": event.doc_id,
            }
        ]
        return JSONResponse(body)

    @app.post(
        "/documents",
        status_code=201,
        response_model=DocumentResult,
        responses={
            200: {"model": DocumentResult, "description": "Already stored"},
            401: {"model": ErrorBody, "description": "Missing or wrong token"},
            413: {"model": ErrorBody, "description": "Too large"},
            415: {"model": ErrorBody, "description": "Unsupported media type"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": DocumentIn.model_json_schema()},
                    "text/plain": {"schema": {"type": "string", "pattern": r"\S"}},
                    "text/html": {"schema": {"type": "string", "pattern": r"\S"}},
                },
            }
        },
        tags=["documents"],
    )
    async def post_document(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, _bearer_dependency()] = None,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
        published: str | None = None,
    ) -> JSONResponse:
        """Code a document (JSON, plain text or HTML) and store it; answer its events.

        201 when it was coded now, 200 when it was already stored. Needs the API token.
        """
        if not state.writable:
            raise ApiError(401, f"writes are disabled: start the server with ${TOKEN_VARIABLE} set")
        if credentials is None or not state.token_matches(credentials.credentials):
            raise ApiError(401, "missing or wrong token; send 'Authorization: Bearer <token>'")
        document = await read_body(
            request, {"title": title, "url": url, "source": source, "published": published}
        )
        posted = await run_in_threadpool(state.post, document)
        return JSONResponse(
            {
                "doc_id": posted.doc_id,
                "events": [e.to_dict() for e in posted.events],
                "headlines": posted.headlines,
            },
            status_code=201 if posted.created else 200,
        )

    @app.get("/quotes", response_model=QuoteList, tags=["quotes"])
    def list_quotes(
        speaker: Annotated[str | None, Query(description="Speaker's actor code")] = None,
        name: Annotated[str | None, Query(description="Substring of the speaker's name")] = None,
        kind: Annotated[str | None, Query(description="direct, partial or indirect")] = None,
        doc_id: str | None = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    ) -> JSONResponse:
        """Stored quotes with their speakers."""
        where = QuoteFilter(
            speaker=speaker or None,
            name=name or None,
            kind=kind or None,
            doc_id=doc_id or None,
            limit=limit,
        )
        return JSONResponse({"items": [q.to_dict() for q in state.reader().quotes(where)]})

    @app.get("/actors", response_model=ActorList, tags=["actors"])
    def list_actors(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100) -> JSONResponse:
        """Actor codes with their event counts as source and target, and names seen."""
        return JSONResponse({"items": queries.actor_summaries(state.reader().connection, limit)})

    @app.get("/stories", response_model=StoryList, tags=["stories"])
    def list_stories(
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
        min_documents: Annotated[int, Query(ge=1, le=1000)] = 1,
    ) -> JSONResponse:
        """Stories: documents about one developing situation, with their events (newest first)."""
        stories = state.reader().stories(limit=limit, min_documents=min_documents)
        return JSONResponse({"items": [s.to_dict() for s in stories]})

    @app.get("/trends", response_model=Trends, tags=["analytics"])
    def trends(
        dyad: Annotated[str, Query(pattern=DYAD_PATTERN, description="SOURCE:TARGET (RUS:USA)")],
        by: Period = Period.week,
        both: bool = False,
    ) -> JSONResponse:
        """The dyad's event series per day, week or month (eventwire.analytics)."""
        source, target = parse_dyad(dyad)
        series = dyad_series(state.reader().connection, source, target, by=by, both=both)
        periods = [
            {
                "period": p.period.isoformat(),
                "events": p.events,
                "quad1": p.quad_counts[0],
                "quad2": p.quad_counts[1],
                "quad3": p.quad_counts[2],
                "quad4": p.quad_counts[3],
                "goldstein_sum": p.goldstein_sum,
                "goldstein_mean": p.goldstein_mean,
                "tone_mean": p.tone,
                "zscore": p.zscore,
                "alert": p.alert,
            }
            for p in series
        ]
        return JSONResponse(
            {"dyad": f"{source}:{target}", "by": by.value, "both": both, "periods": periods}
        )

    @app.get("/alerts", response_model=AlertList, tags=["analytics"])
    def alerts(by: Period = Period.week, level: Level = Level.country) -> JSONResponse:
        """Dyads whose latest period escalates, strongest first (eventwire.analytics)."""
        found = find_alerts(state.reader().connection, by=by, level=level)
        items = [
            {
                "source": a.source,
                "target": a.target,
                "period": a.latest.period.isoformat(),
                "events": a.latest.events,
                "conflict_events": a.latest.conflict_events,
                "zscore": a.latest.zscore,
                "history_mean": a.history_mean,
                "goldstein_mean": a.latest.goldstein_mean,
            }
            for a in found
        ]
        return JSONResponse({"items": items})

    @app.get("/places", response_model=PlaceList, tags=["places"])
    def places(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100) -> JSONResponse:
        """Where events happened, with their counts and ids."""
        return JSONResponse({"items": queries.place_summaries(state.reader().connection, limit)})

    @app.get("/network", response_model=Network, tags=["actors"])
    def network(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100) -> JSONResponse:
        """The busiest source → target actor pairs and their actors."""
        return JSONResponse(queries.network(state.reader().connection, limit))


def _bearer_dependency() -> Any:
    from fastapi import Depends

    return Depends(_bearer)


def _root(value: str) -> str:
    """A CAMEO root code: one or two digits (``4`` is ``04``)."""
    if not value.isdigit() or not 1 <= len(value) <= 2 or not 1 <= int(value) <= 20:
        raise ApiError(400, f"root {value!r} is not a CAMEO root code (01-20)")
    return value.zfill(2)
