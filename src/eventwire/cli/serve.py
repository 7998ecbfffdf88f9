"""The ``eventwire serve`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log each request's path.")
    ] = True,
) -> None:
    """Serve the REST API and the dashboard (OpenAPI docs at /docs).

    Reads are open; POST /documents needs 'Authorization: Bearer <token>' with the token from the
    environment variable EVENTWIRE_API_TOKEN (without it, writes are refused). The coder loads on
    the first POST.
    """
    import uvicorn

    from eventwire.serve import create_app

    # The access log prints the method, path and status, never headers: the token stays out.
    app = create_app(db)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", access_log=access_log)
    finally:
        app.state.serve.close()
