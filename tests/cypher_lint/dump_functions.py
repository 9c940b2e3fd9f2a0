"""Write the built-in functions of the test Neo4j to neo4j-functions.json.

The linter needs a function registry to flag unknown functions; this one comes from
the real Neo4j (`SHOW FUNCTIONS`), the same version the suite runs. Rerun after
changing the Neo4j version in tests/neo4j/pom.xml:

    .venv/bin/python tests/cypher_lint/dump_functions.py
"""

from __future__ import annotations

import json
from pathlib import Path

from neo4j import GraphDatabase

from graphsvc.store.cypher import load_query
from tests.neo4j_fixture import neo4j_target

OUTPUT = Path(__file__).resolve().parent / "neo4j-functions.json"
FIELDS = (
    "name",
    "category",
    "description",
    "isBuiltIn",
    "argumentDescription",
    "returnDescription",
    "signature",
    "aggregating",
    "isDeprecated",
    "deprecatedBy",
)


def main() -> None:
    targets = neo4j_target()
    target = next(targets)
    try:
        auth = (target.user, target.password) if target.password else None
        with GraphDatabase.driver(target.uri, auth=auth) as driver:
            records, _, _ = driver.execute_query(
                load_query("testing/functions"), database_=target.database
            )
            version = driver.get_server_info().agent
    finally:
        targets.close()
    functions = {r["name"]: {f: r.get(f) for f in FIELDS} for r in records}
    payload = {"neo4j": version, "CYPHER 5": dict(sorted(functions.items()))}
    OUTPUT.write_text(json.dumps(payload, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(functions)} functions of {version} written to {OUTPUT}")


if __name__ == "__main__":
    main()
