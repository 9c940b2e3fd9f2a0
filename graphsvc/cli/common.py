"""What every command of the command line shares: the program, its consoles, the
`--data-dir` option, and opening the configured store with one-line errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console

from graphsvc.errors import GraphsvcError, StoreUnavailable
from graphsvc.model import EventType
from graphsvc.settings import Settings
from graphsvc.store import GraphStore, open_store

#: Plain help (click's): typer's rich panels print a type (`<bool>`, `<str>`) beside every
#: option and cut long ones mid-word.
HELP_MARKUP = None
app = typer.Typer(
    help="Event timeline knowledge graph service.",
    no_args_is_help=True,
    rich_markup_mode=HELP_MARKUP,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DataDirOption = Annotated[
    Path | None, typer.Option("--data-dir", help="Store directory (default: GRAPHSVC_DATA_DIR).")
]
TypeOption = Annotated[
    list[EventType] | None,
    typer.Option(
        metavar="TYPE",
        help=f"Event type, repeatable: {', '.join(t.value for t in EventType)}.",
    ),
]
#: Loads of fewer articles (or files) than this run without a progress bar.
PROGRESS_MIN_UNITS = 20


def load_settings(data_dir: Path | None) -> Settings:
    """Settings from the environment; a bad configuration ends the command with one line."""
    try:
        settings = Settings()
    except ValidationError as exc:
        messages = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
        err.print(f"[red]configuration error:[/red] {messages}")
        raise typer.Exit(2) from exc
    return settings.model_copy(update={"data_dir": data_dir}) if data_dir else settings


@contextmanager
def opened_store(data_dir: Path | None) -> Iterator[GraphStore]:
    """The configured store, started; a store that is away ends the command with one line."""
    store = open_store(load_settings(data_dir))
    try:
        store.start()
        yield store
    except StoreUnavailable as exc:
        err.print(f"[red]error:[/red] {exc.detail}")
        raise typer.Exit(2) from exc
    finally:
        store.close()


def print_failure(exc: GraphsvcError) -> None:
    err.print(f"[red]error:[/red] {exc.detail}")
    for item in exc.errors:
        where = ", ".join(f"{k} {v}" for k, v in item.items() if k != "message" and v is not None)
        err.print(f"  {where}: {item['message']}")
