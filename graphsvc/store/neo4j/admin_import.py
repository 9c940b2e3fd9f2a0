"""Running `neo4j-admin database import full` on the files of `bulk_import`.

The importer writes store files directly, with Neo4j stopped (or the database absent):
far faster than transactions for a first load, but only into a database that does not
exist or is empty, which the importer itself checks (we never pass
--overwrite-destination: a first load must not erase a graph). The schema (constraints,
indexes) is not imported: the store applies cypher/schema.cypher when it first opens
the database, as it does for any database.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graphsvc.errors import InvalidInput
from graphsvc.store.neo4j.bulk_import import ARRAY_DELIMITER, ImportFiles

#: Lines of the importer's output kept for an error message.
TAIL_LINES = 30


@dataclass(frozen=True)
class ImportRun:
    seconds: float
    output: str


def import_arguments(files: ImportFiles, database: str) -> list[str]:
    """The importer's arguments after `neo4j-admin`, for these files."""
    # The database first: --nodes and --relationships take every word after them.
    args = ["database", "import", "full", database]
    args.append(f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}")
    args.append(f"--report-file={files.folder / 'import.report'}")
    for f in files.files:
        args.append(f"--{f.kind}={f.path}")
    multiline = [str(f.path) for f in files.files if f.multiline]
    if multiline:  # only these files are read the slower, multi-line way
        args += ["--multiline-fields-format=v2", f"--multiline-fields={','.join(multiline)}"]
    return args


def find_admin(command: str | None) -> list[str] | None:
    """The importer's command: as given (split like a shell would), else `neo4j-admin`
    on PATH, else None (the files are written and the command printed for the user)."""
    if command:
        return shlex.split(command)
    found = shutil.which("neo4j-admin")
    return [found] if found else None


def run_import(
    admin: Sequence[str],
    files: ImportFiles,
    database: str,
    env: Mapping[str, str] | None = None,
) -> ImportRun:
    """Run the importer; its refusal (a database that is not empty, a bad row) is an
    InvalidInput carrying the importer's own last lines."""
    command = [*admin, *import_arguments(files, database)]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **(env or {})},
        )
    except OSError as exc:
        raise InvalidInput(f"cannot run the Neo4j importer {admin[0]!r}: {exc}") from exc
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    if done.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-TAIL_LINES:])
        raise InvalidInput(
            f"the Neo4j importer refused the import (exit {done.returncode}); nothing was "
            f"imported. It said:\n{tail}"
        )
    return ImportRun(seconds, output)
