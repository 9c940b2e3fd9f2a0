"""One article's extraction in a child process with a deadline and a memory cap.

A request's thread cannot be stopped, so an extraction that runs long would keep its
CPU and memory after the client got its answer. Here it runs in a forked child (the
spaCy model is loaded in the parent first, so the child shares it and starts at
once): past the deadline the child is killed, which frees the CPU, the memory and the
request's worker; it may allocate only `memory_mb` beyond what it shares
(`RLIMIT_AS`). The child never touches the store (its connections are the parent's):
it asks the parent to resolve the article's actors over a pipe and sends back the
finished batch, which the parent writes in one transaction. A killed child has written
nothing.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import resource
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from graphsvc.errors import GraphsvcError, PayloadTooLarge
from graphsvc.model import Actor, GraphBatch
from loaders.text.article import Article
from loaders.text.nlp import load_pipeline
from loaders.text.pipeline import ActorResolver, extract

if TYPE_CHECKING:
    from graphsvc.resolve import Resolution

log = logging.getLogger(__name__)


class IngestTimeout(GraphsvcError):
    """The article took longer to extract than a request may; nothing was written."""

    status = 408
    title = "Ingest timeout"


@dataclass(frozen=True)
class IngestLimits:
    """How long one article's extraction may take and how much memory it may add."""

    timeout_seconds: float = 60.0
    memory_mb: int = 2048


class _PipeResolver:
    """The child's `ActorResolver`: the parent resolves against its store."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def __call__(self, actors: list[Actor]) -> Resolution:
        self.connection.send(("resolve", actors))
        return self.connection.recv()  # type: ignore[no-any-return]


def _limit_memory(extra_bytes: int) -> None:
    """Let this process grow by `extra_bytes` of address space beyond its size now."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return  # not Linux: no memory cap, the deadline still holds
    limit = size + extra_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(article: Article, model: str, memory_bytes: int, connection: Any) -> None:
    # What the child inherited (the model, vocabularies) lives as long as it does: the
    # collector leaves it alone, so it neither spends time on it nor copies its pages.
    gc.freeze()
    try:
        _limit_memory(memory_bytes)
        batch = extract(article, model, _PipeResolver(connection))
        connection.send(("done", batch))
    except GraphsvcError as exc:
        connection.send(("error", (type(exc), exc.detail, exc.errors)))
    except MemoryError:
        with suppress(BaseException):  # too little memory even for this: the parent sees EOF
            connection.send(("memory", None))
    except BaseException as exc:  # everything else becomes a message to the parent
        log.exception("extraction failed in its child process")
        with suppress(BaseException):
            connection.send(("crash", f"{type(exc).__name__}: {exc}"))
    finally:
        connection.close()


#: A page read once in the parent before any child is forked (see `_warm`).
_WARM_UP = Article(
    id="warm-up",
    published="2016-01-22",  # type: ignore[arg-type]
    html="<html><head><title>Warm-up</title></head><body><article><p>Vladimir Putin met "
    "Bashar al-Assad in Moscow on Tuesday, officials said.</p></article></body></html>",
)


@cache
def _warm(model: str) -> None:
    """Load, once in this process, what an extraction loads on first use (the spaCy
    model, the gazetteer, vocabularies, trafilatura's own setup): forked children then
    share it, instead of each spending seconds loading it again and throwing it away."""
    load_pipeline(model)
    extract(_WARM_UP, model)


def _reap(child: Any) -> None:
    """Kill and wait for a child off the request's thread: a big one takes time to end."""
    if child.is_alive():
        child.kill()
    threading.Thread(target=child.join, name="graphsvc-ingest-reaper", daemon=True).start()


def _too_big(limits: IngestLimits) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"the article needed more than the {limits.memory_mb} MB an extraction may add "
        "(GRAPHSVC_INGEST_MEMORY_MB); nothing was written: send it in parts"
    )


def extract_bounded(
    article: Article, model: str, resolver: ActorResolver, limits: IngestLimits
) -> GraphBatch:
    """`pipeline.extract(article, model, resolver)` in a child process, killed past
    `limits.timeout_seconds` (IngestTimeout) or failing past `limits.memory_mb`
    (PayloadTooLarge). Where processes cannot be forked it runs here, unbounded."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return extract(article, model, resolver)
    _warm(model)
    deadline = time.monotonic() + limits.timeout_seconds
    context = multiprocessing.get_context("fork")
    here, there = context.Pipe(duplex=True)
    child = context.Process(
        target=_child,
        args=(article, model, limits.memory_mb * 2**20, there),
        name="graphsvc-ingest",
        daemon=True,
    )
    child.start()
    there.close()
    try:
        while True:
            if not here.poll(max(deadline - time.monotonic(), 0)):
                raise IngestTimeout(
                    f"the article took longer than {limits.timeout_seconds:g} s to extract "
                    "(GRAPHSVC_INGEST_TIMEOUT_SECONDS) and was stopped; nothing was "
                    "written: send a shorter article, or load long ones with `graphsvc load`"
                )
            kind, payload = here.recv()
            if kind == "resolve":
                here.send(resolver(payload))
            elif kind == "done":
                return payload  # type: ignore[no-any-return]
            elif kind == "error":
                error_type, detail, errors = payload
                raise error_type(detail, errors=errors)
            elif kind == "memory":
                raise _too_big(limits)
            else:
                raise RuntimeError(f"extraction failed: {payload}")
    except EOFError as exc:  # the child died without a word: killed, or out of memory
        raise _too_big(limits) from exc
    finally:
        _reap(child)
        here.close()
