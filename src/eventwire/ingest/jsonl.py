"""JSON Lines: one document per line, streamed.

A JSON Lines corpus can be gigabytes, so the file is read one line at a time and never held whole;
the size limit applies to each line (each document), not to the file. A bad line yields an error
named ``path:LINE`` and reading goes on with the next line, so one broken record never costs the
rest of a corpus.

Each line is an object::

    {"id": "afp-123", "text": "…", "title": "…", "url": "…", "published": "2024-03-05",
     "source": "AFP", "author": "…"}

``text`` is required; ``id`` (string or integer) defaults to the content hash of ``text``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from eventwire.errors import EmptyInputError, FormatError, InputError, TooLargeError
from eventwire.ingest.dates import parse_date
from eventwire.ingest.decode import (
    SNIFF_BYTES,
    UTF8_BOM,
    check_binary,
    decode_utf8,
    format_size,
)
from eventwire.ingest.text import make_document
from eventwire.records import Document

OPTIONAL_STRING_FIELDS = ("title", "url", "source", "author")

# Skipping the rest of an over-long line reads it in pieces of this size, so memory stays flat.
_SKIP_CHUNK = 1024 * 1024


def read_lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(number, bytes)`` for each line; ``bytes`` is ``None`` for a line over the limit.

    Args:
        handle: the file, opened in binary mode.
        max_bytes: the largest line kept; longer lines are skipped without being held in memory.
    """
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:
                rest = handle.readline(_SKIP_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def parse_record(record: Any, origin: str) -> Document:
    """Make the document of one decoded JSON Lines record.

    Args:
        record: the value ``json.loads`` returned for the line.
        origin: ``path:LINE``, the document's origin and the name in errors.

    Returns:
        The document.

    Raises:
        FormatError: not an object, no usable ``text``, or a field of the wrong type.
        EmptyInputError: ``text`` is empty or whitespace only.
    """
    if not isinstance(record, dict):
        raise FormatError(
            origin, f"expected a JSON object, got {type(record).__name__}; write one object a line"
        )
    if "text" not in record:
        raise FormatError(origin, 'record has no "text" field; every line needs one')
    text = record["text"]
    if not isinstance(text, str):
        raise FormatError(origin, f'"text" must be a string, got {type(text).__name__}')
    if not text.strip():
        raise EmptyInputError(origin, '"text" is empty; nothing to read')
    doc_id = record.get("id")
    if doc_id is not None:
        # bool is an int subclass, but an id of true is surely a mistake.
        if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
            raise FormatError(origin, f'"id" must be a string or integer, got {doc_id!r}')
        doc_id = str(doc_id).strip() or None
    fields: dict[str, str | None] = {}
    for name in OPTIONAL_STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise FormatError(origin, f'"{name}" must be a string, got {type(value).__name__}')
        fields[name] = value.strip() if value else None
    try:
        published = parse_date(record.get("published"))
    except ValueError as exc:
        raise FormatError(origin, f'"published" is {exc}; write it as YYYY-MM-DD') from None
    return make_document(
        text,
        origin=origin,
        doc_id=doc_id,
        published=published,
        title=fields["title"],
        url=fields["url"],
        source=fields["source"],
        author=fields["author"],
    )


def read_jsonl(path: Path, origin: str, max_bytes: int) -> Iterator[Document | InputError]:
    """Yield one document per line of a JSON Lines file, and an error per bad line.

    Args:
        path: the file to stream.
        origin: the path as given; line ``N`` (from 1) is named ``origin:N``.
        max_bytes: the limit per line.

    Yields:
        Documents and, for bad lines, :class:`FormatError`, :class:`TooLargeError`,
        :class:`BinaryInputError` or :class:`EmptyInputError` values; blank lines are skipped.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(origin, f"cannot be read ({exc.strerror or exc}); check its permissions")
        return
    with handle:
        try:
            # A binary file fails on its first bytes; one error for the file, not one per "line".
            check_binary(handle.read(SNIFF_BYTES), origin)
        except InputError as error:
            yield error
            return
        handle.seek(0)
        records = 0
        for number, line in read_lines(handle, max_bytes):
            line_origin = f"{origin}:{number}"
            if line is None:
                yield TooLargeError(
                    line_origin,
                    f"line is over the limit of {format_size(max_bytes)} ({max_bytes:,} bytes) "
                    "per document; split the document or raise --max-bytes",
                )
                continue
            if number == 1 and line.startswith(UTF8_BOM):
                line = line[len(UTF8_BOM) :]
            if not line.strip():
                continue
            records += 1
            try:
                record = parse_json(decode_utf8(line, line_origin), line_origin)
                yield parse_record(record, line_origin)
            except InputError as error:
                yield error
        if records == 0:
            yield EmptyInputError(origin, "holds no records (empty or only blank lines)")


def parse_json(line: str, origin: str) -> Any:
    """Parse one line of JSON, turning a syntax error into a one-line :class:`FormatError`."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise FormatError(
            origin, f"not valid JSON ({exc.msg} at column {exc.colno}); write one object a line"
        ) from None


def looks_like_jsonl(head: bytes) -> bool:
    """Return whether a file's first bytes are JSON Lines: a first line that is a whole object.

    A pretty-printed ``.json`` file also starts with ``{`` but its first line is not a whole
    object, so it is reported as a format error rather than read as hundreds of broken records.
    """
    if head.startswith(UTF8_BOM):
        head = head[len(UTF8_BOM) :]
    stripped = head.lstrip()
    if not stripped.startswith(b"{"):
        return False
    first, newline, _ = stripped.partition(b"\n")
    if not newline and len(head) >= SNIFF_BYTES:
        return True  # a first record longer than the sniff window: trust the brace
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, UnicodeDecodeError):
        return False
