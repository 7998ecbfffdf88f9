"""The escalation signal: a rolling z-score of a dyad's conflict intensity against its own past.

Method (README.md, "Trends and alerts"):

- conflict intensity of a period = the sum of ``-goldstein`` over the dyad's QuadClass 3-4 events
  (verbal and material conflict; their Goldstein scores are negative, so intensity is positive);
- its history = the ``HISTORY_PERIODS`` periods before it, periods without events counting as 0,
  starting no earlier than the dyad's first event; no score with fewer than ``MIN_HISTORY``;
- ``z = (intensity - mean(history)) / max(std(history), STD_FLOOR)``; the floor keeps a quiet
  history (all zeros) from turning one event into an infinite score;
- an alert when ``z >= Z_THRESHOLD`` and the period has at least ``min_events`` conflict events.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# Eight periods: two months of weeks, the horizon over which a dyad's "normal" is judged.
HISTORY_PERIODS = 8
# Fewer periods than this and a dyad has no normal yet: no score, no alert.
MIN_HISTORY = 4
Z_THRESHOLD = 2.0
# One strongly negative event (Goldstein -10) in a quiet history should not alone be an alert.
MIN_EVENTS = 3
# In intensity units (Goldstein points): a standard deviation below this is treated as this.
STD_FLOOR = 1.0


def rolling_zscores(intensities: Sequence[float]) -> list[float | None]:
    """Return each period's z-score against the ones before it (None without enough history).

    Args:
        intensities: conflict intensity per period, consecutive, gaps filled with 0.
    """
    scores: list[float | None] = []
    for index, value in enumerate(intensities):
        history = intensities[max(0, index - HISTORY_PERIODS) : index]
        scores.append(zscore(value, history))
    return scores


def zscore(value: float, history: Sequence[float]) -> float | None:
    """Return the z-score of ``value`` against ``history``, or None when history is too short."""
    if len(history) < MIN_HISTORY:
        return None
    mean = sum(history) / len(history)
    variance = sum((x - mean) ** 2 for x in history) / len(history)
    return (value - mean) / max(math.sqrt(variance), STD_FLOOR)


def is_alert(score: float | None, conflict_events: int, min_events: int = MIN_EVENTS) -> bool:
    """Return whether a period's score and conflict event count cross the alert thresholds."""
    return score is not None and score >= Z_THRESHOLD and conflict_events >= min_events
