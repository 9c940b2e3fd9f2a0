"""`graphsvc load`: records, articles and timeline exports, each written whole or not at
all, with what changed per document (`graphsvc.service.bulk_load`)."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

from graphsvc.cli.common import (
    PROGRESS_MIN_UNITS,
    DataDirOption,
    app,
    err,
    load_settings,
    opened_store,
    out,
    print_failure,
)
from graphsvc.errors import GraphsvcError
from graphsvc.service import bulk_load
from graphsvc.views import WriteResult
from loaders.text import parallel


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
        print_failure(exc)
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
            print_failure(exc)
        task = progress.tasks[0]
        progress.update(task.id, advance=1, rate=f"{task.speed or 0:.1f}")

    try:
        parser = parallel.parser(settings.spacy_model, workers)
    except GraphsvcError as exc:
        print_failure(exc)
        raise typer.Exit(2) from exc
    try:
        with opened_store(data_dir) as store, progress:
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
            print_failure(exc)

    admin = find_admin(admin_given)
    try:
        result = first_load(bulk_load.units(paths, overrides), folder, admin, database, done)
    except GraphsvcError as exc:
        print_failure(exc)
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
