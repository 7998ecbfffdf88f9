"""Ingestion: files, folders and strings to :class:`~eventwire.records.Document` records.

Reads plain text, HTML pages (main text and metadata by trafilatura), RSS/Atom feeds (one document
per entry) and JSON Lines (one document per line, streamed). Bad inputs come back as
:class:`~eventwire.errors.InputError` values among the documents, so a batch never stops at one.
"""

from __future__ import annotations

from eventwire.ingest.dates import parse_date
from eventwire.ingest.decode import DEFAULT_MAX_BYTES
from eventwire.ingest.ids import content_hash
from eventwire.ingest.paths import read_paths
from eventwire.ingest.text import read_text

__all__ = ["DEFAULT_MAX_BYTES", "content_hash", "parse_date", "read_paths", "read_text"]
