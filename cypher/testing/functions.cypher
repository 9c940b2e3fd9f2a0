// Tooling only: the built-in functions of this Neo4j, for the Cypher linter's registry
// (tests/cypher_lint/dump_functions.py).
// Parameters: none.
// Returns: every column of SHOW FUNCTIONS.
SHOW FUNCTIONS YIELD *
