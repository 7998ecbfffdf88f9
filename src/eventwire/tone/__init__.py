"""Tone: VADER sentiment and GDELT-style positive/negative word shares."""

from eventwire.tone.score import combine_tones, score_tone

__all__ = ["combine_tones", "score_tone"]
