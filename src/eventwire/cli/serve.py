"""The ``eventwire serve`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the REST API and the dashboard (OpenAPI docs at /docs).

    Reads are open; POST /documents needs 'Authorization: Bearer <token>' with the token from the
    environment variable EVENTWIRE_API_TOKEN (without it, writes are refused). The coder loads on
    the first POST.
    """
    import uvicorn

    from eventwire.serve import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
