// The same-as candidates touching any of $ids, either direction, with both actors.
// Parameters: $ids (list of actor ids).
// Returns: actor, candidate (ids, as recorded), reason, refs ({id, name, kind} of both).
MATCH (x:Actor)
WHERE x.id IN $ids
MATCH (x)-[r:SAME_AS_CANDIDATE]-(:Actor)
WITH DISTINCT r
MATCH (a:Actor)-[r]->(b:Actor)
RETURN a.id AS actor, b.id AS candidate, r.reason AS reason,
       [a {.id, .name, .kind}, b {.id, .name, .kind}] AS refs
