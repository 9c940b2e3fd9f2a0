"""spaCy parses on several processes, handed back as Docs in the calling process.

The parse is most of a text load's time and needs nothing from the store, so it is
what goes to other processes. Workers return `Doc.to_bytes()` (tokens, tags, parse,
entities and the strings they use); the caller rebuilds each Doc on its own vocab, so
the rest of the pipeline (`loaders.text.pipeline.build`) cannot tell where it was
parsed. With one worker nothing is started: the parse runs in this process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc

from loaders.text.nlp import load_pipeline

#: Doc parts the text loader never reads: the tok2vec tensor is most of a Doc's bytes.
_EXCLUDE = ["tensor", "user_data"]

_worker_nlp: Language | None = None


def _start_worker(model: str) -> None:
    global _worker_nlp
    _worker_nlp = load_pipeline(model)  # already loaded when the process was forked


def _parse(paragraphs: list[str]) -> list[bytes]:
    assert _worker_nlp is not None
    return [doc.to_bytes(exclude=_EXCLUDE) for doc in _worker_nlp.pipe(paragraphs)]


Parsed = Callable[[], list[Doc]]


class Parser(Protocol):
    """Starts the parse of one article's paragraphs; calling the result waits for it."""

    def submit(self, paragraphs: list[str]) -> Parsed: ...

    def close(self) -> None: ...


class InlineParser:
    """The parse in this process, when it is asked for (one worker)."""

    def __init__(self, model: str) -> None:
        self.nlp = load_pipeline(model)

    def submit(self, paragraphs: list[str]) -> Parsed:
        return lambda: list(self.nlp.pipe(paragraphs))

    def close(self) -> None:
        pass


class PoolParser:
    """The parse on `workers` processes. On Linux they are forked after the model is
    loaded here, so they start at once and share its memory until they write to it."""

    def __init__(self, model: str, workers: int) -> None:
        self.nlp = load_pipeline(model)  # here too: Docs come back onto its vocab
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(model,)
        )

    def submit(self, paragraphs: list[str]) -> Parsed:
        future: Future[list[bytes]] = self.pool.submit(_parse, paragraphs)
        return lambda: [Doc(self.nlp.vocab).from_bytes(data) for data in future.result()]

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def parser(model: str, workers: int) -> Parser:
    return PoolParser(model, workers) if workers > 1 else InlineParser(model)
