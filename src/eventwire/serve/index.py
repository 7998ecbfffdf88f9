"""The in-memory read model of GET /events: every event's sort key and filter columns.

DuckDB scans a column to answer any query, so a page of 50 of 100,000 events costs tens of
milliseconds however it is written (measured on a 2-core machine: 15 ms for the ordered ids alone,
70 ms with the joins). The API process is the store's only writer, so it can keep what paging
needs in memory instead: the events in the events' order (newest first, see
``eventwire.store.duckdb.EVENT_SORT_KEY``) as NumPy columns, filtered by masks in well under a
millisecond, and each event's JSON, cached once fetched (dropped when its happening gets new
reports). Keyset paging is a binary search of the cursor's key. About 400 bytes an event plus its
sentence (measured with tracemalloc on 100,000 events), and the cached JSON of at most
``JSON_CACHE`` events.
"""

from __future__ import annotations

import bisect
import collections
import dataclasses
import datetime as dt
import json
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np

from eventwire.store import EventFilter

if TYPE_CHECKING:
    from eventwire.records import Event
    from eventwire.store import DuckDBStore

# Events whose JSON is kept: a dashboard pages through the newest events again and again.
JSON_CACHE = 50_000
# The sentinels of eventwire.store.duckdb.EVENT_SORT_KEY: no date sorts last, no trigger offset
# last within a sentence.
NO_DATE = dt.date(1, 1, 1)
NO_OFFSET = 2147483647
_MISSING = -1

_ROWS_SQL = """
    SELECT e.event_date, e.doc_id, e.sentence_index, e.trigger_start, e.event_id,
           e.quad_class, e.cameo_root, e.plover, e.source_code, e.target_code,
           src.country, tgt.country, s.text
    FROM events e
    LEFT JOIN sentences s USING (doc_id, sentence_index)
    LEFT JOIN actors src ON src.event_id = e.event_id AND src.slot = 'source'
    LEFT JOIN actors tgt ON tgt.event_id = e.event_id AND tgt.slot = 'target'
    WHERE e.event_id NOT IN (SELECT event_id FROM event_links WHERE happening_id <> event_id)
"""


def sort_key(
    day: dt.date | None, doc_id: str, index: int, start: int | None, event_id: str
) -> tuple[Any, ...]:
    """Return an event's key in ascending order (newest date first, then document order)."""
    return (
        -(day or NO_DATE).toordinal(),
        doc_id,
        index,
        NO_OFFSET if start is None else start,
        event_id,
    )


def cursor_key(after: tuple[Any, ...]) -> tuple[Any, ...]:
    """Return the index key of ``EventFilter.after`` (``eventwire.store.duckdb.event_sort_key``)."""
    day, doc_id, index, start, event_id = after
    return (-day.toordinal(), doc_id, index, start, event_id)


class _Vocabulary:
    """Strings as small integers, so a filter is an integer comparison over a NumPy column."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def id(self, value: str | None) -> int:
        if value is None:
            return _MISSING
        return self.ids.setdefault(value.upper(), len(self.ids))

    def find(self, value: str) -> int:
        return self.ids.get(value.upper(), -2)


@dataclasses.dataclass(frozen=True, slots=True)
class _Snapshot:
    """The columns at one moment; a write builds a new snapshot, readers keep theirs."""

    keys: list[tuple[Any, ...]]
    sentences: list[str]
    columns: dict[str, np.ndarray]


_COLUMNS = (
    "date",
    "quad",
    "root",
    "plover",
    "source",
    "target",
    "source_country",
    "target_country",
    "doc",
)


class EventIndex:
    """Which events a filter selects, in order, and their JSON.

    Args:
        store: the store the index is loaded from and events are fetched from.
    """

    def __init__(self, store: DuckDBStore) -> None:
        self._vocabulary = _Vocabulary()
        self._write = threading.Lock()
        self._json: collections.OrderedDict[str, str] = collections.OrderedDict()
        self._json_lock = threading.Lock()
        rows = store.connection.execute(_ROWS_SQL).fetchall()
        self._snapshot = self._build(sorted(self._row(*r) for r in rows))

    def _row(
        self,
        day: dt.date | None,
        doc_id: str,
        index: int,
        start: int | None,
        event_id: str,
        quad: int | None,
        root: str | None,
        plover: str | None,
        source: str | None,
        target: str | None,
        source_country: str | None,
        target_country: str | None,
        sentence: str | None,
    ) -> tuple[Any, ...]:
        v = self._vocabulary.id
        return (
            sort_key(day, doc_id, index, start, event_id),
            (sentence or "").lower(),
            (day or NO_DATE).toordinal(),
            quad if quad is not None else _MISSING,
            int(root) if root and root.isdigit() else _MISSING,
            v(plover),
            v(source),
            v(target),
            v(source_country),
            v(target_country),
            v(doc_id),
        )

    def _build(self, rows: list[tuple[Any, ...]]) -> _Snapshot:
        columns = {
            name: np.array([r[n + 2] for r in rows], dtype=np.int32)
            for n, name in enumerate(_COLUMNS)
        }
        return _Snapshot(
            keys=[r[0] for r in rows],
            sentences=[r[1] for r in rows],
            columns=columns,
        )

    def __len__(self) -> int:
        return len(self._snapshot.keys)

    def add(self, events: Iterable[Event]) -> None:
        """Add newly stored events (an event already indexed is skipped)."""
        with self._write:
            old = self._snapshot
            fresh = [
                self._row(
                    e.event_date,
                    e.doc_id,
                    e.sentence_index,
                    e.trigger_start,
                    e.event_id,
                    e.quad_class,
                    e.cameo_root,
                    e.plover,
                    e.source.code if e.source else None,
                    e.target.code if e.target else None,
                    e.source.country if e.source else None,
                    e.target.country if e.target else None,
                    e.sentence,
                )
                for e in events
            ]
            fresh = sorted(r for r in fresh if not _holds(old.keys, r[0]))
            self._cache({e.event_id: json.dumps(e.to_dict(), ensure_ascii=False) for e in events})
            if not fresh:
                return
            # The old rows are in order: each fresh row goes in at its place, by copies of the
            # columns rather than a sort of every row (a write must not stall the readers).
            positions = [bisect.bisect_left(old.keys, row[0]) for row in fresh]
            columns = {
                name: np.insert(
                    old.columns[name], positions, np.array([r[n + 2] for r in fresh], np.int32)
                )
                for n, name in enumerate(_COLUMNS)
            }
            self._snapshot = _Snapshot(
                keys=_spliced(old.keys, positions, [r[0] for r in fresh]),
                sentences=_spliced(old.sentences, positions, [r[1] for r in fresh]),
                columns=columns,
            )

    def select(self, where: EventFilter, limit: int) -> list[tuple[Any, ...]]:
        """Return the keys of the first ``limit`` events the filter selects, in order (each
        key's last item is the event id)."""
        snap = self._snapshot
        start = bisect.bisect_right(snap.keys, cursor_key(where.after)) if where.after else 0
        mask = self._mask(snap, where)
        needle = where.q.lower() if where.q else None
        found: list[tuple[Any, ...]] = []
        for positions in _chunks(mask, start, len(snap.keys)):
            for position in positions:
                if needle is not None and needle not in snap.sentences[position]:
                    continue
                found.append(snap.keys[position])
                if len(found) >= limit:
                    return found
        return found

    def _mask(self, snap: _Snapshot, where: EventFilter) -> np.ndarray | None:
        c = snap.columns
        find = self._vocabulary.find
        parts: list[np.ndarray] = []
        if where.actor:
            code = find(where.actor)
            parts.append((c["source"] == code) | (c["target"] == code))
        if where.country:
            code = find(where.country)
            parts.append((c["source_country"] == code) | (c["target_country"] == code))
        if where.roots:
            roots = np.zeros(len(snap.keys), dtype=bool)
            for root in where.roots:
                roots |= c["root"] == (int(root) if root.isdigit() else -2)
            parts.append(roots)
        if where.since:
            parts.append(c["date"] >= where.since.toordinal())
        if where.until:
            parts.append((c["date"] <= where.until.toordinal()) & (c["date"] > NO_DATE.toordinal()))
        if where.doc_id:
            parts.append(c["doc"] == find(where.doc_id))
        if where.dyad:
            for side, value in zip(("source", "target"), where.dyad, strict=True):
                if value and value != "*":
                    code = find(value)
                    parts.append((c[side] == code) | (c[f"{side}_country"] == code))
        if where.plover:
            parts.append(c["plover"] == find(where.plover))
        if where.quad is not None:
            parts.append(c["quad"] == where.quad)
        if not parts:
            return None
        mask = parts[0]
        for part in parts[1:]:
            mask = mask & part
        return mask

    def _cache(self, texts: dict[str, str]) -> None:
        with self._json_lock:
            for event_id, text in texts.items():
                self._json[event_id] = text
            while len(self._json) > JSON_CACHE:
                self._json.popitem(last=False)

    def forget(self, ids: Iterable[str]) -> None:
        """Drop the cached JSON of events whose happening got new reports (their counts)."""
        with self._json_lock:
            for event_id in ids:
                self._json.pop(event_id, None)

    def cached_json(self, ids: list[str]) -> list[str] | None:
        """Return the events' JSON if every one is cached, else None."""
        with self._json_lock:
            try:
                texts = [self._json[i] for i in ids]
            except KeyError:
                return None
            for i in ids:
                self._json.move_to_end(i)
        return texts

    def json_of(self, store: DuckDBStore, ids: list[str]) -> list[str]:
        """Return the events' JSON (the event contract), fetching those not cached."""
        with self._json_lock:
            cached = {i: self._json[i] for i in ids if i in self._json}
            for i in cached:
                self._json.move_to_end(i)
        missing = tuple(i for i in ids if i not in cached)
        if missing:
            fetched = {
                e.event_id: json.dumps(e.to_dict(), ensure_ascii=False)
                for e in store.events(EventFilter(event_ids=missing))
            }
            self._cache(fetched)
            cached.update(fetched)
        return [cached[i] for i in ids if i in cached]


def _chunks(mask: np.ndarray | None, start: int, end: int) -> Iterable[list[int]]:
    """Yield the selected positions from ``start`` on, a thousand at a time (a page is read
    from the first chunk; a rare text search reads on)."""
    selected = np.arange(start, end) if mask is None else np.flatnonzero(mask[start:]) + start
    for first in range(0, len(selected), 1024):
        yield selected[first : first + 1024].tolist()


def _holds(keys: list[tuple[Any, ...]], key: tuple[Any, ...]) -> bool:
    position = bisect.bisect_left(keys, key)
    return position < len(keys) and keys[position] == key


def _spliced(values: list[Any], positions: list[int], fresh: list[Any]) -> list[Any]:
    """Return ``values`` with each fresh value inserted before its (ascending) position."""
    out: list[Any] = []
    previous = 0
    for position, value in zip(positions, fresh, strict=True):
        out.extend(values[previous:position])
        out.append(value)
        previous = position
    out.extend(values[previous:])
    return out


def key_to_after(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """Return an index key as ``EventFilter.after`` (the inverse of :func:`cursor_key`)."""
    order, doc_id, index, start, event_id = key
    return (dt.date.fromordinal(-order), doc_id, index, start, event_id)
