"""Tone of documents and sentences with VADER (vaderSentiment), and GDELT-style word shares.

VADER's compound score weighs negation, intensifiers and punctuation; GDELT's figures are simpler
counts, kept because users compare with GDELT: ``positive`` and ``negative`` are the percentages of
a text's words that are positive or negative entries of the VADER lexicon, ``polarity`` their sum
(how emotional the text is) and ``tone`` positive minus negative.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from eventwire.records import Tone

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# VADER's cost grows with sentence length (it looks back three words per word, and scans the
# text for idioms); longer texts are scored in pieces of this many characters and averaged.
PIECE_CHARS = 2000


@functools.cache
def load_analyzer() -> SentimentIntensityAnalyzer:
    """Return VADER's analyzer, loaded once (its lexicon ships with the package)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def score_tone(text: str) -> Tone:
    """Return the tone of a text.

    Args:
        text: a sentence or a whole document.

    Returns:
        VADER's compound score (averaged over pieces for long texts, weighted by length) and the
        GDELT-style percentages.
    """
    analyzer = load_analyzer()
    words = [w.lower().replace("’", "'") for w in WORD.findall(text)]
    lexicon = analyzer.lexicon
    positive = sum(1 for w in words if lexicon.get(w, 0.0) > 0)
    negative = sum(1 for w in words if lexicon.get(w, 0.0) < 0)
    total = len(words)
    pieces = [text[i : i + PIECE_CHARS] for i in range(0, len(text), PIECE_CHARS)] or [""]
    weighted = sum(analyzer.polarity_scores(p)["compound"] * len(p) for p in pieces)
    compound = weighted / max(1, len(text))
    pos = 100.0 * positive / total if total else 0.0
    neg = 100.0 * negative / total if total else 0.0
    return Tone(
        compound=round(compound, 4),
        positive=round(pos, 3),
        negative=round(neg, 3),
        polarity=round(pos + neg, 3),
        tone=round(pos - neg, 3),
        words=total,
    )


def combine_tones(tones: list[Tone]) -> Tone:
    """Return a document's tone from its sentences' (compound weighted by words, shares summed).

    Scoring the sentences once and combining them costs half of scoring the document again.
    """
    total = sum(t.words for t in tones)
    if not total:
        return Tone(compound=0.0, positive=0.0, negative=0.0, polarity=0.0, tone=0.0, words=0)
    pos = sum(t.positive * t.words for t in tones) / total
    neg = sum(t.negative * t.words for t in tones) / total
    return Tone(
        compound=round(sum(t.compound * t.words for t in tones) / total, 4),
        positive=round(pos, 3),
        negative=round(neg, 3),
        polarity=round(pos + neg, 3),
        tone=round(pos - neg, 3),
        words=total,
    )
