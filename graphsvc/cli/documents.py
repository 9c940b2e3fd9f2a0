"""`graphsvc documents list|show|delete`, over `graphsvc.service.documents`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from graphsvc.cli.common import (
    DataDirOption,
    app,
    load_settings,
    opened_store,
    out,
    print_failure,
)
from graphsvc.errors import GraphsvcError
from graphsvc.service import documents

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
        with opened_store(data_dir) as store:
            settings = load_settings(data_dir)
            page = documents.list_documents(
                store, settings, since=since, until=until, q=q, limit=limit, cursor=cursor
            )
    except GraphsvcError as exc:
        print_failure(exc)
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
        with opened_store(data_dir) as store:
            detail = documents.document_detail(store, document_id)
    except GraphsvcError as exc:
        print_failure(exc)
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
        with opened_store(data_dir) as store:
            result = documents.delete_document(store, document_id)
    except GraphsvcError as exc:
        print_failure(exc)
        raise typer.Exit(1) from exc
    out.print(
        f"deleted {result.document}: {len(result.removed_events)} events, "
        f"{result.removed_relations} relations, {len(result.removed_actors)} actors removed; "
        f"{len(result.kept_events)} events kept (other documents report them)"
    )
