"""spaCy parses on several processes, handed back as Docs in the calling process.

The parse is most of a text load's time and needs nothing from the store, so it is
what goes to other processes: the pipes before `graphsvc_document`
(`loaders.text.components.paragraph_steps`: the model's own and `graphsvc_names`, the
actor mentions of each paragraph). Workers return an article's paragraphs as one
`DocBin` (tokens, tags, parse, entities and the strings they use: one message to
decode, not one a paragraph) and each mention as token offsets; the caller rebuilds
the Docs on its own vocab and the mentions on them (`doc._.actor_mentions`), so the
article steps (`loaders.text.pipeline.build`) cannot tell where they were made. A
component added before `graphsvc_document` runs in the workers too, but only the parse
and the mentions come back: add steps after it. With one worker nothing is started:
all of it runs in this process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from graphsvc.errors import GraphsvcError
from graphsvc.model import ActorKind
from loaders.text.actors import Mention
from loaders.text.components import article_steps
from loaders.text.nlp import load_pipeline

#: A mention as it crosses processes: token start, end, name, kind, evidence.
MentionRow = tuple[int, int, str, ActorKind, str]
#: What a worker sends back: the DocBin of the paragraphs and their mentions.
ParseAnswer = tuple[bytes, list[list[MentionRow]]]

_worker_nlp: Language | None = None


class ParseWorkerDied(GraphsvcError):
    title = "Parse worker died"


def _start_worker(model: str) -> None:
    global _worker_nlp
    _worker_nlp = load_pipeline(model)  # already loaded when the process was forked


def parse(nlp: Language, paragraphs: list[str]) -> list[Doc]:
    """The paragraphs through the steps that need no article (parse, named mentions)."""
    return list(nlp.pipe(paragraphs, disable=article_steps(nlp)))


def parse_answer(nlp: Language, paragraphs: list[str]) -> ParseAnswer:
    """The parse as it crosses processes: one DocBin and the mentions' token offsets."""
    docs = parse(nlp, paragraphs)
    mentions = [
        [(m.span.start, m.span.end, m.name, m.kind, m.evidence) for m in doc._.actor_mentions]
        for doc in docs
    ]
    return DocBin(docs=docs).to_bytes(), mentions


def _parse(paragraphs: list[str]) -> ParseAnswer:
    assert _worker_nlp is not None
    return parse_answer(_worker_nlp, paragraphs)


def rebuilt(nlp: Language, data: bytes, rows: list[list[MentionRow]]) -> ParsedArticle:
    docs = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    for doc, found in zip(docs, rows, strict=True):
        doc._.actor_mentions = [
            Mention(doc[start:end], name, kind, evidence)
            for start, end, name, kind, evidence in found
        ]
    return docs


#: An article's paragraphs, parsed, each with its actor mentions (`doc._.actor_mentions`).
ParsedArticle = list[Doc]
Parsed = Callable[[], ParsedArticle]


class Parser(Protocol):
    """Starts the parse of one article's paragraphs; calling the result waits for it.
    `nlp` is the pipeline the Docs come back on, whose article steps read them next."""

    nlp: Language

    def submit(self, paragraphs: list[str]) -> Parsed: ...

    def threads(self) -> int:
        """How many parses run at once: the caller keeps a few times that in flight."""
        ...

    def close(self) -> None: ...


class InlineParser:
    """The parse in this process, when it is asked for (one worker)."""

    def __init__(self, model: str) -> None:
        self.nlp = load_pipeline(model)

    def submit(self, paragraphs: list[str]) -> Parsed:
        return lambda: parse(self.nlp, paragraphs)

    def threads(self) -> int:
        return 1

    def close(self) -> None:
        pass


class PoolParser:
    """The parse on `workers` processes. On Linux they are forked after the model is
    loaded here, so they start at once and share its memory until they write to it.

    A worker that dies (killed, out of memory) breaks the whole pool and every parse in
    it: the pool is replaced for the articles still to come, and each article whose
    parse was lost is parsed again alone in a fresh process, so the one that killed
    its worker is known (it dies again: that article's failure) and the others load."""

    def __init__(self, model: str, workers: int) -> None:
        self.nlp = load_pipeline(model)  # here too: Docs come back onto its vocab
        self.model = model
        self.workers = workers
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.pool = self._new_pool(workers)

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=self.context,
            initializer=_start_worker,
            initargs=(self.model,),
        )

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """A new pool in place of `broken`, if that is still the current one."""
        if self.pool is broken:
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool(self.workers)

    def submit(self, paragraphs: list[str]) -> Parsed:
        pool = self.pool
        try:
            future: Future[ParseAnswer] = pool.submit(_parse, paragraphs)
        except BrokenProcessPool:
            self._replace(pool)
            pool = self.pool
            future = pool.submit(_parse, paragraphs)
        return lambda: rebuilt(self.nlp, *self._result(pool, future, paragraphs))

    def _result(
        self, pool: ProcessPoolExecutor, future: Future[ParseAnswer], paragraphs: list[str]
    ) -> ParseAnswer:
        """The worker's answer; if the pool broke meanwhile, the answer of a parse of
        these paragraphs alone; if that dies too, one line."""
        try:
            return future.result()
        except BrokenProcessPool:
            self._replace(pool)
        alone = self._new_pool(1)
        try:
            return alone.submit(_parse, paragraphs).result()
        except BrokenProcessPool as exc:
            raise ParseWorkerDied(
                "the parse worker process died on this article, twice (killed or out of "
                "memory); nothing of it was written: load it again, with fewer --workers "
                "if memory is short"
            ) from exc
        finally:
            alone.shutdown(wait=True)

    def threads(self) -> int:
        return self.workers

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def parser(model: str, workers: int) -> Parser:
    return PoolParser(model, workers) if workers > 1 else InlineParser(model)
