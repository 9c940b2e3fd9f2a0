// The first statement of every write transaction: take the one write lock, so batches
// from every process and thread are written one after another. Each reads what it
// replaces only once the previous batch has committed, so merged aliases and sources
// are never lost. The lock node is held (write-locked) until the transaction ends;
// readers never wait for it. MERGE is safe under concurrency thanks to the
// write_lock_id constraint (writes/lock_schema). Counted by no statistic.
// Parameters: none.
// Returns: writes (how many write transactions have taken the lock).
MERGE (l:WriteLock {id: 'graphsvc'})
SET l.writes = coalesce(l.writes, 0) + 1
RETURN l.writes AS writes
