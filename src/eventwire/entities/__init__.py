"""People, organisations and places of a document, their mentions merged (see ``extract``)."""

from eventwire.entities.extract import extract_entities

__all__ = ["extract_entities"]
