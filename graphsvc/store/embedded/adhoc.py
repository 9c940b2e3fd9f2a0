"""Read-only Cypher on the embedded store, with grand-cypher over networkx.

grand-cypher needs a graph whose nodes and edges carry their properties and labels, so
`project` builds one shaped like the Neo4j graph (same labels, relationship types and
property names; dates as ISO strings). The store caches it until the next write.

A query runs in a forked child process: the child shares the projection copy-on-write,
a query past its timeout is killed outright (a thread could not be stopped), a heavy
query never holds the server's interpreter lock, and the child may allocate only so much
memory beyond what it shares (`RLIMIT_AS`), so one query cannot take the machine's.
The child counts the JSON bytes of the rows it answers with and stops past the answer's
bound (`graphsvc.cypher_guard.answer_bytes`), so no huge answer crosses the pipe; the parent
waits for the answer itself, not only its first bytes, until the deadline.

grand-cypher reads string and number literals with Python's `eval`. Here it never sees
a literal this module did not write: every string is decoded by Cypher's escape rules
and written back as a JSON string, every number is checked, and the transformer reads
them with `json.loads` and `int`/`float` instead of `eval` (`_safe_literals`).
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import re
import resource
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import grandcypher
import networkx as nx
from grandcypher import GrandCypher
from lark.exceptions import UnexpectedInput, VisitError

from graphsvc.cypher_guard.answer_bytes import AnswerBudget
from graphsvc.cypher_guard.tokens import Token, tokenize
from graphsvc.errors import InvalidCypher, PayloadTooLarge, QueryTimeout
from graphsvc.model import Actor, Document, Event, Relation
from graphsvc.store.rows import actor_row, event_row

log = logging.getLogger(__name__)
LABELS = "__labels__"
#: Digits a number literal may have; Python would build any integer, however long.
MAX_NUMBER_DIGITS = 40
#: grand-cypher knows these aggregates in capitals only.
AGGREGATES = frozenset({"COUNT", "SUM", "AVG", "MAX", "MIN", "COLLECT"})


def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _actor(actor: Actor) -> dict[str, Any]:
    return {LABELS: {"Actor", actor.kind.value.capitalize()}, **actor_row(actor)}


def _event(event: Event) -> dict[str, Any]:
    """The properties Neo4j's Event nodes have (`anchor` is stored as `date_anchor`)."""
    row = event_row(event)
    return {LABELS: {"Event"}, **row, "date_anchor": row.pop("anchor")}


def _document(document: Document) -> dict[str, Any]:
    fields = {k: _iso(v) for k, v in document.model_dump().items() if v is not None}
    return {LABELS: {"Document"}, **fields}


def project(
    documents: list[Document], actors: list[Actor], events: list[Event], relations: list[Relation]
) -> nx.MultiDiGraph:
    """A property graph of the store, labelled as in Neo4j. Nodes are keyed (label, id)."""
    graph = nx.MultiDiGraph()
    for document in documents:
        graph.add_node(("Document", document.id), **_document(document))
    for actor in actors:
        graph.add_node(("Actor", actor.id), **_actor(actor))
    for event in events:
        node = ("Event", event.id)
        graph.add_node(node, **_event(event))
        for ordinal, p in enumerate(event.participants):
            properties = {
                "role": p.role.value,
                "ordinal": ordinal,
                "basis": p.basis,
                "mention": p.mention,
            }
            graph.add_edge(("Actor", p.actor), node, **{LABELS: {"PARTICIPATED_IN"}, **properties})
        for ordinal, s in enumerate(event.sources):
            properties = {
                "sentence": s.sentence,
                "char_start": s.char_start,
                "char_end": s.char_end,
                "trigger_start": s.trigger_start,
                "trigger_end": s.trigger_end,
                "extractor": s.extractor,
                "ordinal": ordinal,
            }
            target = ("Document", s.document)
            graph.add_edge(node, target, **{LABELS: {"REPORTED_IN"}, **properties})
    for r in relations:
        properties = {
            "since": _iso(r.since),
            "until": _iso(r.until),
            "document": r.document,
            "sentence": r.sentence,
        }
        edge = {LABELS: {r.type.value}, **properties}
        graph.add_edge(("Actor", r.source), ("Actor", r.target), **edge)
    return graph


def _literal(value: Any, name: str) -> str:
    """A parameter as a grand-cypher literal (it has no parameters of its own)."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, int | float | str):
        return json.dumps(value)
    if isinstance(value, list) and all(
        isinstance(v, int | float | str) and not isinstance(v, bool) for v in value
    ):
        return "[" + ", ".join(json.dumps(v) for v in value) + "]"
    raise InvalidCypher(
        f"parameter ${name}: the embedded store takes strings, numbers, booleans, null "
        "and lists of strings or numbers"
    )


_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)


def string_value(quoted: str) -> str:
    """The text of a Cypher string literal ('...' or "..."), its escapes decoded."""

    def decode(match: re.Match[str]) -> str:
        escape = match.group(1)
        if escape[0] in "uU" and len(escape) > 1:
            code = int(escape[1:], 16)
            if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                raise InvalidCypher(f"\\{escape} in a string is not a character")
            return chr(code)
        if escape in _ESCAPES:
            return _ESCAPES[escape]
        if escape in "\\'\"":
            return escape
        raise InvalidCypher(f"\\{escape} is not an escape Cypher knows")

    return _ESCAPE.sub(decode, quoted[1:-1])


def _number(text: str) -> str:
    if len(re.sub(r"\D", "", text)) > MAX_NUMBER_DIGITS:
        raise InvalidCypher(f"a number has more than {MAX_NUMBER_DIGITS} digits")
    return text


def _for_grand_cypher(token: Token, following: Token | None, params: dict[str, Any]) -> str:
    if token.kind == "param":
        name = token.text[1:].strip("`")
        if name not in params:
            raise InvalidCypher(f"parameter ${name} is used but not given in params")
        return _literal(params[name], name)
    if token.kind == "string":
        # grand-cypher reads double-quoted strings only; Neo4j users write single quotes.
        # JSON's escapes are a subset of Python's, so its `eval` would read the same text.
        return json.dumps(string_value(token.text))
    if token.kind == "number":
        return _number(token.text)
    if token.kind == "word" and token.text.upper() in AGGREGATES and following is not None:
        return token.text.upper() if following.text == "(" else token.text
    return token.text


def dialect(query: str, params: dict[str, Any]) -> str:
    """The query as grand-cypher reads it: parameters inlined as literals, every string
    as a JSON string, `count(` as `COUNT(`. grand-cypher cannot write at all."""
    tokens = tokenize(query)
    visible = [t for t in tokens if t.kind not in ("space", "comment")]
    following = {id(a): b for a, b in pairwise(visible)}
    return "".join(
        " " if t.kind == "comment" else _for_grand_cypher(t, following.get(id(t)), params)
        for t in tokens
    )


@dataclass(frozen=True)
class Answer:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool


def _json_value(value: Any) -> Any:
    """Labels sets as sorted lists and node keys as ids, so the answer is plain JSON."""
    if isinstance(value, dict):
        out = {k: _json_value(v) for k, v in value.items() if k != LABELS}
        if LABELS in value:
            out = {"labels": sorted(value[LABELS]), "properties": out}
        return out
    if isinstance(value, tuple) and len(value) == 2 and value[0] in {"Actor", "Event", "Document"}:
        return value[1]
    if isinstance(value, list | tuple | set | frozenset):
        items = [_json_value(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return value


def _read_string(token: Any) -> str:
    text = json.loads(str(token))
    if not isinstance(text, str):
        raise ValueError("a string literal that is not a string")
    return text


def _read_number(token: Any) -> int | float:
    text = str(token)
    if len(text) > MAX_NUMBER_DIGITS + 8:
        raise ValueError("a number literal too long")
    try:
        return int(text)
    except ValueError:
        return float(text)


def _safe_literals() -> None:
    """grand-cypher's transformer reads literals with `eval`; read them without it."""
    transformer = grandcypher.GrandCypherTransformer
    # staticmethod: the transformer calls `self.ESTRING(token)`, as it did `eval(token)`.
    transformer.ESTRING = staticmethod(_read_string)
    transformer.NUMBER = staticmethod(_read_number)


_safe_literals()


def _error_message(exc: BaseException, text: str) -> str:
    """A message about the query, never Python's own text (types, reprs, paths)."""
    if isinstance(exc, VisitError):
        exc = exc.orig_exc
    if isinstance(exc, UnexpectedInput):
        where = f"syntax error at line {exc.line}, column {exc.column}"
        lines = text.splitlines()
        if 0 < exc.line <= len(lines) and exc.column > 0:
            near = lines[exc.line - 1][exc.column - 1 :][:30].strip()
            return f"{where}, near '{near}'" if near else where
        return where
    if isinstance(exc, MemoryError):
        return (
            "the query needed more memory than a query may have (GRAPHSVC_CYPHER_CHILD_MEMORY_MB)"
        )
    return "grand-cypher cannot run this query (a feature or type it does not support)"


def _limit_memory(extra_bytes: int) -> None:
    """Let this process grow by `extra_bytes` of address space beyond its size now."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return  # not Linux: no cap, the timeout still holds
    limit = size + extra_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _run_in_child(
    graph: nx.MultiDiGraph,
    text: str,
    row_limit: int,
    memory_bytes: int,
    max_bytes: int | None,
    connection: Any,
) -> None:
    try:
        _limit_memory(memory_bytes)
        result = GrandCypher(graph).run(text)
        columns = [str(c) for c in result]
        values = [list(v) for v in result.values()]
        count = min((len(v) for v in values), default=0)
        budget = AnswerBudget(max_bytes)
        rows: list[list[Any]] = []
        for i in range(min(count, row_limit)):
            row = [_json_value(v[i]) for v in values]
            budget.add(row)
            rows.append(row)
        connection.send(("ok", columns, rows, count > row_limit))
    except PayloadTooLarge as exc:
        connection.send(("too_large", exc.detail))
    except BaseException as exc:  # everything becomes a message to the parent
        log.info("embedded Cypher failed: %s: %s", type(exc).__name__, exc)
        with suppress(BaseException):  # out of memory even for this: the parent sees EOF
            connection.send(("error", _error_message(exc, text)))
    finally:
        connection.close()


def _reap(child: Any) -> None:
    """Kill and wait for a child off the request's thread: a big one takes time to end."""
    if child.is_alive():
        child.kill()
    threading.Thread(target=child.join, name="graphsvc-cypher-reaper", daemon=True).start()


def run_query(
    graph: nx.MultiDiGraph,
    text: str,
    row_limit: int,
    timeout: float,
    memory_bytes: int = 512 * 2**20,
    deadline: float | None = None,
    max_bytes: int | None = None,
) -> Answer:
    """Run `text` on `graph` in a forked child; kill it at `timeout` seconds, or at
    `deadline` (`time.monotonic()`) when the caller's clock started earlier; PayloadTooLarge
    when the rows' JSON passes `max_bytes` (None: no byte bound)."""
    deadline = deadline if deadline is not None else time.monotonic() + timeout
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_run_in_child, args=(graph, text, row_limit, memory_bytes, max_bytes, sender)
    )
    child.start()
    sender.close()
    expired = QueryTimeout(
        f"the query ran past its {timeout:g} s timeout (GRAPHSVC_CYPHER_TIMEOUT_SECONDS) "
        "and was stopped; "
        "narrow the MATCH or add a LIMIT"
    )
    try:
        if not receiver.poll(max(deadline - time.monotonic(), 0)):
            raise expired
        message = receiver.recv()
        # poll() returns at the answer's first bytes; reading a large one takes time too.
        if time.monotonic() > deadline:
            raise expired
    except EOFError as exc:
        raise InvalidCypher(
            "the embedded Cypher engine stopped without an answer (out of memory? "
            "GRAPHSVC_CYPHER_CHILD_MEMORY_MB)"
        ) from exc
    finally:
        _reap(child)
        receiver.close()
    if message[0] == "error":
        raise InvalidCypher(f"embedded Cypher (grand-cypher): {message[1]}")
    if message[0] == "too_large":
        raise PayloadTooLarge(message[1])
    _, columns, rows, truncated = message
    return Answer(columns=columns, rows=rows, truncated=truncated)
