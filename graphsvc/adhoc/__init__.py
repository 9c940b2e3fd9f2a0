"""Ad-hoc read-only Cypher (`POST /cypher`): the write guard, and running a query on each
store with a timeout and a row limit."""
