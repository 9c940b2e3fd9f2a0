// Record weak cross-document matches, never merged silently: one SAME_AS_CANDIDATE
// edge per (actor, candidate); a newer reason replaces the stored one. The type is
// fixed here; both actors exist (checked by the caller).
// Parameters: $rows: [{actor, candidate, reason}].
// Returns: written (count).
UNWIND $rows AS row
MATCH (a:Actor {id: row.actor})
MATCH (b:Actor {id: row.candidate})
MERGE (a)-[r:SAME_AS_CANDIDATE]->(b)
SET r.reason = row.reason
RETURN count(r) AS written
