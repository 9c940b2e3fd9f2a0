"""`graphsvc load`: records, articles and timeline exports, each written whole or not at
all, with what changed per document (`graphsvc.service.bulk_load`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
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
from graphsvc.cli.load_manifest import Manifest, resumed
from graphsvc.cli.load_sources import sources
from graphsvc.errors import GraphsvcError, InvalidInput
from graphsvc.service import bulk_load
from graphsvc.settings import Settings
from graphsvc.views import WriteResult
from loaders.text import parallel
from loaders.text.cluster_address import check_cluster


class StoryModeOption(StrEnum):
    """How `graphsvc load` reads articles (see Article.mode)."""

    news = "news"
    narrative = "narrative"
    auto = "auto"


@app.command()
def load(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Records (.jsonl), articles (.txt, .html), article lines (.jsonl), a "
            "JSON timeline export (.json), or folders of them; paths, or URLs fsspec "
            "reads (file://, memory://, s3://... with its package installed).",
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
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Parse on a Dask cluster instead of --workers: a scheduler's address "
            "(tcp://HOST:8786) or local:N for N worker processes here. Writes stay in "
            "this process, in input order: the graph is the same.",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Go on with a load that stopped midway: skip what its manifest "
            "(load-manifest.jsonl in the data directory) or the store says is loaded.",
        ),
    ] = False,
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

    def skipped(path: Path, why: str) -> None:
        line = escape(f"{path}: {why} (--follow-symlinks loads it)")
        err.print(f"[yellow]skipped[/yellow] {line}", highlight=False)

    def left_out(url: str, why: str) -> None:
        err.print(f"[yellow]skipped[/yellow] {escape(f'{url}: {why}')}", highlight=False)

    try:
        bulk_load.check_flags(overrides)
        _check_engine(workers, cluster, resume, neo4j_import)
        found = sources(files, on_skip=left_out)
    except GraphsvcError as exc:
        print_failure(exc)
        raise typer.Exit(2) from exc

    try:
        paths = bulk_load.expand(found.paths, follow_symlinks, on_skip=skipped)
        if neo4j_import is not None:
            _neo4j_import(paths, overrides, neo4j_import, neo4j_admin, settings.neo4j_database)
        else:
            _load(paths, found.shown, overrides, settings, workers, cluster, resume, data_dir)
    finally:
        found.close()


def _check_engine(
    workers: int, cluster: str | None, resume: bool, neo4j_import: Path | None
) -> None:
    """InvalidInput (BadCluster) for flags that do not go together or a bad --cluster."""
    if cluster is not None:
        if workers != 1:
            raise InvalidInput("give --cluster or --workers, not both")
        check_cluster(cluster)
    if neo4j_import is not None and (cluster is not None or resume):
        raise InvalidInput(
            "--neo4j-import writes neo4j-admin's files in this process: it takes neither "
            "--cluster nor --resume"
        )


def _parser(model: str, workers: int, cluster: str | None) -> parallel.Parser:
    if cluster is None:
        return parallel.parser(model, workers)
    from loaders.text.cluster import DaskParser  # Dask is imported by cluster loads only

    return DaskParser(model, cluster)


def _load(
    paths: list[Path],
    shown: Callable[[str], str],
    overrides: dict[str, object],
    settings: Settings,
    workers: int,
    cluster: str | None,
    resume: bool,
    data_dir: Path | None,
) -> None:
    """The load of the files, once the flags are checked; `shown` names a copied
    file by the URL it came from."""
    total = bulk_load.count_units(paths)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} documents/s"),
        TextColumn("{task.fields[failed]} failed"),
        TimeRemainingColumn(),
        console=err,
        disable=total < PROGRESS_MIN_UNITS or not err.is_terminal,
        transient=True,
    )

    statuses: Counter[str] = Counter()

    def advance() -> None:
        task = progress.tasks[0]
        failed = statuses["failed"]
        progress.update(task.id, advance=1, rate=f"{task.speed or 0:.1f}", failed=failed)

    def done(unit: bulk_load.Unit, result: WriteResult | None, exc: GraphsvcError | None) -> None:
        if result is not None:
            assert unit.change is not None
            manifest.record(unit)  # after the commit: the manifest never names too much
            statuses[unit.change.status] += 1
            out.print(shown(f"{unit.where}: {unit.change.describe()}"), highlight=False)
        else:
            assert exc is not None
            statuses["failed"] += 1
            err.print(f"[red]{escape(shown(unit.where))}[/red]: nothing written")
            print_failure(exc)
        advance()

    def skipped_loaded(unit: bulk_load.Unit) -> None:
        # Off the total, not counted as done: documents/s and the time left are the
        # loading's, not the skipping's.
        statuses["resumed"] += 1
        task = progress.tasks[0]
        progress.update(task.id, total=(task.total or 1) - 1)

    try:
        parser = _parser(settings.spacy_model, workers, cluster)
    except GraphsvcError as exc:
        print_failure(exc)
        raise typer.Exit(2) from exc
    # Opened once the parse can start: a load that could not start keeps the manifest
    # of the one before it, which a later --resume may need.
    try:
        manifest = Manifest(settings.data_dir, resume)
    except BaseException:
        parser.close()
        raise
    if resume and not manifest.existed:
        err.print(f"--resume: no manifest at {manifest.path}; the store alone says what is loaded")
    try:
        with opened_store(data_dir) as store, progress:
            progress.add_task("loading", total=total, rate="-", failed=0)
            items = bulk_load.units(paths, overrides)
            if resume:
                items = resumed(items, manifest, store, on_skip=skipped_loaded)
            reports = bulk_load.write_all(
                items, store, parser, ahead=max(2, 4 * parser.threads()), on_unit=done
            )
    finally:
        parser.close()
        manifest.close()
    failed = {path: r for path, r in reports.items() if r.failed}
    out.print(_load_summary(statuses, sum(len(r.failed) for r in failed.values())), highlight=False)
    if failed:
        _print_failures(failed, shown)
        raise typer.Exit(1)


def _load_summary(statuses: Counter[str], failures: int) -> str:
    """`loaded: 1 new, 2 replaced, 1 unchanged; 1 failed` (articles by their document,
    records and timeline files as `records files`)."""
    parts = [f"{statuses[s]} {s}" for s in ("new", "replaced", "unchanged") if statuses[s]]
    if statuses["records"]:
        parts.append(f"{statuses['records']} records files")
    if statuses["resumed"]:
        parts.append(f"{statuses['resumed']} already loaded (skipped)")
    return f"loaded: {', '.join(parts) or 'nothing'}; {failures} failed"


def _print_failures(failed: dict[Path, bulk_load.FileReport], shown: Callable[[str], str]) -> None:
    """Each failed file by its whole path (a table cut them to the terminal's width),
    what it wrote, and its first failure."""
    files = "1 file" if len(failed) == 1 else f"{len(failed)} files"
    err.print(f"[bold]Failures[/bold] ({files})")
    for path, report in failed.items():
        where, failure = report.failed[0]
        detail = failure.detail
        first = detail if detail.startswith(where) else f"{where}: {detail}"
        counts = f"{report.written} written, {len(report.failed)} failed"
        line = shown(f"- {path} ({counts})")
        err.print(escape(line), highlight=False, overflow="ignore", crop=False)
        first_line = shown(f"  first failure: {first}")
        err.print(escape(first_line), highlight=False, overflow="ignore", crop=False)


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
