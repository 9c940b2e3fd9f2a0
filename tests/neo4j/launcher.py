"""Build and run the real Neo4j of this folder (see README.md beside it).

Used by the test session (`start()` / `stop()` through tests/neo4j_fixture.py), by `bench/`,
and by `make neo4j`, which runs this file in the foreground for a user who has no Docker.
It is loaded by path, not imported as a package, so it uses the standard library only.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
CLASSES = HERE / "target" / "classes"
MAIN_CLASS_FILE = CLASSES / "graphsvc" / "neo4j" / "TestNeo4j.class"
CLASSPATH = HERE / "target" / "classpath.txt"  # Written by the build (see pom.xml).
MAIN_CLASS = "graphsvc.neo4j.TestNeo4j"
READY = "NEO4J READY "
# Small and quick to start on a 2-core machine; the page cache (64 MiB unless `page_cache`
# says otherwise) and one transaction's memory (db.memory.transaction.max, 256 MiB unless
# `transaction_memory`) are set in TestNeo4j, the heap (1 GiB unless `heap`) here.
HEAP = "1g"
# No -XX:+ExitOnOutOfMemoryError: a query whose one value cannot be allocated (a string
# doubled thirty times, which Neo4j's memory tracking does not count) gets Neo4j's
# OutOfMemoryError and fails alone, where that flag made the whole server exit.
JVM_OPTIONS = [
    "-XX:-OmitStackTraceInFastThrow",
    "-Dlog4j2.disable.jmx=true",
]
# The test suite's collector: serial, small and quick to start, and it keeps the string
# bomb of tests/security/test_round3_cypher.py (doubled 29 times) failing every time;
# under G1 the 1 GiB heap held it on a second run and the query answered.
TEST_GC = ["-XX:+UseSerialGC"]
# The collector of the Neo4j users run (docker-compose.yml): G1, as Neo4j's own
# neo4j.conf sets it, with the 20 ms pause goal that docker-compose.yml adds. For
# figures meant to describe that server (bench/load) and for `make neo4j`. Under two
# writers the serial collector's full collections stopped the server for about half a
# second each, and G1's default 200 ms goal let young pauses near the read tail's 100 ms
# budget (docs/benchmarks.md, "Neo4j's garbage collector").
SERVED_GC = ["-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"]
STOP_TIMEOUT = 30.0
TAIL_LINES = 200


def _sources() -> list[Path]:
    return [POM, *sorted((HERE / "src").rglob("*.java"))]


def _up_to_date() -> bool:
    """True when target/ holds a build newer than the pom and every Java source."""
    outputs = [CLASSES, MAIN_CLASS_FILE, CLASSPATH]
    if not all(path.exists() for path in outputs):
        return False
    built_at = min(CLASSES.stat().st_mtime, CLASSPATH.stat().st_mtime)
    return all(path.stat().st_mtime <= built_at for path in _sources())


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"the test Neo4j needs Java 17+ and Maven; `{name}` is not on PATH")
    return path


def build() -> None:
    """Compile TestNeo4j and write Neo4j's classpath with Maven, unless already up to date.

    Maven's local repository (~/.m2) keeps Neo4j's jars, so only the first build downloads.
    """
    if _up_to_date():
        return
    _tool("java")
    print("tests/neo4j: building the test Neo4j with Maven", file=sys.stderr, flush=True)
    result = subprocess.run(
        [_tool("mvn"), "--batch-mode", "--quiet", "-f", str(POM), "-DskipTests", "compile"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not CLASSPATH.exists() or not MAIN_CLASS_FILE.exists():
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        raise RuntimeError(f"Maven could not build tests/neo4j (exit {result.returncode}):\n{tail}")
    # Maven leaves unchanged outputs untouched; mark them as built now so the check above holds.
    for path in (CLASSES, CLASSPATH):
        os.utime(path)


@dataclass
class Neo4jServer:
    """A running test Neo4j. `stop()` ends it and may be called more than once."""

    uri: str
    http_url: str | None
    user: str
    password: str | None
    process: subprocess.Popen[str]
    stderr_tail: collections.deque[str] = field(
        default_factory=lambda: collections.deque(maxlen=TAIL_LINES), repr=False
    )

    @property
    def auth(self) -> tuple[str, str] | None:
        """The driver's `auth=` argument: None when the server runs without authentication."""
        return (self.user, self.password) if self.password else None

    def log_tail(self) -> str:
        """The last lines the server wrote to stderr, for error messages."""
        return "\n".join(self.stderr_tail)

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Shut Neo4j down with SIGTERM (a clean shutdown), killing it if it takes too long."""
        _terminate(self.process, timeout)

    def __enter__(self) -> Neo4jServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _terminate(process: subprocess.Popen[str], timeout: float) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdin is not None and not process.stdin.closed:
        with contextlib.suppress(OSError):  # The pipe's other end may be gone already.
            process.stdin.close()


def _drain(stream: IO[str], tail: collections.deque[str]) -> None:
    """Read the server's stderr so its pipe never fills; keep the tail for error messages."""
    for line in stream:
        tail.append(line.rstrip("\n"))


def _watch_stdout(
    stream: IO[str], ready: queue.Queue[str | None], tail: collections.deque[str]
) -> None:
    """Hand the ready line to `start`, then keep reading; None on end of file (the exit)."""
    for line in stream:
        if line.startswith(READY):
            ready.put(line.strip())
        else:
            tail.append(line.rstrip("\n"))
    ready.put(None)


def jvm_options(heap: str | None = None, served_gc: bool = False) -> list[str]:
    """The JVM's options: heap, and the collector (`SERVED_GC` or `TEST_GC`)."""
    gc = SERVED_GC if served_gc else TEST_GC
    # A heap asked for is taken whole from the start: a bulk load need not grow it.
    sizes = [f"-Xmx{heap}", f"-Xms{heap}"] if heap else ["-Xms256m", f"-Xmx{HEAP}"]
    return [*gc, *JVM_OPTIONS, *sizes]


def start(
    bolt_port: int = 0,
    http_port: int = 0,
    password: str | None = None,
    data_dir: str | None = None,
    timeout: float = 180,
    page_cache: str | None = None,
    heap: str | None = None,
    transaction_memory: str | None = None,
    served_gc: bool = False,
) -> Neo4jServer:
    """Start Neo4j (building it first if needed) and return once it accepts connections.

    Ports 0 pick free ones; password None runs without authentication; data_dir None keeps
    the database in a temporary folder that the server deletes when it stops. page_cache
    and heap ("512m", "2g") size a Neo4j for bulk loads (bench/neo4j_load.py); None keeps
    the tests' small 64 MiB page cache and 1 GiB heap. transaction_memory ("256m") is
    Neo4j's db.memory.transaction.max; None keeps TestNeo4j's 256 MiB. served_gc runs
    the garbage collector of docker-compose.yml's Neo4j (SERVED_GC) instead of the test
    suite's (TEST_GC).
    """
    build()
    classpath = os.pathsep.join([str(CLASSES), CLASSPATH.read_text().strip()])
    command = [_tool("java"), *jvm_options(heap, served_gc), "-cp", classpath, MAIN_CLASS]
    command += ["--bolt-port", str(bolt_port), "--http-port", str(http_port)]
    command += ["--password", password or "none"]
    if page_cache is not None:
        command += ["--page-cache", page_cache]
    if transaction_memory is not None:
        command += ["--transaction-memory", transaction_memory]
    # The server exits when this pipe closes, so it cannot outlive a killed Python.
    command += ["--watch-stdin", "true"]
    if data_dir is not None:
        command += ["--data", str(data_dir)]
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert process.stdout is not None and process.stderr is not None
    tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
    ready: queue.Queue[str | None] = queue.Queue()
    threads = [
        threading.Thread(target=_drain, args=(process.stderr, tail), daemon=True),
        threading.Thread(target=_watch_stdout, args=(process.stdout, ready, tail), daemon=True),
    ]
    for thread in threads:
        thread.start()
    try:
        line = ready.get(timeout=timeout)
        why = "exited"  # None: stdout closed without the ready line.
    except queue.Empty:
        line, why = None, f"not ready after {timeout:g} s"
    except BaseException:  # Ctrl-C or SIGTERM while waiting: leave no server behind.
        _terminate(process, STOP_TIMEOUT)
        raise
    if line is None:
        _terminate(process, STOP_TIMEOUT)
        for thread in threads:
            thread.join(timeout=5)
        why += f", exit code {process.returncode}"
        log = "\n".join(tail) or "(nothing on stderr)"
        raise RuntimeError(f"the test Neo4j did not start ({why}); its stderr ends:\n{log}")
    uris = line[len(READY) :].split()
    return Neo4jServer(
        uri=uris[0],
        http_url=uris[1] if len(uris) > 1 else None,
        user="neo4j",
        password=password,
        process=process,
        stderr_tail=tail,
    )


class _Stop(Exception):
    """Raised by the SIGTERM handler so that `main` leaves its wait and shuts Neo4j down."""


ADMIN_CLASS = "org.neo4j.cli.AdminTool"


def admin_command(heap: str | None = None) -> list[str]:
    """`neo4j-admin` from the same Maven jars (neo4j-command-line, neo4j-import-tool are
    on the harness's classpath): run it with NEO4J_HOME set to the folder that `start`'s
    data_dir names, so `database import full` writes the database that server opens."""
    build()
    classpath = os.pathsep.join([str(CLASSES), CLASSPATH.read_text().strip()])
    jvm = [*TEST_GC, *JVM_OPTIONS, f"-Xmx{heap or HEAP}"]
    return [_tool("java"), *jvm, "-cp", classpath, ADMIN_CLASS]


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def main(argv: list[str] | None = None) -> int:
    """Run the test Neo4j in the foreground until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(description="Run the test Neo4j in the foreground.")
    parser.add_argument("--bolt-port", type=int, default=7687, help="0: a free port")
    parser.add_argument("--http-port", type=int, default=7474, help="0: a free port")
    parser.add_argument("--password", default=None, help="user neo4j's password; none: no auth")
    parser.add_argument("--data", default=None, help="keep the database here (default: temporary)")
    parser.add_argument("--timeout", type=float, default=180, help="seconds to wait for start-up")
    parser.add_argument("--page-cache", default=None, help="page cache, e.g. 2g (default 64m)")
    parser.add_argument("--heap", default=None, help=f"JVM heap, e.g. 4g (default {HEAP})")
    parser.add_argument(
        "--transaction-memory",
        default=None,
        help="most memory one transaction may hold (db.memory.transaction.max; default 256m)",
    )
    args = parser.parse_args(argv)
    password = None if args.password in (None, "none") else args.password
    from graphsvc.http.ports import why_not_listening  # the check `graphsvc serve` makes

    for name, port in (("Bolt", args.bolt_port), ("HTTP", args.http_port)):
        problem = why_not_listening("127.0.0.1", port) if port else None
        if problem is not None:
            print(
                f"error: {name} {problem} (another `make neo4j`?): stop it, or choose "
                f"other ports, e.g. `make neo4j BOLT_PORT={args.bolt_port + 1} "
                f"HTTP_PORT={args.http_port + 1}` (--bolt-port, --http-port)",
                file=sys.stderr,
            )
            return 2
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        server = start(
            args.bolt_port,
            args.http_port,
            password,
            args.data,
            args.timeout,
            page_cache=args.page_cache,
            heap=args.heap,
            transaction_memory=args.transaction_memory,
            served_gc=True,  # a Neo4j to use, collecting as docker-compose.yml's does
        )
    except (_Stop, KeyboardInterrupt):
        return 130
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    try:
        print(f"Neo4j {server.uri} is ready.", flush=True)
        if server.http_url:
            print(f"Neo4j Browser: {server.http_url}/browser/", flush=True)
        settings = f"NEO4J_URI={server.uri} NEO4J_USER={server.user}"
        if password:
            settings += f" NEO4J_PASSWORD={password}"
        print(f"Connect with: {settings}", flush=True)
        print(f"Run graphsvc on it: GRAPHSVC_BACKEND=neo4j {settings} make run", flush=True)
        where = f"in {args.data}" if args.data else "temporary (deleted on exit)"
        print(f"Data: {where}. Ctrl-C stops it.", flush=True)
        code = server.process.wait()
        print(f"Neo4j exited on its own (code {code}):\n{server.log_tail()}", file=sys.stderr)
        return 1
    except (_Stop, KeyboardInterrupt):
        print("\nStopping Neo4j...", file=sys.stderr, flush=True)
        return 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # Let the shutdown below finish.
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
