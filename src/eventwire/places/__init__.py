"""Places: place mentions geocoded offline, and the place each event happened at."""

from eventwire.places.locate import locate_event
from eventwire.places.resolve import find_places

__all__ = ["find_places", "locate_event"]
