"""Kept answers of the Neo4j store: its hot reads, kept by the write counter they were
read at (docs/consistency.md).

Every write transaction, from any process, bumps the write counter (writes/lock) as it
commits. An answer read by a statement that found the counter equal before and after
its work (`consistency.answer_consistently`) is the graph as of that counter value; as
long as the counter still has that value, no batch has committed since, in this process
or any other, so the answer still stands.

So a request whose answer is kept asks Neo4j only whether that answer still stands
(`SharedCounter`: one read, for all the requests of this process that ask at once, of
the counter and then of `shown_changed` and the change stamps of the actors their kept
answers are about, writes/version_stamps; each request is answered by a read begun
after it arrived), and gets the kept answer (the same object: the store protocol's
`keeps_answers`) when it stands (`Reading.stands`). Otherwise the statement runs as
before; it also takes the kept answer's counter as `$known` and skips its work when it
finds the answer still standing by the same rule.

Change stamps: a batch about other actors moves the counter but changes nothing this
answer shows, so each write transaction also stamps, with its own counter,
the actors whose answers it may change (`writes/stamp_*`, in the same transaction):
the old and new participants of every event it writes, the participants of events
reported by the documents it withdraws and both ends of their relations, every actor
whose record it writes, both ends of every relation it writes. What the answers show of
other actors (name, kind) and actor merges stamp everything instead (the write lock's
`shown_changed`). An answer kept at counter K stands at a counter W read later when
W = K, or when the actor's stamp (through a redirect) and `shown_changed`, both read
after W, are at most K. Why that is exact: batches commit one at a time under the write
lock, in counter order, each stamping with its own counter, so stamps only grow; every
batch up to W had committed when W was read, so a stamp read afterwards is at least
the counter of the last of them that stamped the actor. At most K means none of the
batches K+1..W touched what the answer shows: the answer read whole at K is the graph's
answer at W, which holds every batch committed before W was read (so every batch
acknowledged before a request the round answers arrived) and no part of a later one.
The answer is then kept again at W. A batch committing between the counter read and
the stamp reads can only raise a stamp, which reads as changed (the statement runs). An
actor without a stamp, or gone, counts as changed. Every process that writes must
stamp (all write through `Neo4jConnection._write`); the counter must never go back
(see below).

The guarantee that no reader sees half a batch holds across server processes because
the check is made in Neo4j every request: nothing is trusted from memory beyond "the
answer read at counter N". (A graph emptied behind graphsvc's back, which deletes the
counter and starts it again at 0, is outside this: restart the servers. With change
stamps a kept answer would stand once the new counter passes its own, not only when it
comes back to it exactly.)
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, cast

#: Answers kept per store (per process): the bench's 64 actors, two routes, and room
#: for pages and windows; an answer is a few hundred kilobytes of views at most.
KEPT_ANSWERS = 512
#: `$known` when no answer is kept: the counter is never negative.
NOTHING_KEPT = -1


def freeze(value: Any) -> Hashable:
    """Statement parameters as a hashable key (maps and lists become tuples)."""
    if isinstance(value, Mapping):
        return tuple(sorted((k, freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    if not isinstance(value, Hashable):  # parameters are JSON: no other container
        raise TypeError(f"a statement parameter of type {type(value).__name__}")
    return value


class KeptAnswers:
    """The last `size` answers, by statement and parameters, each with its counter."""

    def __init__(self, size: int = KEPT_ANSWERS) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()

    def get(self, key: Hashable) -> tuple[int, Any] | None:
        """(write counter, answer) kept under `key`, or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def keep(self, key: Hashable, writes: int, answer: Any) -> None:
        """Keep `answer`, read at counter `writes`, unless a newer one is kept already."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] > writes:
                return
            self._entries[key] = (writes, answer)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True)
class Reading:
    """One shared read (writes/version_stamps): the write counter, then, read after it,
    `shown_changed` and the change stamps of the actors asked about (None: no stamp, or
    no such actor)."""

    writes: int
    shown_changed: int
    stamps: Mapping[str, int | None]

    def stands(self, actor: str, kept_at: int) -> bool:
        """Whether `actor`'s answer read whole at counter `kept_at` is still the graph's
        answer at `writes` (the module's docstring says why this is exact)."""
        if self.writes == kept_at:
            return True
        stamp = self.stamps.get(actor)
        return (
            self.writes > kept_at
            and self.shown_changed <= kept_at
            and stamp is not None
            and stamp <= kept_at
        )


class _Round:
    """One shared read, the requests waiting for it (threads on `done`, coroutines on
    their futures), and the actors they ask about."""

    __slots__ = ("actors", "done", "error", "value", "waiting")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.actors: set[str] = set()
        self.value: Reading | None = None
        self.error: BaseException | None = None
        self.waiting: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[Reading]]] = []

    def finish(self) -> None:
        """Wake every waiter: threads at once, each event loop once for all its futures."""
        self.done.set()
        by_loop: defaultdict[asyncio.AbstractEventLoop, list[asyncio.Future[Reading]]]
        by_loop = defaultdict(list)
        for loop, future in self.waiting:
            by_loop[loop].append(future)
        for loop, futures in by_loop.items():
            with suppress(RuntimeError):  # that loop closed: nobody waits there any more
                loop.call_soon_threadsafe(_settle, futures, self.value, self.error)


def _settle(
    futures: list[asyncio.Future[Reading]], value: Reading | None, error: BaseException | None
) -> None:
    for future in futures:
        if future.done():  # cancelled: its request went away
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(cast(Reading, value))


class SharedCounter:
    """The write counter and the change stamps, read once for every request of this
    process that asks at once.

    A request with a kept answer needs a reading begun after it arrived (so that a batch
    acknowledged before it, by any process, shows). Requests arriving while a read is
    under way join the next read, adding the actor their kept answer is about; that read
    starts only when the one under way ends, so N requests at once cost about two round
    trips instead of N, with nothing decoded. `read(actors, seconds)` is the store's
    read of writes/version_stamps bounded by `seconds`; a request waits at most
    `seconds` in all (the query timeout and its grace) for a reading, else `expired()`
    is raised.
    """

    def __init__(
        self,
        read: Callable[[list[str], float], Reading],
        seconds: float,
        expired: Callable[[], BaseException],
        detach: Callable[[Callable[[], None]], None] | None = None,
    ) -> None:
        self._read = read
        self._seconds = seconds
        self._expired = expired
        self._detach = detach
        self._lock = threading.Lock()
        self._reading = threading.Lock()  # one read at a time
        self._next: _Round | None = None  # the round not started yet, that arrivals join

    def fresh(self, actor: str | None = None) -> Reading:
        """A reading begun entirely after this call began, with `actor`'s stamp."""
        with self._lock:
            round_ = self._next
            leader = round_ is None
            if round_ is None:
                round_ = self._next = _Round()
            if actor is not None:
                round_.actors.add(actor)
        if leader:
            self._lead(round_, time.monotonic() + self._seconds)
        elif not round_.done.wait(self._seconds):
            raise self._expired()
        if round_.error is not None:
            raise round_.error
        return cast(Reading, round_.value)  # set before `done` when there is no error

    async def fresh_async(self, actor: str | None = None) -> Reading:
        """`fresh` for a request on an event loop: it joins the next round like a thread
        would, holding no thread while it waits. A round it opens is led on a thread of
        `detach` (the store's runner threads), so the loop never blocks on Neo4j; the
        round ends, with a reading or an error, within `seconds` of being opened, as the
        thread that leads it waits at most that long for the read before it."""
        if self._detach is None:
            raise RuntimeError("this SharedCounter was made without a thread to detach to")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Reading] = loop.create_future()
        with self._lock:
            round_ = self._next
            leader = round_ is None
            if round_ is None:
                round_ = self._next = _Round()
            if actor is not None:
                round_.actors.add(actor)
            round_.waiting.append((loop, future))
        if leader:
            deadline = time.monotonic() + self._seconds
            try:
                self._detach(lambda: self._lead(round_, deadline))
            except BaseException as exc:  # no thread: nobody would end this round
                with self._lock:
                    if self._next is round_:
                        self._next = None
                round_.error = exc
                round_.finish()
        return await future

    def _lead(self, round_: _Round, deadline: float) -> None:
        try:
            if not self._reading.acquire(timeout=max(deadline - time.monotonic(), 0.001)):
                with self._lock:
                    if self._next is round_:
                        self._next = None
                raise self._expired()
            try:
                with self._lock:
                    self._next = None  # arrivals from now on wait for the next read
                    actors = sorted(round_.actors)
                round_.value = self._read(actors, max(deadline - time.monotonic(), 0.001))
            finally:
                self._reading.release()
        except BaseException as exc:  # the joiners get it too
            round_.error = exc
        finally:
            round_.finish()
