// Tests only: how many nodes and relationships the database holds (any label, any
// type), to check idempotent loads and to refuse emptying a database that has data.
// Parameters: none.
// Returns: nodes, relationships.
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
