// Change stamps (docs/consistency.md): mark the whole graph as changed by the write transaction
// whose counter is $writes (the write lock's `shown_changed`), in that transaction, so
// every kept answer goes stale. For changes whose reach is not worth working out
// (actor merges: ids redirect, participations and reported_by move).
// Parameters: $writes (this transaction's write counter).
// Returns: writes.
MATCH (l:WriteLock {id: 'graphsvc'})
SET l.shown_changed = $writes
RETURN l.shown_changed AS writes
