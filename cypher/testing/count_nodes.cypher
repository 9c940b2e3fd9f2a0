// Tests only: how many nodes the database holds, to refuse emptying a database that
// has data in it by mistake.
// Parameters: none.
// Returns: nodes (count).
MATCH (n)
RETURN count(n) AS nodes
