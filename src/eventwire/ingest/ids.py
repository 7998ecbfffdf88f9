"""Stable document ids.

An input that carries its own id (a JSON Lines ``id``, a feed entry's guid) keeps it. Everything
else is named by :func:`content_hash` of its text, so the same text gets the same id whichever
file, folder or machine it was read from, and reading a corpus twice never duplicates a document in
the store.
"""

from __future__ import annotations

import hashlib

# 16 hex characters = 64 bits: a collision among a billion documents has odds of about 1 in 37,000,
# and the id stays short enough to read in a log line or a URL.
HASH_HEX_CHARS = 16


def content_hash(text: str) -> str:
    """Return the stable id of a text: the first 16 hex characters of its BLAKE2b digest.

    Args:
        text: the document text exactly as it will be stored (after newline normalisation).

    Returns:
        A 16-character lowercase hex string that depends on the text only, never on a path.
    """
    return hashlib.blake2b(text.encode("utf-8")).hexdigest()[:HASH_HEX_CHARS]
