// Tests only: how many nodes and relationships the database holds (any label, any
// type), to check idempotent loads and to refuse emptying a database that has data.
// The write lock node (writes/lock) is not data and is not counted.
// Parameters: none.
// Returns: nodes, relationships.
CALL () { MATCH (n) WHERE NOT n:WriteLock RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
