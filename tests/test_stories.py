"""One event per happening, near-duplicate documents and stories, on a hand-built corpus: one
wire story in three outlets (two near-verbatim copies, one reworded), two unrelated stories, and
two pages ending in the same headline list."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.records import Document
from eventwire.store.base import EventFilter
from eventwire.stories import happenings
from eventwire.stories.fingerprints import NEAR_DUPLICATE, signature, similarity

WIRE = """Azerbaijani forces shelled Armenian army positions near the border village of Sotk on \
Tuesday, killing two soldiers, the Armenian defence ministry said.

The ministry said the shelling began before dawn and lasted several hours. Armenia called on \
Russia and the European Union to condemn the attack.

Azerbaijan's defence ministry denied the report and accused Armenian troops of opening fire \
first."""
COPY = WIRE.replace("lasted several hours", "lasted for several hours").replace(
    "opening fire first.", "opening fire first, state media reported."
)
REWORDED = """Armenia said on Tuesday that Azerbaijani forces had shelled Armenian army positions \
near Sotk, killing two soldiers.

Yerevan urged Moscow and Brussels to condemn what it called a provocation on the border. Baku \
rejected the account."""
FOURTH = """Azerbaijani troops shelled Armenian army positions close to Sotk on Tuesday, Armenia's \
defence ministry said, in the worst border incident this year."""
TRADE = """Kenya and Tanzania signed a trade agreement in Nairobi on Monday that cuts tariffs on \
maize and cement, the two governments said.

President William Ruto hosted his Tanzanian counterpart Samia Suluhu Hassan for the signing."""
ARRESTS = """Police in Lima arrested dozens of opposition protesters on Wednesday after clashes \
outside the Congress building, Peru's interior ministry said."""
HEADLINES = """

Armenia Accuses Azerbaijan of Deadly Shelling on Border Near Sotk
Chile Wins Copa America Qualifier in Santiago
New Museum of Modern Art Opens in Oslo
"""
TUESDAY = dt.date(2024, 5, 14)


def _corpus() -> list[Document]:
    return [
        Document(
            doc_id="wire",
            text=WIRE,
            title="Azerbaijan shells Armenian positions",
            source="Wire Agency",
            url="https://wire.example/1",
            published=TUESDAY,
        ),
        Document(
            doc_id="copy",
            text=COPY,
            title="Azerbaijan shells Armenian positions near Sotk",
            source="Daily Courier",
            url="https://courier.example/2",
            published=TUESDAY,
        ),
        Document(
            doc_id="reworded",
            text=REWORDED,
            title="Armenia says two soldiers killed",
            source="Caucasus Times",
            published=TUESDAY,
        ),
        Document(
            doc_id="trade",
            text=TRADE,
            title="Kenya and Tanzania sign trade deal",
            source="Wire Agency",
            published=TUESDAY - dt.timedelta(days=1),
        ),
        Document(
            doc_id="arrests",
            text=ARRESTS,
            title="Peru police arrest protesters",
            source="Andes Daily",
            published=TUESDAY + dt.timedelta(days=1),
        ),
        Document(
            doc_id="page1",
            text="The port of Mombasa will get a new container terminal next year." + HEADLINES,
            source="Nairobi Post",
            published=TUESDAY,
        ),
        Document(
            doc_id="page2",
            text="Shares in Tokyo rose for a third day as exporters gained." + HEADLINES,
            source="Tokyo Herald",
            published=TUESDAY,
        ),
    ]


def _store_corpus(coder, path, documents):
    from eventwire.pipeline import CodedDocument
    from eventwire.store import open_store

    store = open_store(path)
    results = [r for r in coder.code(documents) if isinstance(r, CodedDocument)]
    assert len(results) == len(list(coder.code(documents)))
    store.write_many(results)
    return store


@pytest.fixture(scope="module")
def corpus_db(coder, tmp_path_factory):
    path = tmp_path_factory.mktemp("stories") / "corpus.duckdb"
    _store_corpus(coder, path, _corpus()).close()
    return path


def _open(path):
    from eventwire.store import open_store

    return open_store(path)


def _shelling(store):
    found = [
        e
        for e in store.events()
        if e.cameo_root == "19"
        and e.source is not None
        and e.source.country == "AZE"
        and e.target is not None
        and e.target.country == "ARM"
    ]
    assert len(found) == 1, [(e.doc_id, e.cameo) for e in found]
    return found[0]


def _clusters(store):
    return dict(
        store.connection.execute("SELECT doc_id, cluster_id FROM doc_fingerprints").fetchall()
    )


def test_stories_near_verbatim_copies_share_one_document_cluster(corpus_db):
    with _open(corpus_db) as store:
        clusters = _clusters(store)
    assert clusters["wire"] == clusters["copy"]
    assert clusters["reworded"] != clusters["wire"]
    assert clusters["trade"] != clusters["wire"]
    # the same headline on two pages is one document cluster too
    assert clusters["page1/h1"] == clusters["page2/h1"]


def test_stories_one_event_per_happening_with_its_mention_counts(corpus_db):
    with _open(corpus_db) as store:
        event = _shelling(store)
        mentions = store.event_mentions(event.event_id)
        every = store.events(EventFilter(all_mentions=True))
    # the copy and the reworded report add mentions, not events
    assert (event.num_mentions, event.num_sources, event.num_documents) == (3, 3, 3)
    assert {m["doc_id"] for m in mentions} == {"wire", "copy", "reworded"}
    assert {m["source"] for m in mentions} == {"Wire Agency", "Daily Courier", "Caucasus Times"}
    assert all("shelled" in m["sentence"] for m in mentions)
    assert sum(1 for e in every if e.cameo_root == "19" and e.target and e.target.country == "ARM")
    assert len(every) > len([e for e in every if e.num_mentions == 1])


def test_stories_group_the_reports_and_link_headlines(corpus_db):
    with _open(corpus_db) as store:
        stories = store.stories()
    story_of = {d: s for s in stories for d in s.documents + s.headlines}
    shelling = story_of["wire"]
    assert story_of["copy"] is shelling and story_of["reworded"] is shelling
    assert shelling.title == "Azerbaijan shells Armenian positions"
    assert shelling.first_date == shelling.last_date == TUESDAY
    assert {"AZEMIL", "ARMMIL"} <= set(shelling.actors)
    # the two unrelated stories stay apart, from the shelling and from each other
    assert story_of["trade"] is not shelling and story_of["arrests"] is not shelling
    assert story_of["trade"] is not story_of["arrests"]
    # the headline about the shelling joins it from both pages; the others stay alone
    assert {"page1/h1", "page2/h1"} <= set(shelling.headlines)
    for alone in ("page1/h2", "page1/h3", "page2/h2", "page2/h3"):
        assert alone not in story_of
    # a page's own article is not pulled in by the headlines it lists
    assert story_of["page1"] is not shelling


def _snapshot(store):
    tables = ("doc_fingerprints", "happenings", "event_links", "stories", "story_documents")
    return {
        t: sorted(store.connection.execute(f"SELECT * EXCLUDE (signature) FROM {t}").fetchall())
        if t == "doc_fingerprints"
        else sorted(store.connection.execute(f"SELECT * FROM {t}").fetchall())
        for t in tables
    }


def test_stories_rerun_changes_nothing_and_new_reports_update_counts(coder, tmp_path):
    path = tmp_path / "live.duckdb"
    _store_corpus(coder, path, _corpus()).close()
    with _open(path) as store:
        before = _snapshot(store)
    _store_corpus(coder, path, _corpus()).close()
    with _open(path) as store:
        assert _snapshot(store) == before
    # a fourth outlet reports the shelling in a later batch: the same event, counted again
    fourth = Document(
        doc_id="fourth",
        text=FOURTH,
        title="Border shelling",
        source="Yerevan Daily",
        published=TUESDAY + dt.timedelta(days=1),
    )
    _store_corpus(coder, path, [fourth]).close()
    with _open(path) as store:
        event = _shelling(store)
        assert (event.num_mentions, event.num_sources, event.num_documents) == (4, 4, 4)
        story_of = {d: s.story_id for s in store.stories() for d in s.documents}
        assert story_of["fourth"] == story_of["wire"]


def test_stories_signatures_tell_copies_from_rewrites():
    assert similarity(signature(WIRE), signature(COPY)) >= NEAR_DUPLICATE
    assert similarity(signature(WIRE), signature(REWORDED)) < NEAR_DUPLICATE
    assert similarity(signature(WIRE), signature(TRADE)) < 0.1


def _mention(event_id, bucket="AZE|ARM|19|A", place="", day=TUESDAY, dated=False, doc="d1"):
    return happenings.Mention(event_id, bucket, place, day, dated, doc)


@pytest.mark.parametrize(
    ("second", "merged"),
    [
        (_mention("b", doc="d2", day=TUESDAY + dt.timedelta(days=2)), True),
        (_mention("b", doc="d2", day=TUESDAY + dt.timedelta(days=3)), False),
        (_mention("b", doc="d2", bucket="AZE|ARM|19|F"), False),  # flagged never merges
        (_mention("b", doc="d2", bucket="ARM|AZE|19|A"), False),  # the other direction
        (_mention("b", doc="d1", day=TUESDAY - dt.timedelta(days=1), dated=True), False),
        (_mention("b", doc="d2", place="Sotk"), True),  # one report names the place
    ],
)
def test_stories_happening_rules(second, merged):
    first = _mention("a", place="")
    assigned, _ = happenings.group([first, second], [])
    assert (assigned["b"] == "a") is merged


def test_stories_places_that_differ_are_different_happenings():
    assigned, _ = happenings.group(
        [_mention("a", place="Sotk"), _mention("b", place="Jermuk", doc="d2")], []
    )
    assert assigned["b"] == "b"
