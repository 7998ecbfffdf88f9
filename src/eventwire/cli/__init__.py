"""The ``eventwire`` command line: one module per command, each docstring its help text.

Heavy libraries (spaCy, DuckDB) are imported inside the commands, so ``eventwire --help`` is quick.
Errors are turned into one line and an exit code here, in one place.
"""

from __future__ import annotations

import sys

import typer

from eventwire.cli import code, entities, evaluate, events, lexicon, quotes, stats
from eventwire.cli import places as places_command
from eventwire.cli.export import export as export_command
from eventwire.cli.serve import serve as serve_command
from eventwire.cli.stories import stories as stories_command
from eventwire.cli.trends import alerts as alerts_command
from eventwire.cli.trends import trends as trends_command
from eventwire.cli.watch import watch as watch_command
from eventwire.errors import EventwireError

app = typer.Typer(
    name="eventwire",
    help="Turn news into coded political events: who did what to whom, with the evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("code")(code.code)
app.command("events")(events.events)
app.command("stats")(stats.stats)
app.command("eval")(evaluate.evaluate)
app.command("lexicon")(lexicon.lexicon)
app.command("places")(places_command.places)
app.command("quotes")(quotes.quotes)
app.command("entities")(entities.entities)
app.command("export")(export_command)
app.command("trends")(trends_command)
app.command("alerts")(alerts_command)
app.command("stories")(stories_command)
app.command("watch")(watch_command)
app.command("serve")(serve_command)

EXIT_ERROR = 2


def main() -> None:
    """Run the command line, turning eventwire errors into one line on stderr."""
    try:
        app()
    except EventwireError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(EXIT_ERROR)
