// Tests and benches only: empty the database, in batches so a large graph never needs
// one huge transaction. Nodes of fewest edges go first (events: 3 each), so documents
// and actors, with up to 10^4 edges each at 10^6 events, have none left when their
// turn comes: detaching those with their edges overflowed the test Neo4j's memory.
// Parameters: none.
// Returns: nothing.
MATCH (n)
WITH n ORDER BY COUNT { (n)--() }
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
