"""A wall-clock bound around each call into Neo4j, whatever Neo4j does.

The driver bounds connecting and waiting for a pooled connection, and Neo4j stops a
transaction at its timeout, but a Neo4j that never answers (a parser that overflowed
its stack, a frozen network) leaves a driver thread reading its socket forever. So each
call runs on a daemon thread other than the caller's (one kept from an earlier call
when one is idle) and the caller waits at most `seconds`. Past that, the watchdog
shuts the connection's socket down, which wakes the reading thread with an error, and
refuses any retry the driver would start; the caller gets the error it was given (503
or 408) at once, and a daemon thread never keeps the process from exiting.
"""

from __future__ import annotations

import asyncio
import os
import queue
import socket
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any, Generic, TypeVar

from graphsvc.errors import GraphsvcError
from graphsvc.store.neo4j.driver_internals import raw_socket

T = TypeVar("T")


class CallAbandoned(Exception):
    """Raised in a transaction function the watchdog gave up on, so no retry runs it."""


class Watchdog:
    """Knows the connection a call is using, and cuts it when the call is abandoned."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holder: Any = None
        self.fired = False

    def watch(self, holder: Any) -> None:
        """Note the session (or transaction) in use; raise if the call was abandoned.

        A session is best: its connection is known to it from the moment it is taken
        from the pool, before the transaction has begun (BEGIN itself may go unanswered).
        """
        with self._lock:
            if self.fired:
                raise CallAbandoned("the caller stopped waiting for this call")
            self._holder = holder

    def check(self) -> None:
        """Raise if the call was abandoned: a driver retry must not run the work again."""
        if self.fired:
            raise CallAbandoned("the caller stopped waiting for this call")

    def fire(self) -> None:
        with self._lock:
            self.fired = True
            holder = self._holder
        _shut_down(holder)


def _shut_down(holder: Any) -> None:
    """Shut the socket under a driver transaction or session down, if it has one.

    The driver has no public way to cut a connection another thread is reading from
    (`driver_internals.raw_socket`); a driver without it leaves the reading thread to
    end when Neo4j answers or the connection dies.
    """
    raw = raw_socket(holder)
    if raw is not None:
        with suppress(OSError):
            raw.shutdown(socket.SHUT_RDWR)


class _Call(Generic[T]):
    """One call handed to a runner thread; `finished` is released when it ends."""

    __slots__ = ("error", "finished", "notify", "value", "watchdog", "work")

    def __init__(self, work: Callable[[Watchdog], T], watchdog: Watchdog) -> None:
        self.work = work
        self.watchdog = watchdog
        self.value: T | None = None
        self.error: BaseException | None = None
        self.finished = threading.Lock()
        self.finished.acquire()
        #: Called on the runner thread once the call ended (an event loop's wake-up).
        self.notify: Callable[[], None] | None = None


#: Idle runner threads kept for the next calls; more run at once when calls overlap
#: (or hang: a thread stays with an abandoned call until its socket is cut).
IDLE_RUNNERS = 16
_idle: list[queue.SimpleQueue[_Call[Any]]] = []
_idle_lock = threading.Lock()
os.register_at_fork(after_in_child=_idle.clear)  # their threads exist in the parent only


def _runner(inbox: queue.SimpleQueue[_Call[Any]]) -> None:
    """Run calls one after another; idle between them unless enough others are."""
    while True:
        call = inbox.get()
        try:
            call.value = call.work(call.watchdog)
        except BaseException as exc:  # handed to the caller's thread
            call.error = exc
        call.finished.release()
        if call.notify is not None:
            with suppress(RuntimeError):  # the caller's event loop closed meanwhile
                call.notify()
        del call  # the answer belongs to the caller now
        with _idle_lock:
            if len(_idle) >= IDLE_RUNNERS:
                return
            _idle.append(inbox)


def _start(call: _Call[Any]) -> None:
    """Hand `call` to an idle runner thread, or to a new one."""
    with _idle_lock:
        inbox = _idle.pop() if _idle else None
    if inbox is None:
        inbox = queue.SimpleQueue()
        thread = threading.Thread(
            target=_runner, args=(inbox,), name="graphsvc-neo4j-call", daemon=True
        )
        thread.start()
    inbox.put(call)


def call_with_deadline(
    work: Callable[[Watchdog], T], seconds: float, expired: Callable[[], GraphsvcError]
) -> T:
    """`work(watchdog)` on a daemon thread; `expired()` is raised if it takes longer.

    The threads are kept between calls (up to IDLE_RUNNERS idle): starting a thread a
    call cost about a millisecond of CPU a read on a busy 2-core machine, the most of
    anything once an answer is kept.
    """
    call: _Call[T] = _Call(work, Watchdog())
    _start(call)
    if not call.finished.acquire(timeout=seconds):
        call.watchdog.fire()
        raise expired()
    if call.error is not None:
        raise call.error
    return call.value  # type: ignore[return-value]  # set, as no error was: T (None or not)


def run_detached(work: Callable[[], None]) -> None:
    """`work()` on a runner thread, waited for by nobody: `work` bounds itself and hands
    its outcome on (the shared read of `kept.SharedCounter` started from an event loop)."""
    _start(_Call(lambda _watchdog: work(), Watchdog()))


async def call_with_deadline_async(
    work: Callable[[Watchdog], T], seconds: float, expired: Callable[[], GraphsvcError]
) -> T:
    """`call_with_deadline` for a caller on an event loop: the loop is woken when the
    runner thread ends the call, so the caller spends no thread of its own waiting (one
    hand-over a call instead of two: a pool thread that waits for a runner thread)."""
    loop = asyncio.get_running_loop()
    ended: asyncio.Future[None] = loop.create_future()

    def wake() -> None:
        if not ended.done():
            ended.set_result(None)

    def notify() -> None:
        loop.call_soon_threadsafe(wake)

    call: _Call[T] = _Call(work, Watchdog())
    call.notify = notify
    _start(call)
    try:
        await asyncio.wait_for(asyncio.shield(ended), seconds)
    except TimeoutError:
        call.watchdog.fire()
        raise expired() from None
    if call.error is not None:
        raise call.error
    return call.value  # type: ignore[return-value]  # set, as no error was
