// Once per process at start-up, after schema: wait until every index is online (a
// full-text index created on a graph written before it is filled from what is stored;
// queries on an index still filling fail).
// Parameters: $seconds (longest wait).
// Returns: nothing.
CALL db.awaitIndexes($seconds)
