"""The ``eventwire code`` command."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from eventwire.cli.options import DEFAULT_DB, DbOption, OutputFormat, parse_day

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from eventwire.pipeline import CodedDocument, Failure, RunSummary

# Below this many documents a run is short and a progress bar is only noise.
PROGRESS_MIN_SECONDS = 2.0
EXIT_FAILURES = 1


def code(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders: text, HTML, RSS/Atom, JSON Lines.", show_default=False
        ),
    ],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[
        OutputFormat | None,
        typer.Option("--format", "-f", help="Also print the events: table, jsonl or csv."),
    ] = None,
    store: Annotated[
        bool,
        typer.Option("--store/--no-store", help="Write to the database (default) or only print."),
    ] = True,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for inputs that carry none."),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Parser processes.")] = 1,
    max_bytes: Annotated[int, typer.Option(help="Largest document accepted, in bytes.")] = 10
    * 2**20,
    lexicon: Annotated[
        list[Path] | None,
        typer.Option(help="Folder with extra actor/event lexicon files (repeatable)."),
    ] = None,
) -> None:
    """Code news files into events and store them: ingest, segment, parse, code, store.

    Prints a closing summary on stderr; exits 1 when any input failed (the rest is still coded and
    stored).
    """
    import dataclasses

    from eventwire.cli.output import print_events
    from eventwire.ingest import read_paths
    from eventwire.pipeline import CodedDocument, Coder, run
    from eventwire.store import open_store

    day = parse_day(published, "--published")
    coder = Coder(lexicon or [])
    database = open_store(db) if store else None
    printed: list[CodedDocument] = []

    def items():  # type: ignore[no-untyped-def]
        for item in read_paths(paths, max_bytes=max_bytes):
            if day is not None and not isinstance(item, Exception) and item.published is None:
                item = dataclasses.replace(item, published=day)
            yield item

    with _Progress() as progress:

        def on_document(result: CodedDocument | Failure) -> None:
            progress.advance(result)
            if fmt is not None and isinstance(result, CodedDocument):
                if fmt is OutputFormat.table:
                    printed.append(result)
                else:
                    print_events(result.events, fmt)

        try:
            summary = run(
                items(), coder=coder, store=database, workers=workers, on_document=on_document
            )
        finally:
            if database is not None:
                database.close()
    if printed:
        print_events([e for doc in printed for e in doc.events], OutputFormat.table)
    _print_summary(summary, db if store else None)
    if summary.failures:
        raise typer.Exit(EXIT_FAILURES)


class _Progress:
    """A documents/s progress bar on stderr, shown once a run has lasted a couple of seconds."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self.started = time.monotonic()
        self.count = 0
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, result: object) -> None:
        self.count += 1
        if (
            self.bar is None
            and self.console.is_terminal
            and (time.monotonic() - self.started > PROGRESS_MIN_SECONDS)
        ):
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.completed} documents"),
                TextColumn("{task.fields[rate]:.1f} documents/s"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.task = bar.add_task("coding", total=None, rate=0.0)
            bar.start()
            self.bar = bar
        if self.bar is not None and self.task is not None:
            elapsed = max(time.monotonic() - self.started, 1e-9)
            self.bar.update(self.task, completed=self.count, rate=self.count / elapsed)


def _print_summary(summary: RunSummary, db: Path | None) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(stderr=True, highlight=False)
    for failure in summary.failures:
        console.print(
            f"[red]error:[/red] {escape(failure.source)}: {escape(failure.message)}"
            if not failure.message.startswith(failure.source)
            else f"[red]error:[/red] {escape(failure.message)}",
            soft_wrap=True,
        )
    where = f" into {db}" if db else " (not stored)"
    console.print(
        f"coded {summary.documents} documents and {summary.headlines} headlines{where}: "
        f"{summary.sentences} sentences, {summary.events} events"
        + (f", {summary.already_stored} already stored (skipped)" if summary.already_stored else "")
        + f", {len(summary.failures)} failed",
        soft_wrap=True,
    )
