"""The command line's data commands: `graphsvc load`, `timeline`, `export` and `stats`,
over the same use cases as the API (`graphsvc.service`). The `graphsvc` program adds the
commands that start the servers (`graphsvc.main`)."""

from __future__ import annotations

import json
import sys
from collections import Counter
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
from rich.text import Text

from graphsvc.errors import GraphsvcError, StoreUnavailable
from graphsvc.export import FORMATS
from graphsvc.model import EventType
from graphsvc.service import bulk_load, documents, reads
from graphsvc.service import search as searching
from graphsvc.service.exports import export_timeline
from graphsvc.service.reads import TimelineFilter
from graphsvc.settings import Settings
from graphsvc.store import GraphStore, open_store
from graphsvc.views import Snippet, WriteResult
from loaders.text import parallel

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
            help="Publication date of the articles that give none (an articles.jsonl line, "
            "an HTML page's own date): YYYY-MM-DD, or as people type it ('22.01.2016', "
            "'22 janvier 2016'); an ambiguous one ('03-02-2009') is refused."
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title of the articles that give none.")] = None,
    source: Annotated[
        str | None, typer.Option(help="Publisher of the articles that give none.")
    ] = None,
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
    neo4j_import: Annotated[
        Path | None,
        typer.Option(
            "--neo4j-import",
            help="First load into an EMPTY Neo4j: write neo4j-admin's import files "
            "(records and timeline exports) to this folder and run `neo4j-admin database "
            "import full` when found (docs/neo4j_import.md).",
        ),
    ] = None,
    neo4j_admin: Annotated[
        str | None,
        typer.Option(
            "--neo4j-admin",
            envvar="GRAPHSVC_NEO4J_ADMIN",
            help="The neo4j-admin command for --neo4j-import (default: neo4j-admin on PATH).",
        ),
    ] = None,
) -> None:
    """Load records or articles; each records file or article is written whole or not at all."""
    overrides: dict[str, object] = {
        "published": published,
        "title": title,
        "source": source,
        "mode": mode.value if mode else None,
    }
    settings = load_settings(data_dir)
    try:
        bulk_load.check_flags(overrides)
    except GraphsvcError as exc:
        _fail(exc)
        raise typer.Exit(2) from exc

    def skipped(path: Path, why: str) -> None:
        line = escape(f"{path}: {why} (--follow-symlinks loads it)")
        err.print(f"[yellow]skipped[/yellow] {line}", highlight=False)

    paths = bulk_load.expand(files, follow_symlinks, on_skip=skipped)
    if neo4j_import is not None:
        _neo4j_import(paths, overrides, neo4j_import, neo4j_admin, settings.neo4j_database)
        return
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

    statuses: Counter[str] = Counter()

    def done(unit: bulk_load.Unit, result: WriteResult | None, exc: GraphsvcError | None) -> None:
        if result is not None:
            assert unit.change is not None
            statuses[unit.change.status] += 1
            out.print(f"{unit.where}: {unit.change.describe()}", highlight=False)
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
    out.print(_load_summary(statuses, sum(len(r.failed) for r in failed.values())), highlight=False)
    if failed:
        _print_failures(failed)
        raise typer.Exit(1)


def _load_summary(statuses: Counter[str], failures: int) -> str:
    """`loaded: 1 new, 2 replaced, 1 unchanged; 1 failed` (articles by their document,
    records and timeline files as `records files`)."""
    parts = [f"{statuses[s]} {s}" for s in ("new", "replaced", "unchanged") if statuses[s]]
    if statuses["records"]:
        parts.append(f"{statuses['records']} records files")
    return f"loaded: {', '.join(parts) or 'nothing'}; {failures} failed"


def _print_failures(failed: dict[Path, bulk_load.FileReport]) -> None:
    """Each failed file by its whole path (a table cut them to the terminal's width),
    what it wrote, and its first failure."""
    files = "1 file" if len(failed) == 1 else f"{len(failed)} files"
    err.print(f"[bold]Failures[/bold] ({files})")
    for path, report in failed.items():
        where, failure = report.failed[0]
        detail = failure.detail
        first = detail if detail.startswith(where) else f"{where}: {detail}"
        counts = f"{report.written} written, {len(report.failed)} failed"
        err.print(escape(f"- {path} ({counts})"), highlight=False, overflow="ignore", crop=False)
        err.print(
            escape(f"  first failure: {first}"), highlight=False, overflow="ignore", crop=False
        )


def _neo4j_import(
    paths: list[Path],
    overrides: dict[str, object],
    folder: Path,
    admin_given: str | None,
    database: str,
) -> None:
    """`load --neo4j-import`: merge, write the importer's files, run the importer."""
    from graphsvc.service.neo4j_import import first_load
    from graphsvc.store.neo4j.admin_import import find_admin, import_arguments

    def done(unit: bulk_load.Unit, exc: GraphsvcError | None) -> None:
        if exc is not None:
            err.print(f"[red]{escape(unit.where)}[/red]: nothing merged")
            _fail(exc)

    admin = find_admin(admin_given)
    try:
        result = first_load(bulk_load.units(paths, overrides), folder, admin, database, done)
    except GraphsvcError as exc:
        _fail(exc)
        raise typer.Exit(1) from exc
    counts = ", ".join(f"{n} {name}" for name, n in result.files.counts().items())
    out.print(f"{folder}: {counts}", highlight=False)
    if any(r.failed for r in result.reports.values()):
        err.print("[red]error:[/red] some input failed: the importer was not run")
        raise typer.Exit(1)
    if result.run is None:
        command = " ".join(["neo4j-admin", *import_arguments(result.files, database)])
        err.print(
            "neo4j-admin not found (give --neo4j-admin or GRAPHSVC_NEO4J_ADMIN); with "
            f"Neo4j stopped, run:\n{command}",
            highlight=False,
        )
        return
    out.print(f"imported into Neo4j database {database!r} in {result.run.seconds:.1f} s")


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
        with _store(data_dir) as store:
            page = reads.search_actors(store, load_settings(data_dir), q, limit)
    except GraphsvcError as exc:
        _fail(exc)
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
        with _store(data_dir) as store:
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
        _fail(exc)
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
