// Tests and benches only: empty the database, in batches so a large graph never needs
// one huge transaction: edges first (a node of 10^4 edges detached with 10^4 others
// overflowed the test Neo4j's transaction memory), then the nodes.
// Parameters: none. Statements are separated by semicolons and run one by one.
// Returns: nothing.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
