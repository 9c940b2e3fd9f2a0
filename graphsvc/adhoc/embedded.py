"""Read-only Cypher on the embedded store, with grand-cypher over networkx.

grand-cypher needs a graph whose nodes and edges carry their properties and labels, so
`project` builds one shaped like the Neo4j graph (same labels, relationship types and
property names; dates as ISO strings). The store caches it until the next write.

A query runs in a forked child process: the child shares the projection copy-on-write,
a query past its timeout is killed outright (a thread could not be stopped), and a
heavy query never holds the server's interpreter lock.
"""

from __future__ import annotations

import multiprocessing
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import networkx as nx
import orjson
from grandcypher import GrandCypher
from lark.exceptions import LarkError, UnexpectedInput, VisitError

from graphsvc.adhoc.tokens import Token, tokenize
from graphsvc.errors import InvalidCypher, QueryTimeout
from graphsvc.model import Actor, Document, Event, Relation
from graphsvc.store.neo4j import actor_row, event_row

LABELS = "__labels__"
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
            properties = {"role": p.role.value, "ordinal": ordinal}
            graph.add_edge(("Actor", p.actor), node, **{LABELS: {"PARTICIPATED_IN"}, **properties})
        for ordinal, s in enumerate(event.sources):
            properties = {
                "sentence": s.sentence,
                "char_start": s.char_start,
                "char_end": s.char_end,
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
        return orjson.dumps(value).decode()
    if isinstance(value, list) and all(
        isinstance(v, int | float | str) and not isinstance(v, bool) for v in value
    ):
        return "[" + ", ".join(orjson.dumps(v).decode() for v in value) + "]"
    raise InvalidCypher(
        f"parameter ${name}: the embedded store takes strings, numbers, booleans, null "
        "and lists of strings or numbers"
    )


def _for_grand_cypher(token: Token, following: Token | None, params: dict[str, Any]) -> str:
    if token.kind == "param":
        name = token.text[1:].strip("`")
        if name not in params:
            raise InvalidCypher(f"parameter ${name} is used but not given in params")
        return _literal(params[name], name)
    if token.kind == "string" and token.text.startswith("'"):
        # grand-cypher reads double-quoted strings only; Neo4j users write single quotes.
        body = re.sub(
            r"\\(.)", lambda m: m.group(1) if m.group(1) == "'" else m.group(0), token.text[1:-1]
        )
        return '"' + body.replace('"', '\\"') + '"'
    if token.kind == "word" and token.text.upper() in AGGREGATES and following is not None:
        return token.text.upper() if following.text == "(" else token.text
    return token.text


def dialect(query: str, params: dict[str, Any]) -> str:
    """The query as grand-cypher reads it: parameters inlined as literals, 'single' quotes
    as "double", `count(` as `COUNT(`. Safe here: grand-cypher cannot write at all."""
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


def _error_message(exc: BaseException) -> str:
    if isinstance(exc, VisitError):
        exc = exc.orig_exc
    if isinstance(exc, UnexpectedInput):
        return str(exc).strip().splitlines()[0].strip()
    return f"{type(exc).__name__}: {exc}"


def _run_in_child(graph: nx.MultiDiGraph, text: str, row_limit: int, connection: Any) -> None:
    try:
        result = GrandCypher(graph).run(text)
        columns = [str(c) for c in result]
        values = [list(v) for v in result.values()]
        count = min((len(v) for v in values), default=0)
        rows = [[_json_value(v[i]) for v in values] for i in range(min(count, row_limit))]
        connection.send(("ok", columns, rows, count > row_limit))
    except (LarkError, Exception) as exc:  # everything becomes a message to the parent
        connection.send(("error", _error_message(exc)))
    finally:
        connection.close()


def run_query(graph: nx.MultiDiGraph, text: str, row_limit: int, timeout: float) -> Answer:
    """Run `text` on `graph` in a forked child; kill it at `timeout` seconds."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_run_in_child, args=(graph, text, row_limit, sender))
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeout(
                f"the query ran past its {timeout:g} s timeout (GRAPHSVC_CYPHER_TIMEOUT_SECONDS) "
                "and was stopped; "
                "narrow the MATCH or add a LIMIT"
            )
        message = receiver.recv()
    except EOFError as exc:
        raise InvalidCypher("the embedded Cypher engine stopped without an answer") from exc
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if message[0] == "error":
        raise InvalidCypher(f"embedded Cypher (grand-cypher): {message[1]}")
    _, columns, rows, truncated = message
    return Answer(columns=columns, rows=rows, truncated=truncated)
