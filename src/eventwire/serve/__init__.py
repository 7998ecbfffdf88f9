"""The REST API and dashboard server (``eventwire serve``)."""

from eventwire.serve.app import create_app

__all__ = ["create_app"]
