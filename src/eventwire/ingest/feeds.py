"""RSS and Atom feeds: one document per entry.

feedparser is handed the bytes already read, wrapped in a stream, never a string: given a string it
would fetch anything that looks like a URL and open anything that looks like a path. It also sniffs
the feed's declared encoding itself, so feeds in ISO-8859-1 or Windows-1252 read correctly.

An entry's text is its title, a blank line, and its body with the markup stripped (paragraph breaks
kept as blank lines). The body is the fuller of ``content`` (``content:encoded``, Atom
``<content>``) and ``summary``: many feeds carry a one-line teaser in one and the whole story in
the other.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from eventwire.errors import EmptyInputError, FormatError, InputError
from eventwire.ingest.decode import check_binary
from eventwire.ingest.text import make_document
from eventwire.records import Document

# Elements that end a paragraph when a summary's markup is flattened to text.
# fmt: off
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "tr", "ul",
})
# fmt: on

_SPACES_RE = re.compile(r"[ \t\r\f\v\xa0]+")
_BREAKS_RE = re.compile(r"\s*\n\s*\n\s*")


def strip_markup(markup: str) -> str:
    """Return the text of an HTML fragment, one paragraph per block, separated by blank lines.

    Args:
        markup: an HTML fragment or plain text (entities are decoded either way).

    Returns:
        The text, with runs of spaces collapsed and no leading or trailing whitespace.
    """
    if not markup or not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _SPACES_RE.sub(" ", markup).strip()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag = element.tag.lower()
        if tag in ("script", "style"):
            element.text = ""
        elif tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    paragraphs = []
    for block in _BREAKS_RE.split(text):
        lines = [_SPACES_RE.sub(" ", line).strip() for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def entry_body(entry: Any) -> str:
    """Return the longer of an entry's stripped ``content`` and ``summary``."""
    bodies = [strip_markup(entry.get("summary", ""))]
    for content in entry.get("content", []) or []:
        bodies.append(strip_markup(content.get("value", "")))
    return max(bodies, key=len)


def entry_date(entry: Any) -> dt.date | None:
    """Return an entry's publication date from ``published_parsed``, else ``updated_parsed``."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
            except ValueError:
                continue
    return None


def read_feed(data: bytes, origin: str) -> Iterator[Document | InputError]:
    """Yield one document per entry of an RSS or Atom feed, and an error per unusable entry.

    Args:
        data: the feed's bytes.
        origin: the path as given; entry ``N`` (from 1) is named ``origin#N``.

    Yields:
        Documents (``kind="feed_entry"``, id = the entry's guid, else its link, else the content
        hash) and :class:`EmptyInputError` for entries without text.

    Raises:
        FormatError: the file is not a feed (not XML, or XML without entries).
        BinaryInputError: the bytes are binary.
    """
    check_binary(data, origin)
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries", [])
    if not entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception", "unknown error")).replace("\n", " ")
            raise FormatError(
                origin, f"is not a readable RSS or Atom feed ({reason}); check that it is XML"
            )
        if not parsed.get("version"):
            raise FormatError(origin, "is XML but not an RSS or Atom feed; nothing to read")
        raise EmptyInputError(origin, "is a feed with no entries; nothing to read")
    feed_title = parsed.get("feed", {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        entry_origin = f"{origin}#{number}"
        title = (entry.get("title") or "").strip()
        body = entry_body(entry)
        title_text = strip_markup(title)
        text = "\n\n".join(part for part in (title_text, body) if part)
        if not text:
            yield EmptyInputError(entry_origin, "feed entry has no title or text; skipped")
            continue
        link = entry.get("link") or None
        yield make_document(
            text,
            origin=entry_origin,
            doc_id=entry.get("id") or link,  # else make_document uses the content hash
            kind="feed_entry",
            title=title_text or None,
            url=link,
            published=entry_date(entry),
            author=entry.get("author") or None,
            source=feed_title,
        )
