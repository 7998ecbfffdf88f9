"""Plain text: one file, one document.

The text is kept exactly as written (trailing headline lines, blank lines, odd spacing) because
later stages cut headlines out of it and every offset they record must index this very string. The
one change is newline normalisation: ``\\r\\n`` and lone ``\\r`` become ``\\n``. Without it the
same article saved on Windows and on Linux would get two ids and two sets of offsets; with it,
offsets still index :attr:`Document.text` exactly, because that normalised string is what is
stored.
"""

from __future__ import annotations

import datetime as dt

from eventwire.errors import FormatError
from eventwire.ingest.dates import parse_date
from eventwire.ingest.decode import check_not_empty, decode_bytes
from eventwire.ingest.ids import content_hash
from eventwire.records import Document


def normalise_newlines(text: str) -> str:
    """Return ``text`` with ``\\r\\n`` and lone ``\\r`` made ``\\n``, nothing else changed."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_document(
    text: str,
    *,
    origin: str,
    doc_id: str | None = None,
    kind: str = "article",
    title: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    author: str | None = None,
    source: str | None = None,
) -> Document:
    """Build a :class:`Document` from text, normalising newlines and filling in the id.

    Args:
        text: the document text.
        origin: where it came from (``path``, ``path:line``, ``path#entry``); names it in errors.
        doc_id: the id the input gave, or ``None`` for :func:`content_hash` of the text.
        kind: one of :data:`eventwire.records.DOCUMENT_KINDS`.
        title: the headline, if known.
        url: the canonical URL, if known.
        published: the publication date, if known.
        author: the byline, if known.
        source: the outlet or feed, if known.

    Returns:
        The document.

    Raises:
        EmptyInputError: the text is empty or whitespace only.
    """
    text = normalise_newlines(text)
    check_not_empty(text, origin)
    return Document(
        doc_id=doc_id if doc_id else content_hash(text),
        text=text,
        kind=kind,
        title=title or None,
        url=url or None,
        published=published,
        author=author or None,
        source=source or None,
        origin=origin,
    )


def read_text(
    text: str,
    *,
    doc_id: str | None = None,
    published: dt.date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    origin: str = "<text>",
) -> Document:
    """Make a document from a string held in memory (the API and ``eventwire code -``).

    Args:
        text: the article text; ``\\r\\n`` becomes ``\\n``, nothing else changes.
        doc_id: a caller's id; default :func:`content_hash` of the text.
        published: the publication date, as a date or a date string.
        title: the headline, if known.
        url: the article's URL, if known.
        source: the outlet, if known.
        origin: how errors name this input.

    Returns:
        The document, ``kind="article"``.

    Raises:
        EmptyInputError: the text is empty or whitespace only.
        FormatError: ``published`` is not a date.
    """
    try:
        date = parse_date(published)
    except ValueError as exc:
        raise FormatError(origin, f'"published" {exc}; write it as YYYY-MM-DD') from None
    return make_document(
        text,
        origin=origin,
        doc_id=doc_id,
        title=title,
        url=url,
        published=date,
        source=source,
    )


def read_text_file(data: bytes, origin: str) -> Document:
    """Make the one document of a plain-text file.

    Args:
        data: the file's bytes.
        origin: the path as given, used as the document's origin and in errors.

    Returns:
        The document: the decoded text with newlines normalised. Its id is the content hash, never
        the path, so the same text read from anywhere gets the same id.
    """
    return make_document(decode_bytes(data, origin), origin=origin)
