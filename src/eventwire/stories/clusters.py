"""Stories: documents about the same developing situation, grouped as they arrive.

A document is described by *keys*: the country pairs of its events (``d:RUS-USA``, weight
``DYAD_WEIGHT``), the named people, organisations and places it mentions (``e:geneva``, weight
``ENTITY_WEIGHT``) and the words of its title and lead (``w:shell`` — the first five letters of a
word that is not a common news word, weight 1: text similarity that survives rewording).

A new article joins the story of the stored document it is most like — nearest neighbour, not a
story's pooled keys, so a story does not swallow its region's news as its keys pile up — if the
two share key weight of at least ``ARTICLE_MIN``, at least ``MIN_SHARED_WORDS`` of it words (the
same countries and people alone make a region's news, not one story), and their dates are at
most ``ACTIVE_DAYS`` apart; otherwise it starts a story of its own. A near-duplicate of a document
joins that document's story. A headline (a line of a page's headline list) joins a story at
``HEADLINE_MIN`` and otherwise stays alone: a headline never starts a story, nor draws others in.

Neighbours are looked up by the words and dyads a document shares, among documents of its date
window only, so each document costs its candidates, not the whole store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from eventwire.datafiles import data_path, read_tsv
from eventwire.stories.fingerprints import words

DYAD_WEIGHT = 3
ENTITY_WEIGHT = 2
ARTICLE_MIN = 6
HEADLINE_MIN = 4
ACTIVE_DAYS = 7
MIN_SHARED_WORDS = 2
STEM_LETTERS = 5
LEAD_WORDS = 60


@dataclasses.dataclass(frozen=True, slots=True)
class DocumentKeys:
    """What story clustering knows of one document."""

    doc_id: str
    headline: bool
    date: dt.date | None
    title: str
    keys: frozenset[str]
    cluster_story: str | None = None  # the story of a near-duplicate already placed


@dataclasses.dataclass(slots=True)
class Story:
    """A story as clustering keeps it: its title and time span."""

    story_id: str
    title: str
    first_date: dt.date | None
    last_date: dt.date | None

    def take(self, date: dt.date | None) -> None:
        if date is not None:
            self.first_date = min(filter(None, (self.first_date, date)))
            self.last_date = max(filter(None, (self.last_date, date)))


@dataclasses.dataclass(slots=True)
class Neighbours:
    """Placed documents that new ones may be like: their keys, dates and stories."""

    keys: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    dates: dict[str, dt.date | None] = dataclasses.field(default_factory=dict)
    story: dict[str, str] = dataclasses.field(default_factory=dict)
    by_key: dict[str, set[str]] = dataclasses.field(default_factory=dict)

    def add(self, doc_id: str, keys: frozenset[str], date: dt.date | None, story_id: str) -> None:
        self.keys[doc_id], self.dates[doc_id], self.story[doc_id] = keys, date, story_id
        for key in keys:
            if lookup_key(key):
                self.by_key.setdefault(key, set()).add(doc_id)


def lookup_key(key: str) -> bool:
    """Keys that find neighbours: words and dyads (an entity alone is too common to look up)."""
    return key.startswith(("w:", "d:"))


def weight(key: str) -> int:
    if key.startswith("d:"):
        return DYAD_WEIGHT
    return ENTITY_WEIGHT if key.startswith("e:") else 1


@functools.cache
def stopwords() -> frozenset[str]:
    """Common news words (data/stories/stopwords.tsv), as keys are: their first letters."""
    path = data_path("stories") / "stopwords.tsv"
    return frozenset(row["word"][:STEM_LETTERS] for _, row in read_tsv(path, ("word",)))


def word_keys(text: str, limit: int = LEAD_WORDS) -> set[str]:
    """The word keys of a title and lead: ``w:`` and the first letters of each telling word."""
    common = stopwords()
    stems = (w[:STEM_LETTERS] for w in words(text)[:limit] if len(w) >= 4 and not w.isdigit())
    return {f"w:{stem}" for stem in stems if stem not in common}


def alike(left: frozenset[str], right: frozenset[str]) -> tuple[int, int]:
    """Return the shared key weight of two documents and how many shared keys are words."""
    shared = left & right
    return sum(weight(k) for k in shared), sum(1 for k in shared if k.startswith("w:"))


def assign(
    documents: list[DocumentKeys], stories: dict[str, Story], known: Neighbours
) -> tuple[dict[str, str], set[str]]:
    """Place each document in a story (by date, then as reported), updating ``stories`` and
    ``known``.

    Args:
        documents: the new documents.
        stories: the stored stories of ``known``'s documents and of near-duplicates, by id.
        known: stored documents of the new ones' date window that share a word or dyad.

    Returns:
        The story id of each document placed (unplaced headlines are absent), and the ids of the
        stories that changed.
    """
    placed: dict[str, str] = {}
    changed: set[str] = set()
    # by date, then in the order reported (a stable sort): the first report names the story
    order = sorted(documents, key=lambda d: (d.headline, d.date or dt.date.min))
    for document in order:
        story_id = document.cluster_story if document.cluster_story in stories else None
        if story_id is None:
            story_id = _nearest_story(document, known)
        if story_id is None:
            if document.headline:
                continue
            story_id = f"story-{document.doc_id}"
            stories[story_id] = Story(story_id, document.title, document.date, document.date)
        stories[story_id].take(document.date)
        if not document.headline:
            known.add(document.doc_id, document.keys, document.date, story_id)
        placed[document.doc_id] = story_id
        changed.add(story_id)
    return placed, changed


def _nearest_story(document: DocumentKeys, known: Neighbours) -> str | None:
    candidates = {d for key in document.keys if lookup_key(key) for d in known.by_key.get(key, ())}
    needed = HEADLINE_MIN if document.headline else ARTICLE_MIN
    best: tuple[int, str] | None = None
    for other in sorted(candidates):
        if not _near_in_time(document.date, known.dates[other]):
            continue
        points, shared_words = alike(document.keys, known.keys[other])
        alike_enough = shared_words >= MIN_SHARED_WORDS and points >= needed
        if alike_enough and (best is None or points > best[0]):
            best = (points, other)
    return known.story[best[1]] if best else None


def _near_in_time(left: dt.date | None, right: dt.date | None) -> bool:
    return left is None or right is None or abs((left - right).days) <= ACTIVE_DAYS
