"""Happenings, document clusters and stories in DuckDB: tables, the incremental pass, queries.

``update(connection, doc_ids)`` runs after every write batch (``DuckDBStore.write_many``) on the
documents just stored. It reads only what those documents need — their texts, events and
entities, the stored bands, happenings and stories that share a key with them — so a batch costs
its own size, not the store's. Re-running it on stored documents changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import numpy as np

from eventwire.stories import clusters, fingerprints, happenings

if TYPE_CHECKING:
    import duckdb

# No secondary indexes: the look-ups join whole lists of keys at once, which DuckDB answers with
# hash joins over column scans (and zone maps on ``day``); an ART index would only slow inserts.
SCHEMA = """
CREATE TABLE IF NOT EXISTS doc_fingerprints (
    doc_id VARCHAR PRIMARY KEY, cluster_id VARCHAR NOT NULL, signature UBIGINT[] NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_bands (band BIGINT NOT NULL, doc_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS happenings (
    happening_id VARCHAR PRIMARY KEY, bucket VARCHAR NOT NULL, place VARCHAR NOT NULL,
    event_date DATE, placed_by VARCHAR, dated BOOLEAN NOT NULL, num_mentions INTEGER NOT NULL,
    num_sources INTEGER NOT NULL, num_documents INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS event_links (
    event_id VARCHAR PRIMARY KEY, happening_id VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (
    story_id VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, first_date DATE, last_date DATE
);
CREATE TABLE IF NOT EXISTS doc_keys (
    doc_id VARCHAR NOT NULL, "key" VARCHAR NOT NULL, day DATE
);
CREATE TABLE IF NOT EXISTS story_documents (
    doc_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL
);
"""


@dataclasses.dataclass(frozen=True, slots=True)
class StoryRecord:
    """A story as the store returns it."""

    story_id: str
    title: str
    first_date: dt.date | None
    last_date: dt.date | None
    actors: list[str]
    documents: list[str]
    headlines: list[str]
    event_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        for key in ("first_date", "last_date"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def update(connection: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    """Cluster the new documents, group their events into happenings, place them in stories."""
    if not doc_ids:
        return
    fresh = _not_yet_done(connection, doc_ids)
    if not fresh:
        return
    cluster_of = _cluster_documents(connection, fresh)
    touched = _group_events(connection, fresh)
    _recount(connection, touched)
    _place_in_stories(connection, fresh, cluster_of)


def _insert(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    rows: list[tuple[Any, ...]],
    *,
    replace: bool = False,
) -> None:
    """Insert rows in one statement (column lists unnested side by side): DuckDB runs
    ``executemany`` row by row, which costs a batch hundreds of round trips."""
    if not rows:
        return
    columns = [list(column) for column in zip(*rows, strict=True)]
    values = ", ".join("unnest(?)" for _ in columns)
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    connection.execute(f"{verb} INTO {table} SELECT {values}", columns)


def _update_happenings(
    connection: duckdb.DuckDBPyConnection, names: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Set columns ``names`` of happenings from rows of (happening_id, *values)."""
    if not rows:
        return
    columns = [list(column) for column in zip(*rows, strict=True)]
    values = ", ".join(f"unnest(?) AS {name}" for name in ("id", *names))
    sets = ", ".join(f"{name} = v.{name}" for name in names)
    connection.execute(
        f"UPDATE happenings SET {sets} FROM (SELECT {values}) v WHERE happening_id = v.id",
        columns,
    )


def _not_yet_done(connection: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[str]:
    rows = connection.execute(
        "SELECT d.doc_id FROM documents d WHERE d.doc_id IN (SELECT unnest(?)) "
        "AND d.doc_id NOT IN (SELECT doc_id FROM doc_fingerprints)",
        [doc_ids],
    ).fetchall()
    done = {r[0] for r in rows}
    return [d for d in doc_ids if d in done]


# --- near-duplicate documents ---------------------------------------------------------------


def _cluster_documents(connection: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, str]:
    texts = connection.execute(
        "SELECT doc_id, text FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids]
    ).fetchall()
    order = {d: i for i, d in enumerate(doc_ids)}
    texts.sort(key=lambda r: order[r[0]])
    signatures = {doc_id: fingerprints.signature(text) for doc_id, text in texts}
    band_rows = [
        (band, doc_id) for doc_id, s in signatures.items() for band in fingerprints.bands(s)
    ]
    all_bands = sorted({b for b, _ in band_rows})
    # the bands first, then the signatures of the few documents they name: joining the two
    # tables would read every stored signature
    by_band: dict[int, list[str]] = {}
    for band, doc_id in connection.execute(
        "SELECT band, doc_id FROM doc_bands WHERE band IN (SELECT unnest(?))", [all_bands]
    ).fetchall():
        by_band.setdefault(band, []).append(doc_id)
    known: dict[str, tuple[str, np.ndarray]] = {
        doc_id: (cluster_id, np.asarray(signature, dtype=np.uint64))
        for doc_id, cluster_id, signature in connection.execute(
            "SELECT doc_id, cluster_id, signature FROM doc_fingerprints "
            "WHERE doc_id IN (SELECT unnest(?))",
            [sorted({d for docs in by_band.values() for d in docs})],
        ).fetchall()
    }
    cluster_of: dict[str, str] = {}
    for doc_id, signature in signatures.items():
        candidates = {c for band in fingerprints.bands(signature) for c in by_band.get(band, ())}
        best: tuple[float, str] | None = None
        for other in sorted(candidates):
            similarity = fingerprints.similarity(signature, known[other][1])
            if similarity >= fingerprints.NEAR_DUPLICATE and (best is None or similarity > best[0]):
                best = (similarity, known[other][0])
        cluster_of[doc_id] = best[1] if best else doc_id
        known[doc_id] = (cluster_of[doc_id], signature)
        for band in fingerprints.bands(signature):
            by_band.setdefault(band, []).append(doc_id)
    _insert(
        connection,
        "doc_fingerprints",
        [(d, cluster_of[d], signatures[d].tolist()) for d in signatures],
    )
    _insert(connection, "doc_bands", band_rows)
    return cluster_of


# --- happenings -----------------------------------------------------------------------------

_MENTIONS_SQL = """
    SELECT e.event_id, e.cameo_root, e.negated OR e.hypothetical,
           coalesce(src.org, src.country, src.code), coalesce(tgt.org, tgt.country, tgt.code),
           coalesce(p.name, ''), e.event_date, coalesce(e.date_basis, 'published') <> 'published',
           e.doc_id
    FROM events e
    JOIN documents d USING (doc_id)
    LEFT JOIN actors src ON src.event_id = e.event_id AND src.slot = 'source'
    LEFT JOIN actors tgt ON tgt.event_id = e.event_id AND tgt.slot = 'target'
    LEFT JOIN places p ON p.doc_id = e.doc_id AND p."start" = e.location_start
    WHERE e.doc_id IN (SELECT unnest(?))
    ORDER BY d.published NULLS LAST, e.doc_id, e.sentence_index, e.trigger_start
"""


def _group_events(connection: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> set[str]:
    mentions = [
        happenings.Mention(
            event_id=row[0],
            bucket=happenings.bucket_of(row[3], row[4], row[1], bool(row[2])),
            place=row[5],
            event_date=row[6],
            dated=bool(row[7]),
            doc_id=row[8],
        )
        for row in connection.execute(_MENTIONS_SQL, [doc_ids]).fetchall()
    ]
    if not mentions:
        return set()
    buckets = sorted({m.bucket for m in mentions if m.bucket is not None})
    known = [
        happenings.Happening(*row)
        for row in connection.execute(
            "SELECT happening_id, bucket, place, event_date, placed_by, dated FROM happenings "
            "WHERE bucket IN (SELECT unnest(?))",
            [buckets],
        ).fetchall()
    ]
    places_before = {h.happening_id: h.place for h in known}
    assigned, created = happenings.group(mentions, known)
    singles = [m.event_id for m in mentions if m.bucket is None]
    _insert(
        connection,
        "happenings",
        [
            (h.happening_id, h.bucket, h.place, h.event_date, h.placed_by, h.dated, 0, 0, 0)
            for h in created
        ]
        + [(e, "", "", None, None, False, 0, 0, 0) for e in singles],
    )
    moved = [h for h in known if h.place != places_before[h.happening_id]]
    _update_happenings(
        connection, ("place", "placed_by"), [(h.happening_id, h.place, h.placed_by) for h in moved]
    )
    _insert(connection, "event_links", sorted(assigned.items()))
    return set(assigned.values())


def _recount(connection: duckdb.DuckDBPyConnection, touched: set[str]) -> None:
    """Recount the mentions, outlets and documents of the happenings a batch touched."""
    if not touched:
        return
    rows = connection.execute(
        """
        SELECT l.happening_id, count(*), count(DISTINCT d.doc_id),
               list(DISTINCT coalesce(d.source, d.url, d.doc_id))
        FROM event_links l JOIN events e USING (event_id) JOIN documents d ON d.doc_id = e.doc_id
        WHERE l.happening_id IN (SELECT unnest(?))
        GROUP BY l.happening_id
        """,
        [sorted(touched)],
    ).fetchall()
    _update_happenings(
        connection,
        ("num_mentions", "num_documents", "num_sources"),
        [
            (h, mentions, documents, len({_outlet(s) for s in sources}))
            for h, mentions, documents, sources in rows
        ],
    )


def _outlet(source: str) -> str:
    """An outlet's name, or the host of a document's URL when it names none."""
    if source.startswith(("http://", "https://")):
        host = urlsplit(source).hostname or source
        return host.removeprefix("www.")
    return source.strip().lower()


# --- stories --------------------------------------------------------------------------------


def _document_keys(
    connection: duckdb.DuckDBPyConnection, doc_ids: list[str]
) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {d: set() for d in doc_ids}
    for doc_id, source, target in connection.execute(
        "SELECT e.doc_id, src.country, tgt.country FROM events e "
        "JOIN actors src ON src.event_id = e.event_id AND src.slot = 'source' "
        "JOIN actors tgt ON tgt.event_id = e.event_id AND tgt.slot = 'target' "
        "WHERE e.doc_id IN (SELECT unnest(?)) AND NOT (e.negated OR e.hypothetical) "
        "AND src.country IS NOT NULL AND tgt.country IS NOT NULL",
        [doc_ids],
    ).fetchall():
        if source != target:
            keys[doc_id].add("d:" + "-".join(sorted((source, target))))
    for doc_id, name, code in connection.execute(
        "SELECT doc_id, name, code FROM entities WHERE doc_id IN (SELECT unnest(?))", [doc_ids]
    ).fetchall():
        keys[doc_id].add("e:" + (code or name).lower())
    for doc_id, name in connection.execute(
        "SELECT doc_id, name FROM places WHERE doc_id IN (SELECT unnest(?)) "
        "AND feature <> 'country'",
        [doc_ids],
    ).fetchall():
        keys[doc_id].add("e:" + name.lower())
    return keys


def _place_in_stories(
    connection: duckdb.DuckDBPyConnection, doc_ids: list[str], cluster_of: dict[str, str]
) -> None:
    rows = connection.execute(
        "SELECT doc_id, kind, published, coalesce(title, ''), text FROM documents "
        "WHERE doc_id IN (SELECT unnest(?))",
        [doc_ids],
    ).fetchall()
    order = {d: i for i, d in enumerate(doc_ids)}
    rows.sort(key=lambda row: order[row[0]])  # in the order reported
    keys = _document_keys(connection, doc_ids)
    for doc_id, kind, _, title, text in rows:
        # headlines are all title; an article is told by its title and first paragraph (a
        # page's headline list, further down, is about other stories)
        lead = text if kind == "headline" else f"{title}\n{text.strip().split(chr(10) * 2)[0]}"
        keys[doc_id] |= clusters.word_keys(lead)
    near_duplicates = dict(
        connection.execute(
            "SELECT f.cluster_id, s.story_id FROM doc_fingerprints f "
            "JOIN story_documents s ON s.doc_id = f.doc_id "
            "WHERE f.cluster_id IN (SELECT unnest(?))",
            [sorted(set(cluster_of.values()))],
        ).fetchall()
    )
    documents = [
        clusters.DocumentKeys(
            doc_id=doc_id,
            headline=kind == "headline",
            date=published,
            title=title or _first_words(text),
            keys=frozenset(keys[doc_id]),
            cluster_story=near_duplicates.get(cluster_of.get(doc_id, doc_id)),
        )
        for doc_id, kind, published, title, text in rows
    ]
    known = _neighbours(connection, documents)
    wanted = set(known.story.values()) | set(near_duplicates.values())
    stories = {
        story_id: clusters.Story(story_id, title, first, last)
        for story_id, title, first, last in connection.execute(
            "SELECT story_id, title, first_date, last_date FROM stories "
            "WHERE story_id IN (SELECT unnest(?))",
            [sorted(wanted)],
        ).fetchall()
    }
    placed, changed = clusters.assign(documents, stories, known)
    _insert(
        connection,
        "stories",
        [(s, stories[s].title, stories[s].first_date, stories[s].last_date) for s in changed],
        replace=True,
    )
    _insert(connection, "story_documents", sorted(placed.items()))
    _insert(
        connection,
        "doc_keys",
        [(d.doc_id, key, d.date) for d in documents if not d.headline for key in sorted(d.keys)],
    )


def _neighbours(
    connection: duckdb.DuckDBPyConnection, documents: list[clusters.DocumentKeys]
) -> clusters.Neighbours:
    """The stored articles of the new documents' date window that share a word or dyad."""
    known = clusters.Neighbours()
    lookup = sorted({k for d in documents for k in d.keys if clusters.lookup_key(k)})
    days = [d.date for d in documents if d.date is not None]
    if not lookup:
        return known
    window = dt.timedelta(days=clusters.ACTIVE_DAYS)
    # a plain range on the day lets DuckDB skip the row groups of older documents (they are
    # stored as they arrive, mostly in date order); undated documents meet only undated ones
    dated = "AND k.day BETWEEN ? AND ?" if days else "AND k.day IS NULL"
    bounds = [min(days) - window, max(days) + window] if days else []
    rows = connection.execute(
        f"""
        WITH near AS (
            SELECT DISTINCT k.doc_id FROM doc_keys k
            WHERE k."key" IN (SELECT unnest(?)) {dated}
        )
        SELECT k.doc_id, list(k."key"), any_value(k.day), any_value(sd.story_id)
        FROM doc_keys k JOIN near USING (doc_id) JOIN story_documents sd USING (doc_id)
        GROUP BY k.doc_id
        """,
        [lookup, *bounds],
    ).fetchall()
    for doc_id, doc_keys, day, story_id in rows:
        known.add(doc_id, frozenset(doc_keys), day, story_id)
    return known


def _first_words(text: str, limit: int = 90) -> str:
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- queries --------------------------------------------------------------------------------


def select_stories(
    connection: duckdb.DuckDBPyConnection, *, limit: int | None = None, min_documents: int = 1
) -> list[StoryRecord]:
    """Return stories, the most recent first, with their documents, headlines and events."""
    rows = connection.execute(
        f"""
        SELECT s.story_id, s.title, s.first_date, s.last_date,
               list(d.doc_id ORDER BY d.published, d.doc_id) FILTER (WHERE d.kind <> 'headline'),
               list(d.doc_id ORDER BY d.doc_id) FILTER (WHERE d.kind = 'headline')
        FROM stories s
        JOIN story_documents sd USING (story_id)
        JOIN documents d ON d.doc_id = sd.doc_id
        GROUP BY ALL
        HAVING count(*) FILTER (WHERE d.kind <> 'headline') >= ?
        ORDER BY s.last_date DESC NULLS LAST, s.story_id
        {"LIMIT " + str(int(limit)) if limit else ""}
        """,
        [min_documents],
    ).fetchall()
    stories = []
    for story_id, title, first, last, documents, headlines in rows:
        documents, headlines = documents or [], headlines or []
        events = connection.execute(
            "SELECT l.happening_id, e.source_code, e.target_code FROM events e "
            "JOIN event_links l USING (event_id) WHERE e.doc_id IN (SELECT unnest(?)) "
            "ORDER BY e.event_date, e.doc_id, e.sentence_index",
            [documents + headlines],
        ).fetchall()
        actors = Counter(code for _, *codes in events for code in codes if code)
        stories.append(
            StoryRecord(
                story_id=story_id,
                title=title,
                first_date=first,
                last_date=last,
                actors=[code for code, _ in actors.most_common(5)],
                documents=documents,
                headlines=headlines,
                event_ids=list(dict.fromkeys(h for h, *_ in events)),
            )
        )
    return stories


def select_mentions(connection: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """Return every mention of the happening an event belongs to, in reporting order."""
    rows = connection.execute(
        """
        SELECT e.event_id, e.doc_id, e.sentence_index, s.text, e.trigger_start, e.trigger_end,
               d.source, d.url, d.published, f.cluster_id
        FROM event_links l
        JOIN event_links m ON m.happening_id = l.happening_id
        JOIN events e ON e.event_id = m.event_id
        JOIN sentences s ON s.doc_id = e.doc_id AND s.sentence_index = e.sentence_index
        JOIN documents d ON d.doc_id = e.doc_id
        LEFT JOIN doc_fingerprints f ON f.doc_id = e.doc_id
        WHERE l.event_id = ?
        ORDER BY d.published NULLS LAST, e.doc_id, e.sentence_index
        """,
        [event_id],
    ).fetchall()
    keys = (
        "event_id",
        "doc_id",
        "sentence_index",
        "sentence",
        "start",
        "end",
        "source",
        "url",
        "published",
        "doc_cluster",
    )
    mentions = [dict(zip(keys, row, strict=True)) for row in rows]
    for mention in mentions:
        if mention["published"] is not None:
            mention["published"] = mention["published"].isoformat()
    return mentions
