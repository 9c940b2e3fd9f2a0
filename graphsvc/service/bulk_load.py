"""`graphsvc load`: files and folders in, one write a document, in the order given.

Articles are parsed ahead on worker processes (`loaders.text.parallel`), but each is
built and written here, one after the other, in file order: an article's actors are
resolved against a store that already holds every article before it, so the graph is
the same whatever the number of workers. Each article, records file or timeline export
is one `write_batch` (one transaction): written whole or not at all; a bad one is
counted against its file and the load goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import orjson

from graphsvc.errors import GraphsvcError, InvalidInput
from graphsvc.model import GraphBatch
from graphsvc.resolve import StoreResolver
from graphsvc.service.load_changes import Change, delta, document_status
from graphsvc.store import GraphStore
from graphsvc.views import WriteResult
from loaders.records import RecordsParser
from loaders.text.article import Article
from loaders.text.inputs import (
    ARTICLE_SUFFIXES,
    article_from,
    is_article_lines,
    read_article_file,
)
from loaders.text.parallel import Parsed, Parser
from loaders.text.pipeline import Prepared, build, prepare
from loaders.text.prepared import article_text
from loaders.timeline_json import parse_timeline_export

#: Files a folder is read for (records and article lines are both .jsonl).
LOADABLE_SUFFIXES = ARTICLE_SUFFIXES | {".jsonl", ".json"}
#: The metadata file of a folder of articles (see loaders.text.inputs), not articles.
SIDECAR = "articles.jsonl"
#: Folders a folder load never enters besides hidden ones: installed packages, not data.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


def _skipped(path: Path, root: Path) -> bool:
    """Hidden files and folders (`.git`, `.cache`) and package folders under `root`."""
    parts = path.relative_to(root).parts
    return any(part.startswith(".") or part in SKIPPED_FOLDERS for part in parts)


@dataclass
class Unit:
    """One thing written in one transaction: an article, or a whole records file."""

    path: Path
    where: str
    prepared: Prepared | None = None
    batch: Callable[[], GraphBatch] | None = None
    error: GraphsvcError | None = None
    #: What its write changed, once written (`graphsvc.service.load_changes`).
    change: Change | None = None


@dataclass
class FileReport:
    written: int = 0
    failed: list[tuple[str, GraphsvcError]] = field(default_factory=list)


def _outside(path: Path, root: Path) -> Path | None:
    """Where `path` really is when a symlink on its way leads out of `root`, else None."""
    real = path.resolve()
    return None if real.is_relative_to(root.resolve()) else real


def expand(
    paths: Iterable[Path],
    follow_symlinks: bool = False,
    on_skip: Callable[[Path, str], None] | None = None,
) -> list[Path]:
    """Files as given; a folder becomes its loadable files (recursively, sorted), less
    an articles.jsonl that sits beside article files (their metadata), hidden files and
    folders, and `node_modules`. A symlink in a folder that leads out of it is left out
    (`on_skip` hears why) unless `follow_symlinks`: loading a folder must not read and
    serve files that live elsewhere (a linked key or password file)."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = sorted(p for p in path.rglob("*") if p.is_file() and not _skipped(p, path))
        found = [p for p in found if p.suffix.lower() in LOADABLE_SUFFIXES]
        if not follow_symlinks:
            kept = []
            for file in found:
                real = _outside(file, path)
                if real is None:
                    kept.append(file)
                elif on_skip is not None:
                    on_skip(file, f"a symlink to {real}, outside {path}")
            found = kept
        with_articles = {p.parent for p in found if p.suffix.lower() in ARTICLE_SUFFIXES}
        files += [p for p in found if not (p.name == SIDECAR and p.parent in with_articles)]
    return files


def _unreadable(path: Path, exc: OSError) -> InvalidInput:
    """A file that went away or cannot be read since the load began: its own failure."""
    return InvalidInput(f"{path}: cannot read it: {exc.strerror or exc}")


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "timeline"
    if suffix in ARTICLE_SUFFIXES:
        return "article"
    if suffix not in LOADABLE_SUFFIXES:
        return "unsupported"
    return "article-lines" if is_article_lines(path) else "records"


def _unsupported(path: Path) -> InvalidInput:
    loadable = ", ".join(sorted(LOADABLE_SUFFIXES))
    return InvalidInput(
        f"{path}: graphsvc does not load {path.suffix or 'files without a suffix'} files; "
        f"it loads {loadable} (records and article lines are .jsonl)"
    )


def count_units(files: Iterable[Path]) -> int:
    """How many units `units` will make: the progress bar's total."""
    total = 0
    for path in files:
        try:
            if _kind(path) == "article-lines":
                total += sum(1 for line in path.read_bytes().splitlines() if line.strip())
                continue
        except OSError:
            pass  # counted as one unit: the load reports it as a failure
        total += 1
    return total


#: The flags of `graphsvc load` that fill an article's metadata where it gives none.
FILLED = ("published", "title", "source")


def _lacks_date(exc: GraphsvcError) -> bool:
    return any(item.get("field") == "published" for item in exc.errors)


def _no_date(where: str, path: Path, line: bool) -> InvalidInput:
    """The missing-date failure, naming what fixes it where the user is: a flag or the
    metadata file beside the file, or the field of the line."""
    if line:
        fix = 'add "published": "YYYY-MM-DD" to the line, or give --published YYYY-MM-DD'
    else:
        entry = f'{{"id": "{path.stem}", "published": "YYYY-MM-DD"}}'
        fix = (
            f"give --published YYYY-MM-DD, or describe the file in {path.with_name(SIDECAR)} "
            f"with a line such as {entry}"
        )
    return InvalidInput(
        f"{where}: no publication date: {fix} (relative dates such as 'in August' are "
        "read against it)",
        errors=[{"field": "published", "message": "required"}],
    )


def check_flags(overrides: dict[str, object]) -> None:
    """InvalidInput for a flag the articles would refuse (`--published 03-02-2009`),
    before any file is read: a flag that fills only some files must not fail late."""
    given = {k: overrides[k] for k in FILLED if overrides.get(k) is not None}
    if given:
        article_from({"text": "-", **given}, "the command line")


def _filled(article: Article, overrides: dict[str, object], where: str) -> Article:
    """The article with the flags' metadata where it has none of its own: an
    articles.jsonl entry or an HTML page's date and title win over `--published`,
    `--title` and `--source`, so one flag for a folder dates only its undated files."""
    fill = {k: overrides[k] for k in FILLED if overrides.get(k) is not None}
    fill = {k: v for k, v in fill.items() if getattr(article, k) is None}
    if not fill:
        return article
    parsed = article_from({"text": "-", **fill}, where)  # the flags as the API reads them
    return article.model_copy(update={k: getattr(parsed, k) for k in fill})


def _prepared(article: Article, overrides: dict[str, object], where: str, path: Path) -> Prepared:
    mode = overrides.get("mode")
    if mode:
        article = article.model_copy(update={"mode": mode})
    text, article = article_text(article)  # an HTML page's own date and title, once
    article = _filled(article.model_copy(update={"text": text, "html": None}), overrides, where)
    try:
        return prepare(article)
    except InvalidInput as exc:
        if _lacks_date(exc):
            raise _no_date(where, path, line=where != str(path)) from exc
        raise


def _article_unit(
    path: Path, where: str, make: Callable[[], Article], overrides: dict[str, object]
) -> Unit:
    try:
        return Unit(path, where, prepared=_prepared(make(), overrides, where, path))
    except GraphsvcError as exc:
        return Unit(path, where, error=exc)
    except OSError as exc:
        return Unit(path, where, error=_unreadable(path, exc))


def _line_article(path: Path, number: int, line: bytes) -> Article:
    try:
        fields = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise InvalidInput(f"{path} line {number}: invalid JSON: {exc.msg}") from exc
    return article_from(fields, f"{path} line {number}")


def _timeline(path: Path) -> GraphBatch:
    return parse_timeline_export(path.read_bytes())


def _records(path: Path) -> GraphBatch:
    parser = RecordsParser("line")
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            parser.add_line(number, line)
    return parser.batch()


def units(files: Iterable[Path], overrides: dict[str, object]) -> Iterator[Unit]:
    """What the files hold, in order, each article checked and cut into paragraphs."""
    for path in files:
        try:
            kind = _kind(path)
            lines = path.read_bytes().splitlines() if kind == "article-lines" else []
        except OSError as exc:
            yield Unit(path, str(path), error=_unreadable(path, exc))
            continue
        if kind == "timeline":
            yield Unit(path, str(path), batch=partial(_timeline, path))
        elif kind == "unsupported":
            yield Unit(path, str(path), error=_unsupported(path))
        elif kind == "records":
            yield Unit(path, str(path), batch=partial(_records, path))
        elif kind == "article":
            yield _article_unit(path, str(path), partial(read_article_file, path), overrides)
        else:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    where = f"{path} line {number}"
                    make = partial(_line_article, path, number, line)
                    yield _article_unit(path, where, make, overrides)


def parsed_ahead(
    items: Iterable[Unit], parser: Parser, ahead: int
) -> Iterator[tuple[Unit, Parsed | None]]:
    """Each unit with its parse, in order, keeping up to `ahead` articles' parses
    started: the workers stay busy while this process builds and writes."""
    window: deque[tuple[Unit, Parsed | None]] = deque()
    started = 0
    for unit in items:
        parsed = None
        if unit.prepared is not None:
            parsed = parser.submit(unit.prepared.paragraphs())
            started += 1
        window.append((unit, parsed))
        while started >= ahead and window:
            done = window.popleft()
            started -= done[1] is not None
            yield done
    yield from window


def _read(unit: Unit) -> GraphBatch:
    """A records file's or timeline export's batch, read now (the file may be gone)."""
    assert unit.batch is not None
    try:
        return unit.batch()
    except OSError as exc:
        raise _unreadable(unit.path, exc) from exc


def write_all(
    items: Iterable[Unit],
    store: GraphStore,
    parser: Parser,
    ahead: int,
    on_unit: Callable[[Unit, WriteResult | None, GraphsvcError | None], None],
) -> dict[Path, FileReport]:
    """Build and write every unit, in order, from this one process. `on_unit` hears
    of each (its result or its error) as it is done."""
    reports: dict[Path, FileReport] = {}
    resolver = StoreResolver(store)
    counts = None
    for unit, parsed in parsed_ahead(items, parser, ahead):
        report = reports.setdefault(unit.path, FileReport())
        try:
            if unit.error is not None:
                raise unit.error
            if counts is None:
                counts = store.stats()
            if unit.prepared is not None and parsed is not None:
                batch = build(unit.prepared, parsed(), parser.nlp, resolver)
                loaded = unit.prepared.document
                stored = store.get_documents([loaded.id])
                status, why = document_status(stored[0] if stored else None, loaded)
            else:
                batch = _read(unit)
                status, why, loaded = "records", None, None
            result = store.write_batch(batch)
        except GraphsvcError as exc:
            report.failed.append((unit.where, exc))
            on_unit(unit, None, exc)
            continue
        # Counts moved by this write (and by any other writer meanwhile, which a load
        # on its own store does not have): each result carries the counts after it.
        unit.change = Change(
            status, loaded.id if loaded else None, why, delta(counts, result.stats)
        )
        counts = result.stats
        report.written += 1
        on_unit(unit, result, None)
    return reports
