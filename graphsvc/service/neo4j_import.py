"""`graphsvc load --neo4j-import DIR`: a first load of records into an empty Neo4j
through Neo4j's importer instead of write transactions (docs/neo4j_import.md).

Records files and timeline exports are merged in memory (`FirstLoadGraph`), each
whole or not at all as a transactional load writes it; articles are not: building one
resolves its names against the graph loaded so far, which the transactional load does
(load them after the import). The importer's CSV files go to DIR; the importer runs
when its command is known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graphsvc.errors import GraphsvcError, InvalidInput
from graphsvc.model import GraphBatch
from graphsvc.service.bulk_load import FileReport, Unit
from graphsvc.store.neo4j.admin_import import ImportRun, run_import
from graphsvc.store.neo4j.bulk_import import ImportFiles, write_import_files
from graphsvc.store.neo4j.first_load import FirstLoadGraph


@dataclass
class ImportResult:
    files: ImportFiles
    reports: dict[Path, FileReport] = field(default_factory=dict)
    run: ImportRun | None = None


def _batch(unit: Unit) -> GraphBatch:
    """A records file's or timeline export's batch; an article is refused."""
    if unit.error is not None:
        raise unit.error
    if unit.batch is None:
        raise InvalidInput(
            f"{unit.where}: --neo4j-import loads records and timeline exports only; "
            "load articles after the import, with a plain `graphsvc load`"
        )
    try:
        return unit.batch()
    except OSError as exc:
        raise InvalidInput(f"{unit.path}: cannot read it: {exc.strerror or exc}") from exc


def merge_units(
    units: Iterable[Unit],
    on_unit: Callable[[Unit, GraphsvcError | None], None],
) -> tuple[FirstLoadGraph, dict[Path, FileReport]]:
    """Every unit merged into one graph, in order; a bad one is counted against its
    file and changes nothing."""
    graph = FirstLoadGraph()
    reports: dict[Path, FileReport] = {}
    for unit in units:
        report = reports.setdefault(unit.path, FileReport())
        try:
            graph.add(_batch(unit))
        except GraphsvcError as exc:
            report.failed.append((unit.where, exc))
            on_unit(unit, exc)
            continue
        report.written += 1
        on_unit(unit, None)
    return graph, reports


def first_load(
    units: Iterable[Unit],
    folder: Path,
    admin: list[str] | None,
    database: str,
    on_unit: Callable[[Unit, GraphsvcError | None], None],
    env: Mapping[str, str] | None = None,
) -> ImportResult:
    """Merge, write the importer's files, and run the importer when `admin` is given
    and no unit failed (a partial graph must not become the database)."""
    graph, reports = merge_units(units, on_unit)
    files = write_import_files(graph, folder)
    result = ImportResult(files, reports)
    if admin is not None and not any(r.failed for r in reports.values()):
        result.run = run_import(admin, files, database, env)
    return result
