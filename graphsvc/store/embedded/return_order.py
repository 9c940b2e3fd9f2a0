"""The columns of an embedded `POST /cypher` answer in the order, and under the names,
the query's RETURN gives them, as Neo4j answers.

grand-cypher puts grouping keys before aggregates (`RETURN count(e) AS n, a.kind AS k`
comes back as `k, n`) and names an unaliased aggregate in capitals (`COUNT(e)`), so a
client that reads columns by position gets them swapped on one store and not the other.
The RETURN items are read from the query's tokens; when they cannot be matched one to
one with grand-cypher's columns (`RETURN *`, a form this reader does not know), the
answer is left as grand-cypher gave it.
"""

from __future__ import annotations

from typing import Any

from graphsvc.cypher_guard.tokens import Token, tokenize

#: Words that end a RETURN's list of items (at the top level, not as a property key).
ENDS = frozenset({"ORDER", "SKIP", "LIMIT", "UNION"})
OPEN, CLOSE = "([{", ")]}"


def _items(query: str) -> list[list[Token]] | None:
    """The items of the query's last top-level RETURN, each as its tokens."""
    tokens = [t for t in tokenize(query) if t.kind not in ("space", "comment")]
    depth, start = 0, None
    for i, token in enumerate(tokens):
        if token.kind == "symbol":
            depth += (token.text in OPEN) - (token.text in CLOSE)
        elif depth == 0 and token.kind == "word" and token.text.lower() == "return":
            start = i + 1
    if start is None:
        return None
    items: list[list[Token]] = [[]]
    depth = 0
    for before, token in zip(tokens[start - 1 :], tokens[start:], strict=False):
        word = token.text.upper() if token.kind == "word" else None
        if depth == 0 and word in ENDS and before.text != ".":
            break
        if token.kind == "symbol":
            depth += (token.text in OPEN) - (token.text in CLOSE)
            if depth == 0 and token.text == ",":
                items.append([])
                continue
        items[-1].append(token)
    first = items[0]
    if first and first[0].kind == "word" and first[0].text.upper() == "DISTINCT":
        items[0] = first[1:]
    return items if all(items) else None


def _alias(item: list[Token]) -> str | None:
    if len(item) >= 3 and item[-2].kind == "word" and item[-2].text.upper() == "AS":
        name = item[-1].text
        return name[1:-1].replace("``", "`") if item[-1].kind == "quoted" else name
    return None


def _key(text: str) -> str:
    return "".join(text.split()).lower()


def _written(query: str, item: list[Token]) -> str:
    """An unaliased item's column name: its text as written, as Neo4j names it."""
    last = item[-1]
    return query[item[0].offset : last.offset + len(last.text)]


def in_return_order(
    query: str, ran: str, columns: list[str], rows: list[list[Any]]
) -> tuple[list[str], list[list[Any]]]:
    """`columns` and `rows` as `query`'s RETURN orders and names them; `ran` is the
    text grand-cypher ran (`adhoc.dialect`: parameters inlined, aggregates in capitals),
    whose items give the names grand-cypher used."""
    written, seen = _items(query), _items(ran)
    if written is None or seen is None or not len(written) == len(seen) == len(columns):
        return columns, rows
    position = {_key(name): i for i, name in enumerate(columns)}
    order: list[int] = []
    names: list[str] = []
    for mine, theirs in zip(written, seen, strict=True):
        alias = _alias(mine)
        key = _key(alias if alias is not None else "".join(t.text for t in theirs))
        if key not in position:
            return columns, rows
        order.append(position[key])
        names.append(alias if alias is not None else _written(query, mine))
    if sorted(order) != list(range(len(columns))):
        return columns, rows
    return names, [[row[i] for i in order] for row in rows]
