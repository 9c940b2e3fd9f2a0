"""Dangerous Cypher, and the ways an attacker dresses it up to slip past a guard.

Each payload reaches outside the graph (files, URLs, settings, other clients'
transactions, users, other databases) or changes something. Each variant is a
rewriting that Neo4j reads as the same query, or as a query that runs the payload:
line breaks of every kind after a `//` comment, comments, escapes, backquotes, case and
whitespace changes, and nesting in `CALL {}` subqueries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: name -> payload; `{http}` is replaced by the test Neo4j's own HTTP address.
PAYLOADS: dict[str, str] = {
    "csv_passwd": "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l LIMIT 3",
    "csv_environ": "LOAD CSV FROM 'file:///proc/self/environ' AS l RETURN l",
    "csv_http_local": "LOAD CSV FROM '{http}/' AS l RETURN l LIMIT 3",
    "csv_headers_https": "LOAD CSV WITH HEADERS FROM 'https://example.org/x.csv' AS r RETURN r",
    "list_config": "CALL dbms.listConfig() YIELD name, value RETURN name, value",
    "query_jmx": "CALL dbms.queryJmx('org.neo4j:*') YIELD name RETURN name",
    "list_connections": "CALL dbms.listConnections() YIELD connectionId RETURN connectionId",
    "kill_connections": "CALL dbms.killConnections(['bolt-1', 'bolt-2'])",
    "dbms_info": "CALL dbms.info() YIELD id, name RETURN id, name",
    "create_label": "CALL db.createLabel('Intruder')",
    "create_property": "CALL db.createProperty('intruder')",
    "clear_caches": "CALL db.clearQueryCaches()",
    "stats_collect": "CALL db.stats.collect('QUERIES')",
    "set_tx_metadata": "CALL tx.setMetaData({intruder: true})",
    "vector_property": (
        "MATCH (a:Actor) CALL db.create.setNodeVectorProperty(a, 'v', [1.0]) RETURN a"
    ),
    "show_settings": "SHOW SETTINGS YIELD name, value RETURN name, value",
    "show_transactions": "SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery",
    "show_users": "SHOW USERS",
    "show_databases": "SHOW DATABASES",
    "show_procedures": "SHOW PROCEDURES YIELD name RETURN name",
    "show_current_user": "SHOW CURRENT USER",
    "terminate": "TERMINATE TRANSACTIONS 'neo4j-transaction-1', 'neo4j-transaction-2'",
    "use_system": "USE system MATCH (n) RETURN n",
    "use_system_show": "USE system SHOW USERS",
    "create_user": "CREATE USER intruder SET PASSWORD 'intruder-password' CHANGE NOT REQUIRED",
    "create_node": "CREATE (:Intruder {id: 'intruder'})",
    "set_name": "MATCH (a:Actor) SET a.name = 'pwned' RETURN a.name",
    "detach_delete": "MATCH (n) DETACH DELETE n",
    "merge": "MERGE (a:Actor {id: 'person:intruder'}) RETURN a",
    "drop_constraint": "DROP CONSTRAINT actor_id IF EXISTS",
}

#: Every line terminator and paragraph separator Unicode and Cypher know.
LINE_BREAKS = ["\r", "\n", "\r\n", "\u2028", "\u2029", "\u0085", "\u000b", "\u000c"]
#: Whitespace characters a lexer may or may not treat as space.
SPACES = ["\t", "\u00a0", "\u2003", "\u3000", "\u202f", "\u1680", "\u001c"]


def _alternate_case(text: str) -> str:
    """`LoAd CsV fRoM` on the words outside quotes (quoted text keeps its meaning)."""
    parts = re.split(r"('[^']*')", text)
    return "".join(
        part
        if part.startswith("'")
        else "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(part))
        for part in parts
    )


def _backquote_procedure(text: str) -> str:
    """`CALL dbms.listConfig()` as `CALL `dbms`.`listConfig`()`."""
    return re.sub(
        r"CALL ([\w.]+)\(",
        lambda m: "CALL " + ".".join(f"`{p}`" for p in m.group(1).split(".")) + "(",
        text,
    )


def _escape_strings(text: str) -> str:
    """Each `/` inside quotes written as the Cypher escape `\\u002F`."""
    return re.sub(r"'[^']*'", lambda m: m.group().replace("/", "\\u002F"), text)


def variants(payload: str) -> Iterator[tuple[str, str]]:
    """(name, query) pairs, each a way to send `payload`."""
    yield "plain", payload
    for index, breaker in enumerate(LINE_BREAKS):
        yield f"line_comment_then_break_{index}", f"// harmless{breaker}{payload}"
        yield f"break_in_query_{index}", payload.replace(" ", breaker, 1)
    yield "block_comment", f"/* harmless */ {payload}"
    yield "block_comment_with_cr", f"/*\r*/{payload}"
    yield "trailing_comment", f"{payload} // RETURN 1"
    yield "lower_case", payload.lower() if "'" not in payload else payload
    yield "alternate_case", _alternate_case(payload)
    for index, space in enumerate(SPACES):
        yield f"space_{index}", payload.replace(" ", space)
    yield "backquoted_procedure", _backquote_procedure(payload)
    yield "escaped_strings", _escape_strings(payload)
    yield "call_subquery", f"CALL () {{ {payload} }} RETURN 1 AS x"
    yield "old_call_subquery", f"CALL {{ {payload} }} RETURN 1 AS x"
    yield "nested_subqueries", f"CALL () {{ CALL () {{ {payload} }} RETURN 1 AS y }} RETURN 1 AS x"
    yield "union", f"RETURN 1 AS l UNION ALL {payload}"
    yield "cypher_option", f"CYPHER 5 {payload}"
    yield "runtime_option", f"CYPHER runtime=slotted {payload}"
    yield "unicode_escape_in_name", payload.replace("CALL db", "CALL `d\\u0062`", 1)


def attempts(http: str) -> list[tuple[str, str]]:
    """Every (id, query) of the attack suite, with `{http}` filled in."""
    found: dict[str, str] = {}
    for name, payload in PAYLOADS.items():
        for variant, query in variants(payload.replace("{http}", http)):
            found.setdefault(f"{name}-{variant}", query)
    return list(found.items())
