"""HTML pages: the article's main text and metadata, with navigation and boilerplate dropped.

trafilatura finds the main text (menus, footers, share buttons and comments go) and the metadata:
title, author, canonical URL, site name and date. The date comes from markup only (meta tags,
JSON-LD, ``<time>``, the URL): htmldate's "extensive search" also scans the body for any date-like
string, which on news pages is as often the date of the events reported as the date of publication.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from typing import Any

import htmldate
import trafilatura
from trafilatura.settings import Document as ExtractedPage

from eventwire.errors import BinaryInputError, FormatError
from eventwire.ingest.dates import parse_date
from eventwire.ingest.decode import check_binary, check_not_empty, decode_utf8
from eventwire.ingest.text import make_document
from eventwire.records import Document

logger = logging.getLogger(__name__)

DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}

# Pages saved by a browser often keep their original encoding and say so in a meta tag; the
# declaration sits in the first KiB by the HTML standard's own rule.
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CHARSET_WINDOW = 1024


def decode_declared(data: bytes) -> str | None:
    """Decode bytes with the charset a ``<meta>`` tag declares, or return ``None``."""
    match = _CHARSET_RE.search(data[:_CHARSET_WINDOW])
    if match is None:
        return None
    try:
        encoding = codecs.lookup(match.group(1).decode("ascii")).name
        # A page that claims UTF-8 but is not has already failed strict decoding.
        return None if encoding == "utf-8" else data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def decode_html(data: bytes, origin: str) -> str:
    """Decode an HTML page: UTF-8, or the charset its ``<meta>`` tag declares.

    Args:
        data: the page's bytes.
        origin: how errors name the file.

    Returns:
        The page's markup as text.

    Raises:
        BinaryInputError: binary bytes, or neither UTF-8 nor the declared charset decodes them.
        EmptyInputError: the file is empty or whitespace only.
    """
    check_binary(data, origin)
    try:
        markup = decode_utf8(data, origin)
    except BinaryInputError as error:
        declared = decode_declared(data)
        if declared is None:
            raise error from None
        markup = declared
    check_not_empty(markup, origin)
    return markup


def find_date(markup: str, extracted: str | None, origin: str) -> dt.date | None:
    """Return the publication date: trafilatura's, else htmldate's from markup, else ``None``."""
    candidates: list[str | None] = [extracted]
    if not extracted:
        try:
            # A parsed tree, never the string: htmldate fetches a string that starts with "http".
            tree = trafilatura.load_html(markup)
            if tree is not None:
                candidates.append(
                    htmldate.find_date(tree, extensive_search=False, original_date=True)
                )
        except Exception as exc:  # a date is optional: a parser bug must not lose the page
            logger.debug("%s: htmldate failed: %s", origin, exc)
    for candidate in candidates:
        try:
            date = parse_date(candidate)
        except ValueError:
            continue
        if date is not None:
            return date
    return None


def read_html(data: bytes, origin: str) -> Document:
    """Make the document of one HTML page.

    Args:
        data: the page's bytes.
        origin: the path as given, used as the document's origin and in errors.

    Returns:
        The document, ``kind="article"``: the main text (paragraphs one per line), with title,
        author, URL, site name and publication date where the page gives them.

    Raises:
        FormatError: trafilatura found no main text (empty, script-only or mangled page).
        BinaryInputError: the bytes are not text.
        EmptyInputError: the file is empty.
    """
    markup = decode_html(data, origin)
    try:
        result = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception as exc:  # a parser failure is this file's problem, never the batch's
        raise FormatError(
            origin, f"no article text found in the HTML (parser failed: {exc}); check the file"
        ) from None
    text = result.text if isinstance(result, ExtractedPage) else None
    # Mangled markup can leave only stray brackets and punctuation as "text"; without a single
    # letter or digit there is nothing to code, so it is reported like an empty page.
    if not isinstance(result, ExtractedPage) or not text or not any(c.isalnum() for c in text):
        raise FormatError(
            origin,
            "no article text found in the HTML; it may be empty, script-only or not an article "
            "page (save the article page itself, or pass its text as a .txt file)",
        )
    return make_document(
        text,
        origin=origin,
        title=result.title,
        url=result.url,
        published=find_date(markup, result.date, origin),
        author=result.author,
        source=result.sitename,
    )
