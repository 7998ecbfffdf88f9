"""Scoring the coder against gold event data (PLOVER gold-standard records or eventwire JSONL)."""

from eventwire.evaluation.gold import GoldEvent, GoldRecord, load_gold
from eventwire.evaluation.score import Scores, score_records

__all__ = ["GoldEvent", "GoldRecord", "Scores", "load_gold", "score_records"]
