"""Files and folders to documents: walk, detect each file's format, hand it to its reader.

The format comes from the suffix where it is unambiguous (``.html``, ``.rss``, ``.jsonl``,
``.txt``), and otherwise from the first bytes: ``<rss``/``<feed``/``<rdf:RDF`` (also after
``<?xml``) is a feed, ``<!doctype html``/``<html`` is HTML, a first line that is a whole JSON
object is JSON Lines, anything else is text. Files without a suffix are sniffed too, because feeds
and pages saved from the web often have none; plain text sniffs as text.

Errors are yielded as values, in order with the documents, so a batch of ten thousand files goes on
past the one that is broken and the caller can count and report every failure.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventwire.errors import FormatError, InputError
from eventwire.ingest.decode import DEFAULT_MAX_BYTES, SNIFF_BYTES, UTF8_BOM, read_bytes
from eventwire.ingest.feeds import read_feed
from eventwire.ingest.html import read_html
from eventwire.ingest.jsonl import looks_like_jsonl, read_jsonl
from eventwire.ingest.text import read_text_file
from eventwire.records import Document

PathInput = str | os.PathLike[str]

SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".feed": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

# Inside a folder these are skipped without an error: they are certainly not text, and corpora sit
# next to their PDFs, images, archives and the eventwire database itself. Named explicitly on the
# command line they are read, and refused as binary, so nothing asked for is dropped silently.
# fmt: off
BINARY_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".tif", ".tiff", ".svgz", ".pdf",
    ".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar", ".duckdb", ".db",
    ".sqlite", ".sqlite3", ".parquet", ".arrow", ".feather", ".pkl", ".pickle", ".npy", ".npz",
    ".bin", ".exe", ".dll", ".so", ".dylib", ".pyc", ".whl", ".woff", ".woff2", ".ttf", ".otf",
    ".mp3", ".mp4", ".m4a", ".mov", ".avi", ".wav", ".ogg", ".doc", ".docx", ".xls", ".xlsx",
    ".ppt", ".pptx", ".odt", ".epub", ".wal",
})
# fmt: on

_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")
# How far into the file the root element of an XML document may sit (after comments, stylesheets).
_XML_ROOT_WINDOW = 1024

Reader = Callable[[bytes, str], Iterator[Document | InputError]]


def sniff_format(head: bytes) -> str:
    """Return the format a file's first bytes show: ``feed``, ``html``, ``jsonl`` or ``text``.

    Args:
        head: the first bytes of the file (at most :data:`SNIFF_BYTES` are needed).
    """
    if head.startswith(UTF8_BOM):
        head = head[len(UTF8_BOM) :]
    start = head.lstrip()[:_XML_ROOT_WINDOW].lower()
    if start.startswith(_FEED_MARKERS):
        return "feed"
    if start.startswith(_HTML_MARKERS):
        return "html"
    if start.startswith(b"<?xml"):
        if any(marker in start for marker in _FEED_MARKERS):
            return "feed"
        if any(marker in start for marker in _HTML_MARKERS):
            return "html"
        return "feed"  # other XML: the feed reader says clearly that it is not a feed
    if start.startswith(b"{") and looks_like_jsonl(head):
        return "jsonl"
    return "text"


def detect_format(path: Path) -> str:
    """Return a file's format from its suffix, else from its first bytes.

    Args:
        path: an existing file.

    Returns:
        ``text``, ``html``, ``feed``, ``jsonl``, or ``json`` for a ``.json`` file that is not
        JSON Lines.
    """
    suffix = path.suffix.lower()
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    found = sniff_format(head)
    if suffix == ".json" and found != "jsonl":
        return "json"
    return found


def _read_single(reader: Callable[[bytes, str], Document]) -> Reader:
    """Adapt a one-document reader to the many-document reader signature."""

    def read(data: bytes, origin: str) -> Iterator[Document | InputError]:
        yield reader(data, origin)

    return read


READERS: dict[str, Reader] = {
    "text": _read_single(read_text_file),
    "html": _read_single(read_html),
    "feed": read_feed,
}


def read_file(path: Path, origin: str, max_bytes: int) -> Iterator[Document | InputError]:
    """Yield the documents of one file, and its errors as values.

    Args:
        path: the file.
        origin: the path as the user gave it (or as built from the folder they gave).
        max_bytes: the limit per document.
    """
    try:
        if not path.is_file():
            raise InputError(origin, "is not a regular file; give files or folders")
        kind = detect_format(path)
        if kind == "jsonl":
            yield from read_jsonl(path, origin, max_bytes)
            return
        if kind == "json":
            raise FormatError(
                origin,
                "is JSON but not JSON Lines (one object per line); convert it, e.g. "
                f"`jq -c '.[]' {path.name} > {path.stem}.jsonl`",
            )
        data = read_bytes(path, origin, max_bytes)
        yield from READERS[kind](data, origin)
    except InputError as error:
        yield error
    except OSError as exc:
        yield InputError(origin, f"cannot be read ({exc.strerror or exc}); check its permissions")


def walk_folder(folder: Path) -> Iterator[Path | InputError]:
    """Yield the files under a folder, sorted by name at each level, hidden entries skipped.

    Args:
        folder: the folder to walk.

    Yields:
        File paths, depth first in name order (the same on every machine), and an
        :class:`InputError` for a subfolder that cannot be listed.
    """
    try:
        children = sorted(folder.iterdir(), key=lambda child: child.name)
    except OSError as exc:
        yield InputError(str(folder), f"cannot be listed ({exc.strerror or exc})")
        return
    for child in children:
        if child.name.startswith("."):
            continue  # .git, .DS_Store, editor swap files
        if child.is_dir():
            # Symlinked folders are not followed: a link back up the tree would loop forever.
            if not child.is_symlink():
                yield from walk_folder(child)
        elif child.suffix.lower() not in BINARY_SUFFIXES:
            yield child


def read_paths(
    paths: PathInput | Iterable[PathInput], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputError]:
    """Read files and folders into documents, yielding errors as values instead of raising them.

    Args:
        paths: files and folders (a single path is accepted too). Folders are walked recursively
            in sorted order, skipping hidden entries and images, archives and other binaries.
        max_bytes: the limit per document: a whole text, HTML or feed file, or one JSON Lines line.
            Larger files are refused from their size, before they are read.

    Returns:
        An iterator of :class:`Document` and :class:`InputError` values, in input order. Each
        error's message is one line naming the file (``path``, ``path:LINE``, ``path#ENTRY``).
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for given in paths:
        origin = os.fspath(given)
        path = Path(origin)
        if path.is_dir():
            for found in walk_folder(path):
                if isinstance(found, InputError):
                    yield found
                else:
                    yield from read_file(found, str(found), max_bytes)
        elif path.exists():
            yield from read_file(path, origin, max_bytes)
        else:
            yield InputError(origin, "does not exist; check the path")
