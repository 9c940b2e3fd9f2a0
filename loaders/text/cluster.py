"""The parse of `graphsvc load --cluster` on a Dask cluster, one machine's or many.

Only the parse goes to the cluster, as with `--workers` (`loaders.text.parallel`): it is
almost all of a text load's time and needs nothing from the store. Building each
article (its actors resolved against the store) and writing it stay in the calling
process, in input order, so the graph is the same as a one-process load. The inputs
are read here and each article's paragraphs are sent as one task: workers need no
access to the files, only graphsvc and the spaCy model installed.

Each worker process loads the pipeline once: a worker plugin loads it when the worker
starts (or joins later), and the task finds it in `load_pipeline`'s cache. Answers are
taken as they complete (`as_completed`) and held until their turn; the caller keeps at
most its look-ahead of articles in flight, so memory does not grow with the corpus.
A worker that dies is the engine's to handle: it runs the task again elsewhere, and a
task that kills several workers becomes that article's failure.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from distributed import Client, Future, KilledWorker, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from graphsvc.errors import GraphsvcError
from loaders.text.cluster_address import check_cluster
from loaders.text.nlp import load_pipeline
from loaders.text.parallel import ParseAnswer, Parsed, ParsedArticle, parse_answer, rebuilt


class ClusterUnavailable(GraphsvcError):
    status = 503
    title = "Dask cluster unavailable"


class ParseFailed(GraphsvcError):
    title = "Parse failed on the cluster"


def _parse_on_worker(model: str, paragraphs: list[str]) -> ParseAnswer:
    """A task: the worker process's own pipeline (loaded once, then cached)."""
    return parse_answer(load_pipeline(model), paragraphs)


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline as a worker starts, so the first tasks do not wait for it
    one after the other, and a worker that joins later loads it too."""

    idempotent = True

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        load_pipeline(self.model)

    def teardown(self, worker: Any) -> None:
        pass


class DaskParser:
    """A `loaders.text.parallel.Parser` whose parses run on a Dask cluster."""

    def __init__(self, model: str, address: str, connect_seconds: float = 30.0) -> None:
        local = check_cluster(address)
        self.nlp = load_pipeline(model)  # here too: Docs come back onto its vocab
        self.model = model
        self.cluster: LocalCluster | None = None
        try:
            if local is not None:
                # One thread a process: spaCy's parse holds the GIL, so threads would
                # share one core; processes are what spreads it.
                self.cluster = LocalCluster(
                    n_workers=local,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    # Its workers' shutdown notes ("still alive, killing") are not
                    # the load's output; errors still show.
                    silence_logs=logging.ERROR,
                )
                self.client = Client(self.cluster)
            else:
                self.client = Client(address, timeout=connect_seconds)
        except (OSError, TimeoutError) as exc:
            self._close_cluster()
            raise ClusterUnavailable(
                f"--cluster {address}: no Dask scheduler answered ({exc}); start one with "
                "`dask scheduler` and workers with `dask worker SCHEDULER_ADDRESS`"
            ) from exc
        try:
            self.client.register_plugin(PipelinePlugin(model), name=f"graphsvc-pipeline-{model}")
        except Exception as exc:
            self.close()
            raise ClusterUnavailable(
                f"--cluster {address}: a worker could not load the parse "
                f"({type(exc).__name__}: {exc}); each worker needs graphsvc and the spaCy "
                f"model {model!r} installed, as here"
            ) from exc
        self.done = as_completed(with_results=True, raise_errors=False)
        self.answers: dict[str, tuple[Future, Any]] = {}

    def threads(self) -> int:
        """The cluster's threads now: how many parses run at once."""
        return max(1, sum(self.client.nthreads().values()))

    def submit(self, paragraphs: list[str]) -> Parsed:
        future = self.client.submit(_parse_on_worker, self.model, paragraphs, pure=False)
        self.done.add(future)
        return partial(self._answer, future)

    def _answer(self, future: Future) -> ParsedArticle:
        """This article's parse, taking others' answers as they come meanwhile."""
        while future.key not in self.answers:
            finished, answer = next(self.done)
            self.answers[finished.key] = (finished, answer)
        finished, answer = self.answers.pop(future.key)
        if finished.status != "finished":
            raise self._failure(finished)
        return rebuilt(self.nlp, *answer)

    @staticmethod
    def _failure(future: Future) -> GraphsvcError:
        try:
            future.result()
        except GraphsvcError as exc:
            return exc
        except Exception as exc:
            if isinstance(exc, KilledWorker):
                return ParseFailed(
                    "the workers parsing this article died on it, several times (killed or "
                    "out of memory); nothing of it was written"
                )
            return ParseFailed(f"the parse failed on a worker: {type(exc).__name__}: {exc}")
        return ParseFailed(f"the parse ended as {future.status!r} on the cluster")

    def _close_cluster(self) -> None:
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def close(self) -> None:
        self.client.close()
        self._close_cluster()
