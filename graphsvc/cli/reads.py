"""The reading commands: `timeline`, `actors`, `search`, `export` and `stats`, over the
same use cases as the API's routes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from graphsvc.cli.common import (
    DataDirOption,
    TypeOption,
    app,
    err,
    load_settings,
    opened_store,
    out,
    print_failure,
)
from graphsvc.errors import GraphsvcError
from graphsvc.export import FORMATS
from graphsvc.model import EventType
from graphsvc.service import reads
from graphsvc.service import search as searching
from graphsvc.service.exports import export_timeline
from graphsvc.service.reads import TimelineFilter
from graphsvc.views import Snippet


@app.command()
def timeline(
    actor: Annotated[str | None, typer.Option(help="Actor id, e.g. person:vladimir-putin.")] = None,
    since: Annotated[str | None, typer.Option(help="2015, 2015-09 or 2015-09-30.")] = None,
    until: Annotated[str | None, typer.Option(help="2015, 2015-09 or 2015-09-30.")] = None,
    type: TypeOption = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's JSON.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Print events in date order."""
    try:
        with opened_store(data_dir) as store:
            query = TimelineFilter(actor=actor, since=since, until=until, types=type).query(limit)
            page = store.timeline(query)
    except GraphsvcError as exc:
        print_failure(exc)
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
def actors(
    q: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="A name or alias: exact matches first, then prefixes, then substrings; "
            "none lists actors by name.",
            show_default=False,
        ),
    ] = "",
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's JSON.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Search actors by name or alias (what GET /actors?q= answers): their ids are what
    `timeline --actor` and `export --actor` take."""
    try:
        with opened_store(data_dir) as store:
            page = reads.search_actors(store, load_settings(data_dir), q, limit)
    except GraphsvcError as exc:
        print_failure(exc)
        raise typer.Exit(1) from exc
    if as_json:
        out.print_json(page.model_dump_json())
        return
    # The ids whole: they are what the other commands take.
    widest = max((len(actor.id) for actor in page.items), default=2)
    table = Table()
    table.add_column("id", no_wrap=True, min_width=widest)
    for column in ("name", "kind", "also known as"):
        table.add_column(column)
    for actor in page.items:
        table.add_row(actor.id, actor.name, actor.kind, ", ".join(actor.aliases))
    out.print(table)
    out.print(f"{page.count} actors" + (f" matching {q!r}" if q else ""), highlight=False)


@app.command()
def search(
    q: Annotated[str, typer.Argument(help="Words to find (any word matches; stemmed).")],
    since: Annotated[
        str | None, typer.Option(help="Events overlapping and documents published from.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Events overlapping and documents published until.")
    ] = None,
    type: Annotated[
        list[EventType] | None, typer.Option(help="Only events of this type; repeatable.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option(help="Only events this actor (id) took part in.")
    ] = None,
    kind: Annotated[
        list[str] | None, typer.Option(help="actor, event or document; repeatable.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Of each kind at most.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's JSON.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Search events, actors and documents by their words, best first (GET /search);
    matched words are shown between [ and ]."""
    try:
        with opened_store(data_dir) as store:
            settings = load_settings(data_dir)
            found = searching.search(
                store,
                settings,
                q,
                since=since,
                until=until,
                types=type,
                actor=actor,
                kinds=kind,
                limit=limit,
            )
    except GraphsvcError as exc:
        print_failure(exc)
        raise typer.Exit(1) from exc
    if as_json:
        out.print_json(found.model_dump_json())
        return

    def shown(snippet: Snippet | None) -> Text:
        return Text(snippet.marked("[", "]") if snippet else "")

    if found.events:
        table = Table("event", "type", "start", "match", title="Events")
        for event in found.events:
            table.add_row(event.id, event.type, str(event.start or ""), shown(event.snippet))
        out.print(table)
    if found.actors:
        table = Table("actor", "kind", "match", title="Actors")
        for hit in found.actors:
            table.add_row(hit.id, hit.kind, shown(hit.snippet))
        out.print(table)
    if found.documents:
        table = Table("document", "published", "match", title="Documents")
        for doc in found.documents:
            table.add_row(doc.id, str(doc.published or ""), shown(doc.snippet))
        out.print(table)
    out.print(
        f"{len(found.events)} event(s), {len(found.actors)} actor(s), "
        f"{len(found.documents)} document(s)"
    )


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
    type: TypeOption = None,
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
        with opened_store(data_dir) as store:
            chunks = export_timeline(store, given, format).chunks
            if output is None:
                for chunk in chunks:
                    sys.stdout.write(chunk)
            else:
                with output.open("w", encoding="utf-8", newline="") as handle:
                    handle.writelines(chunks)
    except GraphsvcError as exc:
        print_failure(exc)
        raise typer.Exit(1) from exc


@app.command()
def stats(data_dir: DataDirOption = None) -> None:
    """Print how many nodes and edges of each kind the store holds."""
    with opened_store(data_dir) as store:
        out.print_json(json.dumps(store.stats().model_dump()))
