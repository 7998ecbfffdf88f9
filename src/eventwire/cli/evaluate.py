"""The ``eventwire eval`` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from eventwire.evaluation import Scores


def evaluate(
    gold: Annotated[
        Path,
        typer.Argument(
            help="Gold file: PLOVER records (JSON) or eventwire gold JSON Lines.",
            show_default=False,
        ),
    ],
    misses: Annotated[
        bool, typer.Option("--misses", help="List every record coded wrong.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    lexicon: Annotated[
        list[Path] | None,
        typer.Option(help="Folder with extra actor/event lexicon files (repeatable)."),
    ] = None,
) -> None:
    """Score the coder on gold data: event type P/R/F1, source and target accuracy, triples."""
    from eventwire.evaluation import load_gold
    from eventwire.evaluation.run import code_gold

    records = load_gold(gold)
    scores = code_gold(records, lexicon_dirs=lexicon or [])
    if as_json:
        print(
            json.dumps(
                {"records": scores.records, "failures": len(scores.failures), **scores.summary()},
                indent=2,
            )
        )
    else:
        _print_report(scores, gold, misses)
    if scores.failures:
        # a record the coder could not code is scored as coding nothing; say so loudly
        for failure in scores.failures:
            typer.echo(f"error: {failure}", err=True)
        raise typer.Exit(1)


def _print_report(scores: Scores, gold: Path, misses: bool) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(highlight=False)
    figures = scores.summary()
    console.print(f"{gold}: {scores.records} records")
    overall = Table("measure", "value", title="Overall")
    for name, value in figures.items():
        overall.add_row(name.replace("_", " "), f"{value:.3f}")
    overall.add_row("source records", str(scores.source_total))
    overall.add_row("target records", str(scores.target_total))
    console.print(overall)
    per_type = Table("type", "gold", "coded", "precision", "recall", "F1", title="Per type")
    for kind in sorted(scores.per_type):
        c = scores.per_type[kind]
        per_type.add_row(
            kind,
            str(c.tp + c.fn),
            str(c.tp + c.fp),
            f"{c.precision:.2f}",
            f"{c.recall:.2f}",
            f"{c.f1:.2f}",
        )
    console.print(per_type)
    confusion = Table("gold type", "coded as", "records", title="Confusion (errors only)")
    for (wanted, got), count in sorted(scores.confusion.items(), key=lambda x: -x[1]):
        if wanted != got:
            confusion.add_row(wanted, got, str(count))
    console.print(confusion)
    if misses:
        for miss in scores.misses:
            console.print(f"\n[bold]{escape(miss.record.id)}[/bold] {escape(miss.record.text)}")
            for event in miss.record.events:
                console.print(
                    f"  gold:  {event.type} {'/'.join(sorted(event.sources)) or '—'} → "
                    f"{'/'.join(sorted(event.targets)) or '—'}"
                )
            for coded in miss.coded:
                e = coded.event
                console.print(
                    f"  coded: {e.cameo} {'/'.join(sorted(coded.types))} "
                    f"{coded.source or '—'} → {coded.target or '—'} "
                    f"[dim]({escape(e.trigger)}; {escape(e.rule)})[/dim]"
                )
            console.print("  [red]" + escape("; ".join(miss.problems)) + "[/red]")
