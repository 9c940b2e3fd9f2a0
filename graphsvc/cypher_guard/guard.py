"""Refuse Cypher that writes, before it runs, on every store: a fast first filter.

On Neo4j the decision is the planner's (`graphsvc.cypher_guard.plan`): this guard is a second
lexer and may disagree with Neo4j's somewhere, so it only refuses early, with a clear
400, what is certainly not a read. On the embedded store it is the only guard, and
grand-cypher cannot write or reach outside the graph anyway. It is a deny-list of
clauses that write, administer or reach outside the graph, plus an allow-list of
read-only procedures: a `CALL` of anything else is refused, since a procedure's name
does not say if it writes.
"""

from __future__ import annotations

from graphsvc.cypher_guard.plan import READ_ONLY_PROCEDURES
from graphsvc.cypher_guard.tokens import Token, significant, tokenize
from graphsvc.errors import CypherRefused

#: Clauses and commands that write data, schema, users or databases, read files or URLs,
#: or show or end the server's state (settings, transactions, users).
WRITE_WORDS = frozenset(
    {
        "CREATE",
        "MERGE",
        "DELETE",
        "DETACH",
        "SET",
        "REMOVE",
        "FOREACH",
        "LOAD",
        "INSERT",
        "DROP",
        "ALTER",
        "RENAME",
        "GRANT",
        "DENY",
        "REVOKE",
        "START",
        "STOP",
        "TERMINATE",
        "USE",
        "SHOW",
    }
)

#: A word right after one of these is a name (property key, label, type, parameter).
_NAME_BEFORE = frozenset({".", ":", "|", "$"})
#: A word right before one of these is a name (map key, variable, label owner).
_NAME_AFTER = frozenset({":", ")", ",", ".", "}", "]", "="})


def _is_name(previous: Token | None, following: Token | None) -> bool:
    if previous is not None and previous.kind == "symbol" and previous.text in _NAME_BEFORE:
        return True
    if following is None:  # a clause keyword never ends a query
        return True
    return following.kind == "symbol" and following.text in _NAME_AFTER


def _procedure(tokens: list[Token], start: int) -> str | None:
    """The dotted name after `CALL`, or None for a subquery `CALL {` / `CALL (x) {`."""
    parts: list[str] = []
    index = start
    while index < len(tokens) and tokens[index].kind in ("word", "quoted"):
        parts.append(tokens[index].text.strip("`"))
        if index + 1 < len(tokens) and tokens[index + 1].text == ".":
            index += 2
            continue
        break
    return ".".join(parts) if parts else None


def check_read_only(query: str) -> None:
    """Raise CypherRefused naming the first refused clause; InvalidCypher if unreadable."""
    tokens = significant(tokenize(query))
    for index, token in enumerate(tokens):
        if token.kind != "word":
            continue
        previous = tokens[index - 1] if index else None
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if _is_name(previous, following):
            continue
        word = token.text.upper()
        if word in WRITE_WORDS:
            raise CypherRefused(
                f"{word} at offset {token.offset}: POST /cypher runs read-only queries "
                "(write with POST /records or POST /documents)"
            )
        if word == "CALL":
            name = _procedure(tokens, index + 1)
            known = {p.lower() for p in READ_ONLY_PROCEDURES}
            if name is not None and name.lower() not in known:
                allowed = ", ".join(sorted(READ_ONLY_PROCEDURES))
                raise CypherRefused(
                    f"CALL {name} at offset {token.offset}: only these read-only procedures "
                    f"may be called: {allowed}"
                )
