// Tests only: empty the database between contract tests, in batches so a large graph
// never needs one huge transaction.
// Parameters: none.
// Returns: nothing.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
