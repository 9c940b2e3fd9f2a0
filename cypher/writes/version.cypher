// How many write transactions have committed (the counter writes/lock increments).
// A read that finds the same number before and after its queries saw no batch commit
// in between, so it saw none half applied (Neo4j reads are read-committed per row).
// Parameters: none.
// Returns: writes (0 before the first write).
OPTIONAL MATCH (l:WriteLock {id: 'graphsvc'})
RETURN coalesce(l.writes, 0) AS writes
