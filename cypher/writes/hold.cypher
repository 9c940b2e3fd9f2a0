// A read's last resort: take the one write lock (writes/lock) without counting a write,
// so no batch commits while the rest of this transaction reads. Used only after every
// plain attempt of a read overlapped a commit (graphsvc.store.neo4j.consistency.StillChanging):
// writers wait for this read instead of tearing it. Setting the counter to itself takes
// the node's exclusive lock, held until the transaction ends; the count is unchanged.
// Parameters: none.
// Returns: writes (the counter, as writes/version reads it).
MATCH (l:WriteLock {id: 'graphsvc'})
SET l.writes = l.writes
RETURN l.writes AS writes
