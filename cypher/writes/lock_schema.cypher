// The constraint that keeps the write lock (writes/lock) a single node: two writers
// that MERGE it at once on an empty database find one node, never create two.
// Applied at start-up after schema; IF NOT EXISTS makes it idempotent.
// Parameters: none.
CREATE CONSTRAINT write_lock_id IF NOT EXISTS FOR (l:WriteLock) REQUIRE l.id IS UNIQUE
