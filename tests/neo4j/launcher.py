"""Build and run the real Neo4j of this folder (see README.md beside it).

Used by the test session (`start()` / `stop()`), by `bench/`, and by `make neo4j`, which
runs this file in the foreground for a user who has no Docker.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLASSES = HERE / "target" / "classes"
CLASSPATH = HERE / "target" / "classpath.txt"
MAIN_CLASS = "graphsvc.neo4j.TestNeo4j"
READY = "NEO4J READY "
JVM_OPTIONS = ["-Xms256m", "-Xmx1g", "-XX:+UseSerialGC"]


def _sources() -> list[Path]:
    return [HERE / "pom.xml", *sorted((HERE / "src").rglob("*.java"))]


def _built() -> bool:
    if not CLASSPATH.exists() or not CLASSES.exists():
        return False
    built_at = min(CLASSPATH.stat().st_mtime, CLASSES.stat().st_mtime)
    return all(path.stat().st_mtime <= built_at for path in _sources())


def build() -> None:
    """Compile the launcher and resolve Neo4j's classpath with Maven, unless up to date."""
    if _built():
        return
    if shutil.which("mvn") is None or shutil.which("java") is None:
        raise RuntimeError("building the test Neo4j needs Java 17 and Maven (mvn) on PATH")
    print("building the test Neo4j with Maven (cached after the first time)", file=sys.stderr)
    result = subprocess.run(
        [
            "mvn",
            "--batch-mode",
            "--quiet",
            "-f",
            str(HERE / "pom.xml"),
            "-DskipTests",
            "compile",
            "dependency:build-classpath",
            f"-Dmdep.outputFile={CLASSPATH}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
        raise RuntimeError(f"Maven could not build tests/neo4j:\n{tail}")
    CLASSES.mkdir(parents=True, exist_ok=True)
    CLASSES.touch()
    CLASSPATH.touch()


@dataclass
class Neo4jServer:
    """A running Neo4j; `stop()` ends it and may be called more than once."""

    uri: str
    http_url: str | None
    user: str
    password: str | None
    process: subprocess.Popen[str]
    stderr_tail: collections.deque[str] = field(repr=False)

    def stop(self, timeout: float = 30.0) -> None:
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _drain(stream, keep: collections.deque[str]) -> None:
    """Read the server's log so its pipe never fills; keep the tail for error messages."""
    for line in stream:
        keep.append(line.rstrip("\n"))


def start(
    bolt_port: int = 0,
    http_port: int = 0,
    password: str | None = None,
    data_dir: str | None = None,
    timeout: float = 180.0,
) -> Neo4jServer:
    """Start Neo4j (building it first if needed) and wait for its ready line."""
    build()
    classpath = f"{CLASSES}:{CLASSPATH.read_text().strip()}"
    command = ["java", *JVM_OPTIONS, "-cp", classpath, MAIN_CLASS]
    command += ["--bolt-port", str(bolt_port), "--http-port", str(http_port)]
    command += ["--password", password or "none"]
    if data_dir:
        command += ["--data", data_dir]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1
    )
    tail: collections.deque[str] = collections.deque(maxlen=200)
    threading.Thread(target=_drain, args=(process.stderr, tail), daemon=True).start()
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    line = ""
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith(READY) or process.poll() is not None:
            break
    if not line.startswith(READY):
        process.kill()
        log = "\n".join(tail)
        raise RuntimeError(f"Neo4j did not start (exit {process.poll()}):\n{log}")
    uris = line[len(READY) :].split()
    return Neo4jServer(
        uri=uris[0].rstrip("/"),
        http_url=uris[1].rstrip("/") if len(uris) > 1 else None,
        user="neo4j",
        password=password,
        process=process,
        stderr_tail=tail,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the test Neo4j in the foreground.")
    parser.add_argument("--bolt-port", type=int, default=7687)
    parser.add_argument("--http-port", type=int, default=7474)
    parser.add_argument("--password", default=None, help="none or absent: no auth")
    parser.add_argument("--data", default=None, help="keep data here (default: temporary)")
    args = parser.parse_args()
    password = None if args.password in (None, "none") else args.password
    server = start(args.bolt_port, args.http_port, password, args.data)
    print(f"Neo4j is ready: {server.uri}", flush=True)
    if server.http_url:
        print(f"Neo4j Browser: {server.http_url}/browser/", flush=True)
    auth = f" NEO4J_PASSWORD={password}" if password else ""
    print(f"Use it: GRAPHSVC_BACKEND=neo4j NEO4J_URI={server.uri}{auth} make run", flush=True)
    print("Ctrl-C stops it.", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: server.stop())
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
