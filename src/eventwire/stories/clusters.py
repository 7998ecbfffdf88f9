"""Stories: documents about the same developing situation, grouped as they arrive.

A document is described by *keys*: the country pairs of its events (``d:RUS-USA``, weight
``DYAD_WEIGHT``), the named people, organisations and places it mentions (``e:geneva``, weight
``ENTITY_WEIGHT``) and the words of its title and lead (``w:shell`` — the first five letters of a
word that is not a common news word, weight 1: text similarity that survives rewording). A new
article joins the story it shares the most key weight with, if that weight is at least
``ARTICLE_MIN`` and the story was active within ``ACTIVE_DAYS`` of the article's date;
otherwise it starts a story of its own. A near-duplicate of a document joins that document's
story. A headline (a line of a page's headline list) joins a story at ``HEADLINE_MIN`` and
otherwise stays alone: a headline never starts a story.

Only stories that share a key with the document and are active in its window are compared, so
each document costs the stories it could belong to, not the whole store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter

from eventwire.datafiles import data_path, read_tsv
from eventwire.stories.fingerprints import words

DYAD_WEIGHT = 3
ENTITY_WEIGHT = 2
ARTICLE_MIN = 6
HEADLINE_MIN = 4
ACTIVE_DAYS = 7
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
    """A story as clustering keeps it."""

    story_id: str
    title: str
    first_date: dt.date | None
    last_date: dt.date | None
    keys: Counter[str] = dataclasses.field(default_factory=Counter)

    def active_on(self, date: dt.date | None) -> bool:
        if date is None or self.last_date is None or self.first_date is None:
            return True
        window = dt.timedelta(days=ACTIVE_DAYS)
        return self.first_date - window <= date <= self.last_date + window

    def take(self, document: DocumentKeys) -> None:
        self.keys.update(document.keys)
        if document.date is not None:
            self.first_date = min(filter(None, (self.first_date, document.date)))
            self.last_date = max(filter(None, (self.last_date, document.date)))


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


def score(story: Story, document: DocumentKeys) -> int:
    return sum(weight(k) for k in document.keys if k in story.keys)


def assign(
    documents: list[DocumentKeys], stories: dict[str, Story], by_key: dict[str, set[str]]
) -> tuple[dict[str, str], set[str]]:
    """Place each document in a story (in date order), updating ``stories`` and ``by_key``.

    Args:
        documents: the new documents.
        stories: the stored stories that share a key with some new document, by id.
        by_key: the ids of those stories for each key.

    Returns:
        The story id of each document placed (unplaced headlines are absent), and the ids of the
        stories that changed.
    """
    placed: dict[str, str] = {}
    changed: set[str] = set()
    # by date, then in the order reported (a stable sort): the first report names the story
    order = sorted(documents, key=lambda d: (d.headline, d.date or dt.date.min))
    for document in order:
        story_id = document.cluster_story or placed.get(f"cluster:{document.doc_id}")
        if story_id is None or story_id not in stories:
            story_id = _best_story(document, stories, by_key)
        if story_id is None:
            if document.headline:
                continue
            story_id = f"story-{document.doc_id}"
            stories[story_id] = Story(story_id, document.title, document.date, document.date)
        story = stories[story_id]
        story.take(document)
        for key in document.keys:
            by_key.setdefault(key, set()).add(story_id)
        placed[document.doc_id] = story_id
        changed.add(story_id)
    return placed, changed


def _best_story(
    document: DocumentKeys, stories: dict[str, Story], by_key: dict[str, set[str]]
) -> str | None:
    candidates = {s for key in document.keys for s in by_key.get(key, ())}
    needed = HEADLINE_MIN if document.headline else ARTICLE_MIN
    best: tuple[int, str] | None = None
    for story_id in sorted(candidates):
        story = stories[story_id]
        if not story.active_on(document.date):
            continue
        points = score(story, document)
        if points >= needed and (best is None or points > best[0]):
            best = (points, story_id)
    return best[1] if best else None
