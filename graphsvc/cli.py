"""The command line's data commands: `graphsvc load`, `timeline`, `export` and `stats`,
over the same use cases as the API (`graphsvc.service`). The `graphsvc` program adds the
commands that start the servers (`graphsvc.main`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from graphsvc.errors import GraphsvcError, StoreUnavailable
from graphsvc.export import FORMATS
from graphsvc.model import EventType
from graphsvc.service import bulk_load, documents
from graphsvc.service.exports import export_timeline
from graphsvc.service.reads import TimelineFilter
from graphsvc.settings import Settings
from graphsvc.store import GraphStore, open_store
from graphsvc.views import WriteResult
from loaders.text import parallel

app = typer.Typer(help="Event timeline knowledge graph service.", no_args_is_help=True)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DataDirOption = Annotated[
    Path | None, typer.Option("--data-dir", help="Store directory (default: GRAPHSVC_DATA_DIR).")
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
def _store(data_dir: Path | None) -> Iterator[GraphStore]:
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


def _fail(exc: GraphsvcError) -> None:
    err.print(f"[red]error:[/red] {exc.detail}")
    for item in exc.errors:
        where = ", ".join(f"{k} {v}" for k, v in item.items() if k != "message" and v is not None)
        err.print(f"  {where}: {item['message']}")


class StoryModeOption(StrEnum):
    """How `graphsvc load` reads articles (see Article.mode)."""

    news = "news"
    narrative = "narrative"
    auto = "auto"


@app.command()
def load(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Records (.jsonl), articles (.txt, .html), article lines (.jsonl), a "
            "JSON timeline export (.json), or folders of them.",
            exists=True,
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date of a .txt/.html article: YYYY-MM-DD, or as people type "
            "it ('22.01.2016', '22 janvier 2016'); an ambiguous one ('03-02-2009') is refused."
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title of a .txt/.html article.")] = None,
    source: Annotated[str | None, typer.Option(help="Publisher of a .txt/.html article.")] = None,
    mode: Annotated[
        StoryModeOption | None,
        typer.Option(
            help="How articles are read: news, narrative (histories) or auto (from the "
            "text; the default)."
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=256,
            help="Processes that parse articles (default 1: this one); writes stay in "
            "this process, in file order, so the graph is the same for any number.",
        ),
    ] = 1,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Also load files a folder links to outside itself (skipped by default, "
            "each with a line saying so).",
        ),
    ] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Load records or articles; each records file or article is written whole or not at all."""
    overrides: dict[str, object] = {
        "published": published,
        "title": title,
        "source": source,
        "mode": mode.value if mode else None,
    }
    settings = load_settings(data_dir)

    def skipped(path: Path, why: str) -> None:
        line = escape(f"{path}: {why} (--follow-symlinks loads it)")
        err.print(f"[yellow]skipped[/yellow] {line}", highlight=False)

    paths = bulk_load.expand(files, follow_symlinks, on_skip=skipped)
    total = bulk_load.count_units(paths)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s"),
        TimeRemainingColumn(),
        console=err,
        disable=total < PROGRESS_MIN_UNITS or not err.is_terminal,
        transient=True,
    )

    def done(unit: bulk_load.Unit, result: WriteResult | None, exc: GraphsvcError | None) -> None:
        if result is not None:
            counts = ", ".join(f"{n} {kind}" for kind, n in result.written.items())
            out.print(f"{unit.where}: {counts}", highlight=False)
        else:
            assert exc is not None
            err.print(f"[red]{unit.where}[/red]: nothing written")
            _fail(exc)
        task = progress.tasks[0]
        progress.update(task.id, advance=1, rate=f"{task.speed or 0:.1f}")

    try:
        parser = parallel.parser(settings.spacy_model, workers)
    except GraphsvcError as exc:
        _fail(exc)
        raise typer.Exit(2) from exc
    try:
        with _store(data_dir) as store, progress:
            progress.add_task("loading", total=total, rate="-")
            reports = bulk_load.write_all(
                bulk_load.units(paths, overrides),
                store,
                parser,
                ahead=max(2, 4 * workers),
                on_unit=done,
            )
    finally:
        parser.close()
    failed = {path: r for path, r in reports.items() if r.failed}
    if failed:
        table = Table("file", "written", "failed", "first failure", title="Failures")
        for path, report in failed.items():
            where, failure = report.failed[0]
            detail = failure.detail
            first = detail if detail.startswith(where) else f"{where}: {detail}"
            table.add_row(str(path), str(report.written), str(len(report.failed)), first)
        err.print(table)
        raise typer.Exit(1)


@app.command()
def timeline(
    actor: Annotated[str | None, typer.Option(help="Actor id, e.g. person:vladimir-putin.")] = None,
    since: Annotated[str | None, typer.Option(help="2015, 2015-09 or 2015-09-30.")] = None,
    until: Annotated[str | None, typer.Option(help="2015, 2015-09 or 2015-09-30.")] = None,
    type: Annotated[list[EventType] | None, typer.Option(help="Event type; repeatable.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's JSON.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Print events in date order."""
    try:
        with _store(data_dir) as store:
            query = TimelineFilter(actor=actor, since=since, until=until, types=type).query(limit)
            page = store.timeline(query)
    except GraphsvcError as exc:
        _fail(exc)
        raise typer.Exit(1) from exc
    if as_json:
        out.print_json(page.model_dump_json())
        return
    table = Table("start", "end", "precision", "type", "summary", "participants")
    for event in page.items:
        table.add_row(
            str(event.start),
            str(event.end),
            (event.precision or "") + ("~" if event.approximate else ""),
            event.type,
            event.summary,
            ", ".join(f"{p.name} ({p.role})" for p in event.participants),
        )
    out.print(table)
    out.print(f"{len(page.items)} of {page.count} events")


@app.command()
def export(
    format: Annotated[str, typer.Option(help="json, csv, timelinejs, ics or graphml.")] = "json",
    actor: Annotated[str | None, typer.Option(help="Actor id.")] = None,
    since: Annotated[
        str | None, typer.Option(help="2015, 2015-09, 2015-09-30 or a phrase.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="2015, 2015-09, 2015-09-30 or a phrase.")
    ] = None,
    type: Annotated[list[EventType] | None, typer.Option(help="Event type; repeatable.")] = None,
    q: Annotated[str | None, typer.Option(help="Text in the summary.")] = None,
    document: Annotated[
        str | None, typer.Option(help="Only events reported in this document (its id).")
    ] = None,
    undated: Annotated[
        bool, typer.Option(help="Also export undated events (not in ics or timelinejs).")
    ] = False,
    output: Annotated[Path | None, typer.Option(help="File to write (default: stdout).")] = None,
    data_dir: DataDirOption = None,
) -> None:
    """Export the timeline (what GET /timeline/export streams)."""
    if format not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {format!r}; choose from {', '.join(FORMATS)}")
        raise typer.Exit(2)
    given = TimelineFilter(
        actor=actor, since=since, until=until, types=type, q=q, document=document, undated=undated
    )
    try:
        with _store(data_dir) as store:
            chunks = export_timeline(store, given, format).chunks
            if output is None:
                for chunk in chunks:
                    sys.stdout.write(chunk)
            else:
                with output.open("w", encoding="utf-8", newline="") as handle:
                    handle.writelines(chunks)
    except GraphsvcError as exc:
        _fail(exc)
        raise typer.Exit(1) from exc


@app.command()
def stats(data_dir: DataDirOption = None) -> None:
    """Print how many nodes and edges of each kind the store holds."""
    with _store(data_dir) as store:
        out.print_json(json.dumps(store.stats().model_dump()))


# -- documents: list, show, delete (graphsvc.service.documents) -------------------------

documents_app = typer.Typer(
    help="List stored documents, show one with what was extracted, delete one.",
    no_args_is_help=True,
)
app.add_typer(documents_app, name="documents")


@documents_app.command("list")
def documents_list(
    since: Annotated[
        str | None, typer.Option(help="Published from: 2015, 2015-09, 2015-09-30 or a phrase.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Published until: 2015, 2015-09, 2015-09-30 or a phrase.")
    ] = None,
    q: Annotated[str | None, typer.Option(help="Text in the title.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    cursor: Annotated[str | None, typer.Option(help="next_cursor of the previous page.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's JSON.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Stored documents, newest first (undated last), as GET /documents lists them."""
    try:
        with _store(data_dir) as store:
            settings = load_settings(data_dir)
            page = documents.list_documents(
                store, settings, since=since, until=until, q=q, limit=limit, cursor=cursor
            )
    except GraphsvcError as exc:
        _fail(exc)
        raise typer.Exit(1) from exc
    if as_json:
        out.print_json(page.model_dump_json())
        return
    table = Table("published", "title", "events")
    table.add_column("id", overflow="fold")  # whole: it is what `show` and `delete` take
    for d in page.items:
        table.add_row(str(d.published or ""), escape(d.title or ""), str(d.events), escape(d.id))
    out.print(table)
    out.print(f"{len(page.items)} of {page.count} documents")
    if page.next_cursor:
        out.print(f"next page: --cursor {page.next_cursor}")


@documents_app.command("show")
def documents_show(
    document_id: Annotated[str, typer.Argument(help="A document id, as `list` gives it.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's JSON.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """One document with its events, relations and actors (GET /documents/{id})."""
    try:
        with _store(data_dir) as store:
            detail = documents.document_detail(store, document_id)
    except GraphsvcError as exc:
        _fail(exc)
        raise typer.Exit(1) from exc
    if as_json:
        out.print_json(detail.model_dump_json())
        return
    doc = detail.document
    out.print(f"{escape(doc.title or '(untitled)')}  {doc.id}  published {doc.published or '-'}")
    if doc.url:
        out.print(escape(doc.url))
    events = Table("start", "end", "basis", "type", "summary", "participants")
    for e in detail.events:
        events.add_row(
            str(e.start or ""),
            str(e.end or ""),
            e.date_basis or "",
            e.type,
            escape(e.summary),
            escape(", ".join(f"{p.name} ({p.role}, {p.basis})" for p in e.participants)),
        )
    out.print(events)
    relations = Table("source", "relation", "target", "basis", "sentence")
    for r in detail.relations:
        relations.add_row(
            escape(r.source_actor.name),
            r.type,
            escape(r.target_actor.name),
            r.basis or "",
            escape(r.sentence or ""),
        )
    out.print(relations)
    out.print(
        f"{len(detail.events)} events, {len(detail.relations)} relations, "
        f"{len(detail.actors)} actors"
    )


@documents_app.command("delete")
def documents_delete(
    document_id: Annotated[str, typer.Argument(help="A document id, as `list` gives it.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before deleting.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Delete a document and the facts only it supports (DELETE /documents/{id});
    events other documents report stay."""
    if not yes and not typer.confirm(f"Delete document {document_id} and what only it says?"):
        raise typer.Exit(1)
    try:
        with _store(data_dir) as store:
            result = documents.delete_document(store, document_id)
    except GraphsvcError as exc:
        _fail(exc)
        raise typer.Exit(1) from exc
    out.print(
        f"deleted {result.document}: {len(result.removed_events)} events, "
        f"{result.removed_relations} relations, {len(result.removed_actors)} actors removed; "
        f"{len(result.kept_events)} events kept (other documents report them)"
    )
