"""The body of POST /documents: JSON, plain text or an HTML page, read into a Document."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fastapi import Request
from pydantic import ValidationError

from eventwire.ingest import DEFAULT_MAX_BYTES, read_text
from eventwire.records import Document
from eventwire.serve.errors import ApiError
from eventwire.serve.schemas import DocumentIn

ORIGIN = "<api>"


async def read_body(request: Request, params: dict[str, str | None]) -> Document:
    """Return the posted document.

    Args:
        request: the request; its Content-Type says JSON, text/plain or text/html.
        params: title, url, source and published from the query string (raw bodies).

    Raises:
        ApiError: 413 too large, 415 another media type, 400 JSON that does not parse, 422 a
            JSON body without text.
        InputError: the text is empty, or the page has no article text (422).
    """
    data = await _read_limited(request)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media in ("", "application/json") or media.endswith("+json"):
        return _from_json(data)
    text = _decode(data)
    if media == "text/plain":
        return _document(text=text, kind="text", **params)
    if media in ("text/html", "application/xhtml+xml"):
        return _document(html=text, kind="html", **params)
    raise ApiError(
        415, f"cannot read a {media} body; send application/json, text/plain or text/html"
    )


async def _read_limited(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > DEFAULT_MAX_BYTES:
        raise ApiError(413, f"the body is larger than {DEFAULT_MAX_BYTES} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > DEFAULT_MAX_BYTES:
            raise ApiError(413, f"the body is larger than {DEFAULT_MAX_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "the body is not UTF-8 text") from None


def _from_json(data: bytes) -> Document:
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(
            400, 'the body is not JSON; send {"text": "..."} or use Content-Type: text/plain'
        ) from None
    try:
        body = DocumentIn.model_validate(raw)
    except ValidationError as exc:
        where = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()
        )
        raise ApiError(422, f"invalid document: {where}", code="invalid_document") from None
    return _document(**body.model_dump())


def _document(
    *,
    kind: str,
    text: str | None = None,
    html: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: dt.date | str | None = None,
) -> Document:
    if kind == "html":
        from eventwire.ingest.dates import parse_date
        from eventwire.ingest.html import read_html

        page = html if html is not None else text
        if not page:
            raise ApiError(422, 'an HTML document needs "html"', code="invalid_document")
        document = read_html(page.encode("utf-8"), ORIGIN)
        try:
            day = parse_date(published) if published else None
        except ValueError as exc:
            raise ApiError(
                422, f'"published" {exc}; write it as YYYY-MM-DD', code="invalid_document"
            ) from None
        changes: dict[str, Any] = {
            "title": title or document.title,
            "url": url or document.url,
            "source": source or document.source,
            "published": day or document.published,
        }
        import dataclasses

        return dataclasses.replace(document, **changes)
    if text is None:
        raise ApiError(
            422, 'a document needs "text" (or kind "html" and "html")', code="invalid_document"
        )
    return read_text(text, published=published, title=title, url=url, source=source, origin=ORIGIN)
